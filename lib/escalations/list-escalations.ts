/**
 * The disputes an actor may see, filtered, soonest due first. The visibility
 * rule of lib/auth/permissions.ts (escalationAccess) is expressed here as a
 * query over the projected columns (participants, agreed actions,
 * raisingRank/respondingRank, onRegister, the responding owner), so that
 * filtering and paging happen in the database.
 *
 * How it stays fast at a million disputes (docs/scale.md has the plans):
 * - The rule is an OR of conditions no single index can drive. The query is a
 *   UNION of "arms", one per condition (and per side of an either-side
 *   filter), each of which an index walks in due order and stops after one
 *   page. What a filter already implies (an agency's contacts asking for what
 *   awaits an owner there) needs no rule at all.
 * - Order and keyset: dated disputes soonest first, (nextDueAt, id) ascending;
 *   then the undated (every closed one, and open ones with no deciding
 *   deadline) newest first, by id descending (ids are UUID v7, so in the order
 *   they were raised). Each part is one index range, read from the cursor on.
 * - Under row-level security an operator that is not LEAKPROOF (enum equality:
 *   `status`) cannot be an index condition, so no index leads with status;
 *   the due date does that work instead (only open disputes have one).
 */
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { BOARD_ROLES, MANAGEMENT_ROLES, can, hasAnyRole, highestSeniority, holdsCaseRole } from "../auth/permissions";
import { ZoneClock } from "../calendar/time-zone";
import { SOON_WORKING_DAYS } from "../deadlines/due-status";
import type { Database } from "../db/connect";
import { Prisma } from "../db/generated/client";
import type { EscalationStatus } from "../db/generated/enums";
import { inPartnership, indexWalksOnly, type PartnershipTx } from "../db/scope";
import { agenciesNotOnParley, effectiveContactSql, isEffectiveContact } from "../agencies/contacts";
import { getRoute, minuteOfDay, type Policy } from "../policy";
import type { WorkingCalendar } from "../calendar/working-calendar";
import { nowOf, type EscalationDeps } from "./deps";
import { LIST_ORDERS, type ListOrder } from "./list-orders";
import { referenceCondition, referenceSql } from "./reference-search";
import { ForbiddenError, PreconditionError, ValidationError } from "../errors";
import { LIMITS, id, optionalText, parseInput } from "./schemas";

const STATUSES = ["open", "resolved", "withdrawn"] as const satisfies readonly EscalationStatus[];

/** Working days from today that "due this week" covers: what a deadline's words call "soon". */
export const WEEK_WORKING_DAYS = SOON_WORKING_DAYS;

export const ListEscalationsInput = z.strictObject({
  raisedByMe: z.boolean().optional(),
  /** Owned by me at the current stage, on either side. */
  ownedByMe: z.boolean().optional(),
  /** Raised by or against my agency. */
  myAgency: z.boolean().optional(),
  /** Raised by my agency. */
  raisedByMyAgency: z.boolean().optional(),
  /** Raised with my agency by another. */
  raisedWithMyAgency: z.boolean().optional(),
  /** Open, nobody owns its responding side, and that side is my agency: its escalation contacts take it. */
  awaitingOwner: z.boolean().optional(),
  /** Open, nobody owns its responding side, and that agency has nobody on Parley who works on cases. */
  agencyNotOnParley: z.boolean().optional(),
  /** At or above its policy's board-oversight stage (the board's register). */
  onRegister: z.boolean().optional(),
  /** On one of these routes (a population's register: the routes that serve it). */
  routeIds: z.array(z.string().min(1).max(100)).min(1).max(100).optional(),
  /** At exactly this stage number. */
  stage: z.int().min(1).max(20).optional(),
  stageAtLeast: z.int().min(1).max(20).optional(),
  status: z.union([z.enum(STATUSES), z.array(z.enum(STATUSES)).min(1)]).optional(),
  /** true: its current stage's deciding deadline has passed; false: it has not (or there is none). */
  overdue: z.boolean().optional(),
  /** Due on or before close of business this many working days after today (0: today). */
  dueWithinWorkingDays: z.int().min(0).max(60).optional(),
  area: optionalText(),
  /** Raised by or against this agency. */
  agencyId: id("an agency").optional(),
  /** Open, and nobody owns its responding side yet (whichever agency it is). */
  unowned: z.boolean().optional(),
  /** Exactly this reference (as printed, any case), or else an agency's case reference for the child or adult (lib/escalations/reference-search.ts). */
  reference: optionalText(LIMITS.reference),
  /** Raised at or after this instant, and before that one: a period's local midnights. */
  raisedFrom: z.coerce.date().optional(),
  raisedBefore: z.coerce.date().optional(),
  /** The order: soonest due first (the default), or by when they were raised, reached their stage, or closed (closed ones only). */
  order: z.enum(LIST_ORDERS).default("due"),
  cursor: optionalText(400),
  limit: z.int().min(1).max(100).default(25),
});
export type ListEscalationsInput = z.input<typeof ListEscalationsInput>;
type Filters = z.output<typeof ListEscalationsInput>;

export type EscalationListItem = {
  id: string;
  reference: string;
  status: EscalationStatus;
  urgent: boolean;
  stageKey: string;
  stageNumber: number | null;
  stageTitle: string;
  raisedAt: Date;
  raisedById: string;
  raisingAgency: { id: string; name: string };
  respondingAgency: { id: string; name: string };
  respondingPerson: string;
  areas: string[];
  /** Initials only: enough to recognise, nothing more. */
  subjects: { kind: string; initials: string }[];
  raisingOwnerId: string | null;
  respondingOwnerId: string | null;
  /** The owners' names, for the board's register. */
  raisingOwnerName: string | null;
  respondingOwnerName: string | null;
  /** When it reached its current stage, and (once resolved or withdrawn) when it closed. */
  stageEnteredAt: Date;
  closedAt: Date | null;
  onRegister: boolean;
  nextDueAt: Date | null;
  overdue: boolean;
  /** A form the policy requires at the current stage is not yet recorded. */
  formOutstanding: boolean;
  version: number;
};

