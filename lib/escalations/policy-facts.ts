/** What the escalation record asks of its policy, beyond lib/policy's lookups. */
import { seniority } from "../auth/permissions";
import {
  allDeadlinesAt,
  anchorsOf,
  boardInvolvementAt,
  deadlinesAt,
  describeParty,
  findContact,
  routeContactOfLevel,
  getRoute,
  getStage,
  stageName,
  type Party,
  type Policy,
  type PolicyEvent,
  type Route,
  type RoleLevel,
  type Stage,
  type StageFacts,
} from "../policy";
import type { Side } from "../db/generated/enums";

/**
 * Where a new dispute starts: the route's first non-optional stage between the
 * two agencies (one that names a responding side). Steps before it, such as
 * Torbay's "consult your own manager first", happen inside the raiser's agency
 * before there is a dispute to record.
 */
export function startStage(route: Route): Stage {
  const required = route.stages.filter((s) => !s.optional);
  return required.find((s) => s.responding !== undefined) ?? required[0] ?? (route.stages[0] as Stage);
}

/**
 * The facts of a dispute that choose a stage's branch (and its route): urgent
 * (raised as urgent, or expedited), immediate risk as the raiser said, whom it
 * is about and its areas. Changing them (expediting) changes the deadlines.
 */
export function disputeFacts(row: {
  urgent: boolean;
  immediateRisk: boolean;
  areas: readonly string[];
  subjects: readonly { kind: "child" | "adult" }[];
}): StageFacts {
  return { urgent: row.urgent, immediateRisk: row.immediateRisk, about: [...new Set(row.subjects.map((s) => s.kind))], areas: [...row.areas] };
}

export function stageIndex(route: Route, stageKey: string): number {
  return route.stages.findIndex((s) => s.key === stageKey);
}

export function levelAt(stage: Stage, side: Side): RoleLevel {
  return side === "raising" ? stage.raising.level : (stage.responding ?? stage.raising).level;
}

/** Seniority the policy expects on each side at a stage (responding falls back to raising). */
export function ranksAt(stage: Stage): { raisingRank: number; respondingRank: number } {
  return { raisingRank: seniority(stage.raising.level), respondingRank: seniority(levelAt(stage, "responding")) };
}

export function stageLabel(policy: Policy, routeId: string, stageKey: string): string {
  const stage = getRoute(policy, routeId).stages.find((s) => s.key === stageKey);
  return stage ? stageName(stage) : stageKey;
}

/** A party's role level: its own, or its contact's. */
export function partyLevel(party: Party, policy: Policy): RoleLevel | undefined {
  if (party.level) return party.level;
  const contact = findContact(policy, party.contact);
  return contact?.level;
}

const BOARD_LEVELS: readonly RoleLevel[] = ["board-business-manager", "board-chair"];

/** Whether the board (its chair or panel) decides the dispute at this stage. */
export function boardDecidesAt(policy: Policy, routeId: string, stageKey: string): boolean {
  const stage = getStage(policy, stageKey, routeId);
  if (boardInvolvementAt(policy, stageKey, routeId).involvement === "owns-decision") return true;
  return stage.decidedBy !== undefined && partyLevel(stage.decidedBy, policy) === "board-chair";
}

/**
 * The board notice due on entering a stage, or null: when the board has a part
 * at the stage, or the policy tells a board contact on entry.
 */
export function boardNoticeOnEntry(
  policy: Policy,
  routeId: string,
  stageKey: string,
): {
  involvement: "none" | "notified" | "oversight" | "owns-decision";
  notified: { label: string; contactId?: string; email?: string; what?: string; how?: string }[];
} | null {
  const stage = getStage(policy, stageKey, routeId);
  const involvement = boardInvolvementAt(policy, stageKey, routeId).involvement;
  const notified = (stage.notify?.onEntry ?? [])
    .filter((n) => {
      const level = partyLevel(n.who, policy);
      return level !== undefined && BOARD_LEVELS.includes(level);
    })
    .map((n) => {
      // With populations, a board role named without a contact is the route's population's.
      const contact =
        findContact(policy, n.who.contact) ??
        (policy.populations && n.who.contact === undefined && n.who.level ? routeContactOfLevel(policy, routeId, n.who.level) : undefined);
      return {
        label: describeParty(n.who, policy, routeId),
        ...(contact ? { contactId: contact.id } : {}),
        ...(contact?.email ? { email: contact.email } : {}),
        ...(n.what ? { what: n.what } : {}),
        ...(n.how ? { how: n.how } : {}),
      };
    });
  if (involvement === "none" && notified.length === 0) return null;
  return { involvement, notified };
}

