/**
 * Layering: a regional procedure (policies/regions/<region-id>/<version>.yaml)
 * with local supplements. A partnership's file that says
 *   extends: { region: south-coast, version: "2026-1" }
 * gives only what it adds or overrides; it is merged with the region's file
 * (and the region with any region it extends in turn) and the MERGED document
 * is checked by the ordinary schema and cross-checks. Every error names the
 * merged path and says which file the offending value came from.
 *
 * Merge rules (docs/policy-format.md, "Layering"):
 * - the document, `areas`, `immediateRisk` and every item of a list merged by
 *   id are merged field by field: a field the local file gives replaces the
 *   region's, a field it leaves out is the region's;
 * - lists merged by id (KEYED below): an item with the id of one of the
 *   region's is merged into it field by field (`replace: true`: replaces it
 *   whole; `remove: true`: removes it); an item with a new id is added at the
 *   end, or after the item named by `addAfter`;
 * - lists of notes (ADDED_TO below): the local file's are added after the region's;
 * - any other value (text, a number, a list, or a group of fields such as
 *   `party`, `from`, `source`) is replaced whole.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { formatPath, issueMessages, parseYaml, plainEnglishErrors } from "@/lib/calendar/data-file";
import { displayPath } from "@/lib/calendar/display-path";
import { PolicyShape } from "./schema";

export const REGIONS_FOLDER = "regions";

type Path = (string | number)[];
type Data = Record<string, unknown>;

/** The region a policy (or a region) extends, as recorded in the loaded Policy. */
export type PolicyParent = {
  readonly region: string;
  readonly version: string;
  /** The region's name (region.name in its file). */
  readonly name: string;
  readonly file: string;
  /** The region that region extends in turn, if any. */
  readonly extends?: PolicyParent;
};

const KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const ExtendsSchema = z
  .strictObject({
    region: z.string().regex(KEY, { error: 'expected a region id: lower-case letters, digits and single hyphens, e.g. "south-coast"' }),
    version: z
      .string({ error: 'expected the region\'s version as text in quotes, e.g. "2026-1"' })
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'expected letters, digits, dots or hyphens, e.g. "2026-1"' }),
  })
  .meta({
    description:
      "This file is a supplement to a regional procedure: policies/regions/<region>/<version>.yaml. It gives only what it adds or overrides (see docs/policy-format.md, Layering).",
  });

export const RegionInfoSchema = z
  .strictObject({
    id: z.string().regex(KEY, { error: 'expected a region id: lower-case letters, digits and single hyphens, e.g. "south-coast"' }),
    name: z.string().min(1),
  })
  .meta({ description: "A regional procedure's identity (in policies/regions/<id>/<version>.yaml): partnerships' files extend it." });

/**
 * A region file on its own: any of a policy's fields (no partnership), each
 * whole where given, plus `region` and `version`. The cross-checks run on each
 * partnership's file merged with it.
 */
export const RegionShape = PolicyShape.omit({ partnership: true, movesFrom: true })
  .partial()
  .extend({ region: RegionInfoSchema, version: PolicyShape.shape.version, extends: ExtendsSchema.optional() });