export type EscalationPage = { items: EscalationListItem[]; nextCursor: string | null };

/**
 * d: the last row's due date (null: the cursor is among the undated); i: its id.
 * In another order than by due date, o is the order and k the last row's value of its column.
 */
type Cursor = { d: string | null; i: string; o?: Exclude<ListOrder, "due">; k?: string };

export async function listEscalations(db: Database, actor: Actor, filters: unknown, deps: EscalationDeps): Promise<EscalationPage> {
  const list = prepareList(actor, filters, deps);
  return inPartnership(db, actor, (tx) => list(tx), { indexWalks: true });
}

/**
 * The same list, checked and ready to read in a transaction the caller already
 * has in the actor's partnership.
 */
function prepareList(actor: Actor, filters: unknown, deps: EscalationDeps): (tx: PartnershipTx) => Promise<EscalationPage> {
  const plan = preparePlan(actor, filters, deps);
  return async (tx) => {
    const planned = await plan(tx);
    // Each part in turn: the undated part only when the dated one did not fill the page.
    const rows: Row[][] = [];
    let found = 0;
    for (const part of planned.parts) {
      if (found >= planned.take) break;
      const read = await tx.$queryRaw<Row[]>`${withRows(actor.partnershipId, part.picked)}`;
      rows.push(read.sort(part.order));
      found += read.length;
    }
    return planned.finish(rows);
  };
}

/**
 * Several lists, checked and ready to read in a transaction the caller already
 * has (a dashboard's sections): each round trip costs the server more than the
 * rows it reads, so the lists' first parts are read in one statement, and the
 * undated parts of those that did not fill their page (rare on a dashboard) in
 * a second. In each statement the lists pick their ids side by side and the
 * rows are read once for all of them: planning a statement costs PostgreSQL
 * more than running it here, and every table it names adds its row-level
 * security conditions to plan.
 */
export function prepareLists(actor: Actor, filters: unknown[], deps: EscalationDeps): (tx: PartnershipTx) => Promise<EscalationPage[]> {
  const plans = filters.map((f) => preparePlan(actor, f, deps));
  return async (tx) => {
    await readActorFacts(tx, actor, deps);
    const planned: ListPlan[] = [];
    for (const plan of plans) planned.push(await plan(tx));
    const rows: Row[][][] = planned.map(() => []);
    const parts = Math.max(0, ...planned.map((p) => p.parts.length));
    for (let n = 0; n < parts; n++) {
      const wanted = planned.flatMap((p, list) => (p.parts[n] && rows[list]!.flat().length < p.take ? [list] : []));
      if (wanted.length === 0) continue;
      const picked = wanted.map((list) => Prisma.sql`(SELECT ${list}::int AS list, x.id, x.k FROM (${planned[list]!.parts[n]!.picked}) x)`);
      const read = await tx.$queryRaw<(Row & { list: number })[]>`${withRows(actor.partnershipId, Prisma.join(picked, " UNION ALL "), true)}`;
      for (const list of wanted) rows[list]!.push(read.filter((r) => r.list === list).sort(planned[list]!.parts[n]!.order));
    }
    return planned.map((p, list) => p.finish(rows[list]!));
  };
}

/** A list as statements not yet read: its parts in order (dated, then undated), and how to make a page of their rows. */
type ListPlan = {
  take: number;
  /** Each part's ids (columns id, and k: the order column's value, or null in order of due date) and how its rows sort. */
  parts: { picked: Prisma.Sql; order: (a: Row, b: Row) => number }[];
  finish: (rows: Row[][]) => EscalationPage;
};

function preparePlan(actor: Actor, filters: unknown, deps: EscalationDeps): (tx: PartnershipTx) => Promise<ListPlan> {
  const f = parseInput(ListEscalationsInput, filters ?? {});
  if (!can(actor, "escalations.list")) throw new ForbiddenError("Your role does not include seeing disputes.");
  const now = nowOf(deps);
  const after = f.cursor ? decodeCursor(f.cursor) : null;
  const cutoff = f.dueWithinWorkingDays === undefined ? null : dueCutoff(actor, deps, now, f.dueWithinWorkingDays);
  const take = f.limit + 1;
  const items = (rows: Row[]) => rows.slice(0, f.limit).map((r) => listItem(r, deps, now));

  return async (tx) => {
    const query = await buildQuery(tx, actor, f, now, cutoff, memoFor(deps));
    // Each arm walks an index in due order and stops after a page. Row-level
    // security makes the planner underestimate every row count (it multiplies
    // the policy's partnership test by ours, as if independent), so a bitmap
    // scan of a whole agency's range then a sort looks cheaper than it is; off
    // for this transaction, an index walk (or an index scan and a sort, where no
    // index gives the order) is what it chooses. docs/scale.md has the plans.
    if (query) await indexWalksOnly(tx);
    if (f.order !== "due") {
      if (after && after.o !== f.order) throw ValidationError.field("cursor", "This page link is not valid any more: go back to the first page.");
      const order = f.order;
      return {
        take,
        parts: query ? [pickOrdered(query, order, after, take)] : [],
        finish: ([rows = []]) => {
          const page = rows.slice(0, f.limit);
          const last = page[page.length - 1];
          return {
            items: items(rows),
            nextCursor:
              rows.length > f.limit && last?.orderKey ? encodeCursor({ d: null, i: last.id, o: order, k: new Date(last.orderKey).toISOString() }) : null,
          };
        },
      };
    }
    if (after?.o) throw ValidationError.field("cursor", "This page link is not valid any more: go back to the first page.");
    const parts: ListPlan["parts"] = [];
    if (query && query.dated && after?.d !== null) {
      const from = after ? Prisma.sql`(e."nextDueAt", e.id) > (${new Date(after.d!)}::timestamptz, ${after.i}::uuid)` : Prisma.sql`e."nextDueAt" IS NOT NULL`;
      parts.push(pick(query, from, "dated", take));
    }
    if (query && query.undated) {
      const from = after?.d === null ? Prisma.sql`e."nextDueAt" IS NULL AND e.id < ${after.i}::uuid` : Prisma.sql`e."nextDueAt" IS NULL`;
      parts.push(pick(query, from, "undated", take));
    }
    return {
      take,
      parts,
      finish: (rows) => {
        const picked = rows.flat().slice(0, take);
        const page = picked.slice(0, f.limit);
        const last = page[page.length - 1];
        return {
          items: items(picked),
          nextCursor: picked.length > f.limit && last ? encodeCursor({ d: last.nextDueAt ? new Date(last.nextDueAt).toISOString() : null, i: last.id }) : null,
        };
      },
    };
  };
}

