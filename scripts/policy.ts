/**
 * The policy CLI: thin. Parses arguments, calls lib/policy, prints.
 * Exit codes: 0 fine; 1 `check` found invalid files; 2 a usage error (unknown
 * policy or stage, unparseable date, missing argument).
 */
import path from "node:path";
import fs from "node:fs";
import { parseArgs } from "node:util";
import type { FileErrors } from "@/lib/calendar/data-file";
import { displayPath } from "@/lib/calendar/display-path";
import { loadJurisdictionCalendarsWithErrors, parseClosuresFile, parseHolidayData } from "@/lib/calendar/holiday-data";
import {
  PolicyLookupError,
  PolicyRegistry,
  computeSchedule,
  computeStageDeadlines,
  computedDeadlineToJson,
  formatDateTime,
  formatIsoWithOffset,
  getRoute,
  getStage,
  isRegionFile,
  loadPolicyFile,
  loadRegionFile,
  regionFiles,
  REGIONS_FOLDER,
  parseInstant,
  populationOf,
  registerTitleOf,
  routeContacts,
  scheduleToJson,
  notStatedItems,
  otherBranchSentence,
  stageBranchesInWords,
  statusLabel,
  ORDINARY_FACTS,
  type BranchesInWords,
  type ComputedDeadline,
  type Policy,
  type StageFacts,
} from "@/lib/policy";
import { checkMovesAcrossVersions } from "@/lib/policy/cross-checks";

const HELP = `Usage: npm run -s policy -- <command> [options]

Commands:
  check [FILE...]            Check every policy (or the named files), every regional procedure
                             (regions/, each partnership's supplement merged with the
                             region it extends) and the holiday calendars.
                             Exit 0 when all are valid, 1 otherwise.
  list [--json]              List every policy version.
  due POLICY --stage N --raised TIME [--entered TIME] [--route ID]
      [--event ID=TIME]... [--set DEADLINE_ID=TIME]... [--json]
                             The deadlines of one stage (N is the stage number as the
                             policy numbers it, or the stage key). --entered defaults
                             to --raised. --event gives a named event's time;
                             --set gives a due date set by a person.
  schedule POLICY --raised TIME [--route ID] [--json]
                             The whole ladder, assuming each stage is escalated
                             when its deadline falls due.

Facts that choose a stage's branch (due and schedule; by default a dispute that
is not urgent, with nobody at immediate risk):
  --urgent                   the dispute is urgent (raised as urgent, or expedited)
  --immediate-risk           the raiser said someone is at immediate risk of harm
  --about child|adult        whom it is about (may be repeated)
  --area ID                  an area of disagreement, by id (may be repeated)

POLICY is a partnership id (the version in force at --raised) or id@version,
e.g. torbay or torbay@2024-1.
TIME is ISO 8601, e.g. 2026-01-05T09:30 or 2026-01-05T09:30:00+00:00. A time
without an offset is read as the partnership's local time (usually
Europe/London); a date alone means midnight at the start of that day.
Options: --dir DIR reads policies from DIR (default: policies).`;

class UsageError extends Error {}

type Out = { out: string[]; err: string[] };

function openRegistry(dir: string, io: Out): PolicyRegistry {
  // A folder of its own without calendars (policies/examples) uses the installation's.
  const calendars = fs.existsSync(path.join(dir, "calendars")) ? path.join(dir, "calendars") : path.join("policies", "calendars");
  const { registry, errors } = PolicyRegistry.load(dir, calendars);
  if (errors.length > 0) io.err.push(`Note: ${errors.length} file(s) are invalid and were skipped; run "npm run -s policy -- check".`);
  return registry;
}

