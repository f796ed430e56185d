/**
 * The board register's rows for its CSV export, read from the database a page
 * at a time by keyset, in the register page's order: dated disputes soonest due
 * first, (nextDueAt, id) ascending; then the undated (closed ones among them)
 * newest first, id descending. Each page is one short query in a transaction
 * the caller gives (lib/register/export.ts opens one per page), so an export of
 * 10,000 rows holds no transaction open while the file is sent.
 *
 * The filters are the register page's, as registerListFilters (lib/views/register.ts)
 * puts them to listEscalations, and they mean here what they mean there
 * (lib/escalations/list-escalations.ts; tests/integration/register/export.test.ts
 * pins the two to the same disputes for each filter). A board member sees
 * everything on the register, so no visibility rule narrows it further.
 */
import type { PartnershipTx } from "../db/scope";
import { Prisma } from "../db/generated/client";
import type { EscalationStatus } from "../db/generated/enums";
import { referenceSql, type ReferenceCondition } from "../escalations/reference-search";
import { registerListFilters, type RegisterFilters, type RegisterPopulation } from "../views/register";

const STATUSES = ["open", "resolved", "withdrawn"] as const satisfies readonly EscalationStatus[];

/** The register's filters as conditions on the table: registerListFilters' answer, field by field. */
export type RegisterQuery = {
  /** On one of these routes (a population's register). */
  routeIds?: string[];
  stage?: number;
  /** Raised by or with this agency. */
  agencyId?: string;
  area?: string;
  status?: EscalationStatus;
  /** true: past its deciding deadline; false: not (or no deadline). */
  overdue?: boolean;
  /** Due by close of business this many working days after today (0: today). */
  dueWithinWorkingDays?: number;
  /** Open, and nobody owns its responding side yet. */
  unowned?: boolean;
  /** What the reference filter found to mean (lib/escalations/reference-search.ts), resolved once per export. */
  reference?: ReferenceCondition;
  raisedFrom?: Date;
  raisedBefore?: Date;
};

// "order" is known and not followed: the file is always in the register's first order
// (soonest due first, then the undated newest first); a spreadsheet sorts it any other way.
const KNOWN = new Set([
  "onRegister",
  "routeIds",
  "stage",
  "agencyId",
  "area",
  "status",
  "overdue",
  "dueWithinWorkingDays",
  "unowned",
  "reference",
  "raisedFrom",
  "raisedBefore",
  "order",
]);

/**
 * What registerListFilters asks listEscalations for, as this module's query. A
 * filter the register gains that this export does not know stops the export
 * (and its tests) rather than being left out, which would export more than the page shows.
 */
export function registerQueryOf(filters: RegisterFilters, timeZone?: string, populations?: readonly RegisterPopulation[]): RegisterQuery {
  const asked = registerListFilters(filters, timeZone, populations);
  const unknown = Object.keys(asked).filter((k) => !KNOWN.has(k));
  if (unknown.length > 0 || asked.onRegister !== true) {
    throw new Error(`The register's export does not know how to filter by ${unknown.join(", ") || "anything but what is on the register"}.`);
  }
  const status = asked.status;
  if (Array.isArray(status)) throw new Error("The register filters by one status at a time.");
  return {
    ...(asked.routeIds ? { routeIds: [...asked.routeIds] } : {}),
    ...(asked.stage !== undefined ? { stage: asked.stage } : {}),
    ...(asked.agencyId ? { agencyId: asked.agencyId } : {}),
    ...(asked.area ? { area: asked.area } : {}),
    ...(status ? { status } : {}),
    ...(asked.overdue !== undefined ? { overdue: asked.overdue } : {}),
    ...(asked.dueWithinWorkingDays !== undefined ? { dueWithinWorkingDays: asked.dueWithinWorkingDays } : {}),
    ...(asked.unowned ? { unowned: true } : {}),
    ...(asked.reference ? { reference: { parley: asked.reference.trim().toUpperCase() } } : {}),
    ...(asked.raisedFrom ? { raisedFrom: new Date(asked.raisedFrom as Date) } : {}),
    ...(asked.raisedBefore ? { raisedBefore: new Date(asked.raisedBefore as Date) } : {}),
  };
}

/** Where the next page starts: after this row, in the dated part (d: its due date) or the undated (d: null). */
export type ExportCursor = { d: Date | null; i: string };

/** One dispute as the export reads it: the register's facts, the agencies' and owners' names; nothing about the child. */
export type ExportRow = {
  id: string;
  reference: string;
  status: EscalationStatus;
  urgent: boolean;
  policyId: string;
  policyVersion: string;
  routeId: string;
  stageKey: string;
  stageNumber: number | null;
  stageEnteredAt: Date;
  raisedAt: Date;
  closedAt: Date | null;
  raisingAgency: string | null;
  respondingAgency: string | null;
  raisingOwnerId: string | null;
  raisingOwner: string | null;
  respondingOwnerId: string | null;
  respondingOwner: string | null;
  areas: string[];
  nextDueAt: Date | null;
  formOutstanding: boolean;
};

export type ExportPage = { rows: ExportRow[]; next: ExportCursor | null };

/** The facts every page of one export is read against: its partnership, its filters and one instant. */
export type ExportScope = { partnershipId: string; query: RegisterQuery; now: Date; cutoff: Date | null };

/** Whether any dated (open) or undated row can match, as listEscalations decides it. */
export function partsOf(scope: ExportScope): { dated: boolean; undated: boolean } {
  const statuses = scope.query.status ? [scope.query.status] : scope.query.unowned ? ["open"] : [...STATUSES];
  return { dated: statuses.includes("open"), undated: scope.query.overdue !== true && scope.cutoff === null };
}