/** Lists merged by id: the fields that identify an item. */
export const KEYED: Readonly<Record<string, { keys: readonly string[]; noun: string }>> = {
  contacts: { keys: ["id"], noun: "contact" },
  populations: { keys: ["id"], noun: "population" },
  "populations[].contacts": { keys: ["id"], noun: "contact" },
  events: { keys: ["id"], noun: "event" },
  roleEquivalents: { keys: ["agencyType", "level"], noun: "role equivalent" },
  "areas.items": { keys: ["id"], noun: "area" },
  outOfScope: { keys: ["id"], noun: "out-of-scope entry" },
  routes: { keys: ["id"], noun: "route" },
  "routes[].stages": { keys: ["key"], noun: "stage" },
  "routes[].budgets": { keys: ["id"], noun: "shared deadline" },
  "routes[].ownership": { keys: ["id"], noun: "ownership rule" },
  "routes[].stages[].records": { keys: ["id"], noun: "record" },
  "routes[].stages[].forms": { keys: ["id"], noun: "form" },
  "routes[].stages[].deadlines": { keys: ["id"], noun: "deadline" },
  "routes[].stages[].onResolution": { keys: ["id"], noun: "obligation on resolution" },
  "routes[].stages[].branches": { keys: ["id"], noun: "branch" },
  "routes[].stages[].branches[].deadlines": { keys: ["id"], noun: "deadline" },
};
/** Lists the local file adds to (after the region's). */
export const ADDED_TO: ReadonlySet<string> = new Set([
  "immediateRisk.guidance",
  "routes[].notes",
  "routes[].stages[].notes",
  "routes[].stages[].branches[].notes",
]);
/** Groups of fields merged field by field (besides items of KEYED lists). */
export const FIELD_BY_FIELD: ReadonlySet<string> = new Set(["", "areas", "immediateRisk"]);
/** Words an item of a KEYED list may carry in a local file, about the merge itself. */
export const MERGE_WORDS = ["remove", "replace", "addAfter"] as const;

/** routes[2].stages[0] → "routes[].stages[]": where in the format a path is. */
export function shapeOf(p: readonly (string | number)[]): string {
  return formatPath(p.map((x) => (typeof x === "number" ? -1 : x))).replace(/\[-1\]/g, "[]");
}

const isObject = (v: unknown): v is Data => typeof v === "object" && v !== null && !Array.isArray(v);

type Source = { file: string; path: Path };
type Rec = { local?: Path; parent?: Path };

/** Where each part of a merged document came from. */
export class Provenance {
  constructor(
    readonly file: string,
    private readonly records?: ReadonlyMap<string, Rec>,
    private readonly parent?: Provenance,
  ) {}

  sourcesOf(p: Path): Source[] {
    if (!this.records) return [{ file: this.file, path: p }];
    for (let i = p.length; i >= 0; i--) {
      const rec = this.records.get(formatPath(p.slice(0, i)));
      if (!rec) continue;
      const rest = p.slice(i);
      return [
        ...(rec.local ? [{ file: this.file, path: [...rec.local, ...rest] }] : []),
        ...(rec.parent && this.parent ? this.parent.sourcesOf([...rec.parent, ...rest]) : []),
      ];
    }
    return [{ file: this.file, path: p }];
  }
}

type Layer = { file: string; data: Data; provenance: Provenance; parent?: PolicyParent };

