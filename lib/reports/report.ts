/**
 * The board's report for a period: how many disputes were raised, resolved and
 * withdrawn, between which agencies, about what, how far they went and how
 * long they took. Every figure is an aggregate read in the database, in one
 * transaction in the partnership's scope; nothing here names a child or a
 * person. Board roles see the whole partnership's figures (counts only), not
 * just what is on their register.
 */
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import { dayFromIso, isWeekend } from "../calendar/days";
import type { WorkingCalendar } from "../calendar/working-calendar";
import type { Database } from "../db/connect";
import { inPartnership, type PartnershipTx } from "../db/scope";
import { ForbiddenError } from "../errors";
import { AREA_OTHER } from "../escalations/raise-escalation";
import { stageTitle, type Policy } from "../policy";
import { AGENCY_TYPE_LABELS, type AgencyTypeName } from "../agencies/agency-types";
import { monthsOf, type ReportPeriod } from "./period";

export type Count = { key: string; label: string; count: number };

export type Report = {
  period: ReportPeriod;
  summary: {
    raised: number;
    urgent: number;
    resolved: number;
    withdrawn: number;
    /** Raised before the period ended and not closed by then. */
    openAtEnd: number;
  };
  /** Disputes raised in the period, by raising agency (rows) and the agency raised with (columns); only agencies with any. */
  agencyMatrix: Matrix;
  /** The same, by the agencies' types. */
  agencyTypeMatrix: Matrix;
  /** Disputes raised in the period by area of disagreement (one dispute may name several). */
  byArea: Count[];
  /** Disputes raised in the period, by the highest stage they have reached so far. */
  byHighestStage: Count[];
  /** Disputes resolved in the period, by the stage they were resolved at. */
  byResolvedStage: Count[];
  /** Working days from raising to resolution, of disputes resolved in the period: overall, then by the stage resolved at. */
  timeToResolve: { key: string; label: string; count: number; median: number | null; p90: number | null }[];
  /** Deadlines that had passed when a stage was left in the period (escalated, expedited, resolved or withdrawn), by stage. */
  missedByStage: Count[];
  /** The same, by the agency each dispute was raised with (counted against the dispute, not a judgement of who missed it). */
  missedByRespondingAgency: Count[];
  /** Raised and resolved in each month the period touches. */
  byMonth: { key: string; label: string; raised: number; resolved: number }[];
  /** What those who resolved disputes in the period said the partnership could learn, oldest first. */
  learning: { reference: string; resolvedOn: string; stage: string; text: string }[];
};

export type Matrix = {
  rows: { key: string; label: string }[];
  columns: { key: string; label: string }[];
  /** counts[row][column] */
  counts: Record<string, Record<string, number>>;
  rowTotals: Record<string, number>;
  columnTotals: Record<string, number>;
  total: number;
};

export type ReportDeps = { calendar: WorkingCalendar };

/**
 * The figures for a period. Board roles only (the same people who keep the
 * register); anyone else is refused.
 */
export async function loadReport(db: Database, actor: Actor, policy: Policy, period: ReportPeriod, deps: ReportDeps): Promise<Report> {
  if (!can(actor, "reports.view")) throw new ForbiddenError("Only the board's roles see the partnership's reports.");
  return inPartnership(db, actor, (tx) => readReport(tx, actor.partnershipId, policy, period, deps));
}

const n = (v: bigint | number | null | undefined) => Number(v ?? 0);

