/**
 * The policy page for partnership administrators: versions, which is in force,
 * problems, calendar coverage, and the version in force as the deadline engine
 * reads it: its dates, each route's stages with who owns the dispute at each and
 * every deadline in plain English, and a warning for every value the file marks
 * as a placeholder.
 */
import type { FileErrors } from "../calendar/data-file";
import { ZoneClock } from "../calendar/time-zone";
import { dayFromIso, formatDayLong, isoFromDay } from "../calendar/days";
import { startStage } from "../escalations/policy-facts";
import {
  ANCHOR_RAISED,
  ANCHOR_STAGE_ENTERED,
  boardOversightStageOf,
  allDeadlinesAt,
  DOES_NOT_SAY,
  notStatedItems,
  type NotStatedItem,
  branchIfWords,
  describeParty,
  getRoute,
  formatTimeOfDay,
  joinWithAnd,
  minuteOfDay,
  plural,
  ROLE_LEVEL_LABELS,
  stageName,
  type Anchor,
  type Budget,
  type Deadline,
  type Policy,
  type Route,
  type Stage,
  type Timing,
} from "../policy";
import type { PolicyRegistry } from "../policy/registry";
import { stageTitle } from "./dispute-history";
import { placeholderComments, type PlaceholderMark } from "./policy-placeholders";

export type PolicyDeadlineItem = {
  id: string;
  label: string;
  /** "Within 2 working days of the dispute being raised". */
  when: string;
  /** "Required by the policy" or "Advised by the policy". */
  kind: string;
  /** This deadline decides when the stage is overdue. */
  decidesOverdue: boolean;
  /** "One deadline for stage 1 and stage 2 together", for a deadline shared by stages. */
  shared: string | null;
  /** "Met when the Escalation referral form is recorded as completed". */
  metBy: string | null;
  /** What the policy says to do if it is missed, and who Parley tells. */
  onMiss: string | null;
  /** "Only if the dispute is urgent", for a deadline of one branch of the stage. */
  branch: string | null;
  cite: string;
};

/** Who owns the dispute for one side at a stage: the policy's words, and the role level Parley matches people by. */
export type PolicyOwnerItem = { side: string; who: string; level: string; note: string | null };

export type PolicyStageItem = {
  key: string;
  /** "Stage 2: Manager to manager". */
  title: string;
  /** Where this stage sits for a dispute: before raising (in the agency's own system), where disputes start, optional. */
  tags: string[];
  summary: string | null;
  owners: PolicyOwnerItem[];
  decidedBy: string | null;
  board: string | null;
  deadlines: PolicyDeadlineItem[];
  /** What Parley does with the stage's deadlines when that needs saying: none set, or a step before raising. */
  deadlineNote: string | null;
};

export type PolicyRouteItem = { id: string; title: string; appliesWhen: string | null; urgent: string | null; stages: PolicyStageItem[] };

export type PlaceholderWarning = { path: string; message: string };

export type PolicyDetail = {
  ref: string;
  title: string;
  version: string;
  /** "In force", "Not yet in force" (when none is in force, the next one is shown). */
  standing: string;
  dates: { key: string; value: string }[];
  /** What the policy does not say, and what Parley does instead. */
  notStated: NotStatedItem[];
  /** Warnings about the dates (a review overdue). */
  dateWarnings: string[];
  placeholders: PlaceholderWarning[];
  /** How working days are counted and when a deadline falls in the day. */
  counting: string;
  boardOversight: string;
  routes: PolicyRouteItem[];
};

export type PolicyOverview = {
  versions: {
    ref: string;
    title: string;
    version: string;
    effectiveFrom: string;
    file: string;
    inForce: boolean;
    future: boolean;
    /** The regional procedure a local supplement extends: "The Vales regional procedures, version 2026-1". */
    extendsRegion: string | null;
  }[];
  inForce: string | null;
  problems: string[];
  calendar: { name: string; from: number; to: number; missingSoon: boolean } | null;
  /** The version in force (or, when none is, the next to come into force), as the engine reads it. */
  detail: PolicyDetail | null;
};

/** Reads a policy file's text (for its placeholder comments); null when it cannot. */
export type SourceReader = (file: string | null) => string | null;