/** The set-by-role deadline of this id that applies at the stage, if any. */
export function settableDeadline(policy: Policy, routeId: string, stageKey: string, deadlineId: string, facts: StageFacts) {
  const found = deadlinesAt(policy, stageKey, routeId, facts).find((d) => d.deadline.id === deadlineId);
  if (!found) return { kind: "unknown" as const };
  if (found.deadline.unit !== "set-by-role") return { kind: "counted" as const, label: found.deadline.label };
  return { kind: "settable" as const, deadline: found.deadline, setBy: found.deadline.setBy };
}

export function settableDeadlineIds(policy: Policy, routeId: string, stageKey: string, facts: StageFacts): string[] {
  return deadlinesAt(policy, stageKey, routeId, facts)
    .filter((d) => d.deadline.unit === "set-by-role")
    .map((d) => d.deadline.id);
}

/** The route's ownership rule providing for a proxy at this stage, if any. */
export function proxyRuleAt(route: Route, stageKey: string): string | null {
  return route.ownership?.find((r) => r.kind === "proxy" && r.stages.includes(stageKey))?.id ?? null;
}

/** Later stages an expedite may jump to from here: every stage passed over must be skippable. */
export function expediteTargets(policy: Policy, routeId: string, fromKey: string, includeFrom = false): string[] {
  const route = getRoute(policy, routeId);
  if (!route.urgent?.allowed) return [];
  const skippable = new Set(route.urgent.maySkip ?? []);
  const from = stageIndex(route, fromKey);
  const targets: string[] = [];
  if (includeFrom && !skippable.has(fromKey)) return [];
  for (let i = from + 1; i < route.stages.length; i++) {
    const stage = route.stages[i] as Stage;
    // Jumping two or more stages ahead passes over everything in between.
    const between = route.stages.slice(from + 1, i);
    if (i > from + 1 && !between.every((s) => skippable.has(s.key))) break;
    if (i === from + 1 && !includeFrom) continue; // the very next stage is an ordinary escalation
    targets.push(stage.key);
  }
  return targets;
}

/** Keys of the stages passed over going from `from` to `to` (with `from` itself when it is left at once). */
export function stagesBetween(route: Route, from: string, to: string, includeFrom: boolean): string[] {
  const i = stageIndex(route, from);
  const j = stageIndex(route, to);
  return route.stages.slice(includeFrom ? i : i + 1, j).map((s) => s.key);
}

/**
 * The named events worth recording at a stage: those a deadline of the stage counts from, or is
 * met by, and those a later stage's deadline counts from as recorded at this one ("5 working days
 * of the stage 1 discussion"). Any other would change nothing (Westbridge's "concern identified"
 * belongs to a step before the dispute).
 */
export function milestonesAt(policy: Policy, routeId: string, stageKey: string, facts: StageFacts): PolicyEvent[] {
  const here = deadlinesAt(policy, stageKey, routeId, facts).flatMap(({ deadline }) => [
    ...anchorsOf(deadline).flatMap((a) => (typeof a === "string" ? [a] : [])),
    ...("metBy" in deadline && deadline.metBy?.event ? [deadline.metBy.event] : []),
  ]);
  // A later stage's branch is chosen when it is reached, so any of its branches may need this one's event.
  const later = getRoute(policy, routeId).stages.flatMap((stage) =>
    allDeadlinesAt(policy, stage.key, routeId).flatMap(({ deadline }) =>
      anchorsOf(deadline).flatMap((a) => (typeof a === "object" && "event" in a && a.stage === stageKey ? [a.event] : [])),
    ),
  );
  const anchors = new Set([...here, ...later]);
  return (policy.events ?? []).filter((e) => anchors.has(e.id));
}