async function readReport(tx: PartnershipTx, partnershipId: string, policy: Policy, period: ReportPeriod, deps: ReportDeps): Promise<Report> {
  const { from, to } = period;
  const tz = policy.timeZone;
  // The queries below are text only in their fixed parts: every value is a $n parameter.
  const raisedIn = (alias = "e") => `${alias}."partnershipId" = $1 AND ${alias}."raisedAt" >= $2 AND ${alias}."raisedAt" < $3`;

  // What was raised in the period, grouped four ways in one pass over the index
  // (raisedAt, agencies, stage, urgent): by agency pair, by stage, by month, and in all.
  const raised = await tx.$queryRawUnsafe<
    {
      raising: string | null;
      responding: string | null;
      stage: number | null;
      month: string | null;
      byPair: boolean;
      byStage: boolean;
      byMonth: boolean;
      count: bigint;
      urgent: bigint;
    }[]
  >(
    `SELECT e."raisingAgencyId"::text AS raising, e."respondingAgencyId"::text AS responding, e."stageNumber" AS stage,
            to_char(e."raisedAt" AT TIME ZONE $4, 'YYYY-MM') AS month,
            GROUPING(e."raisingAgencyId", e."respondingAgencyId") = 0 AS "byPair", GROUPING(e."stageNumber") = 0 AS "byStage",
            GROUPING(to_char(e."raisedAt" AT TIME ZONE $4, 'YYYY-MM')) = 0 AS "byMonth",
            count(*) AS count, count(*) FILTER (WHERE e.urgent) AS urgent
     FROM "Escalation" e WHERE ${raisedIn()}
     GROUP BY GROUPING SETS ((e."raisingAgencyId", e."respondingAgencyId"), (e."stageNumber"), (to_char(e."raisedAt" AT TIME ZONE $4, 'YYYY-MM')), ())`,
    partnershipId,
    from,
    to,
    tz,
  );
  const areas = await tx.$queryRawUnsafe<{ area: string; count: bigint }[]>(
    `SELECT a.area, count(*) AS count FROM "Escalation" e CROSS JOIN LATERAL unnest(e.areas) AS a(area) WHERE ${raisedIn()} GROUP BY 1`,
    partnershipId,
    from,
    to,
  );
  // What was closed in the period, by status, stage and the local days it was raised and closed:
  // few distinct rows, from which the counts, the stages resolved at, the months and the working
  // days taken (on the partnership's calendar, here) all follow.
  const closed = await tx.$queryRawUnsafe<{ status: string; stage: number | null; raisedDay: string; closedDay: string; count: bigint }[]>(
    `SELECT e.status::text AS status, e."stageNumber" AS stage,
            to_char(e."raisedAt" AT TIME ZONE $4, 'YYYY-MM-DD') AS "raisedDay", to_char(e."closedAt" AT TIME ZONE $4, 'YYYY-MM-DD') AS "closedDay",
            count(*) AS count
     FROM "Escalation" e WHERE e."partnershipId" = $1 AND e."closedAt" >= $2 AND e."closedAt" < $3
     GROUP BY 1, 2, 3, 4`,
    partnershipId,
    from,
    to,
    tz,
  );
  // Open at the end = raised before it ended, less closed before it ended (every closed dispute was raised first).
  const [before] = await tx.$queryRawUnsafe<{ raised: bigint; closed: bigint }[]>(
    `SELECT (SELECT count(*) FROM "Escalation" e WHERE e."partnershipId" = $1 AND e."raisedAt" < $2) AS raised,
            (SELECT count(*) FROM "Escalation" e WHERE e."partnershipId" = $1 AND e."closedAt" < $2) AS closed`,
    partnershipId,
    to,
  );
  const agencies = await tx.agency.findMany({ where: { partnershipId }, select: { id: true, name: true, type: true } });
  const missed = await tx.$queryRawUnsafe<{ stageKey: string; responding: string; count: bigint }[]>(
    `SELECT ev."stageKey", e."respondingAgencyId"::text AS responding, count(*) AS count
     FROM "EscalationEvent" ev
     JOIN "Escalation" e ON e."partnershipId" = ev."partnershipId" AND e.id = ev."escalationId"
     CROSS JOIN LATERAL jsonb_array_elements(ev.payload -> 'deadlinesThen') AS d(deadline)
     WHERE ev."partnershipId" = $1 AND ev.type IN ('escalated', 'expedited', 'resolved', 'withdrawn') AND ev.at >= $2 AND ev.at < $3
       AND (d.deadline ->> 'overdue')::boolean
     GROUP BY 1, 2`,
    partnershipId,
    from,
    to,
  );

  const learning = await tx.$queryRawUnsafe<{ reference: string; day: string; stage: number | null; text: string }[]>(
    `SELECT e.reference, to_char(ev.at AT TIME ZONE $4, 'YYYY-MM-DD') AS day, e."stageNumber" AS stage, ev.payload ->> 'learning' AS text
     FROM "EscalationEvent" ev
     JOIN "Escalation" e ON e."partnershipId" = ev."partnershipId" AND e.id = ev."escalationId"
     WHERE ev."partnershipId" = $1 AND ev.at >= $2 AND ev.at < $3 AND ev.type = 'resolved' AND ev.payload ->> 'learning' IS NOT NULL
     ORDER BY ev.at, e.reference`,
    partnershipId,
    from,
    to,
    tz,
  );

  const agencyById = new Map(agencies.map((a) => [a.id, a]));
  const agencyName = (id: string) => agencyById.get(id)?.name ?? "An agency no longer listed";
  const typeOf = (id: string): AgencyTypeName => (agencyById.get(id)?.type ?? "other") as AgencyTypeName;
  const stageLabel = stageLabeller(policy);

  const all = raised.find((r) => !r.byPair && !r.byStage && !r.byMonth);
  const pairs = raised.filter((r) => r.byPair) as { raising: string; responding: string; count: bigint }[];
  const resolved = closed.filter((c) => c.status === "resolved");
  const resolvedByMonth = sumBy(resolved, (r) => r.closedDay.slice(0, 7));

  return {
    period,
    summary: {
      raised: n(all?.count),
      urgent: n(all?.urgent),
      resolved: resolved.reduce((t, r) => t + n(r.count), 0),
      withdrawn: closed.filter((c) => c.status === "withdrawn").reduce((t, r) => t + n(r.count), 0),
      openAtEnd: n(before?.raised) - n(before?.closed),
    },
    agencyMatrix: matrix(
      pairs.map((p) => ({ row: p.raising, column: p.responding, count: n(p.count) })),
      agencyName,
    ),
    agencyTypeMatrix: matrix(
      pairs.map((p) => ({ row: typeOf(p.raising), column: typeOf(p.responding), count: n(p.count) })),
      (type) => AGENCY_TYPE_LABELS[type as AgencyTypeName] ?? type,
    ),
    byArea: byCount(areas.map((a) => ({ key: a.area, label: areaLabel(policy, a.area), count: n(a.count) }))),
    byHighestStage: byStage(
      raised.filter((r) => r.byStage).map((h) => ({ stage: h.stage, count: n(h.count) })),
      stageLabel,
    ),
    byResolvedStage: byStage(
      [...sumBy(resolved, (r) => String(r.stage ?? ""))].map(([stage, count]) => ({ stage: stage === "" ? null : Number(stage), count })),
      stageLabel,
    ),
    timeToResolve: timeToResolve(resolved, deps.calendar, stageLabel),
    missedByStage: byCount([...sumBy(missed, (m) => m.stageKey)].map(([key, count]) => ({ key, label: stageKeyLabel(policy, key), count }))),
    missedByRespondingAgency: byCount([...sumBy(missed, (m) => m.responding)].map(([key, count]) => ({ key, label: agencyName(key), count }))),
    byMonth: monthsOf(period).map((m) => ({
      ...m,
      raised: n(raised.find((r) => r.byMonth && r.month === m.key)?.count),
      resolved: resolvedByMonth.get(m.key) ?? 0,
    })),
    learning: learning.map((l) => ({ reference: l.reference, resolvedOn: l.day, stage: stageLabel(l.stage), text: l.text })),
  };
}

