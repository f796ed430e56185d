/**
 * Computing a stage's deadlines, and a whole ladder's schedule, from a policy.
 * Pure: takes the policy, the anchors and a WorkingCalendar; no I/O.
 */
import { dayFromIso, isoFromDay } from "@/lib/calendar/days";
import { ZoneClock } from "@/lib/calendar/time-zone";
import { WEEKEND_REASON, type SkippedDay, type WorkingCalendar } from "@/lib/calendar/working-calendar";
import { dueMs, minuteOfDay, WORKING_DAYS_PER_WEEK, type DueContext } from "./due";
import { describeParty, formatDateTime, formatDue, formatLocalDate, joinWithAnd, plural } from "./format";
import { branchBecause, branchIfWords } from "./branches";
import { branchAt, deadlinesAt, getRoute, getStage, obligationsAt, ORDINARY_FACTS, stageName, type StageFacts } from "./lookup";
import type { Policy } from "./parse";
import {
  ANCHOR_RAISED,
  ANCHOR_RESOLVED,
  ANCHOR_STAGE_ENTERED,
  anchorsOf,
  type Anchor,
  type Budget,
  type Deadline,
  type Party,
  type Route,
  type Stage,
  type StageBranch,
  type Timing,
  type Unit,
} from "./schema";

/** "met": what the policy says meets it (a form, an event) was recorded at this stage before the stage was left. */
export type DeadlineStatus = "due" | "immediate" | "asap" | "awaiting-set" | "awaiting-event" | "met" | "not-stated";

/** A deadline's status in words, for lists and badges. */
export function statusLabel(status: DeadlineStatus): string {
  switch (status) {
    case "due":
      return "Due";
    case "immediate":
      return "Immediately";
    case "asap":
      return "As soon as possible (no set date)";
    case "awaiting-set":
      return "Waiting for the timescale to be set";
    case "awaiting-event":
      return "Waiting for the event it counts from";
    case "met":
      return "Met";
    case "not-stated":
      return "The policy does not say";
    default: {
      const never: never = status;
      throw new Error(`unknown status ${String(never)}`);
    }
  }
}

export type Anchors = {
  raised: Date;
  stageEntered: Date;
  /** Named events the policy declares, by event id, when they have happened at this stage. */
  events?: Record<string, Date>;
  /** The same, at every stage of the route so far, by stage key: what `{ event, stage }` anchors read. */
  eventsByStage?: Record<string, Record<string, Date>>;
  /** Due dates set by a person, by deadline id ("set-by-role" deadlines). */
  set?: Record<string, Date>;
  /** Forms of this stage recorded as completed, by form id, when (what may meet a deadline). */
  forms?: Record<string, Date>;
  /** When the dispute was resolved at this stage: what its `onResolution` obligations count from. */
  resolved?: Date;
};

export type ComputedDeadline = {
  id: string;
  stageKey: string;
  label: string;
  kind: "mandatory" | "advisory";
  unit: Unit;
  amount?: number;
  anchor: { from: string; label: string; at: Date | null; atIso: string | null } | null;
  dueAt: Date | null;
  dueAtIso: string | null;
  /** The local date it falls due, "YYYY-MM-DD". */
  dueDate: string | null;
  /** "by 5pm on Wednesday 7 January 2026". */
  dueText: string | null;
  status: DeadlineStatus;
  /** When it was met, for status "met". */
  metAt?: Date;
  rule: string;
  explanation: string;
  skipped: SkippedDay[];
  warnings: string[];
  decidesOverdue: boolean;
  spansStages?: string[];
  onMiss?: string;
  /** The policy's note on it, for whoever must act. */
  note?: string;
  /** Who must act by it, in words ("the responding agency", "the Designated Safeguarding Lead"). */
  party?: string;
  /** Which side must act, when the policy says. */
  partySide?: "raising" | "responding" | "both";
  /** The same timescale as the policy also states it in other units, and what that would make the due date. */
  alsoStated?: { rule: string; dueAt: Date | null; dueText: string | null };
  /** The branch of the stage it comes from, and why that branch applies ("the dispute is urgent"). */
  branch?: { id: string; because: string };
  cite: string;
};

