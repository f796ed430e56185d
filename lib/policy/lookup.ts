/** Finding routes and stages, and the questions the escalation record asks of a stage. */
import type { BoardInvolvement, BranchWhen, Budget, Deadline, PolicyAgencyType, Route, Stage, StageBranch } from "./schema";
import type { RoleLevel } from "./roles";
import type { Policy } from "./parse";

export class PolicyLookupError extends Error {
  override readonly name = "PolicyLookupError";
}

/** The named route, or the policy's first (main) route. */
export function getRoute(policy: Policy, routeId?: string): Route {
  if (routeId === undefined) return policy.routes[0] as Route;
  const route = policy.routes.find((r) => r.id === routeId);
  if (!route) {
    throw new PolicyLookupError(`${policy.ref} has no route "${routeId}" (routes: ${policy.routes.map((r) => r.id).join(", ")})`);
  }
  return route;
}

/** The facts a route may be chosen by (lib/policy/schema.ts RouteWhenSchema). */
export type RouteFacts = { about: readonly ("child" | "adult")[]; areas: readonly string[] };

/** Whether the facts meet a route's `when`: every condition it sets holds (a route without one always does). */
export function routeApplies(route: Route, facts: RouteFacts): boolean {
  const when = route.when;
  if (!when) return true;
  if (when.about && !when.about.some((kind) => facts.about.includes(kind))) return false;
  if (when.areas && !when.areas.some((area) => facts.areas.includes(area))) return false;
  return true;
}

/**
 * The route the facts choose: the first with a `when` they meet, else the
 * first without one. Null when every route has a `when` and none is met.
 */
export function routeForFacts(policy: Policy, facts: RouteFacts): Route | null {
  return policy.routes.find((r) => r.when && routeApplies(r, facts)) ?? policy.routes.find((r) => !r.when) ?? null;
}

/** The routes people choose among by hand (those without a `when`): asked only when there are several. */
export const routesChosenByHand = (policy: Policy): Route[] => policy.routes.filter((r) => !r.when);

/**
 * The route a dispute takes: the one the facts choose where the policy says
 * (a route's `when`), otherwise the one chosen by hand, otherwise the first the
 * facts allow. Undefined when `routeId` names no route that may be chosen by hand.
 */
export function chooseRoute(policy: Policy, facts: RouteFacts, routeId?: string): Route | undefined {
  const byFacts = policy.routes.find((r) => r.when && routeApplies(r, facts));
  if (byFacts) return byFacts;
  if (routeId !== undefined) return policy.routes.find((r) => r.id === routeId && !r.when);
  return routeForFacts(policy, facts) ?? policy.routes[0];
}

/** A stage by key, or by the number the policy gives it (a number or a numeric string). */
export function findStage(policy: Policy, stageRef: string | number, routeId?: string): Stage | undefined {
  const route = getRoute(policy, routeId);
  const asNumber = typeof stageRef === "number" ? stageRef : /^\d+$/.test(stageRef) ? Number(stageRef) : null;
  return route.stages.find((s) => s.key === String(stageRef)) ?? (asNumber === null ? undefined : route.stages.find((s) => s.number === asNumber));
}

export function getStage(policy: Policy, stageRef: string | number, routeId?: string): Stage {
  const stage = findStage(policy, stageRef, routeId);
  if (!stage) {
    const route = getRoute(policy, routeId);
    const known = route.stages.map((s) => (s.number !== undefined ? `${s.number} (${s.key})` : s.key)).join(", ");
    throw new PolicyLookupError(`${policy.ref} route "${route.id}" has no stage "${stageRef}" (stages: ${known})`);
  }
  return stage;
}

/**
 * A stage as a heading, a list or a sentence names it in full: "Stage 3: Senior
 * manager to senior manager" ("stage 3: …" in the middle of a sentence), or
 * the title alone for a step without a number. The short form is stageName.
 */
export function stageTitle(stage: { number?: number | null | undefined; title: string }, position: "start" | "mid-sentence" = "start"): string {
  if (stage.number === undefined || stage.number === null) return stage.title;
  return `${position === "start" ? "Stage" : "stage"} ${stage.number}: ${stage.title}`;
}

