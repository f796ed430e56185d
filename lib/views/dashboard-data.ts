/**
 * The dashboard's first data, read on the server: the same use case
 * (listEscalations) and the same serialiser (summaryJson) as
 * GET /api/v1/escalations, so what the page renders first and what the browser
 * refetches a minute later read identically.
 */
import { summaryJson, type SerialiseContext } from "../api/v1/json";
import type { Actor } from "../auth/actor";
import type { Database } from "../db/connect";
import { listEscalations, type EscalationDeps } from "../escalations";
import { nowOf } from "../escalations/deps";
import { boardOversightStageOf, type Policy } from "../policy";
import { MAX_PAGES, PAGE_SIZE, dashboardPlan, type DashboardPlan, type ListFilters, type SectionKind, type SummaryList } from "./dashboard";

/** Deps whose clock is stopped at `at`: every list of one page is read at one instant. */
export const atInstant = (deps: EscalationDeps, at: Date): EscalationDeps => ({ ...deps, now: () => at });

export function serialiseContextFor(deps: EscalationDeps, policy: Policy, now: Date): SerialiseContext {
  return { now, calendar: deps.policies.calendarFor(policy), timeZone: policy.timeZone };
}

/**
 * The lowest stage at which the policy puts a dispute on the board's register,
 * over all its routes (a route may set its own); null when none does.
 */
export function boardOversightStage(policy: Policy): number | null {
  const stages = policy.routes.map((r) => boardOversightStageOf(policy, r.id)).filter((n): n is number => n !== null);
  return stages.length > 0 ? Math.min(...stages) : null;
}

/** Every dispute matching the filters that the actor may see, as the API's summaries; up to MAX_PAGES pages. */
export async function listSummaries(db: Database, actor: Actor, filters: ListFilters, deps: EscalationDeps, policy: Policy): Promise<SummaryList> {
  const now = nowOf(deps);
  const fixed = atInstant(deps, now);
  const context = serialiseContextFor(deps, policy, now);
  const items: SummaryList["items"] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await listEscalations(db, actor, { ...filters, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }, fixed);
    items.push(...result.items.map((i) => summaryJson(i, actor.partnershipId, context)));
    cursor = result.nextCursor;
    if (!cursor) return { items, truncated: false };
  }
  return { items, truncated: true };
}

export type DashboardData =
  | { policy: null }
  | {
      policy: { id: string; version: string; title: string };
      boardOversightStage: number | null;
      plan: DashboardPlan;
      lists: Partial<Record<SectionKind, SummaryList>>;
    };

/** What the actor's dashboard shows first: the sections their roles call for, each with its disputes. */
export async function loadDashboard(db: Database, actor: Actor, deps: EscalationDeps): Promise<DashboardData> {
  const now = nowOf(deps);
  const policy = deps.policies.inForce(actor.partnershipId, now);
  if (!policy) return { policy: null };
  const stage = boardOversightStage(policy);
  const plan = dashboardPlan(actor.roles, stage);
  const fixed = atInstant(deps, now);
  const lists: Partial<Record<SectionKind, SummaryList>> = {};
  // One at a time: the embedded database runs one transaction at a time anyway.
  for (const section of plan.sections) {
    if (section.filters) lists[section.kind] = await listSummaries(db, actor, section.filters, fixed, policy);
  }
  return { policy: { id: policy.partnership.id, version: policy.version, title: policy.title }, boardOversightStage: stage, plan, lists };
}