export type StageDeadlineInput = {
  policy: Policy;
  routeId?: string;
  stageKey: string;
  anchors: Anchors;
  calendar: WorkingCalendar;
  /** The dispute's facts, which choose a branch of a stage that has branches (ORDINARY_FACTS when not given). */
  facts?: StageFacts;
};

/** What putting a rule into words needs. */
type WordsCtx = {
  policy: Policy;
  route: Route;
  stage: Stage;
  /** The deadlines being computed together: what `{ deadline }` anchors may name. */
  definitions: readonly (Deadline | Budget)[];
};

type Ctx = DueContext &
  WordsCtx & {
    timeZone: string;
    anchors: Anchors;
    /** Another deadline of the stage, computed on demand (what `{ deadline }` anchors count from). */
    deadline: (id: string) => ComputedDeadline | null;
  };

function contextFor(
  policy: Policy,
  route: Route,
  stage: Stage,
  calendar: WorkingCalendar,
  anchors: Anchors,
  definitions: Ctx["definitions"],
  deadline: Ctx["deadline"],
): Ctx {
  return {
    calendar,
    clock: ZoneClock.for(policy.timeZone),
    closeMinute: minuteOfDay(policy.closeOfBusiness),
    policy,
    route,
    stage,
    timeZone: policy.timeZone,
    anchors,
    definitions,
    deadline,
  };
}

/** An anchor as a string, for the API and the stored rows: "raised", "discussion@stage-1", "deadline:agree". */
export function anchorKey(from: Anchor): string {
  if (typeof from === "string") return from;
  if ("event" in from) return `${from.event}@${from.stage}`;
  return from.at === "met" ? `deadline:${from.deadline}:met` : `deadline:${from.deadline}`;
}

/** How an anchor reads after "from" ("the dispute being raised") and in brackets ("dispute raised"). */
function anchorWords(from: Anchor, ctx: WordsCtx): { phrase: string; short: string } {
  if (from === ANCHOR_RAISED) return { phrase: "the dispute being raised", short: "dispute raised" };
  if (from === ANCHOR_RESOLVED) {
    const name = stageName(ctx.stage);
    return { phrase: `the dispute being resolved at ${name}`, short: `resolved at ${name}` };
  }
  if (from === ANCHOR_STAGE_ENTERED) {
    const name = stageName(ctx.stage);
    return { phrase: `entering ${name}`, short: `entered ${name}` };
  }
  const eventLabel = (id: string) => ctx.policy.events?.find((e) => e.id === id)?.label ?? id;
  if (typeof from === "string") {
    const label = eventLabel(from);
    return { phrase: label, short: label };
  }
  if ("event" in from) {
    const stage = ctx.route.stages.find((st) => st.key === from.stage);
    const label = `${eventLabel(from.event)} at ${stage ? stageName(stage) : from.stage}`;
    return { phrase: label, short: label };
  }
  const other = deadlineDefinition(ctx, from.deadline);
  const label = other?.label ?? from.deadline;
  return from.at === "met" ? { phrase: `"${label}" being met`, short: `${label}: met` } : { phrase: `"${label}" falling due`, short: `${label}: due` };
}

function anchorTime(from: Anchor, ctx: Ctx): Date | null {
  const anchors = ctx.anchors;
  if (from === ANCHOR_RAISED) return anchors.raised;
  if (from === ANCHOR_STAGE_ENTERED) return anchors.stageEntered;
  if (from === ANCHOR_RESOLVED) return anchors.resolved ?? null;
  if (typeof from === "string") return anchors.events?.[from] ?? null;
  if ("event" in from) return anchors.eventsByStage?.[from.stage]?.[from.event] ?? null;
  const other = ctx.deadline(from.deadline);
  if (!other) return null;
  return from.at === "met" ? (other.metAt ?? null) : other.dueAt;
}

function deadlineDefinition(ctx: WordsCtx, id: string): Deadline | Budget | undefined {
  return ctx.definitions.find((d) => d.id === id);
}

/** Who must act by a deadline, in words; a side alone reads "the raising agency". */
export function partyWords(party: Party, policy: Policy, routeId?: string): string {
  if (party.title === undefined && party.contact === undefined && party.level === undefined) {
    return party.side === "raising" ? "the raising agency" : party.side === "responding" ? "the responding agency" : "both agencies";
  }
  return describeParty(party, policy, routeId);
}

