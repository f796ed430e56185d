/**
 * A report as tables: what the page shows and what each "Download as CSV"
 * gives, from one definition, so the two cannot say different things.
 */
import { dayFromIso, formatDayLong } from "../calendar/days";
import { BOM, csvCell } from "../text/csv";
import type { Count, Matrix, Report } from "./report";

export const TABLE_KEYS = [
  "summary",
  "months",
  "agencies",
  "agency-types",
  "areas",
  "highest-stage",
  "resolved-stage",
  "time-to-resolve",
  "missed-stage",
  "missed-agency",
  "learning",
] as const;
export type TableKey = (typeof TABLE_KEYS)[number];

export type ReportTable = {
  key: TableKey;
  title: string;
  /** One sentence on what is counted, shown under the title and kept out of the CSV. */
  about: string;
  header: string[];
  rows: (string | number)[][];
  /** A last row of totals, set apart in the page. */
  totals?: (string | number)[];
  /** Column 0 holds row headings (th scope=row). */
  rowHeadings: boolean;
  /** Columns after the first are words, not figures (left-aligned). */
  words?: boolean;
};

const countTable = (key: TableKey, title: string, about: string, first: string, counts: Count[], what = "Disputes"): ReportTable => ({
  key,
  title,
  about,
  header: [first, what],
  rows: counts.map((c) => [c.label, c.count]),
  totals: undefined,
  rowHeadings: true,
});

function matrixTable(key: TableKey, title: string, about: string, m: Matrix): ReportTable {
  return {
    key,
    title,
    about,
    header: ["Raised by (rows), with (columns)", ...m.columns.map((c) => c.label), "Total"],
    rows: m.rows.map((r) => [r.label, ...m.columns.map((c) => m.counts[r.key]?.[c.key] ?? 0), m.rowTotals[r.key] ?? 0]),
    totals: ["Total", ...m.columns.map((c) => m.columnTotals[c.key] ?? 0), m.total],
    rowHeadings: true,
  };
}

const days = (n: number | null) => (n === null ? "None resolved" : n);

export function reportTables(report: Report): ReportTable[] {
  const s = report.summary;
  return [
    {
      key: "summary",
      title: "In this period",
      about: "Resolved and withdrawn count disputes closed in the period, whenever they were raised.",
      header: ["Measure", "Disputes"],
      rows: [
        ["Raised", s.raised],
        ["Raised as urgent", s.urgent],
        ["Resolved", s.resolved],
        ["Withdrawn", s.withdrawn],
        ["Still open at the end of the period", s.openAtEnd],
      ],
      rowHeadings: true,
    },
    {
      key: "months",
      title: "Month by month",
      about: "Disputes raised and resolved in each month of the period.",
      header: ["Month", "Raised", "Resolved"],
      rows: report.byMonth.map((m) => [m.label, m.raised, m.resolved]),
      totals: ["Total", report.byMonth.reduce((t, m) => t + m.raised, 0), report.byMonth.reduce((t, m) => t + m.resolved, 0)],
      rowHeadings: true,
    },
    matrixTable(
      "agencies",
      "Between agencies",
      "Disputes raised in the period: the agency that raised each (rows) and the agency it was raised with (columns).",
      report.agencyMatrix,
    ),
    matrixTable("agency-types", "Between types of agency", "The same disputes, by each agency's type.", report.agencyTypeMatrix),
    countTable(
      "areas",
      "Areas of disagreement",
      "Disputes raised in the period, by each area of disagreement they name (a dispute may name more than one).",
      "Area",
      report.byArea,
    ),
    countTable(
      "highest-stage",
      "Highest stage reached",
      "Disputes raised in the period, by the highest stage each has reached so far.",
      "Stage",
      report.byHighestStage,
    ),
    countTable(
      "resolved-stage",
      "Stage at which disputes were resolved",
      "Disputes resolved in the period, by the stage they were resolved at.",
      "Stage",
      report.byResolvedStage,
    ),
    {
      key: "time-to-resolve",
      title: "Time to resolve",
      about:
        "Working days from the day each dispute was raised to the day it was resolved, for disputes resolved in the period, on the partnership's calendar. 0 is the same day.",
      header: ["Disputes", "Number resolved", "Median (working days)", "90th percentile (working days)"],
      rows: report.timeToResolve.map((t) => [t.label, t.count, days(t.median), days(t.p90)]),
      rowHeadings: true,
    },
    countTable(
      "missed-stage",
      "Deadlines missed, by stage",
      "Deadlines that had passed when a dispute left the stage (escalated, resolved or withdrawn) in the period.",
      "Stage",
      report.missedByStage,
      "Deadlines missed",
    ),
    countTable(
      "missed-agency",
      "Deadlines missed, by the agency raised with",
      "The same deadlines, by the agency each dispute was raised with. Who was to act is not recorded against a deadline, so this is not a finding about that agency.",
      "Agency raised with",
      report.missedByRespondingAgency,
      "Deadlines missed",
    ),
    {
      key: "learning",
      title: "What the partnership could learn",
      about: "What those who resolved disputes in the period said the partnership could learn, in their words, with each dispute's reference.",
      header: ["Dispute", "Resolved", "Stage", "What could be learnt"],
      rows: report.learning.map((l) => [l.reference, formatDayLong(dayFromIso(l.resolvedOn)), l.stage, l.text]),
      rowHeadings: true,
      words: true,
    },
  ];
}

/** One table as a spreadsheet-safe CSV file: byte-order mark, CRLF, the period in the first line. */
export function tableCsv(table: ReportTable, periodLabel: string): string {
  const lines = [[`${table.title}, ${periodLabel}`], table.header, ...table.rows, ...(table.totals ? [table.totals] : [])];
  return `${BOM}${lines.map((line) => line.map((cell) => csvCell(String(cell))).join(",")).join("\r\n")}\r\n`;
}
