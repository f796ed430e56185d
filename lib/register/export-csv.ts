/**
 * The board register's CSV export, line by line: its header, one dispute's
 * cells in words, and the file's name. Pure (no database, no clock of its own):
 * lib/register/export.ts streams what these return.
 *
 * Dates are plain British English in the partnership's time zone ("Monday 2
 * March 2026"), as the rest of Parley writes them. Nothing here names or
 * describes a child, and no free text from the record (what was disputed, the
 * outcome as written) is copied: the register shows neither.
 */
import { isoFromDay } from "../calendar/days";
import { ZoneClock } from "../calendar/time-zone";
import type { WorkingCalendar } from "../calendar/working-calendar";
import { getRoute, type Policy } from "../policy";
import { formatDateLong } from "../policy/format";
import { BOM, csvLine } from "../text/csv";
import { stageTitle } from "../views/dispute-history";
import { STATUS_LABELS } from "../views/register";
import type { ExportRow } from "./export-rows";

export const EXPORT_HEADER = [
  "Reference",
  "Raising agency",
  "Responding agency",
  "Area",
  "Status",
  "Stage",
  "Entered this stage",
  "Working days at this stage",
  "Owner, raising side",
  "Owner, responding side",
  "Next deadline or outcome",
  "Form outstanding",
  "Urgent",
  "Raised",
  "Resolved or withdrawn",
] as const;

/** The file's first bytes: the byte-order mark (so Excel reads UTF-8) and the header line. */
export const exportHead = (): string => `${BOM}${csvLine(EXPORT_HEADER)}`;

export type ExportContext = {
  /** The instant the export was asked for: "working days at this stage" count to it. */
  now: Date;
  /** The partnership's time zone (its policy in force's), for every date. */
  timeZone: string;
  /** A dispute's own policy version, for its stage's title and its calendar. */
  policyFor: (policyId: string, version: string) => Policy | undefined;
  calendarFor: (policy: Policy) => WorkingCalendar;
  /** The area ids' words, from the policy in force, as the register page shows them. */
  areaLabels: ReadonlyMap<string, string>;
};

export const YES_NO = (value: boolean): string => (value ? "Yes" : "No");
const UNKNOWN_USER = "(unknown user)";

/** "Stage 3: Senior manager to senior manager", from the dispute's own policy version (the key if it is not loaded). */
export function exportStage(
  row: Pick<ExportRow, "policyId" | "policyVersion" | "routeId" | "stageKey" | "stageNumber">,
  ctx: Pick<ExportContext, "policyFor">,
): string {
  const policy = ctx.policyFor(row.policyId, row.policyVersion);
  try {
    const stage = policy ? getRoute(policy, row.routeId).stages.find((s) => s.key === row.stageKey) : undefined;
    if (stage) return stageTitle(stage);
  } catch {
    // A route the version no longer has: fall through to the number.
  }
  return row.stageNumber === null ? row.stageKey : `Stage ${row.stageNumber}`;
}

/**
 * Working days an open dispute has been at its stage: those after the day it
 * entered, up to and including today, on its partnership's calendar (0 on the
 * day it arrived). Null for a closed one, or a day the calendar cannot count.
 */
export function workingDaysAtStage(row: Pick<ExportRow, "status" | "stageEnteredAt" | "policyId" | "policyVersion">, ctx: ExportContext): number | null {
  if (row.status !== "open") return null;
  const policy = ctx.policyFor(row.policyId, row.policyVersion);
  if (!policy) return null;
  const clock = ZoneClock.for(ctx.timeZone);
  try {
    const days = ctx.calendarFor(policy).workingDaysBetweenDays(clock.localDay(row.stageEnteredAt.getTime()), clock.localDay(ctx.now.getTime()));
    return Math.max(0, days);
  } catch (error) {
    if (error instanceof RangeError) return null; // outside the years the calendar has holidays for
    throw error;
  }
}

function owner(id: string | null, name: string | null, open: boolean): string {
  if (id === null) return open ? "Awaiting an owner" : "None";
  return name ?? UNKNOWN_USER;
}

/** For an open dispute its next deadline's date ("(overdue)" once passed); for a closed one how it ended. */
export function nextDeadlineOrOutcome(row: Pick<ExportRow, "status" | "nextDueAt">, ctx: Pick<ExportContext, "now" | "timeZone">): string {
  if (row.status !== "open") return STATUS_LABELS[row.status];
  if (row.nextDueAt === null) return "No due date at this stage";
  const day = formatDateLong(row.nextDueAt, ctx.timeZone);
  return row.nextDueAt.getTime() < ctx.now.getTime() ? `${day} (overdue)` : day;
}

/** One dispute's cells, in EXPORT_HEADER's order (unquoted: csvLine quotes them and makes them formula-safe). */
export function exportCells(row: ExportRow, ctx: ExportContext): string[] {
  const open = row.status === "open";
  const date = (at: Date | null) => (at ? formatDateLong(at, ctx.timeZone) : "");
  const days = workingDaysAtStage(row, ctx);
  return [
    row.reference,
    row.raisingAgency ?? "(unknown agency)",
    row.respondingAgency ?? "(unknown agency)",
    row.areas.map((a) => ctx.areaLabels.get(a) ?? a).join("; "),
    STATUS_LABELS[row.status],
    exportStage(row, ctx),
    date(row.stageEnteredAt),
    days === null ? "" : String(days),
    owner(row.raisingOwnerId, row.raisingOwner, open),
    owner(row.respondingOwnerId, row.respondingOwner, open),
    nextDeadlineOrOutcome(row, ctx),
    YES_NO(open && row.formOutstanding),
    YES_NO(row.urgent),
    date(row.raisedAt),
    open ? "" : date(row.closedAt),
  ];
}

/** One dispute's line of the file. */
export const exportLine = (row: ExportRow, ctx: ExportContext): string => csvLine(exportCells(row, ctx));

/** "torbay-register-2026-03-02.csv": the partnership and the day it was exported, in its time zone. */
export function exportFilename(partnershipId: string, now: Date, timeZone: string): string {
  const day = isoFromDay(ZoneClock.for(timeZone).localDay(now.getTime()));
  const name =
    partnershipId
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, "-")
      .replace(/^-+|-+$/g, "") || "partnership";
  return `${name}-register-${day}.csv`;
}