function ruleInWords(d: Deadline | Budget | Timing, ctx: WordsCtx): string {
  switch (d.unit) {
    case "working-days":
      return `${plural(d.amount, "working day")} from ${anchorWords(d.from, ctx).phrase}`;
    case "working-weeks":
      return `${plural(d.amount, "working week")} (${plural(d.amount * WORKING_DAYS_PER_WEEK, "working day")}) from ${anchorWords(d.from, ctx).phrase}`;
    case "calendar-days":
      return `${plural(d.amount, "calendar day")} from ${anchorWords(d.from, ctx).phrase}`;
    case "hours":
      return `${plural(d.amount, "hour")} from ${anchorWords(d.from, ctx).phrase}`;
    case "same-working-day":
      return `The same working day as ${anchorWords(d.from, ctx).phrase}`;
    case "immediately":
      return `Immediately on ${anchorWords(d.from, ctx).phrase}`;
    case "asap":
      return "As soon as possible (the policy sets no timescale)";
    case "set-by-role":
      return `Timescale to be set by ${describeParty(d.setBy, ctx.policy, ctx.route.id)}`;
    case "earliest-of":
      return `Whichever is sooner: ${joinWithOr(d.of.map((t) => lowerFirst(ruleInWords(t, ctx))))}`;
    case "not-stated":
      return "The policy does not say";
    default: {
      const never: never = d;
      throw new Error(`unknown unit in ${JSON.stringify(never)}`);
    }
  }
}

const lowerFirst = (text: string) =>
  text.startsWith("The ") || text.startsWith("Timescale") || text.startsWith("Immediately") ? text.charAt(0).toLowerCase() + text.slice(1) : text;