function resolvePolicy(registry: PolicyRegistry, id: string, raisedText: string): { policy: Policy; raised: Date } {
  const [partnershipId, version] = id.split("@", 2) as [string, string | undefined];
  const versions = registry.versions(partnershipId);
  if (versions.length === 0) {
    throw new UsageError(`Unknown policy "${id}" (known: ${registry.partnershipIds().join(", ") || "none"})`);
  }
  if (version !== undefined) {
    const policy = registry.get(partnershipId, version);
    if (!policy) throw new UsageError(`Unknown policy version "${id}" (versions: ${versions.map((p) => p.version).join(", ")})`);
    return { policy, raised: instant(raisedText, policy.timeZone, "--raised") };
  }
  const zone = (versions[versions.length - 1] as Policy).timeZone;
  const raised = instant(raisedText, zone, "--raised");
  const policy = registry.inForce(partnershipId, raised);
  if (!policy) {
    throw new UsageError(`No version of "${partnershipId}" is in force at ${raisedText} (earliest starts ${versions[0]?.effectiveFrom})`);
  }
  return { policy, raised };
}

function instant(text: string | undefined, timeZone: string, option: string): Date {
  if (text === undefined) throw new UsageError(`Missing ${option} (an ISO 8601 date and time)`);
  const at = parseInstant(text, timeZone);
  if (!at) throw new UsageError(`Cannot read ${option} "${text}": expected ISO 8601, e.g. 2026-01-05T09:30`);
  return at;
}

function pairs(values: string[] | undefined, timeZone: string, option: string): Record<string, Date> {
  const out: Record<string, Date> = {};
  for (const v of values ?? []) {
    const eq = v.indexOf("=");
    if (eq < 1) throw new UsageError(`${option} expects ID=TIME, got "${v}"`);
    out[v.slice(0, eq)] = instant(v.slice(eq + 1), timeZone, option);
  }
  return out;
}

function check(files: string[], dir: string, io: Out): number {
  const errors: FileErrors[] = [];
  let count = 0;
  const calendars = loadJurisdictionCalendarsWithErrors(path.join(dir, "calendars"));
  errors.push(...calendars.errors);
  count += calendars.calendars.size + calendars.errors.length;
  if (files.length === 0) {
    const loaded = PolicyRegistry.load(dir);
    const all = loaded.registry.all();
    count += all.length;
    const calendarFiles = new Set(calendars.errors.map((e) => e.file));
    const others = loaded.errors.filter((e) => !calendarFiles.has(e.file));
    count += others.length;
    errors.push(...others);
    // Valid region files (invalid ones are among the errors already).
    const invalid = new Set(others.map((e) => e.file));
    count += regionFiles(path.join(dir, REGIONS_FOLDER))
      .map(displayPath)
      .filter((f) => !invalid.has(f)).length;
  } else {
    for (const file of files) {
      count++;
      if (!fs.existsSync(file)) {
        errors.push({ file, messages: ["file not found"] });
        continue;
      }
      const text = fs.readFileSync(file, "utf8");
      if (path.basename(file) === "closures.yaml") {
        const r = parseClosuresFile(text);
        if (!r.ok) errors.push({ file: displayPath(file), messages: r.messages });
      } else if (path.basename(path.dirname(path.resolve(file))) === "calendars") {
        const r = parseHolidayData(text);
        if (!r.ok) errors.push({ file: displayPath(file), messages: r.messages });
      } else if (isRegionFile(file)) {
        const r = loadRegionFile(file);
        if (!r.ok) errors.push({ file: displayPath(file), messages: r.messages });
      } else {
        const r = loadPolicyFile(file);
        if (!r.ok) errors.push({ file: displayPath(file), messages: r.messages });
        else if (r.policy.movesFrom) {
          // movesFrom is checked against the other versions in the same folder, as loading does.
          const folder = path.dirname(file);
          const siblings = fs
            .readdirSync(folder)
            .filter((n) => /\.ya?ml$/.test(n) && !/^closures\.ya?ml$/.test(n) && n !== path.basename(file))
            .flatMap((n) => {
              const v = loadPolicyFile(path.join(folder, n));
              return v.ok ? [v.policy] : [];
            });
          const problems = checkMovesAcrossVersions(r.policy, [...siblings, r.policy]);
          if (problems.length > 0) errors.push({ file: displayPath(file), messages: problems.map((x) => `${x.path}: ${x.message}`) });
        }
        if (r.ok && !calendars.calendars.has(r.policy.jurisdiction)) {
          errors.push({
            file: displayPath(file),
            messages: [`jurisdiction: no holiday calendar "${r.policy.jurisdiction}" in ${path.join(dir, "calendars")}`],
          });
        }
      }
    }
  }
  for (const e of errors) for (const m of e.messages) io.out.push(`${e.file}: ${m}`);
  const bad = new Set(errors.map((e) => e.file)).size;
  io.out.push(bad === 0 ? `All ${count} files are valid.` : `${bad} of ${count} files have problems.`);
  return bad === 0 ? 0 : 1;
}