export function policyOverview(
  loaded: { registry: PolicyRegistry; errors: FileErrors[] },
  partnershipId: string,
  now: Date,
  readSource: SourceReader = () => null,
): PolicyOverview {
  const { registry, errors } = loaded;
  const current = registry.inForce(partnershipId, now);
  const versions = registry.versions(partnershipId);
  const today = current ? isoFromDay(ZoneClock.for(current.timeZone).localDay(now.getTime())) : now.toISOString().slice(0, 10);
  // A partnership's own files, and the shared calendars every policy counts on.
  const mine = (file: string) => file.includes(`/${partnershipId}/`) || file.includes("calendars");
  const problems = errors.filter((e) => mine(e.file)).flatMap((e) => e.messages.map((m) => `${e.file}: ${m}`));
  const calendarData = current ? registry.calendarData(current.jurisdiction) : undefined;
  const year = Number(today.slice(0, 4));
  const shown = current ?? versions.find((p) => p.effectiveFrom > today);
  return {
    versions: versions
      .map((p) => ({
        ref: p.ref,
        title: p.title,
        version: p.version,
        effectiveFrom: p.effectiveFrom,
        file: p.file ?? p.ref,
        inForce: p.ref === current?.ref,
        future: p.effectiveFrom > today,
        extendsRegion: p.extends ? `${p.extends.name}, version ${p.extends.version}` : null,
      }))
      .reverse(),
    inForce: current?.ref ?? null,
    problems,
    calendar: calendarData
      ? { name: calendarData.name, from: calendarData.years.from, to: calendarData.years.to, missingSoon: calendarData.years.to <= year }
      : null,
    detail: shown
      ? policyDetail(shown, {
          today,
          standing: shown === current ? "In force" : "Not yet in force",
          calendarName: shown === current ? (calendarData?.name ?? null) : (registry.calendarData(shown.jurisdiction)?.name ?? null),
          source: readSource(shown.file),
        })
      : null,
  };
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2023-04" → "April 2023"; "2023-04-12" → "12 April 2023". */
export function partialDateWords(date: string): string {
  if (date.length === 7) return `${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
  return formatDayLong(dayFromIso(date)).replace(/^\w+day /, "");
}

/** Whether a (possibly month-only) date is wholly before today. */
const isPast = (date: string, today: string) => (date.length === 7 ? date < today.slice(0, 7) : date < today);

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function owner(side: string, s: Stage["raising"]): PolicyOwnerItem {
  const level = s.levelNotStated ? `${DOES_NOT_SAY}: anyone in the agency` : capital(ROLE_LEVEL_LABELS[s.level]);
  return { side, who: s.title ?? level, level, note: s.note ?? null };
}

/** How an anchor reads after "of": "the dispute being raised", "the dispute reaching stage 2", an event's label. */
export function anchorPhrase(from: Anchor, policy: Policy, stage: Stage, route: Route = getRoute(policy)): string {
  if (from === ANCHOR_RAISED) return "the dispute being raised";
  if (from === ANCHOR_STAGE_ENTERED) return `the dispute reaching ${stageName(stage)}`;
  const eventLabel = (id: string) => policy.events?.find((e) => e.id === id)?.label ?? id;
  if (typeof from === "string") return eventLabel(from);
  if ("event" in from) {
    const at = route.stages.find((s) => s.key === from.stage);
    return `${eventLabel(from.event)} at ${at ? stageName(at) : from.stage}`;
  }
  const other = allDeadlinesAt(policy, stage.key, route.id).find((x) => x.deadline.id === from.deadline)?.deadline;
  return `"${other?.label ?? from.deadline}" ${from.at === "met" ? "being met" : "falling due"}`;
}

type Timed = Deadline | Budget | Timing;

/** A deadline's rule in plain English, as the engine applies it: "Within 2 working days of the dispute being raised". */
export function deadlineWhen(d: Timed, policy: Policy, stage: Stage, route: Route = getRoute(policy)): string {
  const close = formatTimeOfDay(minuteOfDay(policy.closeOfBusiness));
  switch (d.unit) {
    case "working-days":
      return `Within ${plural(d.amount, "working day")} of ${anchorPhrase(d.from, policy, stage, route)}, by ${close}`;
    case "working-weeks":
      return `Within ${plural(d.amount, "working week")} (${plural(d.amount * 5, "working day")}) of ${anchorPhrase(d.from, policy, stage, route)}, by ${close}`;
    case "calendar-days":
      return `Within ${plural(d.amount, "calendar day")} of ${anchorPhrase(d.from, policy, stage, route)}, weekends and holidays included, by the end of the last day`;
    case "hours":
      return `Within ${plural(d.amount, "hour")} of ${anchorPhrase(d.from, policy, stage, route)}`;
    case "same-working-day":
      return `By ${close} on the same working day as ${anchorPhrase(d.from, policy, stage, route)} (the next working day, if that day is not one)`;
    case "immediately":
      return `Immediately on ${anchorPhrase(d.from, policy, stage, route)}`;
    case "asap":
      return "As soon as possible: the policy sets no timescale, so there is no due date";
    case "set-by-role":
      return `Set for each dispute by ${describeParty(d.setBy, policy)}: no due date until they set one`;
    case "earliest-of":
      return `Whichever is sooner: ${d.of.map((t) => deadlineWhen(t, policy, stage, route)).join("; or ")}`;
    case "not-stated":
      return "The policy does not say: no due date";
    default: {
      const never: never = d;
      throw new Error(`unknown unit in ${JSON.stringify(never)}`);
    }
  }
}

function deadlineItem(d: Deadline | Budget, spansStages: string[] | undefined, policy: Policy, route: Route, stage: Stage): PolicyDeadlineItem {
  const nameOf = (key: string) => {
    const s = route.stages.find((st) => st.key === key);
    return s ? stageName(s) : key;
  };
  const metBy = "metBy" in d && d.metBy ? d.metBy : undefined;
  const missParts = [
    d.onMiss ?? null,
    d.notifyOnMiss ? `When it is missed, Parley tells both owners and also ${joinWithAnd(d.notifyOnMiss.map((p) => describeParty(p, policy)))}.` : null,
  ].filter((x): x is string => x !== null);
  return {
    id: d.id,
    label: d.label,
    when: deadlineWhen(d, policy, stage, route),
    kind: d.kind === "mandatory" ? "Required by the policy" : "Advised by the policy",
    decidesOverdue: d.decidesOverdue === true,
    shared: spansStages && spansStages.length > 1 ? `One deadline for ${joinWithAnd(spansStages.map(nameOf))} together` : null,
    metBy: metBy
      ? metBy.form !== undefined
        ? `Met when the ${stage.forms?.find((f) => f.id === metBy.form)?.title ?? metBy.form} is recorded as completed`
        : `Met when ${anchorPhrase(metBy.event ?? "", policy, stage)} is recorded`
      : null,
    onMiss: missParts.length > 0 ? missParts.join(" ") : null,
    branch: null,
    cite: d.cite,
  };
}

const BOARD_WORDS = {
  none: null,
  notified: "The board is told.",
  oversight: "The board business manager takes oversight.",
  "owns-decision": "The board decides.",
} as const;

function stageItem(policy: Policy, route: Route, stage: Stage, index: number, startIndex: number): PolicyStageItem {
  const tags: string[] = [];
  if (index < startIndex) tags.push("Before raising");
  if (index === startIndex) tags.push("Disputes start here");
  if (stage.optional) tags.push("Optional");
  const owners: PolicyOwnerItem[] = stage.responding
    ? [owner("Raising agency", stage.raising), owner("Responding agency", stage.responding)]
    : [owner(index < startIndex ? "Within the raising agency" : "Raising agency", stage.raising)];
  // Every branch's deadlines, each saying when it applies.
  const deadlines = allDeadlinesAt(policy, stage.key, route.id).map(({ deadline, spansStages, branch }) => ({
    ...deadlineItem(deadline, spansStages, policy, route, stage),
    branch: branch ? `Only ${branchIfWords(stage, branch, policy)}` : null,
  }));
  // Overdue-deciding first, then as the policy lists them (as the dispute page orders them).
  deadlines.sort((a, b) => Number(b.decidesOverdue) - Number(a.decidesOverdue));
  const board = stage.board ? BOARD_WORDS[stage.board.involvement] : null;
  return {
    key: stage.key,
    title: stageTitle(stage),
    tags,
    summary: stage.summary ?? null,
    owners,
    decidedBy: stage.decidedBy ? describeParty(stage.decidedBy, policy) : null,
    board: board ? `${board}${stage.board?.note ? ` ${stage.board.note}` : ""}` : null,
    deadlines,
    deadlineNote:
      index < startIndex
        ? `This happens before a dispute is raised, within the raising agency, and is recorded in the agency's own system, not in Parley${deadlines.length > 0 ? ", so Parley does not track its deadlines" : ""}.`
        : deadlines.length === 0
          ? "The policy sets no deadline at this stage."
          : null,
  };
}