function joinWithOr(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

function describeSkipped(skipped: readonly SkippedDay[], withYear: boolean): string | null {
  const named = skipped.filter((s) => s.reason !== WEEKEND_REASON).map((s) => `${formatLocalDate(s.date, withYear)} (${s.reason})`);
  // Count weekends, not weekend days: Saturday and Sunday of one week are one weekend.
  const weekends = new Set(skipped.filter((s) => s.reason === WEEKEND_REASON).map((s) => Math.floor((dayFromIso(s.date) + 3) / 7))).size;
  const parts = [...named];
  if (weekends === 1) parts.push("the weekend");
  else if (weekends > 1) parts.push(`${weekends} weekends`);
  return parts.length === 0 ? null : `skipped ${joinWithAnd(parts)}`;
}

function computeOne(d: Deadline | Budget, spansStages: string[] | undefined, ctx: Ctx, branch?: StageBranch): ComputedDeadline {
  return withBranch(computeMet(d, spansStages, ctx), branch, ctx);
}

/** A deadline of one branch of its stage says which, and why it applies: "Because the dispute is urgent: …". */
function withBranch(computed: ComputedDeadline, branch: StageBranch | undefined, ctx: Ctx): ComputedDeadline {
  if (!branch) return computed;
  const because = branchBecause(ctx.stage, branch, ctx.policy);
  // "Because the dispute is urgent: immediately: due at once …" (an initial capital kept only for an acronym).
  const rest = /^[A-Z][a-z]/.test(computed.explanation) ? computed.explanation.charAt(0).toLowerCase() + computed.explanation.slice(1) : computed.explanation;
  return { ...computed, branch: { id: branch.id, because }, explanation: `Because ${because}: ${rest}` };
}

function computeMet(d: Deadline | Budget, spansStages: string[] | undefined, ctx: Ctx): ComputedDeadline {
  const computed = computeDue(d, spansStages, ctx);
  const metBy = "metBy" in d ? d.metBy : undefined;
  if (!metBy) return computed;
  const metAt = metBy.form !== undefined ? ctx.anchors.forms?.[metBy.form] : ctx.anchors.events?.[metBy.event ?? ""];
  if (!metAt) return computed;
  const when = formatDateTime(metAt, ctx.timeZone);
  const how =
    metBy.form !== undefined
      ? `Met: the ${ctx.stage.forms?.find((f) => f.id === metBy.form)?.title ?? metBy.form} was recorded as completed at ${when}`
      : `Met by ${anchorWords(metBy.event ?? "", ctx).phrase} (${when})`;
  const late = computed.dueAt !== null && computed.dueAt.getTime() < metAt.getTime() ? ", after it was due" : "";
  return { ...computed, status: "met", metAt, explanation: `${computed.explanation} ${how}${late}.` };
}

/** What one way of reckoning makes of a deadline: its due date (or why it has none) and the explanation. */
type Reckoning = Pick<ComputedDeadline, "anchor" | "status" | "dueAt" | "dueAtIso" | "dueDate" | "dueText" | "explanation" | "skipped" | "warnings"> & {
  rule: string;
  amount?: number;
};

type Reckonable = Timing | Extract<Deadline | Budget, { unit: Timing["unit"] | "immediately" }>;

function reckon(d: Reckonable, deadlineId: string, ctx: Ctx): Reckoning {
  const rule = ruleInWords(d, ctx);
  const none = { dueAt: null, dueAtIso: null, dueDate: null, dueText: null, skipped: [], warnings: [] };
  const iso = (at: Date) => ctx.clock.isoWithOffset(at.getTime());
  if (d.unit === "set-by-role") {
    const setAt = ctx.anchors.set?.[deadlineId];
    const who = describeParty(d.setBy, ctx.policy, ctx.route.id);
    if (!setAt) return { rule, ...none, anchor: null, status: "awaiting-set", explanation: `To be set by ${who}: no due date until they set one.` };
    return {
      rule,
      ...none,
      anchor: null,
      status: "due",
      dueAt: setAt,
      dueAtIso: iso(setAt),
      dueDate: isoFromDay(ctx.clock.localDay(setAt.getTime())),
      dueText: formatDue(setAt, ctx.timeZone),
      explanation: `Set by ${who}: due ${formatDue(setAt, ctx.timeZone)}.`,
    };
  }
  const amount = "amount" in d ? { amount: d.amount } : {};
  const words = anchorWords(d.from, ctx);
  const at = anchorTime(d.from, ctx);
  const from = anchorKey(d.from);
  if (!at) {
    return {
      rule,
      ...none,
      ...amount,
      anchor: { from, label: words.short, at: null, atIso: null },
      status: "awaiting-event",
      explanation: `${rule}: that has not happened yet, so there is no due date until it does.`,
    };
  }
  const anchorMs = at.getTime();
  const due = new Date(dueMs(d, anchorMs, ctx));
  const anchorDay = ctx.clock.localDay(anchorMs);
  const dueDay = ctx.clock.localDay(due.getTime());
  const fromText = `${formatDateTime(at, ctx.timeZone)} (${words.short})`;
  const dueText = formatDue(due, ctx.timeZone);
  let skipped: SkippedDay[] = [];
  const warnings: string[] = [];
  let explanation: string;
  switch (d.unit) {
    case "working-days":
    case "working-weeks": {
      skipped = ctx.calendar.skippedBetween(anchorDay, dueDay);
      warnings.push(...ctx.calendar.coverageWarnings(anchorDay, dueDay));
      const crossesYear = isoFromDay(anchorDay).slice(0, 4) !== isoFromDay(dueDay).slice(0, 4);
      const skippedText = describeSkipped(skipped, crossesYear);
      const span =
        d.unit === "working-days"
          ? plural(d.amount, "working day")
          : `${plural(d.amount, "working week")} (${plural(d.amount * WORKING_DAYS_PER_WEEK, "working day")})`;
      explanation = `${span} from ${fromText}: ${skippedText ? `${skippedText}; ` : ""}due ${dueText}.`;
      break;
    }
    case "calendar-days": {
      const changes = ctx.clock.offsetMinutes(anchorMs) !== ctx.clock.offsetMinutes(due.getTime());
      explanation = `${plural(d.amount, "calendar day")} from ${fromText}, weekends and holidays included: the last is ${formatLocalDate(isoFromDay(dueDay), isoFromDay(anchorDay).slice(0, 4) !== isoFromDay(dueDay).slice(0, 4))}, so due at the end of it, ${dueText}${changes ? " (local time: the clocks change in between)" : ""}.`;
      break;
    }
    case "same-working-day": {
      warnings.push(...ctx.calendar.coverageWarnings(anchorDay, dueDay));
      const reason = ctx.calendar.reasonFor(anchorDay);
      explanation =
        reason === null
          ? `The same working day as ${fromText}: due ${dueText}.`
          : `The same working day as ${fromText}; that day is not a working day (${reason}), so the next working day counts: due ${dueText}.`;
      if (reason === null && due.getTime() < anchorMs) {
        warnings.push(`This started after close of business, so it was already due when it started (${dueText}).`);
      }
      break;
    }
    case "hours": {
      const changes = ctx.clock.offsetMinutes(anchorMs) !== ctx.clock.offsetMinutes(due.getTime());
      explanation = `${plural(d.amount, "hour")} from ${fromText}: due ${dueText}${changes ? " (the clocks change in between, so the local time differs from the start time)" : ""}.`;
      break;
    }
    case "immediately":
      explanation = `Immediately: due at once, from ${fromText}.`;
      break;
    default: {
      const never: never = d;
      throw new Error(`unknown unit in ${JSON.stringify(never)}`);
    }
  }
  return {
    rule,
    ...amount,
    anchor: { from, label: words.short, at, atIso: iso(at) },
    status: d.unit === "immediately" ? "immediate" : "due",
    dueAt: due,
    dueAtIso: iso(due),
    dueDate: isoFromDay(dueDay),
    dueText,
    explanation,
    skipped,
    warnings,
  };
}

function computeDue(d: Deadline | Budget, spansStages: string[] | undefined, ctx: Ctx): ComputedDeadline {
  const rule = ruleInWords(d, ctx);
  const base = {
    id: d.id,
    stageKey: ctx.stage.key,
    label: d.label,
    kind: d.kind,
    unit: d.unit,
    rule,
    decidesOverdue: d.decidesOverdue === true,
    cite: d.cite,
    ...(spansStages ? { spansStages } : {}),
    ...(d.onMiss ? { onMiss: d.onMiss } : {}),
    ...(d.note ? { note: d.note } : {}),
    ...(d.party ? { party: partyWords(d.party, ctx.policy, ctx.route.id), ...(d.party.side ? { partySide: d.party.side } : {}) } : {}),
  };
  const none = { dueAt: null, dueAtIso: null, dueDate: null, dueText: null, skipped: [], warnings: [] };

  switch (d.unit) {
    case "asap":
      return { ...base, ...none, anchor: null, status: "asap", explanation: "As soon as possible: the policy gives no timescale, so there is no due date." };
    case "not-stated":
      return { ...base, ...none, anchor: null, status: "not-stated", explanation: "The policy does not say what the timescale is, so there is no due date." };
    case "earliest-of": {
      const parts = d.of.map((t) => reckon(t, d.id, ctx));
      const dated = parts.filter((p): p is Reckoning & { dueAt: Date } => p.dueAt !== null);
      const each = parts
        .map((p) => `${lowerFirst(p.rule)}: ${p.dueText ? `due ${p.dueText}` : p.status === "awaiting-set" ? "not set yet" : "not started yet"}`)
        .join("; ");
      const warnings = [...new Set(parts.flatMap((p) => p.warnings))];
      if (dated.length === 0) {
        const status: DeadlineStatus = parts.some((p) => p.status === "awaiting-event") ? "awaiting-event" : "awaiting-set";
        return { ...base, ...none, warnings, anchor: null, status, explanation: `Whichever is sooner of ${each}. Neither has a due date yet.` };
      }
      const sooner = dated.reduce((a, b) => (b.dueAt.getTime() < a.dueAt.getTime() ? b : a));
      const undecided = d.of.filter((_, i) => parts[i]!.dueAt === null);
      const later = undecided.map((t) =>
        t.unit === "set-by-role"
          ? `If ${describeParty(t.setBy, ctx.policy, ctx.route.id)} sets an earlier date, that decides instead.`
          : `If ${lowerFirst(ruleInWords(t, ctx))} comes to an earlier date once it starts, that decides instead.`,
      );
      const rest = later.length > 0 ? ` ${later.join(" ")}` : "";
      return {
        ...base,
        anchor: sooner.anchor,
        status: "due",
        dueAt: sooner.dueAt,
        dueAtIso: sooner.dueAtIso,
        dueDate: sooner.dueDate,
        dueText: sooner.dueText,
        skipped: sooner.skipped,
        warnings,
        explanation: `Whichever is sooner of ${each}. The sooner is ${lowerFirst(sooner.rule)}: due ${sooner.dueText}.${rest}`,
      };
    }
    default: {
      const { rule: _rule, ...reckoned } = reckon(d, d.id, ctx);
      const computed: ComputedDeadline = { ...base, ...reckoned };
      if (!d.alsoStated || !("from" in d) || computed.dueAt === null) return computed;
      const also = reckon({ unit: d.alsoStated.unit, amount: d.alsoStated.amount, from: d.from } as Timing, d.id, ctx);
      const why = d.alsoStated.note ? ` (${d.alsoStated.note})` : "";
      return {
        ...computed,
        alsoStated: { rule: also.rule, dueAt: also.dueAt, dueText: also.dueText },
        explanation: `${computed.explanation} The policy also states it as ${lowerFirst(also.rule)}${why}: that would be due ${also.dueText}. This partnership counts ${lowerFirst(rule)} as deciding when it is overdue.`,
      };
    }
  }
}

/** Overdue-deciding first, then by due date (no due date last), then as the policy lists them. */
function sortDeadlines(list: ComputedDeadline[]): ComputedDeadline[] {
  return list
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      if (a.d.decidesOverdue !== b.d.decidesOverdue) return a.d.decidesOverdue ? -1 : 1;
      const ta = a.d.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
      const tb = b.d.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
      return ta !== tb ? ta - tb : a.i - b.i;
    })
    .map(({ d }) => d);
}

