/**
 * Due-instant arithmetic: the hot path. No strings, no allocation, no loops over days.
 * Conventions (docs/policy-format.md, docs/decisions/0004-working-day-counting.md):
 *  - N working days from E: close of business on the Nth working day strictly after E's local date.
 *  - same working day: close of business on E's date if it is a working day, else on the next one.
 *  - N working weeks: N × 5 working days.
 *  - N calendar days: the end (11:59pm local) of the Nth calendar day after E's local date.
 *  - N hours: exactly N clock hours after E.
 *  - immediately: at E.
 */
import type { WorkingCalendar } from "@/lib/calendar/working-calendar";
import type { ZoneClock } from "@/lib/calendar/time-zone";

export type TimedRule =
  | { unit: "working-days"; amount: number }
  | { unit: "working-weeks"; amount: number }
  | { unit: "calendar-days"; amount: number }
  | { unit: "hours"; amount: number }
  | { unit: "same-working-day" }
  | { unit: "immediately" };

export type DueContext = { calendar: WorkingCalendar; clock: ZoneClock; closeMinute: number };

const MS_PER_HOUR = 3_600_000;
export const WORKING_DAYS_PER_WEEK = 5;
/** A calendar-day deadline falls due at the end of its last day: 11:59pm local. */
export const END_OF_DAY_MINUTE = 23 * 60 + 59;

/** "17:00" → 1020. */
export function minuteOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(":");
  return Number(h) * 60 + Number(m);
}

export function dueMs(rule: TimedRule, anchorMs: number, ctx: DueContext): number {
  switch (rule.unit) {
    case "working-days":
      return ctx.clock.instantAt(ctx.calendar.addWorkingDaysToDay(ctx.clock.localDay(anchorMs), rule.amount), ctx.closeMinute);
    case "working-weeks":
      return ctx.clock.instantAt(ctx.calendar.addWorkingDaysToDay(ctx.clock.localDay(anchorMs), rule.amount * WORKING_DAYS_PER_WEEK), ctx.closeMinute);
    case "calendar-days":
      return ctx.clock.instantAt(ctx.clock.localDay(anchorMs) + rule.amount, END_OF_DAY_MINUTE);
    case "same-working-day":
      return ctx.clock.instantAt(ctx.calendar.sameOrNextWorkingDay(ctx.clock.localDay(anchorMs)), ctx.closeMinute);
    case "hours":
      return anchorMs + rule.amount * MS_PER_HOUR;
    case "immediately":
      return anchorMs;
    default: {
      const never: never = rule;
      throw new Error(`unknown rule ${JSON.stringify(never)}`);
    }
  }
}