/** "stage 3" for a numbered stage, otherwise its title. */
export function stageName(stage: Stage): string {
  return stage.number !== undefined ? `stage ${stage.number}` : stage.title;
}

function indexOf(route: Route, stageKey: string, policy: Policy): number {
  const i = route.stages.findIndex((s) => s.key === stageKey);
  if (i < 0) throw new PolicyLookupError(`${policy.ref} route "${route.id}" has no stage "${stageKey}"`);
  return i;
}

/** The step after this one in the ladder (numbered or not), or null at the top. */
export function nextStage(policy: Policy, stageKey: string, routeId?: string): Stage | null {
  const route = getRoute(policy, routeId);
  return route.stages[indexOf(route, stageKey, policy) + 1] ?? null;
}

export function previousStage(policy: Policy, stageKey: string, routeId?: string): Stage | null {
  const route = getRoute(policy, routeId);
  const i = indexOf(route, stageKey, policy);
  return i === 0 ? null : (route.stages[i - 1] ?? null);
}

/** Stages the urgent route may skip (empty when the policy allows none). */
export function urgentSkippableStages(policy: Policy, routeId?: string): Stage[] {
  const route = getRoute(policy, routeId);
  if (!route.urgent?.allowed) return [];
  const skippable = new Set(route.urgent.maySkip ?? []);
  return route.stages.filter((s) => skippable.has(s.key));
}

export function boardInvolvementAt(policy: Policy, stageKey: string, routeId?: string): { involvement: BoardInvolvement; note?: string; cite?: string } {
  const route = getRoute(policy, routeId);
  const stage = route.stages[indexOf(route, stageKey, policy)] as Stage;
  return stage.board ?? { involvement: "none" };
}

/** The stage number from which the board business manager's register includes a dispute on this route. */
export function boardOversightStageOf(policy: Policy, routeId?: string): number | null {
  const route = getRoute(policy, routeId);
  return route.boardOversightStage !== undefined ? route.boardOversightStage : policy.boardOversightStage;
}

/** Whether a dispute at this stage is on the board register (an unnumbered step counts as the stage before it). */
export function isUnderBoardOversight(policy: Policy, stageKey: string, routeId?: string): boolean {
  const threshold = boardOversightStageOf(policy, routeId);
  if (threshold === null) return false;
  const route = getRoute(policy, routeId);
  let effective = 0;
  for (const stage of route.stages.slice(0, indexOf(route, stageKey, policy) + 1)) {
    if (stage.number !== undefined) effective = stage.number;
  }
  return effective >= threshold;
}

/** What must be recorded, and which forms completed, before escalating from this stage. */
export function requiredBeforeEscalating(
  policy: Policy,
  stageKey: string,
  routeId?: string,
): { records: NonNullable<Stage["records"]>; forms: NonNullable<Stage["forms"]> } {
  const route = getRoute(policy, routeId);
  const stage = route.stages[indexOf(route, stageKey, policy)] as Stage;
  return {
    records: (stage.records ?? []).filter((r) => r.requiredBeforeEscalating),
    forms: (stage.forms ?? []).filter((f) => f.requiredBeforeEscalating),
  };
}

/**
 * The facts of a dispute a stage's branch is chosen by: a route's facts, and
 * whether it is urgent (raised as urgent, or expedited) and whether the raiser
 * said someone is at immediate risk.
 */
export type StageFacts = RouteFacts & { urgent: boolean; immediateRisk: boolean };

/** A dispute that is not urgent, with nobody at immediate risk, about nothing in particular: what the CLI assumes unless told. */
export const ORDINARY_FACTS: StageFacts = Object.freeze({ urgent: false, immediateRisk: false, about: [], areas: [] });