/** The deadlines of one stage, the one deciding when the stage is overdue first. */
export function computeStageDeadlines(input: StageDeadlineInput): ComputedDeadline[] {
  const route = getRoute(input.policy, input.routeId);
  const stage = getStage(input.policy, input.stageKey, route.id);
  return computeTogether(input, route, stage, deadlinesAt(input.policy, stage.key, route.id, input.facts ?? ORDINARY_FACTS));
}

/** A stage's branches in words: which applies and why, and each other's rules ("if the dispute is urgent: …"). */
export type BranchesInWords = {
  applies: { id: string; title: string | null; because: string };
  others: { id: string; title: string | null; when: string; rules: { label: string; rule: string }[] }[];
};

/** Null for a stage without branches. */
export function stageBranchesInWords(input: { policy: Policy; routeId?: string; stageKey: string; facts?: StageFacts }): BranchesInWords | null {
  const route = getRoute(input.policy, input.routeId);
  const stage = getStage(input.policy, input.stageKey, route.id);
  const chosen = branchAt(stage, input.facts ?? ORDINARY_FACTS);
  if (!stage.branches || !chosen) return null;
  const common = deadlinesAt(input.policy, stage.key, route.id, input.facts ?? ORDINARY_FACTS)
    .filter((x) => !x.branch)
    .map((x) => x.deadline);
  return {
    applies: { id: chosen.id, title: chosen.title ?? null, because: branchBecause(stage, chosen, input.policy) },
    others: stage.branches
      .filter((b) => b !== chosen)
      .map((b) => {
        const ctx: WordsCtx = { policy: input.policy, route, stage, definitions: [...common, ...b.deadlines] };
        return {
          id: b.id,
          title: b.title ?? null,
          when: branchIfWords(stage, b, input.policy),
          rules: b.deadlines.map((d) => ({ label: d.label, rule: ruleInWords(d, ctx) })),
        };
      }),
  };
}

