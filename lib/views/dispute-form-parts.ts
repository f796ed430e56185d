/**
 * What the forms on a dispute share: the context they are built in, the
 * escalate and expedite previews (what happens before anyone confirms), who may
 * own a side, the date hints and the agreed action's fields. Each action's form
 * is in its descriptor beside its use case (lib/escalations/*.action.ts);
 * dispute-forms.ts puts them together.
 */
import { ROLE_LABELS, atOrAbove } from "../auth/permissions";
import { keepsOwnership } from "../escalations/members";
import { describeDue } from "../deadlines/due-status";
import type { ActionName, AvailableAction } from "../escalations/actions";
import type { Directory, DirectoryMember } from "../escalations/directory";
import { disputeFacts, stagesBetween } from "../escalations/policy-facts";
import { matchReason, rankByJobTitle, type ExpectedLevel } from "../escalations/owner-suggestions";
import { eventsByStage } from "../escalations/projection";
import { LIMITS } from "../escalations/schemas";
import { civilFromDays } from "../calendar/days";
import { ZoneClock } from "../calendar/time-zone";
import {
  allDeadlinesAt,
  computeStageDeadlines,
  describeParty,
  equivalentTitle,
  getRoute,
  getStage,
  joinWithAnd,
  nextStage,
  requiredBeforeEscalating,
  ROLE_LEVEL_LABELS,
  stageName,
  stageTitle,
  type Policy,
  type RoleLevel,
  type Stage,
} from "../policy";
import type { DisputeContext } from "./dispute";
import type { FieldSpec, Option } from "./form-spec";

export type ActionFormContext = DisputeContext & { directory: Directory; target?: string | undefined };

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function available(ctx: ActionFormContext, action: ActionName): AvailableAction | undefined {
  return ctx.view.availableActions.find((a) => a.action === action);
}

/** Members of an agency the policy would accept as owner at a level, by name. */
export function eligibleOwners(members: readonly DirectoryMember[], agencyId: string, level: RoleLevel): DirectoryMember[] {
  return members.filter((m) => m.agencyId === agencyId && atOrAbove(m.roles, level));
}

/** A person as an option: "Grace Adeyemi, Team Manager (Manager)", or without the title where they have none. */
export const memberOption = (m: DirectoryMember): Option => ({
  value: m.userId,
  label: `${m.name}${m.jobTitle ? `, ${m.jobTitle}` : ""} (${m.roles.map((r) => ROLE_LABELS[r]).join(", ")})`,
});

/** What the policy expects of a side at a stage: its level and its own words for it (for ranking by job title). */
export function expectedOf(stage: Stage, side: "raising" | "responding"): ExpectedLevel {
  const s = side === "raising" ? stage.raising : (stage.responding ?? stage.raising);
  return { level: s.level, title: s.title, levelNotStated: s.levelNotStated };
}

/**
 * The members of an agency to offer as the owner of a side at a stage: those whose
 * job title is what the policy calls that level come first, each saying why
 * ("Sergeant Lee Carter, Detective Sergeant: the policy's manager level in the
 * police"); the rest keep their order. Those below the level are offered only as
 * a proxy when `proxies` is set, and left out otherwise.
 */
export function ownerOptions(
  members: readonly DirectoryMember[],
  agency: { id: string; type: string | null },
  stage: Stage,
  side: "raising" | "responding",
  policy: Policy,
  { proxies = false }: { proxies?: boolean } = {},
): Option[] {
  const expected = expectedOf(stage, side);
  const atLevel = (m: DirectoryMember) => atOrAbove(m.roles, expected.level);
  const ofAgency = members.filter((m) => m.agencyId === agency.id && (proxies || atLevel(m)));
  return rankByJobTitle(ofAgency, expected, policy, agency.type, atLevel).map(({ member, match }) => {
    if (match) return { value: member.userId, label: `${member.name}, ${member.jobTitle}: ${matchReason(match)}` };
    const o = memberOption(member);
    return atLevel(member) ? o : { ...o, label: `${o.label}: only as a proxy` };
  });
}

/**
 * The level the policy expects of a side at a stage, in the policy's words, and in
 * the side's agency's own where the policy gives them (roleEquivalents):
 * "a manager (in this agency, Detective Sergeant)".
 */
