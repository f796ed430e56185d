/**
 * The working-day calendar of one partnership: weekdays, minus its jurisdiction's
 * public holidays, minus its own closure days.
 *
 * Counting is done on a precomputed index, so adding N working days costs two
 * array reads whatever N is:
 *   cumulative[i]  = number of working days in [first, first + i]
 *   workingDays[k] = offset from `first` of the (k + 1)th working day
 * The Nth working day strictly after day d is workingDays[cumulative[d] + n - 1].
 */
import { dayFromIso, isoFromDay, isWeekend, weekdayOf, yearOfDay, daysFromCivil } from "./days";
import type { Closure, HolidayData } from "./holiday-data";

export type SkippedDay = { date: string; reason: string };
export type AddResult = { date: string; skipped: SkippedDay[]; warnings: string[] };

/** The calendar counts days in at least these years (widened to cover the data). */
const MIN_FIRST_YEAR = 2000;
const MIN_LAST_YEAR = 2100;

export const WEEKEND_REASON = "weekend";

export class WorkingCalendar {
  readonly jurisdiction: string;
  readonly name: string;
  readonly years: { from: number; to: number };
  /** The years the index can count in (outside them the calendar throws a RangeError). */
  readonly range: { from: number; to: number };

  private readonly first: number;
  private readonly last: number;
  private readonly cumulative: Int32Array;
  private readonly workingDays: Int32Array;
  /** Named non-working days (holidays and closures), by day number. */
  private readonly reasons = new Map<number, string>();
  /** The same days, sorted, for range queries. */
  private readonly namedDays: Int32Array;

  constructor(data: HolidayData, closures: readonly Closure[] = []) {
    this.jurisdiction = data.jurisdiction;
    this.name = data.name;
    this.years = { from: data.years.from, to: data.years.to };

    for (const h of data.holidays) this.reasons.set(dayFromIso(h.date), h.name);
    for (const c of closures) {
      const day = dayFromIso(c.date);
      // A holiday keeps its own name; a closure on the same day adds nothing.
      if (!this.reasons.has(day)) this.reasons.set(day, c.reason);
    }

    let fromYear = Math.min(MIN_FIRST_YEAR, data.years.from);
    let toYear = Math.max(MIN_LAST_YEAR, data.years.to);
    for (const day of this.reasons.keys()) {
      const y = yearOfDay(day);
      fromYear = Math.min(fromYear, y);
      toYear = Math.max(toYear, y);
    }
    this.range = { from: fromYear, to: toYear };
    this.first = daysFromCivil(fromYear, 1, 1);
    this.last = daysFromCivil(toYear, 12, 31);

    const size = this.last - this.first + 1;
    this.cumulative = new Int32Array(size);
    const working: number[] = [];
    let count = 0;
    for (let i = 0; i < size; i++) {
      const day = this.first + i;
      if (!isWeekend(day) && !this.reasons.has(day)) {
        working.push(i);
        count++;
      }
      this.cumulative[i] = count;
    }
    this.workingDays = Int32Array.from(working);
    this.namedDays = Int32Array.from([...this.reasons.keys()].sort((a, b) => a - b));
  }

  covers(year: number): boolean {
    return year >= this.years.from && year <= this.years.to;
  }

  isWorkingDay(date: string): boolean {
    return this.isWorkingDayNumber(dayFromIso(date));
  }

  nonWorkingReason(date: string): string | null {
    return this.reasonFor(dayFromIso(date));
  }

  /**
   * The Nth working day strictly after `date` (n > 0), or strictly before it
   * (n < 0); `date` itself for n = 0. `date`'s own day never counts.
   */
  addWorkingDays(date: string, n: number): AddResult {
    const from = dayFromIso(date);
    const to = this.addWorkingDaysToDay(from, n);
    const [lo, hi] = from <= to ? [from, to] : [to, from];
    return { date: isoFromDay(to), skipped: this.skippedBetween(lo, hi), warnings: this.coverageWarnings(lo, hi) };
  }

  /** Signed: working days in (from, to] when to is later, minus those in (to, from] when earlier. */
  workingDaysBetween(from: string, to: string): number {
    return this.workingDaysBetweenDays(dayFromIso(from), dayFromIso(to));
  }

  // ---- day-number API: the hot path (no strings, no allocation) ----

  isWorkingDayNumber(day: number): boolean {
    this.assertInRange(day);
    const i = day - this.first;
    return this.cumulative[i] !== (i === 0 ? 0 : this.cumulative[i - 1]);
  }

  addWorkingDaysToDay(day: number, n: number): number {
    if (!Number.isInteger(n)) throw new RangeError(`expected a whole number of working days, got ${n}`);
    this.assertInRange(day);
    const i = day - this.first;
    const through = this.cumulative[i] as number; // working days up to and including `day`
    let rank: number;
    if (n > 0) rank = through + n - 1;
    else if (n < 0) rank = through - (this.isWorkingDayNumber(day) ? 1 : 0) + n;
    else return day;
    const offset = this.workingDays[rank];
    if (offset === undefined) {
      throw new RangeError(`${n} working days from ${isoFromDay(day)} falls outside the years this calendar can count (${this.range.from}–${this.range.to})`);
    }
    return this.first + offset;
  }

  /** `day` if it is a working day, otherwise the next working day. */
  sameOrNextWorkingDay(day: number): number {
    return this.isWorkingDayNumber(day) ? day : this.addWorkingDaysToDay(day, 1);
  }

  workingDaysBetweenDays(from: number, to: number): number {
    this.assertInRange(from);
    this.assertInRange(to);
    return (this.cumulative[to - this.first] as number) - (this.cumulative[from - this.first] as number);
  }

  reasonFor(day: number): string | null {
    const named = this.reasons.get(day);
    if (named !== undefined) return named;
    return isWeekend(day) ? WEEKEND_REASON : null;
  }

  /** Non-working days strictly between two days (both excluded), in date order. */
  skippedBetween(from: number, to: number): SkippedDay[] {
    const out: { day: number; reason: string }[] = [];
    // Named days by binary search over the sorted list.
    let lo = 0;
    let hi = this.namedDays.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.namedDays[mid] as number) <= from) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < this.namedDays.length && (this.namedDays[k] as number) < to; k++) {
      const day = this.namedDays[k] as number;
      out.push({ day, reason: this.reasons.get(day) as string });
    }
    // Weekend days not already named, stepping a week at a time.
    const firstSaturday = from + 1 + ((5 - weekdayOf(from + 1) + 7) % 7);
    for (let sat = firstSaturday - 7; sat < to; sat += 7) {
      for (const day of [sat, sat + 1]) {
        if (day > from && day < to && !this.reasons.has(day)) out.push({ day, reason: WEEKEND_REASON });
      }
    }
    out.sort((a, b) => a.day - b.day);
    return out.map(({ day, reason }) => ({ date: isoFromDay(day), reason }));
  }

  /** One warning for each year touched by [from, to] that has no holiday data. */
  coverageWarnings(from: number, to: number): string[] {
    const warnings: string[] = [];
    for (let y = yearOfDay(from), last = yearOfDay(to); y <= last; y++) {
      if (!this.covers(y)) {
        warnings.push(`No holiday data for ${this.name} in ${y}: the due date assumes no public holidays that year; check it.`);
      }
    }
    return warnings;
  }

  private assertInRange(day: number): void {
    if (!(day >= this.first && day <= this.last)) {
      throw new RangeError(`${isoFromDay(day)} is outside the years this calendar can count (${this.range.from}–${this.range.to})`);
    }
  }
}