/** Merges a local file's data over its parent's (both plain YAML data). Errors name the local file's paths. */
export function mergeLayers(parent: Layer, local: { file: string; data: Data }): { data: Data; provenance: Provenance; errors: string[] } {
  const records = new Map<string, Rec>();
  const errors: string[] = [];
  const note = (merged: Path, rec: Rec) => records.set(formatPath(merged), rec);

  const mergeObject = (p: Data, l: Data, at: Path, pp: Path, lp: Path): Data => {
    note(at, { local: lp, parent: pp });
    const out: Data = {};
    for (const k of new Set([...Object.keys(p), ...Object.keys(l)])) {
      if (!(k in l)) {
        out[k] = p[k];
        note([...at, k], { parent: [...pp, k] });
      } else if (!(k in p)) {
        out[k] = l[k];
        note([...at, k], { local: [...lp, k] });
      } else out[k] = value(p[k], l[k], [...at, k], [...pp, k], [...lp, k]);
    }
    return out;
  };

  type Entry = { key: string; p?: number; l?: number; item: unknown };
  const mergeKeyed = (p: unknown[], l: unknown[], at: Path, pp: Path, lp: Path, keyed: (typeof KEYED)[string]): unknown[] => {
    const keyOf = (item: unknown) =>
      isObject(item) && keyed.keys.every((k) => typeof item[k] === "string") ? keyed.keys.map((k) => item[k] as string).join("/") : null;
    const entries: Entry[] = p.map((item, i) => ({ key: keyOf(item) ?? `#${i}`, p: i, item }));
    const seen = new Set<string>();
    l.forEach((item, j) => {
      const where = formatPath([...lp, j]);
      const k = keyOf(item);
      if (k === null || !isObject(item)) {
        errors.push(
          `${where}: needs ${keyed.keys.map((x) => `"${x}"`).join(" and ")}, to say which ${keyed.noun} of the region it changes (or that it adds a new one)`,
        );
        return;
      }
      if (seen.has(k)) {
        errors.push(`${where}: ${keyed.noun} "${k}" is given twice in this list`);
        return;
      }
      seen.add(k);
      const { remove, replace, addAfter, ...rest } = item;
      const idx = entries.findIndex((e) => e.key === k && e.p !== undefined);
      if (remove !== undefined) {
        if (remove !== true) errors.push(`${where}.remove: expected true (to remove the region's ${keyed.noun} "${k}")`);
        else if (idx < 0) errors.push(`${where}: the region has no ${keyed.noun} "${k}" here to remove`);
        else if (Object.keys(rest).length > keyed.keys.length)
          errors.push(`${where}: a ${keyed.noun} that is removed needs nothing but its ${keyed.keys.join(" and ")}`);
        else entries.splice(idx, 1);
        return;
      }
      if (replace !== undefined && replace !== true) errors.push(`${where}.replace: expected true (to replace the region's ${keyed.noun} "${k}" whole)`);
      if (idx >= 0) {
        if (addAfter !== undefined) errors.push(`${where}.addAfter: "${k}" is already in the region and keeps its place; addAfter is only for adding`);
        entries[idx] = replace === true ? { key: k, l: j, item: rest } : { key: k, p: entries[idx]!.p, l: j, item: rest };
        return;
      }
      if (replace === true) {
        errors.push(`${where}: the region has no ${keyed.noun} "${k}" here to replace`);
        return;
      }
      if (addAfter === undefined) entries.push({ key: k, l: j, item: rest });
      else {
        const after = entries.findIndex((e) => e.key === addAfter);
        if (after < 0) errors.push(`${where}.addAfter: no ${keyed.noun} "${String(addAfter)}" to add it after`);
        else entries.splice(after + 1, 0, { key: k, l: j, item: rest });
      }
    });
    note(at, { local: lp, parent: pp });
    return entries.map((e, i) => {
      const itemAt = [...at, i];
      if (e.l === undefined) {
        note(itemAt, { parent: [...pp, e.p!] });
        return p[e.p!];
      }
      if (e.p === undefined) {
        note(itemAt, { local: [...lp, e.l] });
        return e.item;
      }
      const parentItem = p[e.p];
      return isObject(parentItem) ? mergeObject(parentItem, e.item as Data, itemAt, [...pp, e.p], [...lp, e.l]) : e.item;
    });
  };

  const value = (p: unknown, l: unknown, at: Path, pp: Path, lp: Path): unknown => {
    const shape = shapeOf(at);
    const keyed = KEYED[shape];
    if (keyed && Array.isArray(p) && Array.isArray(l)) return mergeKeyed(p, l, at, pp, lp, keyed);
    if (ADDED_TO.has(shape) && Array.isArray(p) && Array.isArray(l)) {
      note(at, { local: lp, parent: pp });
      p.forEach((_, i) => note([...at, i], { parent: [...pp, i] }));
      l.forEach((_, j) => note([...at, p.length + j], { local: [...lp, j] }));
      return [...p, ...l];
    }
    if (FIELD_BY_FIELD.has(shape) && isObject(p) && isObject(l)) return mergeObject(p, l, at, pp, lp);
    note(at, { local: lp });
    return l;
  };

  const { region: _region, extends: _parentExtends, ...parentData } = parent.data;
  const { extends: _extends, ...localData } = local.data;
  const data = mergeObject(parentData, localData, [], [], []);
  return { data, provenance: new Provenance(local.file, records, parent.provenance), errors };
}