/** Where a placeholder is, in words. */
const PLACE_NAMES: Record<string, string> = {
  "partnership.name": "The partnership's name",
  "partnership.code": "The reference prefix",
  title: "The policy's title",
  effectiveFrom: "The date this version is in force from",
  approved: "The approval date",
  reviewDue: "The review date",
};

function placeholderWarnings(policy: Policy, marks: readonly PlaceholderMark[]): PlaceholderWarning[] {
  const found = [...marks];
  // The structured flag for the name counts even without a comment (the comment, if any, gives the reason).
  if (policy.partnership.nameIsPlaceholder && !found.some((m) => m.path === "partnership.name")) {
    found.unshift({ path: "partnership.name", value: policy.partnership.name, note: null });
  }
  return found.map((m) => {
    const place = PLACE_NAMES[m.path] ?? `The value at ${m.path}`;
    const shownValue = m.value && /^\d{4}-\d{2}(-\d{2})?$/.test(m.value) ? partialDateWords(m.value) : m.value;
    return {
      path: m.path,
      message: `${place}${shownValue ? `, ${shownValue},` : ""} is a placeholder in the policy file${m.note ? ` (${m.note})` : ""}. Confirm the real value, correct the file and restart Parley.`,
    };
  });
}

export function policyDetail(policy: Policy, options: { today: string; standing: string; calendarName: string | null; source: string | null }): PolicyDetail {
  const notStated = "Not stated in the policy";
  const dates = [
    { key: "In force from", value: formatDayLong(dayFromIso(policy.effectiveFrom)) },
    {
      key: "Reference prefix",
      value: policy.partnership.codeNotStated ? `${DOES_NOT_SAY}; Parley uses ${policy.partnership.code}` : policy.partnership.code,
    },
    { key: "Approved", value: policy.approved ? partialDateWords(policy.approved) : notStated },
    ...(policy.reviewed && policy.reviewed.length > 0 ? [{ key: "Reviewed", value: joinWithAnd(policy.reviewed.map(partialDateWords)) }] : []),
    { key: "Review due", value: policy.reviewDue ? partialDateWords(policy.reviewDue) : notStated },
  ];
  const dateWarnings: string[] = [];
  if (policy.reviewDue && isPast(policy.reviewDue, options.today)) {
    dateWarnings.push(
      `The policy's review was due in ${partialDateWords(policy.reviewDue)}. Check with the partnership that this is still the version to use.`,
    );
  }
  const close = formatTimeOfDay(minuteOfDay(policy.closeOfBusiness));
  const oversight = boardOversightStageOf(policy);
  return {
    ref: policy.ref,
    title: policy.title,
    version: policy.version,
    standing: options.standing,
    dates,
    notStated: notStatedItems(policy),
    dateWarnings,
    placeholders: placeholderWarnings(policy, options.source ? placeholderComments(options.source) : []),
    counting:
      `Working days leave out weekends, ${options.calendarName ? `the ${options.calendarName} bank holidays` : "bank holidays"} and your partnership's own closure days. ` +
      `A deadline of N working days falls at ${close} (close of business) on the Nth working day after the day it counts from. Times are ${policy.timeZone} time.`,
    boardOversight:
      oversight === null
        ? "No stage puts a dispute on the board business manager's register."
        : `A dispute goes on the board business manager's register when it reaches stage ${oversight}.`,
    routes: policy.routes.map((route) => {
      const startIndex = route.stages.indexOf(startStage(route));
      const skippable = route.urgent?.allowed ? (route.urgent.maySkip ?? []) : [];
      return {
        id: route.id,
        title: route.title,
        appliesWhen: route.appliesWhen ?? null,
        urgent: route.urgent
          ? route.urgent.allowed
            ? `When it is urgent${route.urgent.grounds ? ` (${route.urgent.grounds.charAt(0).toLowerCase()}${route.urgent.grounds.slice(1).replace(/\.$/, "")})` : ""}, a dispute may skip ${
                skippable.length > 0 ? joinWithAnd(route.stages.filter((s, i) => i >= startIndex && skippable.includes(s.key)).map(stageName)) : "stages"
              }.`
            : "The policy does not allow stages to be skipped."
          : null,
        stages: route.stages.map((stage, i) => stageItem(policy, route, stage, i, startIndex)),
      };
    }),
  };
}
