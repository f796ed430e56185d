/**
 * The board register's data, read on the server: its counts (an aggregate over
 * everything on it), one page of the disputes its filters match (board roles
 * see all of them), and the choices its filters offer, from the partnership's
 * policy in force and its agencies. Filtered, ordered and paged in the database.
 */
import type { Actor } from "../auth/actor";
import type { Database } from "../db/connect";
import { inPartnership } from "../db/scope";
import { ValidationError, type EscalationDeps } from "../escalations";
import { AREA_OTHER } from "../escalations/raise-escalation";
import { nowOf } from "../escalations/deps";
import { countEscalations, sharingPageFacts } from "../escalations/list-escalations";
import { boardOversightStageOf, registerTitleOf, routesOfPopulation, stageTitle, type Policy } from "../policy";
import { ZoneClock } from "../calendar/time-zone";
import type { WorkingCalendar } from "../calendar/working-calendar";
import type { SummaryList } from "./dashboard";
import { atInstant, boardOversightStage, listSummaries } from "./dashboard-data";
import {
  parseAfter,
  parseRegisterFilters,
  registerFilterErrors,
  registerListFilters,
  type RegisterCounts,
  type RegisterFilterError,
  type RegisterFilters,
  type RegisterOptions,
  type RegisterPopulation,
} from "./register";

/** Stages at or above each route's board-oversight stage, by number (the first route's title names each). */
export function registerStages(policy: Policy): RegisterOptions["stages"] {
  const seen = new Map<number, string>();
  for (const route of policy.routes) {
    const threshold = boardOversightStageOf(policy, route.id);
    if (threshold === null) continue;
    for (const stage of route.stages) {
      if (stage.number !== undefined && stage.number >= threshold && !seen.has(stage.number)) {
        seen.set(stage.number, stageTitle(stage));
      }
    }
  }
  return [...seen.entries()].sort(([a], [b]) => a - b).map(([number, label]) => ({ number, label }));
}

/**
 * The policy's populations, each with its register's title and the routes that
 * serve it in any version of the partnership's policy (a dispute keeps the
 * version it started under); nothing when the policy has none.
 */
export function registerPopulations(policy: Policy, versions: readonly Policy[]): Pick<RegisterOptions, "populations"> {
  if (!policy.populations) return {};
  return {
    populations: policy.populations.map((p) => ({
      id: p.id,
      title: p.title,
      board: p.board,
      registerTitle: registerTitleOf(p),
      routeIds: [...new Set([policy, ...versions].flatMap((v) => routesOfPopulation(v, p.id).map((r) => r.id)))],
    })),
  };
}

export function registerAreas(policy: Policy): RegisterOptions["areas"] {
  return [...policy.areas.items.map((a) => ({ id: a.id, label: a.label })), { id: AREA_OTHER, label: "Other" }];
}

export type RegisterData =
  | { policy: null }
  | {
      policy: { id: string; version: string; title: string };
      /** null: the policy gives the board no register (nothing else is read then). */
      boardOversightStage: number | null;
      options: RegisterOptions;
      filters: RegisterFilters;
      /** Raised dates typed into the filters that could not be read (those filters are left out). */
      filterErrors: RegisterFilterError[];
      /** The population whose register this is (the address's choice), or null: every dispute on the register. */
      population: RegisterPopulation | null;
      /** Over everything on the register, whatever the filters. */
      counts: RegisterCounts;
      /** One page of what the filters match, soonest due first, then the undated newest first. */
      list: SummaryList;
      /** Working days each open dispute on this page has been at its current stage (0 on the day it arrived), by id. */
      daysAtStage: Record<string, number>;
      /** The page the address asked for (null: the first). */
      after: string | null;
      /** The address named a page that no longer reads (an old or altered link): this is the first page instead. */
      staleLink: boolean;
    };

/** Disputes per page of the register. */
export const REGISTER_PAGE_SIZE = 50;

/** The register's counts for a board member: one aggregate over everything on it (on a population's register, over that population's routes). */
export function loadRegisterCounts(db: Database, actor: Actor, deps: EscalationDeps, routeIds?: readonly string[]): Promise<RegisterCounts> {
  return countEscalations(db, actor, { onRegister: true, ...(routeIds ? { routeIds: [...routeIds] } : {}) }, deps);
}

/**
 * The register page's data: its choices, counts and one page of rows for the
 * filters and page in the address (`query`, the page's search parameters).
 */
export async function loadRegister(
  db: Database,
  actor: Actor,
  deps: EscalationDeps,
  query: Record<string, string | string[] | undefined> = {},
): Promise<RegisterData> {
  const now = nowOf(deps);
  const policy = deps.policies.inForce(actor.partnershipId, now);
  if (!policy) return { policy: null };
  const fixed = sharingPageFacts(atInstant(deps, now));
  const stage = boardOversightStage(policy);
  const agencies = await inPartnership(db, actor, (tx) =>
    tx.agency.findMany({ where: { partnershipId: actor.partnershipId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  );
  const options: RegisterOptions = {
    stages: registerStages(policy),
    agencies,
    areas: registerAreas(policy),
    ...registerPopulations(policy, deps.policies.versions(actor.partnershipId)),
  };
  const filters = parseRegisterFilters(query, options);
  const population = options.populations?.find((p) => p.id === filters.population) ?? null;
  const base = {
    policy: { id: policy.partnership.id, version: policy.version, title: policy.title },
    boardOversightStage: stage,
    options,
    filters,
    filterErrors: registerFilterErrors(query),
    population,
  };
  if (stage === null) {
    return { ...base, counts: NO_COUNTS, list: { items: [], nextCursor: null }, daysAtStage: {}, after: null, staleLink: false };
  }
  const after = parseAfter(query);
  const page = (cursor: string | null) =>
    listSummaries(db, actor, registerListFilters(filters, policy.timeZone, options.populations), fixed, policy, { cursor, limit: REGISTER_PAGE_SIZE });
  const [counts, read] = await Promise.all([
    loadRegisterCounts(db, actor, fixed, population?.routeIds),
    page(after).then(
      (list) => ({ list, after, staleLink: false }),
      async (error: unknown) => {
        if (!(error instanceof ValidationError && "cursor" in error.fields)) throw error;
        return { list: await page(null), after: null, staleLink: true };
      },
    ),
  ]);
  return { ...base, counts, ...read, daysAtStage: daysAtStage(read.list, deps.policies.calendarFor(policy), policy.timeZone, now) };
}

/** Working days since each open dispute reached its stage, up to today, on the partnership's calendar. */
function daysAtStage(list: SummaryList, calendar: WorkingCalendar, timeZone: string, now: Date): Record<string, number> {
  const clock = ZoneClock.for(timeZone);
  const today = clock.localDay(now.getTime());
  const out: Record<string, number> = {};
  for (const item of list.items) {
    if (item.status !== "open") continue;
    const entered = clock.localDay(new Date(item.stageEnteredAt).getTime());
    try {
      out[item.id] = Math.max(0, calendar.workingDaysBetweenDays(entered, today));
    } catch {
      // Outside the years the calendar knows: say nothing rather than a wrong number.
    }
  }
  return out;
}

const NO_COUNTS: RegisterCounts = { total: 0, open: 0, overdue: 0, dueThisWeek: 0, resolved: 0, withdrawn: 0 };