export type EscalationCounts = {
  /** Everything that matches the filters and the actor may see. */
  total: number;
  open: number;
  /** Open and past its deciding deadline. */
  overdue: number;
  /** Open and due by close of business WEEK_WORKING_DAYS working days after today, not yet overdue. */
  dueThisWeek: number;
  resolved: number;
  withdrawn: number;
};

/**
 * How many disputes match the filters, by status and urgency: one aggregate in
 * the database over what the actor may see (for the register, read from its
 * index alone).
 */
export async function countEscalations(db: Database, actor: Actor, filters: unknown, deps: EscalationDeps): Promise<EscalationCounts> {
  const count = prepareCount(actor, filters, deps);
  return inPartnership(db, actor, (tx) => count(tx));
}

/** The same counts, ready to read in the caller's transaction (see prepareList). */
export function prepareCount(actor: Actor, filters: unknown, deps: EscalationDeps): (tx: PartnershipTx) => Promise<EscalationCounts> {
  const f = parseInput(ListEscalationsInput, filters ?? {});
  if (!can(actor, "escalations.list")) throw new ForbiddenError("Your role does not include seeing disputes.");
  const now = nowOf(deps);
  const week = dueCutoff(actor, deps, now, WEEK_WORKING_DAYS);
  const cutoff = f.dueWithinWorkingDays === undefined ? null : dueCutoff(actor, deps, now, f.dueWithinWorkingDays);
  return async (tx) => {
    const zero = { total: 0, open: 0, overdue: 0, dueThisWeek: 0, resolved: 0, withdrawn: 0 };
    const query = await buildQuery(tx, actor, f, now, cutoff, memoFor(deps));
    if (!query) return zero;
    const [row] = await tx.$queryRaw<Record<keyof EscalationCounts, bigint | number>[]>`
      SELECT count(*) AS total,
        count(*) FILTER (WHERE e.status = 'open') AS open,
        count(*) FILTER (WHERE e.status = 'open' AND e."nextDueAt" < ${now}::timestamptz) AS overdue,
        count(*) FILTER (WHERE e.status = 'open' AND e."nextDueAt" >= ${now}::timestamptz AND e."nextDueAt" <= ${week}::timestamptz) AS "dueThisWeek",
        count(*) FILTER (WHERE e.status = 'resolved') AS resolved,
        count(*) FILTER (WHERE e.status = 'withdrawn') AS withdrawn
      FROM "Escalation" e
      WHERE ${and([...query.common.map(anyOf), anyOf(query.visibility)])}`;
    return row ? (Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as EscalationCounts) : zero;
  };
}

// ---- facts shared by the lists of one page ----

type Memo = <T>(key: string, read: () => Promise<T>) => Promise<T>;
const pageMemos = new WeakMap<EscalationDeps, Map<string, Promise<unknown>>>();

/**
 * Deps for the several lists of one page (a dashboard's sections, the
 * register's counts and rows): who the actor is to their agency (a contact?),
 * which agencies have nobody on Parley and how many disputes the actor is on
 * are then read once for all of them, not once a list.
 */
export function sharingPageFacts(deps: EscalationDeps): EscalationDeps {
  const shared = { ...deps };
  pageMemos.set(shared, new Map());
  return shared;
}

/** The same deps with the clock stopped at `at`, sharing the page's facts if they were shared. */
export function atInstant(deps: EscalationDeps, at: Date): EscalationDeps {
  const stopped = { ...deps, now: () => at };
  const memo = pageMemos.get(deps);
  if (memo) pageMemos.set(stopped, memo);
  return stopped;
}

const contactKey = (actor: Actor) => `${actor.partnershipId} ${actor.userId} contact`;
const onKey = (actor: Actor) => `${actor.partnershipId} ${actor.userId} on`;

/**
 * What the lists of one page ask about the actor (are they one of their
 * agency's contacts? how many disputes are they on?), read in one statement
 * for all of them instead of one statement each.
 */
