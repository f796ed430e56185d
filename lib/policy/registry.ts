/** All loaded policy versions, the version in force on a date, and each policy's working calendar. */
import { createHash } from "node:crypto";
import path from "node:path";
import type { FileErrors } from "@/lib/calendar/data-file";
import { loadJurisdictionCalendarsWithErrors, type Closure, type HolidayData } from "@/lib/calendar/holiday-data";
import { ZoneClock } from "@/lib/calendar/time-zone";
import { isoFromDay } from "@/lib/calendar/days";
import { WorkingCalendar } from "@/lib/calendar/working-calendar";
import { DEFAULT_POLICY_DIR, loadPolicies } from "./load";
import type { Policy } from "./parse";

export type RegistryInit = {
  policies: readonly Policy[];
  calendars: ReadonlyMap<string, HolidayData>;
  /** Closure days by partnership id (from closures.yaml); calendarFor can be given others. */
  closures?: ReadonlyMap<string, readonly Closure[]>;
};

export class PolicyRegistry {
  private readonly policies: Policy[];
  private readonly calendars: ReadonlyMap<string, HolidayData>;
  private readonly closures: ReadonlyMap<string, readonly Closure[]>;
  private readonly calendarCache = new Map<string, WorkingCalendar>();

  constructor(init: RegistryInit) {
    this.policies = [...init.policies].sort((a, b) => a.partnership.id.localeCompare(b.partnership.id) || a.effectiveFrom.localeCompare(b.effectiveFrom));
    this.calendars = init.calendars;
    this.closures = init.closures ?? new Map();
  }

  /** Loads policies/ and policies/calendars/, reporting every invalid file (and policies whose calendar is missing). */
  static load(
    dir: string = DEFAULT_POLICY_DIR,
    calendarDir: string = path.join(dir, "calendars"),
  ): {
    registry: PolicyRegistry;
    errors: FileErrors[];
  } {
    const cal = loadJurisdictionCalendarsWithErrors(calendarDir);
    const loaded = loadPolicies(dir);
    const errors = [...cal.errors, ...loaded.errors];
    const usable: Policy[] = [];
    for (const policy of loaded.policies) {
      if (!cal.calendars.has(policy.jurisdiction)) {
        errors.push({
          file: policy.file ?? policy.ref,
          messages: [`jurisdiction: no holiday calendar "${policy.jurisdiction}" (expected ${path.join(calendarDir, `${policy.jurisdiction}.yaml`)})`],
        });
      } else usable.push(policy);
    }
    return { registry: new PolicyRegistry({ policies: usable, calendars: cal.calendars, closures: loaded.closures }), errors };
  }

  all(): Policy[] {
    return [...this.policies];
  }

  partnershipIds(): string[] {
    return [...new Set(this.policies.map((p) => p.partnership.id))];
  }

  /** Every version of a partnership's policy, oldest first. */
  versions(partnershipId: string): Policy[] {
    return this.policies.filter((p) => p.partnership.id === partnershipId);
  }

  /**
   * get("torbay", "2024-1") or get("torbay@2024-1"): that version.
   * get("torbay"): the version with the latest effectiveFrom (use inForce for a date).
   */
  get(id: string, version?: string): Policy | undefined {
    const [partnershipId, v] = id.includes("@") ? (id.split("@", 2) as [string, string]) : [id, version];
    const versions = this.versions(partnershipId);
    return v === undefined ? versions[versions.length - 1] : versions.find((p) => p.version === v);
  }

  /** The version in force at an instant: the latest effectiveFrom on or before that local date. */
  inForce(partnershipId: string, at: Date): Policy | undefined {
    let found: Policy | undefined;
    for (const p of this.versions(partnershipId)) {
      const localDate = isoFromDay(ZoneClock.for(p.timeZone).localDay(at.getTime()));
      if (p.effectiveFrom <= localDate) found = p;
    }
    return found;
  }

  /** A jurisdiction's holiday data, for saying which years it covers. */
  calendarData(jurisdiction: string): HolidayData | undefined {
    return this.calendars.get(jurisdiction);
  }

  /**
   * A fingerprint of the holidays and closure days a partnership's deadlines are
   * counted on (every jurisdiction its policy versions use): when it changes,
   * stored deadlines may be out of date.
   */
  calendarFingerprint(partnershipId: string): string {
    const jurisdictions = [...new Set(this.versions(partnershipId).map((p) => p.jurisdiction))].sort();
    const data = {
      holidays: jurisdictions.map((j) => [j, this.calendars.get(j) ?? null]),
      closures: this.closures.get(partnershipId) ?? [],
    };
    return createHash("sha256").update(JSON.stringify(data)).digest("hex").slice(0, 32);
  }

  /**
   * The partnership's working calendar: its jurisdiction's holidays minus its closure days.
   * Pass `closures` to use others (e.g. those stored in the database) instead of closures.yaml.
   */
  calendarFor(policy: Policy, closures?: readonly Closure[]): WorkingCalendar {
    const data = this.calendars.get(policy.jurisdiction);
    if (!data) throw new Error(`No holiday calendar for jurisdiction "${policy.jurisdiction}" (${policy.ref})`);
    if (closures !== undefined) return new WorkingCalendar(data, closures);
    const key = `${policy.jurisdiction} ${policy.partnership.id}`;
    let calendar = this.calendarCache.get(key);
    if (!calendar) {
      calendar = new WorkingCalendar(data, this.closures.get(policy.partnership.id) ?? []);
      this.calendarCache.set(key, calendar);
    }
    return calendar;
  }
}
