/**
 * How a deadline reads to a person right now: "Due in 2 working days (Wednesday
 * 7 January, 5pm)", "Due today (5pm)", "Overdue by 3 working days". Text always
 * carries the meaning; the tone is only for colour, never used alone.
 */
import { formatDayLong, isoFromDay } from "../calendar/days";
import { ZoneClock } from "../calendar/time-zone";
import type { WorkingCalendar } from "../calendar/working-calendar";
import type { DeadlineStatus } from "../policy/deadlines";
import { formatTimeOfDay, plural } from "../policy/format";

export type DueTone = "overdue" | "today" | "soon" | "later" | "open";

export type DueStatus = { tone: DueTone; text: string; workingDays?: number };

/** Working days from now within which a deadline counts as "soon" (this working week or so). */
export const SOON_WORKING_DAYS = 5;

export function describeDue(input: {
  dueAt: Date | null;
  status: DeadlineStatus;
  now: Date;
  calendar: WorkingCalendar;
  timeZone: string;
  /** Who sets a "set by a role" timescale, e.g. "the Chair of the TSCP Executive Group". */
  setBy?: string;
}): DueStatus {
  const { dueAt, status, now, calendar, timeZone } = input;
  switch (status) {
    case "asap":
      return { tone: "open", text: "As soon as possible (the policy sets no date)" };
    case "awaiting-set":
      return { tone: "open", text: input.setBy ? `Timescale to be set by ${input.setBy}` : "Timescale to be set" };
    case "awaiting-event":
      return { tone: "open", text: "Starts when the event it counts from is recorded" };
    case "not-stated":
      return { tone: "open", text: "The policy does not say (no due date)" };
    case "met":
      // Met before the stage was left: it no longer counts, late or not (the explanation says when).
      return { tone: "open", text: "Met" };
    case "immediate":
    case "due":
      break;
    default: {
      const unknown: never = status;
      throw new Error(`Unknown deadline status ${String(unknown)}`);
    }
  }
  if (!dueAt) return { tone: "open", text: "No due date" };

  const clock = ZoneClock.for(timeZone);
  const today = clock.localDay(now.getTime());
  const dueDay = clock.localDay(dueAt.getTime());
  const time = formatTimeOfDay(clock.localMinuteOfDay(dueAt.getTime()));
  const sameYear = isoFromDay(dueDay).slice(0, 4) === isoFromDay(today).slice(0, 4);
  const when = `${formatDayLong(dueDay, !sameYear)}, ${time}`;

  if (dueAt.getTime() <= now.getTime()) {
    const late = calendar.workingDaysBetween(isoFromDay(dueDay), isoFromDay(today));
    if (late <= 0) {
      // No working day has passed since: due earlier today, or on a day just before a weekend or holiday.
      const text = dueDay === today ? `Overdue since ${time} today` : `Overdue since ${when}`;
      return { tone: "overdue", text, workingDays: 0 };
    }
    return { tone: "overdue", text: `Overdue by ${plural(late, "working day")} (was due ${when})`, workingDays: -late };
  }
  if (dueDay === today) return { tone: "today", text: `Due today (${time})`, workingDays: 0 };
  const ahead = calendar.workingDaysBetween(isoFromDay(today), isoFromDay(dueDay));
  const tone: DueTone = ahead <= SOON_WORKING_DAYS ? "soon" : "later";
  if (ahead <= 0) return { tone: "soon", text: `Due on ${when}`, workingDays: 0 };
  return { tone, text: `Due in ${plural(ahead, "working day")} (${when})`, workingDays: ahead };
}