async function readActorFacts(tx: PartnershipTx, actor: Actor, deps: EscalationDeps): Promise<void> {
  const memo = pageMemos.get(deps);
  if (!memo) return;
  const P = actor.partnershipId;
  const contact = holdsCaseRole(actor) && !memo.has(contactKey(actor));
  const on = (holdsCaseRole(actor) || hasAnyRole(actor, BOARD_ROLES)) && !memo.has(onKey(actor));
  if (!contact && !on) return;
  const [row] = await tx.$queryRaw<(CountsRow & { contact: boolean | null })[]>`
    SELECT ${contact ? effectiveContactSql(P, actor.agencyId, actor.userId) : Prisma.sql`NULL::boolean`} AS contact,
      ${on ? personCountsSql(P, actor.userId) : Prisma.sql`NULL::bigint AS participant, NULL::bigint AS action`}`;
  if (contact) memo.set(contactKey(actor), Promise.resolve(row?.contact === true));
  if (on) memo.set(onKey(actor), Promise.resolve(countsOf(row)));
}

function memoFor(deps: EscalationDeps): Memo {
  const memo = pageMemos.get(deps);
  if (!memo) return (_key, read) => read();
  return <T>(key: string, read: () => Promise<T>) => {
    if (!memo.has(key)) memo.set(key, read());
    return memo.get(key) as Promise<T>;
  };
}

// ---- the query ----

/** A condition that is true when any of its alternatives is. */
type AnyOf = Prisma.Sql[];

/**
 * One branch of the visibility rule. `sql` is it as a condition on a row `e`;
 * `collect`, when set, reads the few disputes it allows from another table's
 * index (SELECT DISTINCT … AS id), for an arm to start from.
 */
type Branch = { sql: Prisma.Sql; collect?: Prisma.Sql };

/** One SELECT of the UNION: conditions on `e`, optionally starting from a collected set of ids. */
type Arm = { where: Prisma.Sql; collect?: Prisma.Sql };

type Query = {
  /** Conditions every row must meet (the filters); each an OR of alternatives. */
  common: AnyOf[];
  /** Who may see it: one condition per branch of escalationAccess (just `true` when the filters imply one). */
  visibility: AnyOf;
  /** The UNION's arms: common ∧ visibility, distributed over the alternatives worth an index each. */
  arms: Arm[];
  /** Whether any dated or undated row can match (closed disputes have no due date: projection.ts clears it). */
  dated: boolean;
  undated: boolean;
  /** Only open disputes: the undated ones are then read from the small partial index of open, undated disputes. */
  openOnly: boolean;
};

const TRUE = Prisma.sql`true`;

/**
 * The agency a condition requires on a side. An arm whose conditions require
 * two agencies on one side, or one agency on both (the database refuses such a
 * dispute: Escalation_agencies_differ), cannot match and is left out: a
 * manager's "raised by my agency" would otherwise walk the agency's disputes
 * looking for ones where the other side is their agency too.
 */
type Sides = { raising?: string; responding?: string };
const requirements = new WeakMap<Prisma.Sql, Sides>();
function requiring(sides: Sides, condition: Prisma.Sql): Prisma.Sql {
  requirements.set(condition, sides);
  return condition;
}
function canMatch(conditions: Prisma.Sql[]): boolean {
  const raising = new Set<string>();
  const responding = new Set<string>();
  for (const c of conditions) {
    const sides = requirements.get(c);
    if (sides?.raising) raising.add(sides.raising);
    if (sides?.responding) responding.add(sides.responding);
  }
  return raising.size <= 1 && responding.size <= 1 && ![...raising].some((a) => responding.has(a));
}
const anyOf = (alternatives: AnyOf): Prisma.Sql =>
  alternatives.length === 1
    ? alternatives[0]!
    : Prisma.sql`(${Prisma.join(
        alternatives.map((a) => Prisma.sql`(${a})`),
        " OR ",
      )})`;
const and = (conditions: Prisma.Sql[]): Prisma.Sql => (conditions.length === 0 ? TRUE : Prisma.join(conditions, " AND "));

const statusesOf = (f: Filters): EscalationStatus[] => (f.status === undefined ? [...STATUSES] : Array.isArray(f.status) ? f.status : [f.status]);

/**
 * The filters as conditions, or null when nothing can match. An either-side
 * filter (raised by or with an agency, owned on either side) is one condition
 * with two alternatives, so that each can be an arm of its own.
 */
