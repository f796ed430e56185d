/**
 * Bounds on the dates and times people state on a dispute: when a discussion or
 * an event happened, when an agreed action or a timescale is due. The use cases
 * check them, so the forms and the API refuse alike (a ValidationError on the
 * field: 400). "Today" is the partnership's, in its policy's time zone; the
 * messages follow the GOV.UK date-input pattern and name the date to fix.
 *
 * - Something that happened: on or after the day the dispute was raised (a
 *   conversation earlier that day, the one that led to raising it, is fine), and
 *   not later than now.
 * - Something due: today or later (a timescale: later than now), and no more than
 *   FUTURE_LIMIT_YEARS ahead.
 */
import { civilFromDays, dayFromIso, daysFromCivil, formatDayLong, isIsoDate } from "../calendar/days";
import { ZoneClock } from "../calendar/time-zone";
import { formatTimeOfDay } from "../policy";
import { ValidationError } from "../errors";

/**
 * How far ahead a due date may be. Long enough for any follow-up a dispute
 * agrees (a child protection plan is reviewed within 6 months, care proceedings
 * aim to finish in 26 weeks, a placement may be reviewed after a year), short
 * enough to catch a slip of the year's digits (2062 or 2206 for 2026). Anything
 * further off belongs in the agencies' own plans, not a dispute's actions.
 */
export const FUTURE_LIMIT_YEARS = 2;

/** Where a refusal goes, and the words for the field: "the discussion" reads "Date of the discussion …". */
export type Stated = { path: string; of: string };

type Zone = { now: Date; timeZone: string };

/** The same month and day `years` later (29 February becomes 28 February). */
function yearsLater(day: number, years: number): number {
  const c = civilFromDays(day);
  const later = daysFromCivil(c.year + years, c.month, c.day);
  // 29 February in a year without one lands on 1 March: step back a day.
  return civilFromDays(later).month === c.month ? later : later - 1;
}

/** The last day something may be due: FUTURE_LIMIT_YEARS after today. */
export function latestDueDay(today: number): number {
  return yearsLater(today, FUTURE_LIMIT_YEARS);
}

/** When something happened on the dispute: not later than now, not before the day the dispute was raised. */
export function checkHappened(at: Date, field: Stated, bounds: Zone & { raisedAt: Date }): void {
  const clock = ZoneClock.for(bounds.timeZone);
  const day = clock.localDay(at.getTime());
  const today = clock.localDay(bounds.now.getTime());
  if (day > today) throw ValidationError.field(field.path, `Date of ${field.of} must be today or in the past.`);
  if (at.getTime() > bounds.now.getTime()) {
    throw ValidationError.field(
      field.path,
      `Time of ${field.of} must be now or earlier: it is ${formatTimeOfDay(clock.localMinuteOfDay(bounds.now.getTime()))} now.`,
    );
  }
  const raised = clock.localDay(bounds.raisedAt.getTime());
  if (day < raised)
    throw ValidationError.field(field.path, `Date of ${field.of} must be the same as or after ${formatDayLong(raised)}, when the dispute was raised.`);
}

/** A due date (a local "YYYY-MM-DD"): today at the earliest, FUTURE_LIMIT_YEARS ahead at the latest. `of` reads "Date the action is due …". */
export function checkDueDate(date: string, field: Stated, bounds: Zone): void {
  if (!isIsoDate(date)) throw ValidationError.field(field.path, "Enter a real date, for example 2026-06-04.");
  const day = dayFromIso(date);
  const today = ZoneClock.for(bounds.timeZone).localDay(bounds.now.getTime());
  if (day < today) throw ValidationError.field(field.path, `Date ${field.of} must be today or in the future.`);
  tooFar(day, today, field);
}

/** A due time: later than now, and not more than FUTURE_LIMIT_YEARS ahead. `of` reads "Date it is due …". */
export function checkDueAt(at: Date, field: Stated, bounds: Zone): void {
  const clock = ZoneClock.for(bounds.timeZone);
  const day = clock.localDay(at.getTime());
  const today = clock.localDay(bounds.now.getTime());
  if (day < today) throw ValidationError.field(field.path, `Date ${field.of} must be today or in the future.`);
  if (at.getTime() <= bounds.now.getTime()) {
    throw ValidationError.field(
      field.path,
      `Time ${field.of} must be later than now: it is ${formatTimeOfDay(clock.localMinuteOfDay(bounds.now.getTime()))} now.`,
    );
  }
  tooFar(day, today, field);
}

function tooFar(day: number, today: number, field: Stated): void {
  const latest = latestDueDay(today);
  if (day > latest) {
    throw ValidationError.field(field.path, `Date ${field.of} must be the same as or before ${formatDayLong(latest)}, ${FUTURE_LIMIT_YEARS} years from today.`);
  }
}