/** Whether the facts meet a branch's `when` (every condition it sets holds); a branch without one never does by itself. */
export function branchWhenHolds(when: BranchWhen, facts: StageFacts): boolean {
  if (when.urgent !== undefined && when.urgent !== facts.urgent) return false;
  if (when.immediateRisk !== undefined && when.immediateRisk !== facts.immediateRisk) return false;
  if (when.about && !when.about.some((kind) => facts.about.includes(kind))) return false;
  if (when.areas && !when.areas.some((area) => facts.areas.includes(area))) return false;
  return true;
}

/**
 * The branch of a stage the facts choose: the one whose `when` holds, else the
 * one without a `when` (otherwise). Null for a stage without branches (or, in a
 * policy the cross-checks would refuse, when none applies).
 */
export function branchAt(stage: Stage, facts: StageFacts): StageBranch | null {
  if (!stage.branches) return null;
  return stage.branches.find((b) => b.when && branchWhenHolds(b.when, facts)) ?? stage.branches.find((b) => !b.when) ?? null;
}

/** A deadline that applies at a stage, with what it covers and the branch it comes from. */
export type DeadlineAt = { deadline: Deadline | Budget; spansStages?: string[]; branch?: StageBranch };

/**
 * The deadlines that apply at a stage: budgets covering it, then its own, then
 * those of the branch the facts choose (ORDINARY_FACTS unless given).
 */
export function deadlinesAt(policy: Policy, stageKey: string, routeId?: string, facts: StageFacts = ORDINARY_FACTS): DeadlineAt[] {
  const route = getRoute(policy, routeId);
  const stage = route.stages[indexOf(route, stageKey, policy)] as Stage;
  const branch = branchAt(stage, facts);
  return [
    ...(route.budgets ?? []).filter((b) => b.stages.includes(stageKey)).map((b) => ({ deadline: b, spansStages: [...b.stages] })),
    ...(stage.deadlines ?? []).map((d) => ({ deadline: d })),
    ...(branch ? branch.deadlines.map((d) => ({ deadline: d, branch })) : []),
  ];
}

/** Every deadline a stage may have, whichever branch applies: to find one by id (ids are unique in a route). */
export function allDeadlinesAt(policy: Policy, stageKey: string, routeId?: string): DeadlineAt[] {
  const route = getRoute(policy, routeId);
  const stage = route.stages[indexOf(route, stageKey, policy)] as Stage;
  return [
    ...(route.budgets ?? []).filter((b) => b.stages.includes(stageKey)).map((b) => ({ deadline: b, spansStages: [...b.stages] })),
    ...(stage.deadlines ?? []).map((d) => ({ deadline: d })),
    ...(stage.branches ?? []).flatMap((branch) => branch.deadlines.map((d) => ({ deadline: d, branch }))),
  ];
}

/** What the policy asks for once a dispute is resolved at this stage (its `onResolution` obligations). */
export function obligationsAt(policy: Policy, stageKey: string, routeId?: string): Deadline[] {
  const route = getRoute(policy, routeId);
  return [...((route.stages[indexOf(route, stageKey, policy)] as Stage).onResolution ?? [])];
}

/**
 * The definition behind a stored deadline row: a deadline of the stage (or one it shares) while the
 * dispute is open, or one of the stage's obligations once it is resolved there.
 */
export function deadlineDefinitionAt(
  policy: Policy,
  stageKey: string,
  routeId: string | undefined,
  id: string,
  resolved: boolean,
): Deadline | Budget | undefined {
  return resolved
    ? obligationsAt(policy, stageKey, routeId).find((d) => d.id === id)
    : allDeadlinesAt(policy, stageKey, routeId).find((x) => x.deadline.id === id)?.deadline;
}

/**
 * What an agency of this type calls a role level, where the policy says
 * (roleEquivalents): "Detective Sergeant" for a manager in the police. The
 * database's agency type ("childrens_social_care") or the policy's ("childrens-social-care").
 */
export function equivalentTitle(policy: Policy, level: RoleLevel, agencyType: string): string | null {
  const type = agencyType.replaceAll("_", "-") as PolicyAgencyType;
  return policy.roleEquivalents?.find((e) => e.agencyType === type && e.level === level)?.title ?? null;
}