async function filterConditions(tx: PartnershipTx, actor: Actor, f: Filters, now: Date, cutoff: Date | null, memo: Memo): Promise<AnyOf[] | null> {
  const P = actor.partnershipId;
  const me = Prisma.sql`${actor.userId}::uuid`;
  const mine = Prisma.sql`${actor.agencyId}::uuid`;
  const out: AnyOf[] = [[Prisma.sql`e."partnershipId" = ${P}`]];
  if (f.ownedByMe) out.push([Prisma.sql`e."raisingOwnerId" = ${me}`, Prisma.sql`e."respondingOwnerId" = ${me}`]);
  if (f.raisedByMe) out.push([Prisma.sql`e."raisedById" = ${me}`]);
  const raisedBy = (agencyId: string) => requiring({ raising: agencyId }, Prisma.sql`e."raisingAgencyId" = ${agencyId}::uuid`);
  const raisedWith = (agencyId: string) => requiring({ responding: agencyId }, Prisma.sql`e."respondingAgencyId" = ${agencyId}::uuid`);
  if (f.myAgency) out.push([raisedBy(actor.agencyId), raisedWith(actor.agencyId)]);
  if (f.raisedByMyAgency) out.push([raisedBy(actor.agencyId)]);
  if (f.raisedWithMyAgency) out.push([raisedWith(actor.agencyId)], [Prisma.sql`e."raisingAgencyId" <> ${mine}`]);
  if (f.agencyId) out.push([raisedBy(f.agencyId), raisedWith(f.agencyId)]);
  if (f.awaitingOwner || f.agencyNotOnParley) out.push([Prisma.sql`e.status = 'open'`], [Prisma.sql`e."respondingOwnerId" IS NULL`]);
  if (f.awaitingOwner) out.push([raisedWith(actor.agencyId)]);
  if (f.agencyNotOnParley) {
    const absent = await memo(`${P} absent`, () => agenciesNotOnParley(tx, P));
    if (absent.length === 0) return null;
    out.push([Prisma.sql`e."respondingAgencyId" IN (${Prisma.join(absent.map((a) => Prisma.sql`${a}::uuid`))})`]);
  }
  if (f.onRegister !== undefined) out.push([f.onRegister ? Prisma.sql`e."onRegister"` : Prisma.sql`NOT e."onRegister"`]);
  if (f.routeIds) out.push([Prisma.sql`e."routeId" IN (${Prisma.join(f.routeIds)})`]);
  if (f.stage !== undefined) out.push([Prisma.sql`e."stageNumber" = ${f.stage}::int`]);
  if (f.stageAtLeast !== undefined) out.push([Prisma.sql`e."stageNumber" >= ${f.stageAtLeast}::int`]);
  if (f.status !== undefined) {
    const statuses = statusesOf(f);
    out.push([Prisma.sql`e.status IN (${Prisma.join(statuses.map((s) => Prisma.sql`${s}::"EscalationStatus"`))})`]);
  }
  if (f.overdue === true) out.push([Prisma.sql`e."nextDueAt" < ${now}::timestamptz`]);
  if (f.overdue === false) out.push([Prisma.sql`e."nextDueAt" IS NULL`, Prisma.sql`e."nextDueAt" >= ${now}::timestamptz`]);
  if (cutoff) out.push([Prisma.sql`e."nextDueAt" <= ${cutoff}::timestamptz`]);
  if (f.area) out.push([Prisma.sql`e.areas @> ARRAY[${f.area}]::text[]`]);
  if (f.unowned) out.push([Prisma.sql`e.status = 'open'`], [Prisma.sql`e."respondingOwnerId" IS NULL`]);
  if (f.reference) out.push([referenceSql(await memo(`${P} reference ${f.reference}`, () => referenceCondition(tx, P, f.reference!)))]);
  if (f.raisedFrom) out.push([Prisma.sql`e."raisedAt" >= ${f.raisedFrom}::timestamptz`]);
  if (f.raisedBefore) out.push([Prisma.sql`e."raisedAt" < ${f.raisedBefore}::timestamptz`]);
  return out;
}

/**
 * escalationAccess as branches: the people on it (and owners of its agreed
 * actions); managers of the raising or responding agency whose seniority
 * reaches the level its current stage expects on their side; the responding
 * agency's escalation contacts while nobody there owns it; board roles once it
 * is on the register; the board business manager while it awaits an owner in
 * an agency with nobody on Parley. Null: the filters already imply one of them.
 * With `narrow`, every branch is checked on rows another index has found.
 */
async function visibilityBranches(tx: PartnershipTx, actor: Actor, f: Filters, narrow: boolean, memo: Memo): Promise<Branch[] | null> {
  const P = actor.partnershipId;
  const mine = Prisma.sql`${actor.agencyId}::uuid`;
  const board = hasAnyRole(actor, BOARD_ROLES);
  const openStatus = statusesOf(f).includes("open");
  const out: Branch[] = [];
  const onIt: Branch[] = [];
  if (board && f.onRegister === true) return null;
  if (holdsCaseRole(actor) || board) {
    const counts = narrow ? null : await memo(onKey(actor), () => personCounts(tx, P, actor.userId));
    for (const table of ["participant", "action"] as const) {
      const branch = personBranch(P, actor.userId, table, counts?.[table] ?? null);
      if (branch) onIt.push(branch);
    }
  }
  if (hasAnyRole(actor, MANAGEMENT_ROLES)) {
    const rank = highestSeniority(actor.roles);
    // (Not the raising side when the filter asks for what other agencies raised.)
    if (!f.raisedWithMyAgency)
      out.push({ sql: requiring({ raising: actor.agencyId }, Prisma.sql`e."raisingAgencyId" = ${mine} AND e."raisingRank" <= ${rank}::int`) });
    out.push({ sql: requiring({ responding: actor.agencyId }, Prisma.sql`e."respondingAgencyId" = ${mine} AND e."respondingRank" <= ${rank}::int`) });
  }
  if (board) out.push({ sql: Prisma.sql`e."onRegister"` });
  // While nobody owns the responding side: that agency's escalation contacts; and,
  // for an agency with nobody on Parley, the board business manager.
  if (openStatus && holdsCaseRole(actor) && (await memo(contactKey(actor), () => isEffectiveContact(tx, P, actor.agencyId, actor.userId)))) {
    if (f.awaitingOwner) return null;
    out.push({
      sql: requiring({ responding: actor.agencyId }, Prisma.sql`e.status = 'open' AND e."respondingOwnerId" IS NULL AND e."respondingAgencyId" = ${mine}`),
    });
  }
  if (openStatus && actor.roles.includes("board_business_manager")) {
    if (f.agencyNotOnParley) return null;
    const absent = await memo(`${P} absent`, () => agenciesNotOnParley(tx, P));
    if (absent.length > 0) {
      out.push({
        sql: Prisma.sql`e.status = 'open' AND e."respondingOwnerId" IS NULL AND e."respondingAgencyId" IN (${Prisma.join(absent.map((a) => Prisma.sql`${a}::uuid`))})`,
      });
    }
  }
  // The checks on other tables last: as one OR, the column comparisons are tried first.
  return [...out, ...onIt];
}