export function levelOf(
  stage: Stage,
  side: "raising" | "responding",
  equivalence?: { policy: Policy; agencyType: string | null },
): { level: RoleLevel; words: string } {
  const s = side === "raising" ? stage.raising : (stage.responding ?? stage.raising);
  // Not stated: anyone in the agency may own it (matched as a practitioner), and the page says so.
  const words = s.title ?? (s.levelNotStated ? "anyone in the agency (the policy does not say)" : ROLE_LEVEL_LABELS[s.level]);
  const theirs = equivalence?.agencyType && !s.levelNotStated ? equivalentTitle(equivalence.policy, s.level, equivalence.agencyType) : null;
  return { level: s.level, words: theirs && theirs !== words ? `${words} (in this agency, ${theirs})` : words };
}

export const agencyOfSide = (ctx: ActionFormContext, side: "raising" | "responding") =>
  side === "raising" ? ctx.view.raisingAgency : ctx.view.respondingAgency;

/** Discussions and forms already recorded at the current stage, as the projection counts them. */
export function recordedAtStage(ctx: ActionFormContext): { discussions: number; forms: Set<string> } {
  const here = ctx.view.record.stageKey;
  return { discussions: ctx.view.recorded.discussions[here] ?? 0, forms: new Set(Object.keys(ctx.view.recorded.forms[here] ?? {})) };
}

export type EscalatePreview = {
  /** The stage it is at, in full ("Stage 2: Manager to manager") and short ("stage 2"). */
  from: string;
  fromName: string;
  /** The stage it would go to, likewise. */
  to: { key: string; title: string; name: string; summary: string | null };
  owners: { side: "raising" | "responding"; agency: string; expects: string; keeps: string | null; options: Option[] }[];
  required: { kind: "record" | "form"; what: string; done: boolean }[];
  formsNow: { id: string; title: string }[];
  formsOnEntry: { id: string; title: string; use: string; sendTo: string | null }[];
  notify: string[];
  board: string | null;
  /** Each deadline of the next stage as if it were entered now: "by 5pm on …", and in words ("Due in 5 working days (…)"). */
  deadlines: { label: string; by: string | null; due: string; explanation: string; warnings: string[] }[];
};

/** What escalating now would do, for the page to say before anyone confirms. */
export function escalatePreview(ctx: ActionFormContext): EscalatePreview | null {
  const { view, policy } = ctx;
  const r = view.record;
  const next = nextStage(policy, r.stageKey, r.routeId);
  if (!next) return null;
  const here = getStage(policy, r.stageKey, r.routeId);
  const done = recordedAtStage(ctx);
  const required = requiredBeforeEscalating(policy, r.stageKey, r.routeId);
  const owners = (["raising", "responding"] as const).map((side) => {
    const agency = agencyOfSide(ctx, side);
    const { words } = levelOf(next, side, { policy, agencyType: agency.type });
    const currentId = side === "raising" ? r.raisingOwnerId : r.respondingOwnerId;
    const current = ctx.directory.members.find((m) => m.userId === currentId);
    const keeps = current && keepsOwnership(current, agency.id, next, side) ? current.name : null;
    return { side, agency: agency.name, expects: words, keeps, options: ownerOptions(ctx.directory.members, agency, next, side, policy) };
  });
  const deadlines = computeStageDeadlines({
    policy,
    routeId: r.routeId,
    stageKey: next.key,
    anchors: { raised: r.raisedAt, stageEntered: ctx.now, eventsByStage: eventsByStage(ctx.view.recorded) },
    calendar: ctx.calendar,
    facts: disputeFacts(r),
  }).map((d) => {
    const setBy = d.unit === "set-by-role" ? allDeadlinesAt(policy, next.key, r.routeId).find((x) => x.deadline.id === d.id)?.deadline : undefined;
    const words = describeDue({
      dueAt: d.dueAt,
      status: d.status,
      now: ctx.now,
      calendar: ctx.calendar,
      timeZone: policy.timeZone,
      ...(setBy && setBy.unit === "set-by-role" ? { setBy: describeParty(setBy.setBy, policy) } : {}),
    });
    return { label: d.label, by: d.dueText, due: words.text, explanation: d.explanation, warnings: d.warnings };
  });
  const board =
    next.board && next.board.involvement !== "none"
      ? {
          notified: "The board is notified when the dispute reaches this stage.",
          oversight: "The board business manager has oversight from this stage.",
          "owns-decision": "The board decides the dispute at this stage.",
        }[next.board.involvement] + (next.board.note ? ` ${next.board.note}` : "")
      : null;
  return {
    from: stageTitle(here),
    fromName: stageName(here),
    to: { key: next.key, title: stageTitle(next), name: stageName(next), summary: next.summary ?? null },
    owners,
    required: [
      ...required.records.map((rec) => ({ kind: "record" as const, what: capitalise(rec.what), done: done.discussions > 0 })),
      ...required.forms.map((f) => ({ kind: "form" as const, what: `The ${f.title}`, done: done.forms.has(f.id) })),
    ],
    formsNow: required.forms.filter((f) => !done.forms.has(f.id)).map((f) => ({ id: f.id, title: f.title })),
    formsOnEntry: (next.forms ?? []).map((f) => ({
      id: f.id,
      title: f.title,
      use: f.use === "required" ? "Required" : "Recommended",
      sendTo: f.sendTo && f.sendTo.length > 0 ? `${joinWithAnd(f.sendTo.map((p) => describeParty(p, policy)))}${f.email ? ` (${f.email})` : ""}` : null,
    })),
    notify: (next.notify?.onEntry ?? []).map((n) => `${describeParty(n.who, policy)}${n.what ? `: ${n.what}` : ""}${n.how ? ` ${n.how}.` : ""}`),
    board,
    deadlines,
  };
}

