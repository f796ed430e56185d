/**
 * The period a board report covers, read from the report page's query string
 * and turned into instants in the partnership's time zone. Pure: no database,
 * no Next.js. A period runs from the start of its first day to the end of its
 * last day, local time, so a dispute raised at 11pm on 31 March in British
 * Summer Time belongs to March.
 */
import { civilFromDays, daysFromCivil, formatDayLong, isIsoDate, dayFromIso, isoFromDay } from "../calendar/days";
import { ZoneClock } from "../calendar/time-zone";
import { readDateParts } from "../views/date-input";
import type { FormValues } from "../views/form-spec";

export const PERIOD_KINDS = ["this-quarter", "last-quarter", "this-year", "reporting-year", "last-reporting-year", "dates"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const PERIOD_LABELS: Record<PeriodKind, string> = {
  "this-quarter": "This quarter",
  "last-quarter": "Last quarter",
  "this-year": "This calendar year",
  "reporting-year": "This reporting year (April to March)",
  "last-reporting-year": "Last reporting year",
  dates: "Between two dates",
};

/**
 * Safeguarding partnerships publish their yearly report for the financial year,
 * 1 April to 31 March. (A partnership whose year differs is for the policy
 * format to say; until then this is the one place to change.)
 */
export const REPORTING_YEAR_STARTS_IN_MONTH = 4;

/** The longest period a report may cover: enough for a five-year review. */
export const MAX_PERIOD_DAYS = 5 * 366;

export type ReportPeriod = {
  kind: PeriodKind;
  /** First and last local days, inclusive (ISO dates). */
  firstDay: string;
  lastDay: string;
  /** [from, to): the start of the first day and the start of the day after the last, as instants. */
  from: Date;
  to: Date;
  /** "1 April 2026 to 31 March 2027". */
  label: string;
};

export type PeriodReading = { ok: true; period: ReportPeriod } | { ok: false; kind: "dates"; errors: { field: "from" | "to"; message: string }[] };

type Query = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => ((Array.isArray(v) ? v[0] : v) ?? "").trim();

/** The first and last day of the quarter containing `day`, `back` quarters earlier. */
function quarter(day: number, back: number): [number, number] {
  const c = civilFromDays(day);
  const index = c.year * 4 + Math.floor((c.month - 1) / 3) - back;
  const year = Math.floor(index / 4);
  const month = (index % 4) * 3 + 1;
  const start = daysFromCivil(year, month, 1);
  const next = month === 10 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 3, 1);
  return [start, next - 1];
}

function reportingYear(day: number, back: number): [number, number] {
  const c = civilFromDays(day);
  const startYear = (c.month >= REPORTING_YEAR_STARTS_IN_MONTH ? c.year : c.year - 1) - back;
  return [daysFromCivil(startYear, REPORTING_YEAR_STARTS_IN_MONTH, 1), daysFromCivil(startYear + 1, REPORTING_YEAR_STARTS_IN_MONTH, 1) - 1];
}

export function periodOf(kind: PeriodKind, firstDay: number, lastDay: number, timeZone: string): ReportPeriod {
  const clock = ZoneClock.for(timeZone);
  return {
    kind,
    firstDay: isoFromDay(firstDay),
    lastDay: isoFromDay(lastDay),
    from: new Date(clock.instantAt(firstDay, 0)),
    to: new Date(clock.instantAt(lastDay + 1, 0)),
    label: `${formatDayLong(firstDay).replace(/^\w+ /, "")} to ${formatDayLong(lastDay).replace(/^\w+ /, "")}`,
  };
}

/**
 * The period a query string names (`period=` one of PERIOD_KINDS; for `dates`,
 * the boxes `from.day`, `from.month`, `from.year` and the same for `to`). No
 * period, or one it does not know, is this reporting year. Bad dates come back
 * as errors worded for the page's error summary.
 */
export function readPeriod(query: Query, now: Date, timeZone: string): PeriodReading {
  const today = ZoneClock.for(timeZone).localDay(now.getTime());
  const kind = (PERIOD_KINDS as readonly string[]).includes(first(query.period)) ? (first(query.period) as PeriodKind) : "reporting-year";
  switch (kind) {
    case "this-quarter":
      return { ok: true, period: periodOf(kind, ...quarter(today, 0), timeZone) };
    case "last-quarter":
      return { ok: true, period: periodOf(kind, ...quarter(today, 1), timeZone) };
    case "this-year": {
      const year = civilFromDays(today).year;
      return { ok: true, period: periodOf(kind, daysFromCivil(year, 1, 1), daysFromCivil(year, 12, 31), timeZone) };
    }
    case "reporting-year":
      return { ok: true, period: periodOf(kind, ...reportingYear(today, 0), timeZone) };
    case "last-reporting-year":
      return { ok: true, period: periodOf(kind, ...reportingYear(today, 1), timeZone) };
    case "dates":
      return readDates(query, timeZone);
  }
}

function readDates(query: Query, timeZone: string): PeriodReading {
  const values = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, first(v)])) as FormValues;
  const from = readDateParts(values, "from", false, "Start date");
  const to = readDateParts(values, "to", false, "End date");
  const errors: { field: "from" | "to"; message: string }[] = [];
  if (from.kind === "problem") errors.push({ field: "from", message: from.message });
  if (to.kind === "problem") errors.push({ field: "to", message: to.message });
  if (from.kind !== "ok" || to.kind !== "ok") return { ok: false, kind: "dates", errors };
  const a = dayFromIso(from.value);
  const b = dayFromIso(to.value);
  if (b < a) return { ok: false, kind: "dates", errors: [{ field: "to", message: "End date must be the same as or after the start date" }] };
  if (b - a + 1 > MAX_PERIOD_DAYS) return { ok: false, kind: "dates", errors: [{ field: "to", message: "End date must be within 5 years of the start date" }] };
  return { ok: true, period: periodOf("dates", a, b, timeZone) };
}

/** The query string that names a period, for links and the CSV downloads. */
export function periodQuery(period: Pick<ReportPeriod, "kind" | "firstDay" | "lastDay">): URLSearchParams {
  const params = new URLSearchParams({ period: period.kind });
  if (period.kind === "dates") {
    for (const [name, iso] of [
      ["from", period.firstDay],
      ["to", period.lastDay],
    ] as const) {
      if (!isIsoDate(iso)) continue;
      const [y, m, d] = iso.split("-");
      params.set(`${name}.day`, String(Number(d)));
      params.set(`${name}.month`, String(Number(m)));
      params.set(`${name}.year`, y!);
    }
  }
  return params;
}

/** The months a period touches, as [first day, last day] local days with a label ("April 2026"). */
export function monthsOf(period: Pick<ReportPeriod, "firstDay" | "lastDay">): { key: string; label: string }[] {
  const a = civilFromDays(dayFromIso(period.firstDay));
  const b = civilFromDays(dayFromIso(period.lastDay));
  const months: { key: string; label: string }[] = [];
  for (let y = a.year, m = a.month; y < b.year || (y === b.year && m <= b.month); m === 12 ? ((m = 1), y++) : m++) {
    const label = formatDayLong(daysFromCivil(y, m, 1)).replace(/^\w+ 1 /, "");
    months.push({ key: `${y}-${String(m).padStart(2, "0")}`, label });
  }
  return months;
}