/** Up to this many, the disputes someone is on (or owns an action of) are read whole; above it, checked row by row. */
const FEW = 2_000;

const PEOPLE = {
  participant: { table: Prisma.raw(`"EscalationParticipant"`), person: Prisma.raw(`"userId"`) },
  action: { table: Prisma.raw(`"AgreedAction"`), person: Prisma.raw(`"ownerUserId"`) },
};

/**
 * "The disputes I am on" (or own an agreed action of) as a branch, by how many
 * there are (`count` up to FEW + 1; null: not counted). None: no branch. A few
 * (a practitioner's): read whole from the index on the person, each arm starting
 * from them. Many (a manager who has owned thousands), or not counted: checked
 * on each row an arm's own index walk finds, on the index on the dispute.
 *
 * Why not leave it to the planner: under row-level security it underestimates
 * every row count (it multiplies the policy's partnership test by ours, as if
 * independent: by 4 for a partnership holding a quarter of the table, by 200
 * for one holding 0.5%), and would then rescan the person's whole list for each
 * row of an agency's. OFFSET 0 keeps each form as written.
 */
function personBranch(partnershipId: string, userId: string, table: keyof typeof PEOPLE, count: number | null): Branch | null {
  if (count === 0) return null;
  const { table: t, person } = PEOPLE[table];
  const me = Prisma.sql`${userId}::uuid`;
  const probe = Prisma.sql`EXISTS (SELECT 1 FROM ${t} x WHERE x."escalationId" = e.id AND x."partnershipId" = ${partnershipId} AND x.${person} = ${me} OFFSET 0)`;
  if (count === null || count > FEW) return { sql: probe };
  const ids = Prisma.sql`SELECT DISTINCT x."escalationId" AS id FROM ${t} x WHERE x."partnershipId" = ${partnershipId} AND x.${person} = ${me}`;
  return { sql: Prisma.sql`e.id IN (${ids})`, collect: ids };
}

async function personCounts(tx: PartnershipTx, partnershipId: string, userId: string): Promise<Record<keyof typeof PEOPLE, number>> {
  const [row] = await tx.$queryRaw<CountsRow[]>`SELECT ${personCountsSql(partnershipId, userId)}`;
  return countsOf(row);
}

type CountsRow = { participant: bigint | number | null; action: bigint | number | null };
const countsOf = (row: CountsRow | undefined): Record<keyof typeof PEOPLE, number> => ({
  participant: Number(row?.participant ?? 0),
  action: Number(row?.action ?? 0),
});

/** How many disputes the person is on and owns an action of, each counted up to FEW + 1: the columns participant and action. */
function personCountsSql(partnershipId: string, userId: string): Prisma.Sql {
  const cap = FEW + 1;
  return Prisma.sql`
      (SELECT count(*) FROM (SELECT 1 FROM "EscalationParticipant" p WHERE p."partnershipId" = ${partnershipId} AND p."userId" = ${userId}::uuid LIMIT ${cap}::int) x) AS participant,
      (SELECT count(*) FROM (SELECT 1 FROM "AgreedAction" a WHERE a."partnershipId" = ${partnershipId} AND a."ownerUserId" = ${userId}::uuid LIMIT ${cap}::int) x) AS action`;
}

/** The query for these filters, or null when nothing can match. */
async function buildQuery(tx: PartnershipTx, actor: Actor, f: Filters, now: Date, cutoff: Date | null, memo: Memo): Promise<Query | null> {
  const common = await filterConditions(tx, actor, f, now, cutoff, memo);
  if (common === null) return null;
  // A filter that reads a few disputes from its own index (owned by me, raised by
  // me, awaiting an owner) drives the query; visibility is then checked on each row.
  const narrow = f.ownedByMe === true || f.raisedByMe === true || f.awaitingOwner === true || f.agencyNotOnParley === true;
  const implied = await visibilityBranches(tx, actor, f, narrow, memo);
  const branches: Branch[] = implied ?? [{ sql: TRUE }];
  if (branches.length === 0) return null;
  const visibility = branches.map((b) => b.sql);
  // Otherwise distribute over the visibility branches; and over at most one
  // either-side filter (the first, the most selective), any other staying an OR within each arm.
  const split = common.findIndex((c) => c.length > 1);
  const fixed = common.filter((_, i) => i !== split).map(anyOf);
  const sides = split >= 0 ? common[split]! : [TRUE];
  const arms: Arm[] = sides.flatMap((side) => {
    const where = (v: Prisma.Sql) => and([...fixed, side, v].filter((c) => c !== TRUE));
    if (narrow) return canMatch([...fixed, side]) ? [{ where: where(anyOf(visibility)) }] : [];
    return branches.flatMap((b) => {
      if (!canMatch([...fixed, side, b.sql])) return [];
      return [b.collect ? { where: where(TRUE), collect: b.collect } : { where: where(b.sql) }];
    });
  });
  if (arms.length === 0) return null;
  const statuses = statusesOf(f);
  return {
    common,
    visibility,
    arms,
    dated: statuses.includes("open"),
    // Anything due by a date (overdue, due within N days) is dated.
    undated: f.overdue !== true && cutoff === null,
    openOnly: (statuses.length === 1 && statuses[0] === "open") || f.awaitingOwner === true || f.agencyNotOnParley === true || f.unowned === true,
  };
}

