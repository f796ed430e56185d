/**
 * Reading policies/<partnership-id>/<version>.yaml (and closures.yaml) from disk.
 * An invalid file is reported and left out; it never stops the others loading.
 */
import fs from "node:fs";
import path from "node:path";
import { parseYaml, plainEnglishErrors, type FileErrors } from "@/lib/calendar/data-file";
import { displayPath } from "@/lib/calendar/display-path";
import { parseClosuresFile, type Closure } from "@/lib/calendar/holiday-data";
import { checkMovesAcrossVersions } from "./cross-checks";
import { REGIONS_FOLDER, loadRegionFile, mergeLayers, mergedIssueMessages, regionFiles, resolveParent } from "./layers";
import { PolicySchema, parsePolicyData, policyRef, type Policy, type PolicyParseResult } from "./parse";

export const DEFAULT_POLICY_DIR = "policies";
export const CLOSURES_FILE = "closures.yaml";
/**
 * Folders under policies/ that are not partnerships: holiday data, example policies that show
 * the format (never loaded), and regional procedures that partnerships' files extend.
 */
const RESERVED_FOLDERS = new Set(["calendars", "examples", REGIONS_FOLDER]);

export type LoadResult = {
  policies: Policy[];
  errors: FileErrors[];
  /** Closure days by partnership id, from policies/<id>/closures.yaml. */
  closures: Map<string, Closure[]>;
  /** The valid region files (policies/regions/<id>/<version>.yaml); invalid ones are in errors. */
  regionFiles: string[];
};

/**
 * A local supplement (a file with `extends`) merged with the region it names
 * (policies/regions/, beside the partnerships' folders), then checked as a whole policy.
 */
function parseSupplement(data: Record<string, unknown>, file: string): PolicyParseResult {
  const shown = displayPath(file);
  const resolved = resolveParent(data.extends, path.join(/*turbopackIgnore: true*/ path.dirname(path.dirname(path.resolve(file))), REGIONS_FOLDER), [
    path.resolve(file),
  ]);
  if (!resolved.ok) return resolved;
  const merged = mergeLayers(resolved.layer, { file: shown, data });
  if (merged.errors.length > 0) return { ok: false, messages: merged.errors };
  const parsed = PolicySchema.safeParse(merged.data, { error: plainEnglishErrors });
  if (!parsed.success) return { ok: false, messages: mergedIssueMessages(parsed.error.issues, merged.provenance, shown, resolved.parent.file) };
  return { ok: true, policy: { ...parsed.data, ref: policyRef(parsed.data), file: shown, extends: resolved.parent } };
}

/** Parses one policy file and checks it sits where its contents say: policies/<partnership.id>/<version>.yaml. */
export function loadPolicyFile(file: string): PolicyParseResult {
  const shown = displayPath(file);
  const yaml = parseYaml(fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8"));
  if (!yaml.ok) return yaml;
  const data = yaml.data;
  const result =
    typeof data === "object" && data !== null && !Array.isArray(data) && "extends" in data
      ? parseSupplement(data as Record<string, unknown>, file)
      : parsePolicyData(data, shown);
  if (!result.ok) return result;
  const messages: string[] = [];
  const folder = path.basename(path.dirname(path.resolve(file)));
  const stem = path.basename(file).replace(/\.ya?ml$/, "");
  if (result.policy.partnership.id !== folder) {
    messages.push(`partnership.id: expected "${folder}" (the folder the file is in), found "${result.policy.partnership.id}"`);
  }
  if (result.policy.version !== stem) {
    messages.push(`version: expected "${stem}" (the file name), found "${result.policy.version}"`);
  }
  return messages.length > 0 ? { ok: false, messages } : result;
}

export function loadPolicies(dir: string = DEFAULT_POLICY_DIR): LoadResult {
  const result: LoadResult = { policies: [], errors: [], closures: new Map(), regionFiles: [] };
  if (!fs.existsSync(/*turbopackIgnore: true*/ dir)) {
    result.errors.push({ file: displayPath(dir), messages: ["folder not found"] });
    return result;
  }
  const folders = fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !RESERVED_FOLDERS.has(e.name))
    .map((e) => e.name)
    .sort();
  for (const folder of folders) {
    const folderPath = path.join(/*turbopackIgnore: true*/ dir, folder);
    for (const name of fs
      .readdirSync(/*turbopackIgnore: true*/ folderPath)
      .filter((n) => n.endsWith(".yaml"))
      .sort()) {
      const file = path.join(/*turbopackIgnore: true*/ folderPath, name);
      if (name === CLOSURES_FILE) {
        const closures = parseClosuresFile(fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8"));
        if (!closures.ok) result.errors.push({ file: displayPath(file), messages: closures.messages });
        else if (closures.value.partnership !== folder) {
          result.errors.push({
            file: displayPath(file),
            messages: [`partnership: expected "${folder}" (the folder the file is in), found "${closures.value.partnership}"`],
          });
        } else result.closures.set(folder, closures.value.closures);
        continue;
      }
      const parsed = loadPolicyFile(file);
      if (parsed.ok) result.policies.push(parsed.policy);
      else result.errors.push({ file: displayPath(file), messages: parsed.messages });
    }
  }
  for (const file of regionFiles(path.join(/*turbopackIgnore: true*/ dir, REGIONS_FOLDER))) {
    const region = loadRegionFile(file);
    if (region.ok) result.regionFiles.push(displayPath(file));
    else result.errors.push({ file: displayPath(file), messages: region.messages });
  }
  rejectConflicts(result);
  rejectBadMoves(result);
  return result;
}

/** Rules across versions: movesFrom names an older version of the same partnership, and stages it has (checkMovesAcrossVersions). */
function rejectBadMoves(result: LoadResult): void {
  const all = result.policies;
  result.policies = all.filter((policy) => {
    const problems = checkMovesAcrossVersions(policy, all);
    if (problems.length === 0) return true;
    result.errors.push({ file: policy.file ?? policy.ref, messages: problems.map((p) => `${p.path}: ${p.message}`) });
    return false;
  });
}

/** Rules across files: one version per effective date, one partnership per code. */
function rejectConflicts(result: LoadResult): void {
  const kept: Policy[] = [];
  const byDate = new Map<string, Policy>();
  const codeOwner = new Map<string, string>();
  for (const policy of result.policies) {
    const file = policy.file ?? policy.ref;
    const dateKey = `${policy.partnership.id} ${policy.effectiveFrom}`;
    const clash = byDate.get(dateKey);
    if (clash) {
      result.errors.push({
        file,
        messages: [`effectiveFrom: ${policy.effectiveFrom} is also the effective date of ${clash.file ?? clash.ref}; each version needs its own date`],
      });
      continue;
    }
    const owner = codeOwner.get(policy.partnership.code);
    if (owner !== undefined && owner !== policy.partnership.id) {
      result.errors.push({
        file,
        messages: [
          policy.partnership.codeNotStated
            ? `partnership.code: not stated, so Parley made "${policy.partnership.code}" from the partnership's id, which is already the code of partnership "${owner}"; state a code of your own`
            : `partnership.code: "${policy.partnership.code}" is already the code of partnership "${owner}"; codes must be unique`,
        ],
      });
      continue;
    }
    byDate.set(dateKey, policy);
    codeOwner.set(policy.partnership.code, policy.partnership.id);
    kept.push(policy);
  }
  result.policies = kept;
}