/** "If the dispute is urgent: Convene an independently chaired meeting (immediately on entering stage 4); …": another branch in one sentence. */
export function otherBranchSentence(other: BranchesInWords["others"][number]): string {
  const when = other.when.charAt(0).toUpperCase() + other.when.slice(1);
  const rules = other.rules.map((r) => `${r.label} (${lowerFirst(r.rule)})`);
  return `${when}: ${rules.length > 0 ? rules.join("; ") : "no deadlines"}.`;
}

/**
 * What the policy asks for once a dispute is resolved at this stage (its
 * `onResolution`), by due date. Those counting from "resolved" wait for
 * `anchors.resolved`; none decides when anything is overdue.
 */
export function computeObligations(input: StageDeadlineInput): ComputedDeadline[] {
  const route = getRoute(input.policy, input.routeId);
  const stage = getStage(input.policy, input.stageKey, route.id);
  return computeTogether(
    input,
    route,
    stage,
    obligationsAt(input.policy, stage.key, route.id).map((deadline) => ({ deadline })),
  );
}

function computeTogether(
  input: StageDeadlineInput,
  route: Route,
  stage: Stage,
  list: { deadline: Deadline | Budget; spansStages?: string[]; branch?: StageBranch }[],
): ComputedDeadline[] {
  // A deadline may count from another (a chain), so each is computed once, when first asked for;
  // the cross-checks refuse a cycle, and one met here again reads as not yet due.
  const memo = new Map<string, ComputedDeadline | null>();
  const compute = (id: string): ComputedDeadline | null => {
    if (memo.has(id)) return memo.get(id) ?? null;
    memo.set(id, null);
    const entry = list.find((x) => x.deadline.id === id);
    const computed = entry ? computeOne(entry.deadline, entry.spansStages, ctx, entry.branch) : null;
    memo.set(id, computed);
    return computed;
  };
  const definitions = list.map((x) => x.deadline);
  const ctx = contextFor(input.policy, route, stage, input.calendar, input.anchors, definitions, compute);
  return sortDeadlines(list.map(({ deadline }) => compute(deadline.id) as ComputedDeadline));
}