function printDeadline(d: ComputedDeadline, io: Out): void {
  const flags = [
    d.kind,
    d.decidesOverdue ? "decides when the stage is overdue" : null,
    d.spansStages && d.spansStages.length > 1 ? `shared by stages ${d.spansStages.join(", ")}` : null,
  ].filter(Boolean);
  io.out.push(`  * ${d.label} [${flags.join("; ")}]`);
  io.out.push(`    Due:    ${d.dueAtIso ? `${d.dueText} (${d.dueAtIso})` : `no due date: ${statusLabel(d.status).toLowerCase()}`}`);
  io.out.push(`    Rule:   ${d.rule}`);
  io.out.push(`    How:    ${d.explanation}`);
  if (d.party) io.out.push(`    Who:    ${d.party.charAt(0).toUpperCase()}${d.party.slice(1)}`);
  if (d.note) io.out.push(`    Note:   ${d.note}`);
  if (d.alsoStated)
    io.out.push(`    Also stated: ${d.alsoStated.rule}${d.alsoStated.dueText ? `, which would be due ${d.alsoStated.dueText}` : ""} (shown; does not decide)`);
  if (d.onMiss) io.out.push(`    If missed: ${d.onMiss}`);
  io.out.push(`    Source: ${d.cite}`);
  for (const w of d.warnings) io.out.push(`    Warning: ${w}`);
}

function printBranches(b: BranchesInWords | null, io: Out): void {
  if (!b) return;
  io.out.push(`  Branch: ${b.applies.title ?? `"${b.applies.id}"`}, because ${b.applies.because}.`);
  for (const other of b.others) io.out.push(`  Other branch: ${otherBranchSentence(other)}`);
}

function factsOf(values: { urgent?: boolean; "immediate-risk"?: boolean; about?: string[]; area?: string[] }): StageFacts {
  const about = (values.about ?? []).map((a) => {
    if (a !== "child" && a !== "adult") throw new UsageError(`--about expects child or adult, got "${a}"`);
    return a;
  });
  return { ...ORDINARY_FACTS, urgent: values.urgent === true, immediateRisk: values["immediate-risk"] === true, about, areas: values.area ?? [] };
}

