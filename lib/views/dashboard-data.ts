/**
 * The dashboard's first data, read on the server: the same use case
 * (listEscalations) and the same serialiser (summaryJson) as
 * GET /api/v1/escalations, so what the page renders first and what the browser
 * refetches a minute later read identically. One page per section; the full
 * lists are a link away (sectionHref), paged in the database.
 */
import { summaryJson, type SerialiseContext } from "../api/v1/json";
import type { Actor } from "../auth/actor";
import type { Database } from "../db/connect";
import { listEscalations, type EscalationDeps } from "../escalations";
import { nowOf } from "../escalations/deps";
import { atInstant, prepareCount, prepareLists, sharingPageFacts, type ListEscalationsInput } from "../escalations/list-escalations";
import { inPartnership } from "../db/scope";
import { boardOversightStageOf, type Policy } from "../policy";
import { PAGE_SIZE, dashboardPlan, type DashboardPlan, type SectionKind, type SummaryList } from "./dashboard";
import { prepareWhatsNew, type WhatsNew } from "../notices/whats-new";
import type { RegisterCounts } from "./register";

/** Deps whose clock is stopped at `at`: every list of one page is read at one instant. */
export { atInstant };

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

/** One page of the disputes matching the filters that the actor may see, as the API's summaries. */
export async function listSummaries(
  db: Database,
  actor: Actor,
  filters: Omit<ListEscalationsInput, "cursor" | "limit">,
  deps: EscalationDeps,
  policy: Policy,
  page: { cursor?: string | null; limit?: number } = {},
): Promise<SummaryList> {
  const now = nowOf(deps);
  const context = serialiseContextFor(deps, policy, now);
  const result = await listEscalations(
    db,
    actor,
    { ...filters, limit: page.limit ?? PAGE_SIZE, ...(page.cursor ? { cursor: page.cursor } : {}) },
    atInstant(deps, now),
  );
  return { items: result.items.map((i) => summaryJson(i, actor.partnershipId, context)), nextCursor: result.nextCursor };
}

export type DashboardData = { whatsNew: WhatsNew } & (
  | { policy: null }
  | {
      policy: { id: string; version: string; title: string };
      /** The lowest stage on the board's register (null when the policy has none). */
      boardOversightStage: number | null;
      plan: DashboardPlan;
      lists: Partial<Record<SectionKind, SummaryList>>;
      /** The register's counts, for a board member's register section (absent when there is no register). */
      registerCounts?: RegisterCounts;
    }
);

/**
 * What the actor's dashboard shows first: what's new for them, and the sections
 * their roles call for, each with its first page. All in one transaction: under
 * load, each transaction's own round trips (begin, scope, commit) cost more than
 * reading the sections side by side would save.
 */
export async function loadDashboard(db: Database, actor: Actor, deps: EscalationDeps): Promise<DashboardData> {
  const now = nowOf(deps);
  const news = prepareWhatsNew(actor);
  const policy = deps.policies.inForce(actor.partnershipId, now);
  if (!policy) return { policy: null, whatsNew: await inPartnership(db, actor, news) };
  const stage = boardOversightStage(policy);
  const plan = dashboardPlan(actor.roles, stage);
  const fixed = sharingPageFacts(atInstant(deps, now));
  const context = serialiseContextFor(deps, policy, now);
  const lists: Partial<Record<SectionKind, SummaryList>> = {};
  let registerCounts: RegisterCounts | undefined;
  const counts = plan.sections.flatMap((s) => (s.kind === "register" && s.filters ? [prepareCount(actor, s.filters, fixed)] : []));
  const listed = plan.sections.flatMap((s) => (s.kind !== "register" && s.filters ? [{ kind: s.kind, filters: { ...s.filters, limit: PAGE_SIZE } }] : []));
  const read = prepareLists(
    actor,
    listed.map((l) => l.filters),
    fixed,
  );
  const whatsNew = await inPartnership(
    db,
    actor,
    async (tx) => {
      for (const count of counts) registerCounts = await count(tx);
      const pages = await read(tx);
      listed.forEach(({ kind }, i) => {
        const page = pages[i]!;
        lists[kind] = { items: page.items.map((item) => summaryJson(item, actor.partnershipId, context)), nextCursor: page.nextCursor };
      });
      return news(tx);
    },
    { indexWalks: listed.length > 0 },
  );
  return {
    whatsNew,
    policy: { id: policy.partnership.id, version: policy.version, title: policy.title },
    boardOversightStage: stage,
    plan,
    lists,
    ...(registerCounts ? { registerCounts } : {}),
  };
}

export type SectionPageData =
  | { policy: null }
  | {
      policy: { id: string; version: string; title: string };
      list: SummaryList;
    };

/**
 * One page of a dashboard section's full list ("See all"), or null when the
 * actor's dashboard has no such section. `after` is the page link's cursor.
 */
export async function loadSectionPage(
  db: Database,
  actor: Actor,
  deps: EscalationDeps,
  kind: SectionKind,
  after: string | null,
  limit: number,
): Promise<SectionPageData | null> {
  const now = nowOf(deps);
  const policy = deps.policies.inForce(actor.partnershipId, now);
  if (!policy) return { policy: null };
  const section = dashboardPlan(actor.roles, boardOversightStage(policy)).sections.find((s) => s.kind === kind);
  if (!section?.filters || kind === "register") return null;
  const list = await listSummaries(db, actor, section.filters, atInstant(deps, now), policy, { cursor: after, limit });
  return { policy: { id: policy.partnership.id, version: policy.version, title: policy.title }, list };
}
