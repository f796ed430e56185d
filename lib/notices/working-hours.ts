/**
 * When routine notices may go out: the partnership's working days (its
 * calendar: weekdays minus its jurisdiction's holidays and its own closures),
 * between the hours it sets, in its time zone. Pure: no I/O.
 */
import { isoFromDay } from "../calendar/days";
import { ZoneClock } from "../calendar/time-zone";
import type { WorkingCalendar } from "../calendar/working-calendar";
import { minuteOfDay } from "../policy";

export type NoticeHours = {
  /** "HH:MM", local time. */
  start: string;
  end: string;
  timeZone: string;
  /** Warn this many working days before a deadline falls due (0: on the morning it falls due). */
  warnWorkingDays: number;
};

export const DEFAULT_NOTICE_HOURS = { start: "08:00", end: "18:00", warnWorkingDays: 1 } as const;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
export const isTimeOfDay = (text: string): boolean => HHMM.test(text);

/**
 * The first moment at or after `at` inside working hours on a working day. A
 * day outside the years the calendar can count is taken as working (the
 * calendar says elsewhere that it has no holiday data then).
 */
export function nextWorkingMoment(at: Date, hours: NoticeHours, calendar: WorkingCalendar): Date {
  const clock = ZoneClock.for(hours.timeZone);
  const start = minuteOfDay(hours.start);
  const end = minuteOfDay(hours.end);
  const ms = at.getTime();
  const today = clock.localDay(ms);
  const minute = clock.localMinuteOfDay(ms);
  if (isWorking(calendar, today)) {
    if (minute < start) return new Date(clock.instantAt(today, start));
    if (minute < end) return at;
  }
  return new Date(clock.instantAt(nextWorkingDay(calendar, today), start));
}

/** The start of working hours on the next working morning from `at` (today's, if it has not begun or begins now). */
export function nextWorkingMorning(at: Date, hours: NoticeHours, calendar: WorkingCalendar): Date {
  const clock = ZoneClock.for(hours.timeZone);
  const start = minuteOfDay(hours.start);
  const today = clock.localDay(at.getTime());
  const todayStart = clock.instantAt(today, start);
  if (isWorking(calendar, today) && at.getTime() <= todayStart) return new Date(todayStart);
  return new Date(clock.instantAt(nextWorkingDay(calendar, today), start));
}

/** The partnership's local date of an instant, "YYYY-MM-DD". */
export function localDate(at: Date, timeZone: string): string {
  return isoFromDay(ZoneClock.for(timeZone).localDay(at.getTime()));
}

/**
 * When to warn about something due at `dueAt`: the start of working hours
 * `warnWorkingDays` working days before the working day it falls due on. Null
 * when that moment is not before the due instant (nothing to warn ahead of).
 */
export function warningMoment(dueAt: Date, hours: NoticeHours, calendar: WorkingCalendar): Date | null {
  const clock = ZoneClock.for(hours.timeZone);
  const dueDay = clock.localDay(dueAt.getTime());
  let day = isWorking(calendar, dueDay) ? dueDay : previousWorkingDay(calendar, dueDay);
  for (let i = 0; i < hours.warnWorkingDays; i++) day = previousWorkingDay(calendar, day);
  const warnAt = new Date(clock.instantAt(day, minuteOfDay(hours.start)));
  return warnAt.getTime() < dueAt.getTime() ? warnAt : null;
}

/** Close of business on a local date ("YYYY-MM-DD"): when an agreed action due that day becomes overdue. */
export function endOfWorkingDay(day: number, hours: NoticeHours): Date {
  return new Date(ZoneClock.for(hours.timeZone).instantAt(day, minuteOfDay(hours.end)));
}

function isWorking(calendar: WorkingCalendar, day: number): boolean {
  try {
    return calendar.isWorkingDayNumber(day);
  } catch {
    return weekday(day);
  }
}

// Day 0 is 1970-01-01, a Thursday.
const weekday = (day: number): boolean => (((day + 3) % 7) + 7) % 7 < 5;

function nextWorkingDay(calendar: WorkingCalendar, day: number): number {
  let d = day + 1;
  while (!isWorking(calendar, d)) d++;
  return d;
}

function previousWorkingDay(calendar: WorkingCalendar, day: number): number {
  let d = day - 1;
  while (!isWorking(calendar, d)) d--;
  return d;
}
