/** Plain British English for dates, times and lists, shared by the engine, the CLI and the UI. */
import { dayFromIso, formatDayLong } from "@/lib/calendar/days";
import { ZoneClock } from "@/lib/calendar/time-zone";
import { ROLE_LEVEL_LABELS } from "./roles";
import { findContact, routeContactOfLevel } from "./populations";
import type { Party, PolicyData } from "./schema";

/** "5pm", "9:30am", "midday", "midnight". */
export function formatTimeOfDay(minuteOfDay: number): string {
  if (minuteOfDay === 0) return "midnight";
  if (minuteOfDay === 12 * 60) return "midday";
  const h24 = Math.floor(minuteOfDay / 60);
  const m = minuteOfDay % 60;
  const h12 = h24 % 12 === 0 ? 12 : h24 % 12;
  return `${h12}${m === 0 ? "" : `:${String(m).padStart(2, "0")}`}${h24 < 12 ? "am" : "pm"}`;
}

/** "Wednesday 7 January 2026" for an instant, in the given time zone. */
export function formatDateLong(at: Date, timeZone: string): string {
  return formatDayLong(ZoneClock.for(timeZone).localDay(at.getTime()));
}

/** "Thursday 25 December" (or with the year) for a local "YYYY-MM-DD" date. */
export function formatLocalDate(date: string, withYear = true): string {
  return formatDayLong(dayFromIso(date), withYear);
}

/** "5pm on Wednesday 7 January 2026"; midnight reads "midnight at the start of …". */
export function formatDateTime(at: Date, timeZone: string): string {
  const clock = ZoneClock.for(timeZone);
  const ms = at.getTime();
  const minute = clock.localMinuteOfDay(ms);
  const day = formatDayLong(clock.localDay(ms));
  return minute === 0 ? `midnight at the start of ${day}` : `${formatTimeOfDay(minute)} on ${day}`;
}

/** "by 5pm on Wednesday 7 January 2026". */
export function formatDue(dueAt: Date, timeZone: string): string {
  return `by ${formatDateTime(dueAt, timeZone)}`;
}

/** ISO 8601 with the local offset: "2026-06-05T17:00:00+01:00". */
export function formatIsoWithOffset(at: Date, timeZone: string): string {
  return ZoneClock.for(timeZone).isoWithOffset(at.getTime());
}

/** "a", "a and b", "a, b and c". */
export function joinWithAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const BOARD_LEVELS: ReadonlySet<string> = new Set(["board-business-manager", "board-chair", "partnership-admin"]);

/**
 * A person as the policy names them: its title, else the contact, else the role
 * level. With populations and a route, a board role named without a contact is
 * the route's population's contact of that level ("Adults Board Business Manager").
 */
export function describeParty(
  party: Party,
  policy: Pick<PolicyData, "contacts" | "populations"> & Partial<Pick<PolicyData, "routes">>,
  routeId?: string,
): string {
  if (party.title) return party.title;
  const contact =
    findContact(policy, party.contact) ??
    (policy.populations && policy.routes && routeId !== undefined && party.contact === undefined && party.level && BOARD_LEVELS.has(party.level)
      ? routeContactOfLevel({ ...policy, routes: policy.routes }, routeId, party.level)
      : undefined);
  if (contact) return contact.label;
  if (party.level) return `the ${ROLE_LEVEL_LABELS[party.level]}`;
  return "the person named in the policy";
}
