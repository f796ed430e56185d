/** The policy page for partnership administrators: versions, which is in force, problems, calendar coverage. */
import type { FileErrors } from "../calendar/data-file";
import { ZoneClock } from "../calendar/time-zone";
import { isoFromDay } from "../calendar/days";
import type { PolicyRegistry } from "../policy/registry";

export type PolicyOverview = {
  versions: { ref: string; title: string; version: string; effectiveFrom: string; file: string; inForce: boolean; future: boolean }[];
  inForce: string | null;
  problems: string[];
  calendar: { name: string; from: number; to: number; missingSoon: boolean } | null;
};

export function policyOverview(loaded: { registry: PolicyRegistry; errors: FileErrors[] }, partnershipId: string, now: Date): PolicyOverview {
  const { registry, errors } = loaded;
  const current = registry.inForce(partnershipId, now);
  const versions = registry.versions(partnershipId);
  const today = current ? isoFromDay(ZoneClock.for(current.timeZone).localDay(now.getTime())) : now.toISOString().slice(0, 10);
  // A partnership's own files, and the shared calendars every policy counts on.
  const mine = (file: string) => file.includes(`/${partnershipId}/`) || file.includes("calendars");
  const problems = errors.filter((e) => mine(e.file)).flatMap((e) => e.messages.map((m) => `${e.file}: ${m}`));
  const calendarData = current ? registry.calendarData(current.jurisdiction) : undefined;
  const year = Number(today.slice(0, 4));
  return {
    versions: versions
      .map((p) => ({
        ref: p.ref,
        title: p.title,
        version: p.version,
        effectiveFrom: p.effectiveFrom,
        file: p.file ?? p.ref,
        inForce: p.ref === current?.ref,
        future: p.effectiveFrom > today,
      }))
      .reverse(),
    inForce: current?.ref ?? null,
    problems,
    calendar: calendarData
      ? { name: calendarData.name, from: calendarData.years.from, to: calendarData.years.to, missingSoon: calendarData.years.to <= year }
      : null,
  };
}
