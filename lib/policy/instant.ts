/**
 * Reading an instant typed by a person or passed to the API. An ISO 8601 text
 * with an offset ("Z", "+01:00") is exact; without one it is read as local time
 * in the partnership's time zone; a date alone means local midnight at its start.
 */
import { daysFromCivil, isIsoDate } from "@/lib/calendar/days";
import { ZoneClock } from "@/lib/calendar/time-zone";

const INSTANT = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function parseInstant(text: string, timeZone: string): Date | null {
  const m = INSTANT.exec(text.trim());
  if (!m) return null;
  const [, date, hh = "00", mm = "00", ss = "00", frac = "0", offset] = m;
  if (!date || !isIsoDate(date)) return null;
  const hours = Number(hh);
  const minutes = Number(mm);
  const seconds = Number(ss);
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const day = daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
  const extraMs = seconds * 1000 + Number(frac.padEnd(3, "0"));
  if (offset === undefined) {
    return new Date(ZoneClock.for(timeZone).instantAt(day, hours * 60 + minutes) + extraMs);
  }
  let offsetMinutes = 0;
  if (offset !== "Z") {
    const sign = offset.startsWith("-") ? -1 : 1;
    const digits = offset.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4));
    if (oh > 23 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  return new Date(day * 86_400_000 + (hours * 60 + minutes - offsetMinutes) * 60_000 + extraMs);
}
