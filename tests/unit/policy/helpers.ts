import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { WorkingCalendar } from "@/lib/calendar/working-calendar";
import { loadJurisdictionCalendars } from "@/lib/calendar/holiday-data";
import { PolicyRegistry, parsePolicyData, type Policy } from "@/lib/policy";

export const ROOT = path.resolve(import.meta.dirname, "../../..");
export const FIXTURES = path.join(ROOT, "tests/fixtures/policies");
export const POLICIES = path.join(ROOT, "policies");

let loaded: PolicyRegistry | undefined;
export function registry(): PolicyRegistry {
  if (!loaded) {
    const { registry: r, errors } = PolicyRegistry.load(POLICIES);
    if (errors.length > 0) throw new Error(JSON.stringify(errors));
    loaded = r;
  }
  return loaded;
}

export function seed(id: string): { policy: Policy; calendar: WorkingCalendar } {
  const policy = registry().get(id);
  if (!policy) throw new Error(`no policy ${id}`);
  return { policy, calendar: registry().calendarFor(policy) };
}

/** The worked-example policy as plain data, to mutate. */
export function minimalData(): Record<string, unknown> {
  return parse(fs.readFileSync(path.join(FIXTURES, "minimal.yaml"), "utf8")) as Record<string, unknown>;
}

export function minimal(): { policy: Policy; calendar: WorkingCalendar } {
  const result = parsePolicyData(minimalData(), "minimal.yaml");
  if (!result.ok) throw new Error(result.messages.join("\n"));
  const data = loadJurisdictionCalendars(path.join(POLICIES, "calendars")).get("england-and-wales");
  if (!data) throw new Error("no calendar");
  return { policy: result.policy, calendar: new WorkingCalendar(data) };
}

/** A local London time without offset → Date. */
export function at(iso: string): Date {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`bad date ${iso}`);
  return d;
}