/** "(in this file at …; it extends …)": where an error in a merged document came from. */
export function whereFrom(sources: readonly Source[], mergedPath: Path, localFile: string, parentFile: string): string {
  const at = (s: Source, always: boolean) =>
    s.path.length === 0 || (!always && formatPath(s.path) === formatPath(mergedPath)) ? "" : ` at ${formatPath(s.path)}`;
  const mine = sources.filter((s) => s.file === localFile);
  const others = sources.filter((s) => s.file !== localFile);
  const theirs = others.map((s) => `${s.file}${at(s, true)}`).join(" and ");
  if (others.length === 0) return `in this file${mine[0] ? at(mine[0], false) : ""}, which extends ${parentFile}`;
  if (mine.length === 0) return `from ${theirs}, a region this file extends`;
  return `in this file${at(mine[0]!, false)} merged with ${theirs}, which it extends`;
}

/** One line per zod issue in a merged document, each saying where the value came from. */
export function mergedIssueMessages(issues: readonly z.core.$ZodIssue[], provenance: Provenance, localFile: string, parentFile: string): string[] {
  const lines: string[] = [];
  const line = (p: Path, message: string) => {
    const where = whereFrom(provenance.sourcesOf(p), p, localFile, parentFile);
    lines.push(`${p.length === 0 ? "" : `${formatPath(p)}: `}${message} (${where})`);
  };
  for (const iss of issues) {
    const p = iss.path.filter((x): x is string | number => typeof x !== "symbol");
    if (iss.code === "unrecognized_keys") {
      for (const key of iss.keys) {
        const theRegions = provenance.sourcesOf([...p, key]).every((src) => src.file !== localFile);
        line(
          [...p, key],
          theRegions
            ? `the region's field "${key}" does not fit with this file's changes to the item (to replace the region's item whole, give it replace: true)`
            : `unknown field "${key}" (check the spelling; field names are case-sensitive)`,
        );
      }
    } else line(p, iss.message);
  }
  return lines;
}

export type ResolvedParent = { ok: true; layer: Layer; parent: PolicyParent } | { ok: false; messages: string[] };

/**
 * The region a file extends, merged with any region it extends in turn.
 * `regionsDir` is the folder holding regions (policies/regions); `chain` the
 * files already on the way (to report a circle).
 */
export function resolveParent(ext: unknown, regionsDir: string, chain: readonly string[]): ResolvedParent {
  const parsed = ExtendsSchema.safeParse(ext, { error: plainEnglishErrors });
  if (!parsed.success) {
    return {
      ok: false,
      messages: parsed.error.issues.map((i) => {
        const p = ["extends", ...i.path.filter((x): x is string | number => typeof x !== "symbol")];
        return i.code === "unrecognized_keys"
          ? `extends: unknown field${i.keys.length > 1 ? "s" : ""} ${i.keys.map((k) => `"${k}"`).join(", ")} (give region and version)`
          : `${formatPath(p)}: ${i.message}`;
      }),
    };
  }
  const { region, version } = parsed.data;
  const folder = path.join(/*turbopackIgnore: true*/ regionsDir, region);
  const file = path.join(/*turbopackIgnore: true*/ folder, `${version}.yaml`);
  const shown = displayPath(file);
  if (!fs.existsSync(/*turbopackIgnore: true*/ folder)) {
    return { ok: false, messages: [`extends.region: no region "${region}" (expected its files in ${displayPath(folder)}/)`] };
  }
  if (!fs.existsSync(/*turbopackIgnore: true*/ file)) {
    const versions = fs
      .readdirSync(/*turbopackIgnore: true*/ folder)
      .filter((n) => n.endsWith(".yaml"))
      .map((n) => n.replace(/\.yaml$/, ""))
      .sort();
    return {
      ok: false,
      messages: [
        `extends.version: region "${region}" has no version "${version}" (expected ${shown}; it has ${versions.length > 0 ? versions.map((v) => `"${v}"`).join(", ") : "none"})`,
      ],
    };
  }
  if (chain.includes(path.resolve(file))) {
    const names = [...chain, path.resolve(file)].map((f) => displayPath(f));
    return { ok: false, messages: [`extends: the regions go round in a circle (${names.join(" → ")}); a chain of regions must end`] };
  }
  const loaded = loadRegionFile(file, chain);
  if (!loaded.ok) {
    if (loaded.circle) return { ok: false, messages: loaded.messages };
    return { ok: false, messages: [`extends: the region it extends, ${shown}, has problems (run npm run -s policy -- check ${shown}); fix them first`] };
  }
  return { ok: true, layer: loaded.layer, parent: loaded.parent };
}

