/**
 * Calendar dates as day numbers: whole days since 1970-01-01 in the proleptic
 * Gregorian calendar, with no time zone attached. A day number is the cheap,
 * comparable form of a local "YYYY-MM-DD" date.
 */

export const MS_PER_DAY = 86_400_000;
export const MS_PER_MINUTE = 60_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;

// Howard Hinnant's days_from_civil: exact integer arithmetic, no Date objects.
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function civilFromDays(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const c = civilFromDays(daysFromCivil(year, month, day));
  return c.year === year && c.month === month && c.day === day;
}

/** "2026-01-07" → day number. Throws on anything that is not a real date. */
export function dayFromIso(text: string): number {
  if (!isIsoDate(text)) throw new RangeError(`"${text}" is not a date written YYYY-MM-DD`);
  return daysFromCivil(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)));
}

export function isoFromDay(dayNumber: number): string {
  const { year, month, day } = civilFromDays(dayNumber);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

export function isWeekend(dayNumber: number): boolean {
  return weekdayOf(dayNumber) >= 5;
}

export function yearOfDay(dayNumber: number): number {
  return civilFromDays(dayNumber).year;
}

/** "Wednesday 7 January 2026"; without the year when `withYear` is false. */
export function formatDayLong(dayNumber: number, withYear = true): string {
  const { year, month, day } = civilFromDays(dayNumber);
  const base = `${WEEKDAY_NAMES[weekdayOf(dayNumber)]} ${day} ${MONTH_NAMES[month - 1]}`;
  return withYear ? `${base} ${year}` : base;
}