/**
 * One part of the order, from the cursor on: each arm read in index order up
 * to `take` rows, then merged. "dated": (nextDueAt, id) ascending;
 * "undated": id descending, which for open disputes the partial index of open
 * undated ones gives, and otherwise a backward walk of the (…, nextDueAt, id)
 * indexes (hence "nextDueAt DESC" first, all of them null there).
 */
function pick(query: Query, from: Prisma.Sql, part: "dated" | "undated", take: number): ListPlan["parts"][number] {
  const order = (a: string) => {
    const x = Prisma.raw(a);
    if (part === "dated") return Prisma.sql`${x}."nextDueAt" ASC, ${x}.id ASC`;
    return query.openOnly ? Prisma.sql`${x}.id DESC` : Prisma.sql`${x}."nextDueAt" DESC, ${x}.id DESC`;
  };
  const outer = part === "dated" ? Prisma.sql`"nextDueAt" ASC, id ASC` : Prisma.sql`id DESC`;
  const selects = query.arms.map((arm) =>
    arm.collect
      ? // From each collected id to its row (by the (partnershipId, id) index), then filter and sort the few.
        Prisma.sql`(SELECT c.id, c."nextDueAt" FROM (${arm.collect}) s CROSS JOIN LATERAL (
          SELECT e.id, e."nextDueAt" FROM "Escalation" e WHERE e.id = s.id AND ${arm.where} AND ${from} OFFSET 0) c
          ORDER BY ${order("c")} LIMIT ${take}::int)`
      : Prisma.sql`(SELECT e.id, e."nextDueAt" FROM "Escalation" e WHERE ${arm.where} AND ${from} ORDER BY ${order("e")} LIMIT ${take}::int)`,
  );
  const merged =
    selects.length === 1 ? selects[0]! : Prisma.sql`(SELECT id, "nextDueAt" FROM (${Prisma.join(selects, " UNION ")}) v ORDER BY ${outer} LIMIT ${take}::int)`;
  return { picked: Prisma.sql`SELECT m.id, NULL::timestamptz AS k FROM ${merged} m`, order: part === "dated" ? byDue : byIdDescending };
}

/**
 * A page in another order than by due date: by when disputes were raised, or
 * reached their current stage, newest or oldest first, (column, id) as the
 * keyset. Each arm is read in that order up to `take` rows, then merged.
 */
function pickOrdered(query: Query, order: Exclude<ListOrder, "due">, after: Cursor | null, take: number): ListPlan["parts"][number] {
  const column = Prisma.raw(order.startsWith("raised") ? `"raisedAt"` : order.startsWith("stage") ? `"stageEnteredAt"` : `"closedAt"`);
  const desc = order.endsWith("newest");
  const dir = Prisma.raw(desc ? "DESC" : "ASC");
  const from = (x: string) => {
    const a = Prisma.raw(x);
    // By the day closed: only closed disputes have one.
    if (order.startsWith("closed") && !after?.k) return Prisma.sql`${a}."closedAt" IS NOT NULL`;
    if (!after?.k) return TRUE;
    return desc
      ? Prisma.sql`(${a}.${column}, ${a}.id) < (${new Date(after.k)}::timestamptz, ${after.i}::uuid)`
      : Prisma.sql`(${a}.${column}, ${a}.id) > (${new Date(after.k)}::timestamptz, ${after.i}::uuid)`;
  };
  const selects = query.arms.map((arm) =>
    arm.collect
      ? Prisma.sql`(SELECT c.id, c.k FROM (${arm.collect}) s CROSS JOIN LATERAL (
          SELECT e.id, e.${column} AS k FROM "Escalation" e WHERE e.id = s.id AND ${arm.where} AND ${from("e")} OFFSET 0) c
          ORDER BY c.k ${dir}, c.id ${dir} LIMIT ${take}::int)`
      : Prisma.sql`(SELECT e.id, e.${column} AS k FROM "Escalation" e WHERE ${arm.where} AND ${from("e")} ORDER BY e.${column} ${dir}, e.id ${dir} LIMIT ${take}::int)`,
  );
  const picked =
    selects.length === 1
      ? Prisma.sql`SELECT m.id, m.k FROM ${selects[0]!} m`
      : Prisma.sql`SELECT id, k FROM (${Prisma.join(selects, " UNION ")}) v ORDER BY k ${dir}, id ${dir} LIMIT ${take}::int`;
  const sign = desc ? -1 : 1;
  return { picked, order: (a, b) => sign * (time(a.orderKey) - time(b.orderKey) || compareIds(a.id, b.id)) };
}

// The orders of the parts, for rows read together and sorted here (PostgreSQL
// compares uuids byte by byte, which is the order of their lowercase text).
const time = (d: Date | string | null): number => (d === null ? 0 : new Date(d).getTime());
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byDue = (a: Row, b: Row): number => time(a.nextDueAt) - time(b.nextDueAt) || compareIds(a.id, b.id);
const byIdDescending = (a: Row, b: Row): number => compareIds(b.id, a.id);

type Row = {
  id: string;
  reference: string;
  status: EscalationStatus;
  urgent: boolean;
  stageKey: string;
  stageNumber: number | null;
  raisedAt: Date;
  raisedById: string;
  stageEnteredAt: Date | string;
  closedAt: Date | string | null;
  raisingOwnerName: string | null;
  respondingOwnerName: string | null;
  raisingAgencyId: string;
  raisingAgencyName: string;
  respondingAgencyId: string;
  respondingAgencyName: string;
  respondingPerson: string;
  areas: string[];
  subjects: unknown;
  raisingOwnerId: string | null;
  respondingOwnerId: string | null;
  onRegister: boolean;
  nextDueAt: Date | null;
  formOutstanding: boolean;
  version: number;
  policyId: string;
  policyVersion: string;
  routeId: string;
  /** The value of the page's order column, in another order than by due date. */
  orderKey: Date | string | null;
};