export type RegionLoadResult =
  { ok: true; layer: Layer; parent: PolicyParent; region: string; version: string } | { ok: false; messages: string[]; circle?: boolean };

/** Reads and checks one region file: policies/regions/<region.id>/<version>.yaml, merged with any region it extends. */
export function loadRegionFile(file: string, chain: readonly string[] = []): RegionLoadResult {
  const shown = displayPath(file);
  const yaml = parseYaml(fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8"));
  if (!yaml.ok) return yaml;
  if (!isObject(yaml.data)) return { ok: false, messages: ["expected a region's fields (region, version, …)"] };
  let layer: Layer = { file: shown, data: yaml.data, provenance: new Provenance(shown) };
  let grandparent: PolicyParent | undefined;
  let parentFile = "";
  if ("extends" in yaml.data) {
    const resolved = resolveParent(yaml.data.extends, path.dirname(path.dirname(path.resolve(file))), [...chain, path.resolve(file)]);
    if (!resolved.ok) return { ...resolved, circle: resolved.messages.some((m) => m.startsWith("extends: the regions go round")) };
    const merged = mergeLayers(resolved.layer, { file: shown, data: yaml.data });
    if (merged.errors.length > 0) return { ok: false, messages: merged.errors };
    layer = { file: shown, data: { ...merged.data, region: yaml.data.region }, provenance: merged.provenance };
    grandparent = resolved.parent;
    parentFile = resolved.parent.file;
  }
  const parsed = RegionShape.safeParse(layer.data, { error: plainEnglishErrors });
  if (!parsed.success) {
    return {
      ok: false,
      messages: grandparent ? mergedIssueMessages(parsed.error.issues, layer.provenance, shown, parentFile) : issueMessages(parsed.error.issues),
    };
  }
  const messages: string[] = [];
  const folder = path.basename(path.dirname(path.resolve(file)));
  const stem = path.basename(file).replace(/\.ya?ml$/, "");
  if (parsed.data.region.id !== folder) messages.push(`region.id: expected "${folder}" (the folder the file is in), found "${parsed.data.region.id}"`);
  if (parsed.data.version !== stem) messages.push(`version: expected "${stem}" (the file name), found "${parsed.data.version}"`);
  if (messages.length > 0) return { ok: false, messages };
  const parent: PolicyParent = {
    region: parsed.data.region.id,
    version: parsed.data.version,
    name: parsed.data.region.name,
    file: shown,
    ...(grandparent ? { extends: grandparent } : {}),
  };
  return { ok: true, layer, parent, region: parent.region, version: parent.version };
}

/** Every region file under `regionsDir` (policies/regions/<id>/<version>.yaml). */
export function regionFiles(regionsDir: string): string[] {
  if (!fs.existsSync(/*turbopackIgnore: true*/ regionsDir)) return [];
  return fs
    .readdirSync(/*turbopackIgnore: true*/ regionsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .flatMap((folder) =>
      fs
        .readdirSync(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ regionsDir, folder))
        .filter((n) => n.endsWith(".yaml"))
        .sort()
        .map((n) => path.join(/*turbopackIgnore: true*/ regionsDir, folder, n)),
    );
}

/** Whether a file is a region file: policies/regions/<id>/<version>.yaml. */
export function isRegionFile(file: string): boolean {
  return path.basename(path.dirname(path.dirname(path.resolve(file)))) === REGIONS_FOLDER;
}