export type ScheduleStage = {
  stageKey: string;
  number: number | null;
  title: string;
  enteredAt: Date;
  enteredAtIso: string;
  deadlines: ComputedDeadline[];
  /** When the schedule assumes the dispute leaves this stage. */
  leavesAt: Date;
  leavesAtIso: string;
  /** false when the stage has no deciding due date and the schedule carried on from the last known instant. */
  leavesAtDeadline: boolean;
  /** For a stage with branches: which applies and why, and the others' rules. */
  branches?: BranchesInWords;
  notes: string[];
};

export type Schedule = {
  policyRef: string;
  routeId: string;
  raised: Date;
  raisedIso: string;
  stages: ScheduleStage[];
  warnings: string[];
};

export type ScheduleInput = {
  policy: Policy;
  routeId?: string;
  raised: Date;
  calendar: WorkingCalendar;
  events?: Record<string, Date>;
  /** The dispute's facts, which choose the branch of each stage that has branches (ORDINARY_FACTS when not given). */
  facts?: StageFacts;
};

/**
 * The whole ladder, assuming each stage is escalated when its overdue-deciding
 * deadline falls due. A stage without one is left at the last known instant
 * (flagged). An event that has not happened is assumed to happen at the latest
 * due time of the stage's other (non-deciding) deadlines, or on entry (flagged).
 */