function sumBy<T extends { count: bigint }>(rows: readonly T[], key: (row: T) => string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(key(row), (sums.get(key(row)) ?? 0) + n(row.count));
  return sums;
}

const byCount = (counts: Count[]): Count[] => counts.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, "en-GB"));

function byStage(rows: { stage: number | null; count: number }[], label: (stage: number | null) => string): Count[] {
  return rows
    .sort((a, b) => (a.stage ?? Number.MAX_SAFE_INTEGER) - (b.stage ?? Number.MAX_SAFE_INTEGER))
    .map((r) => ({ key: r.stage === null ? "unnumbered" : String(r.stage), label: label(r.stage), count: r.count }));
}

function matrix(cells: { row: string; column: string; count: number }[], label: (key: string) => string): Matrix {
  const counts: Record<string, Record<string, number>> = {};
  const rowTotals: Record<string, number> = {};
  const columnTotals: Record<string, number> = {};
  let total = 0;
  for (const { row, column, count } of cells) {
    counts[row] ??= {};
    counts[row][column] = (counts[row][column] ?? 0) + count;
    rowTotals[row] = (rowTotals[row] ?? 0) + count;
    columnTotals[column] = (columnTotals[column] ?? 0) + count;
    total += count;
  }
  const axis = (keys: string[], totals: Record<string, number>) =>
    keys.map((key) => ({ key, label: label(key) })).sort((a, b) => (totals[b.key] ?? 0) - (totals[a.key] ?? 0) || a.label.localeCompare(b.label, "en-GB"));
  return { rows: axis(Object.keys(rowTotals), rowTotals), columns: axis(Object.keys(columnTotals), columnTotals), counts, rowTotals, columnTotals, total };
}

