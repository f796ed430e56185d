import path from "node:path";
import { loadJurisdictionCalendars, type HolidayData } from "@/lib/calendar/holiday-data";

export const ROOT = path.resolve(import.meta.dirname, "../../..");
export const FIXTURES = path.join(ROOT, "tests/fixtures/policies");

let real: Map<string, HolidayData> | undefined;
export function realCalendars(): Map<string, HolidayData> {
  real ??= loadJurisdictionCalendars(path.join(ROOT, "policies/calendars"));
  return real;
}
export function realCalendar(id: string): HolidayData {
  const data = realCalendars().get(id);
  if (!data) throw new Error(`no calendar ${id}`);
  return data;
}