export function computeSchedule(input: ScheduleInput): Schedule {
  const route = getRoute(input.policy, input.routeId);
  const clock = ZoneClock.for(input.policy.timeZone);
  const iso = (d: Date) => clock.isoWithOffset(d.getTime());
  const stages: ScheduleStage[] = [];
  const warnings = new Set<string>();
  let t = input.raised;
  // Events as known (or assumed) at each stage so far, for deadlines that count from an earlier stage's event.
  const byStage: Record<string, Record<string, Date>> = {};
  const leftAt: Record<string, Date> = {};

  for (const stage of route.stages) {
    const notes: string[] = [];
    const known = { ...(input.events ?? {}) };
    const facts = input.facts ?? ORDINARY_FACTS;
    for (const { deadline } of deadlinesAt(input.policy, stage.key, route.id, facts)) {
      for (const a of anchorsOf(deadline)) {
        if (typeof a !== "object" || !("event" in a) || a.stage === stage.key || byStage[a.stage]?.[a.event]) continue;
        const when = input.events?.[a.event] ?? leftAt[a.stage];
        if (!when) continue;
        byStage[a.stage] = { ...byStage[a.stage], [a.event]: when };
        const earlier = route.stages.find((st) => st.key === a.stage);
        const label = input.policy.events?.find((e) => e.id === a.event)?.label ?? a.event;
        if (input.events?.[a.event] === undefined) {
          notes.push(`Assumes "${label}" happened at ${formatDateTime(when, input.policy.timeZone)}, as ${earlier ? stageName(earlier) : a.stage} ended.`);
        }
      }
    }
    const anchors: Anchors = { raised: input.raised, stageEntered: t, events: known, eventsByStage: byStage };
    let deadlines = computeStageDeadlines({ policy: input.policy, routeId: route.id, stageKey: stage.key, anchors, calendar: input.calendar, facts });

    // Only a named event of this stage is assumed: an earlier stage's was handled above, and a deadline
    // counting from another deadline follows once that one has a date.
    const isEventOfThisStage = (from: string) => !from.includes("@") && !from.startsWith("deadline:");
    const waiting = deadlines.filter((d) => d.status === "awaiting-event" && d.anchor && isEventOfThisStage(d.anchor.from));
    if (waiting.length > 0) {
      // Events inside a stage come before its end: assume the latest non-deciding due time so far.
      const latest = deadlines.reduce((m, d) => (!d.decidesOverdue && d.dueAt && d.dueAt.getTime() > m ? d.dueAt.getTime() : m), t.getTime());
      for (const d of waiting) {
        const from = (d.anchor as NonNullable<ComputedDeadline["anchor"]>).from;
        if (known[from] === undefined) {
          known[from] = new Date(latest);
          notes.push(
            `Assumes "${d.anchor?.label}" happens at ${formatDateTime(new Date(latest), input.policy.timeZone)}, the latest time already known at this stage.`,
          );
        }
      }
      deadlines = computeStageDeadlines({ policy: input.policy, routeId: route.id, stageKey: stage.key, anchors, calendar: input.calendar, facts });
    }

    const decider = deadlines.find((d) => d.decidesOverdue);
    let leavesAt = t;
    let leavesAtDeadline = false;
    if (decider?.dueAt) {
      leavesAt = decider.dueAt.getTime() > t.getTime() ? decider.dueAt : t;
      leavesAtDeadline = true;
      if (decider.spansStages && decider.spansStages[0] !== stage.key) {
        const others = decider.spansStages
          .filter((k) => k !== stage.key)
          .map((k) => {
            const other = route.stages.find((st) => st.key === k);
            return other ? stageName(other) : k;
          });
        notes.push(`Shares the deadline "${decider.label}" with ${joinWithAnd(others)}.`);
      }
    } else {
      const latestKnown = deadlines.reduce((m, d) => (d.dueAt && d.dueAt.getTime() > m ? d.dueAt.getTime() : m), t.getTime());
      leavesAt = new Date(latestKnown);
      const why = decider
        ? `its deciding deadline has no due date yet (${decider.rule.charAt(0).toLowerCase()}${decider.rule.slice(1)})`
        : "the policy sets it no timescale";
      notes.push(
        `No due date at ${stageName(stage)}: ${why}. The schedule carries on from ${formatDateTime(leavesAt, input.policy.timeZone)}, so later dates are the earliest possible.`,
      );
    }
    for (const d of deadlines) for (const w of d.warnings) warnings.add(w);

    byStage[stage.key] = { ...byStage[stage.key], ...known };
    leftAt[stage.key] = leavesAt;
    const branches = stageBranchesInWords({ policy: input.policy, routeId: route.id, stageKey: stage.key, facts });
    stages.push({
      ...(branches ? { branches } : {}),
      stageKey: stage.key,
      number: stage.number ?? null,
      title: stage.title,
      enteredAt: t,
      enteredAtIso: iso(t),
      deadlines,
      leavesAt,
      leavesAtIso: iso(leavesAt),
      leavesAtDeadline,
      notes,
    });
    t = leavesAt;
  }

  return {
    policyRef: input.policy.ref,
    routeId: route.id,
    raised: input.raised,
    raisedIso: iso(input.raised),
    stages,
    warnings: [...warnings],
  };
}