function conditions(scope: ExportScope): Prisma.Sql[] {
  const { query: q, now, cutoff } = scope;
  const out = [Prisma.sql`e."partnershipId" = ${scope.partnershipId}`, Prisma.sql`e."onRegister"`];
  if (q.routeIds) out.push(Prisma.sql`e."routeId" IN (${Prisma.join(q.routeIds)})`);
  if (q.stage !== undefined) out.push(Prisma.sql`e."stageNumber" = ${q.stage}::int`);
  if (q.agencyId) out.push(Prisma.sql`(e."raisingAgencyId" = ${q.agencyId}::uuid OR e."respondingAgencyId" = ${q.agencyId}::uuid)`);
  if (q.status) out.push(Prisma.sql`e.status = ${q.status}::"EscalationStatus"`);
  if (q.overdue === true) out.push(Prisma.sql`e."nextDueAt" < ${now}::timestamptz`);
  if (q.overdue === false) out.push(Prisma.sql`(e."nextDueAt" IS NULL OR e."nextDueAt" >= ${now}::timestamptz)`);
  if (cutoff) out.push(Prisma.sql`e."nextDueAt" <= ${cutoff}::timestamptz`);
  if (q.area) out.push(Prisma.sql`e.areas @> ARRAY[${q.area}]::text[]`);
  if (q.unowned) out.push(Prisma.sql`e.status = 'open'`, Prisma.sql`e."respondingOwnerId" IS NULL`);
  if (q.reference) out.push(referenceSql(q.reference));
  if (q.raisedFrom) out.push(Prisma.sql`e."raisedAt" >= ${q.raisedFrom}::timestamptz`);
  if (q.raisedBefore) out.push(Prisma.sql`e."raisedAt" < ${q.raisedBefore}::timestamptz`);
  return out;
}

type RawRow = Omit<ExportRow, "stageEnteredAt" | "raisedAt" | "closedAt" | "nextDueAt"> & {
  stageEnteredAt: Date | string;
  raisedAt: Date | string;
  closedAt: Date | string | null;
  nextDueAt: Date | string | null;
};

const date = (v: Date | string) => (v instanceof Date ? v : new Date(v));

/**
 * Up to `limit` rows after `after` (null: from the start), and where the next
 * page starts (null: that was the last). A page that ends the dated part goes
 * on into the undated part, so every page but the last is full.
 */
export async function readExportPage(tx: PartnershipTx, scope: ExportScope, after: ExportCursor | null, limit: number): Promise<ExportPage> {
  const parts = partsOf(scope);
  const where = conditions(scope);
  // As for the register's own list: under row-level security the planner
  // underestimates every row count and would rather scan a bitmap and sort than
  // walk the register's index in order (lib/escalations/list-escalations.ts).
  await tx.$queryRaw`SELECT set_config('enable_bitmapscan', 'off', true)`;
  const rows: ExportRow[] = [];
  const take = limit + 1;
  if (parts.dated && (after === null || after.d !== null)) {
    const from = after ? Prisma.sql`(e."nextDueAt", e.id) > (${after.d}::timestamptz, ${after.i}::uuid)` : Prisma.sql`e."nextDueAt" IS NOT NULL`;
    rows.push(...(await select(tx, [...where, from], Prisma.sql`e."nextDueAt" ASC, e.id ASC`, take)));
  }
  if (parts.undated && rows.length < take) {
    const from = after?.d === null ? Prisma.sql`e."nextDueAt" IS NULL AND e.id < ${after.i}::uuid` : Prisma.sql`e."nextDueAt" IS NULL`;
    // "nextDueAt DESC" first (all null here): a backward walk of the register's (…, nextDueAt, id) index.
    rows.push(...(await select(tx, [...where, from], Prisma.sql`e."nextDueAt" DESC, e.id DESC`, take - rows.length)));
  }
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > limit && last ? { d: last.nextDueAt, i: last.id } : null };
}

/**
 * One part of the order. The agencies' and owners' names by key, a subquery
 * per row (as listEscalations reads agency names, and for the same reason).
 */
async function select(tx: PartnershipTx, where: Prisma.Sql[], order: Prisma.Sql, take: number): Promise<ExportRow[]> {
  const rows = await tx.$queryRaw<RawRow[]>`
    SELECT e.id, e.reference, e.status::text AS status, e.urgent, e."policyId", e."policyVersion", e."routeId",
      e."stageKey", e."stageNumber", e."stageEnteredAt", e."raisedAt", e."closedAt",
      (SELECT a.name FROM "Agency" a WHERE a."partnershipId" = e."partnershipId" AND a.id = e."raisingAgencyId") AS "raisingAgency",
      (SELECT a.name FROM "Agency" a WHERE a."partnershipId" = e."partnershipId" AND a.id = e."respondingAgencyId") AS "respondingAgency",
      e."raisingOwnerId", (SELECT u.name FROM "User" u WHERE u.id = e."raisingOwnerId") AS "raisingOwner",
      e."respondingOwnerId", (SELECT u.name FROM "User" u WHERE u.id = e."respondingOwnerId") AS "respondingOwner",
      e.areas, e."nextDueAt", e."formOutstanding"
    FROM "Escalation" e
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY ${order}
    LIMIT ${take}::int`;
  return rows.map((r) => ({
    ...r,
    stageEnteredAt: date(r.stageEnteredAt),
    raisedAt: date(r.raisedAt),
    closedAt: r.closedAt === null ? null : date(r.closedAt),
    nextDueAt: r.nextDueAt === null ? null : date(r.nextDueAt),
  }));
}