/** Median and 90th percentile (nearest rank) of a weighted list of working-day counts. */
export function percentiles(values: { days: number; count: number }[]): { count: number; median: number | null; p90: number | null } {
  const sorted = values.filter((v) => v.count > 0).sort((a, b) => a.days - b.days);
  const count = sorted.reduce((s, v) => s + v.count, 0);
  if (count === 0) return { count, median: null, p90: null };
  const rank = (p: number) => {
    const target = Math.max(1, Math.ceil(p * count));
    let seen = 0;
    for (const v of sorted) {
      seen += v.count;
      if (seen >= target) return v.days;
    }
    return sorted.at(-1)!.days;
  };
  return { count, median: rank(0.5), p90: rank(0.9) };
}

function timeToResolve(
  rows: { raisedDay: string; closedDay: string; stage: number | null; count: bigint }[],
  calendar: WorkingCalendar,
  stageLabel: (stage: number | null) => string,
): Report["timeToResolve"] {
  const days = rows.map((r) => ({ stage: r.stage, days: workingDaysTaken(calendar, r.raisedDay, r.closedDay), count: n(r.count) }));
  const overall = { key: "all", label: "All resolved disputes", ...percentiles(days) };
  const stages = [...new Set(days.map((d) => d.stage))].sort((a, b) => (a ?? Number.MAX_SAFE_INTEGER) - (b ?? Number.MAX_SAFE_INTEGER));
  return [
    overall,
    ...stages.map((stage) => ({
      key: stage === null ? "unnumbered" : String(stage),
      label: `Resolved at ${stageLabel(stage).replace(/^S/, "s")}`,
      ...percentiles(days.filter((d) => d.stage === stage)),
    })),
  ];
}

/** Working days after the day it was raised up to the day it was resolved: 0 when resolved the same day. */
function workingDaysTaken(calendar: WorkingCalendar, raisedDay: string, resolvedDay: string): number {
  const a = dayFromIso(raisedDay);
  const b = dayFromIso(resolvedDay);
  if (b <= a) return 0;
  try {
    return calendar.workingDaysBetweenDays(a, b);
  } catch {
    // Outside the years the calendar knows: weekdays, the nearest honest figure.
    let count = 0;
    for (let d = a + 1; d <= b; d++) if (!isWeekend(d)) count++;
    return count;
  }
}

function stageLabeller(policy: Policy): (stage: number | null) => string {
  const titles = new Map<number, string>();
  for (const route of policy.routes) for (const s of route.stages) if (s.number !== undefined && !titles.has(s.number)) titles.set(s.number, s.title);
  return (stage) =>
    stage === null ? "A step without a number" : titles.has(stage) ? stageTitle({ number: stage, title: titles.get(stage)! }) : `Stage ${stage}`;
}

function stageKeyLabel(policy: Policy, key: string): string {
  for (const route of policy.routes) {
    const s = route.stages.find((x) => x.key === key);
    if (s) return stageTitle(s);
  }
  return key;
}

function areaLabel(policy: Policy, id: string): string {
  if (id === AREA_OTHER) return "Other";
  return policy.areas.items.find((a) => a.id === id)?.label ?? id;
}