/** "; urgent; about a child" after the time raised, when the facts were given. */
function factsText(f: StageFacts): string {
  const parts = [
    f.urgent ? "urgent" : null,
    f.immediateRisk ? "someone at immediate risk" : null,
    f.about.length > 0 ? `about ${f.about.map((k) => (k === "child" ? "a child" : "an adult")).join(" and ")}` : null,
    f.areas.length > 0 ? `areas: ${f.areas.join(", ")}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join("; ")})` : "";
}

function policyHeader(p: Policy): string {
  const lines = [`${p.partnership.name}: ${p.title} (${p.ref})`];
  for (const n of notStatedItems(p)) lines.push(`The policy does not say: ${n.what}. ${n.instead}`);
  return lines.join("\n");
}

/**
 * For a policy with populations: the route's population, its board and the
 * contacts its disputes use (whom "Who" lines and notices name). Nothing otherwise.
 */
function populationLines(p: Policy, routeId: string): string[] {
  const population = populationOf(p, routeId);
  if (!population) return [];
  const route = getRoute(p, routeId);
  const contacts = routeContacts(p, routeId).map((c) => `${c.label}${c.email ? ` <${c.email}>` : ""}`);
  return [
    `Route: ${route.title}, for ${population.title.charAt(0).toLowerCase()}${population.title.slice(1)} (${population.board}; register: ${registerTitleOf(population)})`,
    ...(contacts.length > 0 ? [`Contacts: ${contacts.join("; ")}`] : []),
  ];
}

function populationJson(p: Policy, routeId: string) {
  const population = populationOf(p, routeId)!;
  return {
    id: population.id,
    title: population.title,
    board: population.board,
    registerTitle: registerTitleOf(population),
    contacts: routeContacts(p, routeId).map((c) => ({ id: c.id, label: c.label, level: c.level ?? null, email: c.email ?? null })),
  };
}

export function run(argv: string[]): { code: number; out: string[]; err: string[] } {
  const io: Out = { out: [], err: [] };
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        stage: { type: "string" },
        raised: { type: "string" },
        entered: { type: "string" },
        route: { type: "string" },
        event: { type: "string", multiple: true },
        set: { type: "string", multiple: true },
        dir: { type: "string" },
        urgent: { type: "boolean" },
        "immediate-risk": { type: "boolean" },
        about: { type: "string", multiple: true },
        area: { type: "string", multiple: true },
      },
    });
    const [command, ...rest] = positionals;
    const dir = values.dir ?? "policies";
    if (values.help || command === undefined || command === "help") {
      io.out.push(HELP);
      return { code: command === undefined && !values.help ? 2 : 0, ...io };
    }
    switch (command) {
      case "check":
        return { code: check(rest, dir, io), ...io };
      case "list": {
        const registry = openRegistry(dir, io);
        const rows = registry.all().map((p) => ({
          id: p.ref,
          partnership: p.partnership.name,
          code: p.partnership.code,
          codeStated: p.partnership.codeNotStated !== true,
          title: p.title,
          version: p.version,
          effectiveFrom: p.effectiveFrom,
          jurisdiction: p.jurisdiction,
        }));
        if (values.json) io.out.push(JSON.stringify(rows, null, 2));
        else
          for (const r of rows)
            io.out.push(
              `${r.id}\t${r.partnership} (${r.codeStated ? r.code : `code not stated: ${r.code}`})\t${r.title}\tversion ${r.version} from ${r.effectiveFrom}\t${r.jurisdiction}`,
            );
        return { code: 0, ...io };
      }
      case "due": {
        const id = rest[0];
        if (!id) throw new UsageError("Missing POLICY (a partnership id or id@version)");
        if (values.stage === undefined) throw new UsageError("Missing --stage (a stage number or key)");
        const registry = openRegistry(dir, io);
        const { policy, raised } = resolvePolicy(registry, id, values.raised as string);
        const entered = values.entered === undefined ? raised : instant(values.entered, policy.timeZone, "--entered");
        const route = getRoute(policy, values.route);
        const stage = getStage(policy, values.stage, route.id);
        const facts = factsOf(values);
        const branches = stageBranchesInWords({ policy, routeId: route.id, stageKey: stage.key, facts });
        const deadlines = computeStageDeadlines({
          facts,
          policy,
          routeId: route.id,
          stageKey: stage.key,
          anchors: {
            raised,
            stageEntered: entered,
            events: pairs(values.event, policy.timeZone, "--event"),
            set: pairs(values.set, policy.timeZone, "--set"),
          },
          calendar: registry.calendarFor(policy),
        });
        const warnings = [...new Set(deadlines.flatMap((d) => d.warnings))];
        if (values.json) {
          const iso = (d: Date) => formatIsoWithOffset(d, policy.timeZone);
          io.out.push(
            JSON.stringify(
              {
                policy: {
                  id: policy.ref,
                  partnership: policy.partnership.id,
                  name: policy.partnership.name,
                  version: policy.version,
                  title: policy.title,
                  timeZone: policy.timeZone,
                },
                route: { id: route.id, title: route.title },
                ...(populationOf(policy, route.id) ? { population: populationJson(policy, route.id) } : {}),
                stage: { key: stage.key, number: stage.number ?? null, title: stage.title },
                raised: iso(raised),
                entered: iso(entered),
                ...(branches ? { branches } : {}),
                deadlines: deadlines.map(computedDeadlineToJson),
                warnings,
              },
              null,
              2,
            ),
          );
        } else {
          io.out.push(policyHeader(policy));
          io.out.push(...populationLines(policy, route.id));
          io.out.push(
            `${stage.number !== undefined ? `Stage ${stage.number}` : "Step"}: ${stage.title}${policy.routes.length > 1 ? ` (route: ${route.title})` : ""}`,
          );
          io.out.push(
            `Dispute raised ${formatDateTime(raised, policy.timeZone)}${factsText(facts)}; stage entered ${formatDateTime(entered, policy.timeZone)}.`,
          );
          printBranches(branches, io);
          if (deadlines.length === 0) io.out.push("  This stage has no deadlines in the policy.");
          for (const d of deadlines) printDeadline(d, io);
        }
        return { code: 0, ...io };
      }
      case "schedule": {
        const id = rest[0];
        if (!id) throw new UsageError("Missing POLICY (a partnership id or id@version)");
        const registry = openRegistry(dir, io);
        const { policy, raised } = resolvePolicy(registry, id, values.raised as string);
        const facts = factsOf(values);
        const schedule = computeSchedule({ policy, routeId: values.route, raised, calendar: registry.calendarFor(policy), facts });
        if (values.json) {
          const population = populationOf(policy, schedule.routeId) ? { population: populationJson(policy, schedule.routeId) } : {};
          io.out.push(JSON.stringify({ ...scheduleToJson(schedule), ...population }, null, 2));
        } else {
          io.out.push(policyHeader(policy));
          io.out.push(...populationLines(policy, schedule.routeId));
          io.out.push(
            `Dispute raised ${formatDateTime(raised, policy.timeZone)}${factsText(facts)}; each stage assumed to escalate when its deadline falls due.`,
          );
          for (const st of schedule.stages) {
            io.out.push("");
            io.out.push(`${st.number !== null ? `Stage ${st.number}` : "Step"}: ${st.title}`);
            io.out.push(`  Entered ${formatDateTime(st.enteredAt, policy.timeZone)}`);
            printBranches(st.branches ?? null, io);
            for (const d of st.deadlines) printDeadline(d, io);
            for (const n of st.notes) io.out.push(`  Note: ${n}`);
          }
          for (const w of schedule.warnings) io.out.push(`Warning: ${w}`);
        }
        return { code: 0, ...io };
      }
      default:
        throw new UsageError(`Unknown command "${command}" (try --help)`);
    }
  } catch (e) {
    // A usage error is one line on stderr, with nothing else there.
    if (e instanceof UsageError || e instanceof PolicyLookupError || e instanceof RangeError) {
      return { code: 2, out: [], err: [`policy: ${e.message}`] };
    }
    if (e instanceof TypeError && "code" in e && typeof e.code === "string" && e.code.startsWith("ERR_PARSE_ARGS")) {
      return { code: 2, out: [], err: [`policy: ${e.message.split("\n")[0]} (try --help)`] };
    }
    throw e;
  }
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? "");
if (isMain) {
  const result = run(process.argv.slice(2));
  if (result.out.length > 0) process.stdout.write(`${result.out.join("\n")}\n`);
  if (result.err.length > 0) process.stderr.write(`${result.err.join("\n")}\n`);
  process.exitCode = result.code;
}