/**
 * The picked page's rows, in the same statement as the picking (one round trip
 * a list, not two; the caller sorts them): each picked id read by key, each agency's and owner's name
 * by key too (a subquery per row, not a join: as a join, the planner's
 * underestimates, see personBranch, had it read an agency's disputes for each
 * agency instead). OFFSET 0 keeps the picking as written, below the join.
 * `picked` has the columns id and k (and `list`, when several lists are read together).
 */
function withRows(partnershipId: string, picked: Prisma.Sql, listed = false): Prisma.Sql {
  return Prisma.sql`
    SELECT ${listed ? Prisma.sql`p.list, ` : Prisma.empty}e.id, e.reference, e.status::text AS status, e.urgent, e."stageKey", e."stageNumber", e."raisedAt", e."raisedById",
      e."raisingAgencyId", (SELECT a.name FROM "Agency" a WHERE a."partnershipId" = e."partnershipId" AND a.id = e."raisingAgencyId") AS "raisingAgencyName",
      e."respondingAgencyId", (SELECT a.name FROM "Agency" a WHERE a."partnershipId" = e."partnershipId" AND a.id = e."respondingAgencyId") AS "respondingAgencyName",
      e."respondingPerson", e.areas, e.subjects, e."raisingOwnerId", e."respondingOwnerId",
      (SELECT u.name FROM "User" u WHERE u.id = e."raisingOwnerId") AS "raisingOwnerName",
      (SELECT u.name FROM "User" u WHERE u.id = e."respondingOwnerId") AS "respondingOwnerName",
      e."stageEnteredAt", e."closedAt",
      e."onRegister", e."nextDueAt", e."formOutstanding", e.version, e."policyId", e."policyVersion", e."routeId", p.k AS "orderKey"
    FROM (${picked} OFFSET 0) p
    JOIN "Escalation" e ON e."partnershipId" = ${partnershipId} AND e.id = p.id`;
}

function listItem(r: Row, deps: EscalationDeps, now: Date): EscalationListItem {
  const nextDueAt = r.nextDueAt === null ? null : new Date(r.nextDueAt);
  const subjects = (typeof r.subjects === "string" ? JSON.parse(r.subjects) : r.subjects) as { kind: string; initials: string }[];
  return {
    id: r.id,
    reference: r.reference,
    status: r.status,
    urgent: r.urgent,
    stageKey: r.stageKey,
    stageNumber: r.stageNumber,
    stageTitle: stageTitle(deps, r.policyId, r.policyVersion, r.routeId, r.stageKey),
    raisedAt: new Date(r.raisedAt),
    raisedById: r.raisedById,
    raisingAgency: { id: r.raisingAgencyId, name: r.raisingAgencyName },
    respondingAgency: { id: r.respondingAgencyId, name: r.respondingAgencyName },
    respondingPerson: r.respondingPerson,
    areas: r.areas,
    subjects: subjects.map((s) => ({ kind: s.kind, initials: s.initials })),
    raisingOwnerId: r.raisingOwnerId,
    respondingOwnerId: r.respondingOwnerId,
    raisingOwnerName: r.raisingOwnerName,
    respondingOwnerName: r.respondingOwnerName,
    stageEnteredAt: new Date(r.stageEnteredAt),
    closedAt: r.closedAt === null ? null : new Date(r.closedAt),
    onRegister: r.onRegister,
    nextDueAt,
    overdue: nextDueAt !== null && nextDueAt.getTime() < now.getTime(),
    formOutstanding: r.formOutstanding,
    version: r.version,
  };
}

/** Close of business on the Nth working day after today, on the partnership's calendar. */
function dueCutoff(actor: Actor, deps: EscalationDeps, now: Date, workingDays: number): Date {
  const policy = deps.policies.inForce(actor.partnershipId, now);
  if (!policy) throw new PreconditionError("Your partnership has no escalation policy in force, so there is no calendar to count working days on.");
  return closeOfBusinessAfter(policy, deps.policies.calendarFor(policy), now, workingDays);
}

/** Close of business on the Nth working day after today (0: today), on the calendar of the policy in force. The register's export uses it too. */
export function closeOfBusinessAfter(policy: Policy, calendar: WorkingCalendar, now: Date, workingDays: number): Date {
  const clock = ZoneClock.for(policy.timeZone);
  const today = clock.localDay(now.getTime());
  const day = workingDays === 0 ? today : calendar.addWorkingDaysToDay(today, workingDays);
  return new Date(clock.instantAt(day, minuteOfDay(policy.closeOfBusiness)));
}

function stageTitle(deps: EscalationDeps, policyId: string, version: string, routeId: string, stageKey: string): string {
  const policy = deps.policies.get(policyId, version);
  const stage = policy ? getRoute(policy, routeId).stages.find((s) => s.key === stageKey) : undefined;
  return stage?.title ?? stageKey;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

const CursorSchema = z.strictObject({
  d: z.iso.datetime().nullable(),
  i: z.uuid(),
  o: z.enum(LIST_ORDERS).exclude(["due"]).optional(),
  k: z.iso.datetime().optional(),
});

function decodeCursor(text: string): Cursor {
  try {
    return CursorSchema.parse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
  } catch {
    throw ValidationError.field("cursor", "This page link is not valid any more: go back to the first page.");
  }
}