export type ExpediteChoice = Option & { skipped: string[] };

/** The stages an expedite may go to, each with the stages it passes over. */
export function expediteChoices(ctx: ActionFormContext): ExpediteChoice[] {
  const a = available(ctx, "expedite");
  if (!a || a.action !== "expedite") return [];
  const route = getRoute(ctx.policy, ctx.view.record.routeId);
  return a.toStageKeys.map((key) => {
    const stage = route.stages.find((s) => s.key === key) as Stage;
    const skipped = stagesBetween(route, ctx.view.record.stageKey, key, false).map((k) => stageName(route.stages.find((s) => s.key === k) as Stage));
    return { value: key, label: stageTitle(stage), hint: `Skips ${joinWithAnd(skipped)}.`, skipped };
  });
}

/** A date as the GOV.UK date input's hint gives it: "For example, 4 6 2026", `days` after today in the partnership's time zone. */
export function dateExample(ctx: ActionFormContext, days = 0): string {
  const c = civilFromDays(ZoneClock.for(ctx.policy.timeZone).localDay(ctx.now.getTime()) + days);
  return `For example, ${c.day} ${c.month} ${c.year}`;
}

/** How the messages about each date on the forms start; the time's read "Time …" (as lib/escalations/date-bounds.ts words them). */
export const DATE_SUBJECTS = {
  discussion: "Date of the discussion",
  milestone: "Date it happened",
  timescale: "Date it is due",
  action: "Date the action is due",
} as const;

/** The fields of one agreed action; `brief` leaves out choosing its owner among Parley's users (the resolve form's repeated actions). */
export function agreedActionFields(ctx: ActionFormContext, prefix: string, brief = false): FieldSpec[] {
  const agencies = new Map(ctx.directory.agencies.map((a) => [a.id, a.name]));
  const fields: FieldSpec[] = [
    { kind: "textarea", name: `${prefix}description`, label: "What was agreed?", rows: 3, maxLength: LIMITS.long },
    { kind: "text", name: `${prefix}ownerName`, label: "Who will do it?", hint: "Their name and role." },
  ];
  if (!brief) {
    fields.push({
      kind: "select",
      name: `${prefix}ownerUserId`,
      label: "If they use Parley, choose them (optional)",
      placeholder: "They do not use Parley",
      options: ctx.directory.members.map((m) => ({ value: m.userId, label: `${m.name}, ${agencies.get(m.agencyId) ?? ""}` })),
    });
  }
  fields.push({ kind: "date", name: `${prefix}dueDate`, label: "When is it due?", hint: dateExample(ctx, 7) });
  return fields;
}
