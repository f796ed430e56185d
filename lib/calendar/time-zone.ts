/**
 * Local time in a partnership's IANA time zone, fast enough for the hot path.
 *
 * Offsets come from @date-fns/tz's tzOffset (which uses the runtime's Intl
 * time-zone data). Each UTC year's transitions are found once, then looked up
 * by binary search, so converting an instant costs no Intl call.
 */
import { tzOffset } from "@date-fns/tz";
import { MS_PER_DAY, MS_PER_MINUTE, civilFromDays, daysFromCivil, isoFromDay } from "./days";

export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === "" || /^[+-]\d/.test(timeZone)) return false;
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone });
    return true;
  } catch {
    return false;
  }
}

type YearOffsets = {
  /** Offset in minutes at the start of the UTC year. */
  initial: number;
  /** Instants (ms) at which the offset changes, ascending, and the offset from then on. */
  at: number[];
  offsets: number[];
};

const clocks = new Map<string, ZoneClock>();

/** Days 1970-01-01 … 2199-12-31 get a dense per-day offset table; others use the year tables. */
const DENSE_DAYS = daysFromCivil(2200, 1, 1);
const NOT_FILLED = -32768;

export class ZoneClock {
  readonly timeZone: string;
  private readonly years = new Map<number, YearOffsets>();
  private lastYear = Number.NaN;
  private lastOffsets: YearOffsets | undefined;
  /** Offset at 00:00 UTC of each day (NOT_FILLED until its year is scanned). */
  private readonly dayStart = new Int16Array(DENSE_DAYS).fill(NOT_FILLED);
  /** 1 where the offset changes during that UTC day. */
  private readonly changesOn = new Uint8Array(DENSE_DAYS);

  private constructor(timeZone: string) {
    this.timeZone = timeZone;
  }

  /** One shared clock per zone: the transition cache is worth keeping. */
  static for(timeZone: string): ZoneClock {
    let clock = clocks.get(timeZone);
    if (!clock) {
      if (!isValidTimeZone(timeZone)) throw new RangeError(`"${timeZone}" is not a known IANA time zone`);
      clock = new ZoneClock(timeZone);
      clocks.set(timeZone, clock);
    }
    return clock;
  }

  /** UTC offset in minutes at an instant (e.g. 60 during British Summer Time). */
  offsetMinutes(ms: number): number {
    const day = Math.floor(ms / MS_PER_DAY);
    if (day >= 0 && day < DENSE_DAYS) {
      let start = this.dayStart[day] as number;
      if (start === NOT_FILLED) {
        this.fillDense(civilFromDays(day).year);
        start = this.dayStart[day] as number;
      }
      if (this.changesOn[day] === 0) return start;
    }
    return this.offsetFromYearTable(ms, day);
  }

  private fillDense(year: number): void {
    const table = this.years.get(year) ?? this.scanYear(year);
    const first = Math.max(0, daysFromCivil(year, 1, 1));
    const last = Math.min(DENSE_DAYS, daysFromCivil(year + 1, 1, 1));
    let k = 0;
    let offset = table.initial;
    for (let day = first; day < last; day++) {
      const startMs = day * MS_PER_DAY;
      while (k < table.at.length && (table.at[k] as number) <= startMs) offset = table.offsets[k++] as number;
      this.dayStart[day] = offset;
      const next = table.at[k];
      this.changesOn[day] = next !== undefined && next < startMs + MS_PER_DAY ? 1 : 0;
    }
  }

  private offsetFromYearTable(ms: number, day: number): number {
    const year = civilFromDays(day).year;
    let table: YearOffsets;
    if (year === this.lastYear && this.lastOffsets) table = this.lastOffsets;
    else {
      table = this.years.get(year) ?? this.scanYear(year);
      this.lastYear = year;
      this.lastOffsets = table;
    }
    let offset = table.initial;
    for (let k = 0; k < table.at.length && (table.at[k] as number) <= ms; k++) offset = table.offsets[k] as number;
    return offset;
  }

  /** The local calendar day (day number) of an instant. */
  localDay(ms: number): number {
    return Math.floor((ms + this.offsetMinutes(ms) * MS_PER_MINUTE) / MS_PER_DAY);
  }

  /** Minutes after local midnight of an instant. */
  localMinuteOfDay(ms: number): number {
    const local = ms + this.offsetMinutes(ms) * MS_PER_MINUTE;
    return Math.floor((local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY) / MS_PER_MINUTE);
  }

  /**
   * The instant a local wall-clock time happens. In the autumn overlap the
   * earlier of the two instants; in the spring gap the wall time is read with
   * the offset before the change (01:30 on the March change day in London is 02:30 BST).
   */
  instantAt(day: number, minuteOfDay: number): number {
    const wall = day * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE;
    const before = this.offsetMinutes(wall - MS_PER_DAY);
    const after = this.offsetMinutes(wall + MS_PER_DAY);
    const a = wall - before * MS_PER_MINUTE;
    if (before === after) return a;
    const b = wall - after * MS_PER_MINUTE;
    const aValid = this.offsetMinutes(a) === before;
    const bValid = this.offsetMinutes(b) === after;
    if (aValid && bValid) return Math.min(a, b);
    if (aValid) return a;
    if (bValid) return b;
    return a;
  }

  /** ISO 8601 with the local offset: 2026-06-05T17:00:00+01:00 */
  isoWithOffset(ms: number): string {
    const offset = this.offsetMinutes(ms);
    const local = ms + offset * MS_PER_MINUTE;
    const day = Math.floor(local / MS_PER_DAY);
    const msOfDay = local - day * MS_PER_DAY;
    const hh = Math.floor(msOfDay / 3_600_000);
    const mm = Math.floor((msOfDay % 3_600_000) / MS_PER_MINUTE);
    const ss = Math.floor((msOfDay % MS_PER_MINUTE) / 1000);
    const frac = msOfDay % 1000;
    const sign = offset < 0 ? "-" : "+";
    const abs = Math.abs(offset);
    const two = (n: number) => String(n).padStart(2, "0");
    const fraction = frac === 0 ? "" : `.${String(frac).padStart(3, "0")}`;
    return `${isoFromDay(day)}T${two(hh)}:${two(mm)}:${two(ss)}${fraction}${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
  }

  private scanYear(year: number): YearOffsets {
    const start = daysFromCivil(year, 1, 1) * MS_PER_DAY;
    const end = daysFromCivil(year + 1, 1, 1) * MS_PER_DAY;
    const offsetAt = (ms: number) => Math.round(tzOffset(this.timeZone, new Date(ms)));
    const table: YearOffsets = { initial: offsetAt(start), at: [], offsets: [] };
    // Sample every 6 hours, then narrow each change down to the minute.
    const step = 6 * 3_600_000;
    let prevMs = start;
    let prev = table.initial;
    for (let t = start + step; t <= end; t += step) {
      const current = offsetAt(t);
      if (current !== prev) {
        let lo = prevMs;
        let hi = t;
        while (hi - lo > MS_PER_MINUTE) {
          const mid = lo + Math.floor((hi - lo) / 2 / MS_PER_MINUTE) * MS_PER_MINUTE;
          if (offsetAt(mid) === prev) lo = mid;
          else hi = mid;
        }
        if (hi < end) {
          table.at.push(hi);
          table.offsets.push(current);
        }
        prev = current;
      }
      prevMs = t;
    }
    this.years.set(year, table);
    return table;
  }
}
