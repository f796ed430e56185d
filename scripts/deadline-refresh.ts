/** What a deadline refresh did, in lines for the start-up log and `npm run db:deadlines`. */
import type { DeadlineRefresh } from "../lib/escalations/refresh-deadlines";

export function describeRefresh(r: DeadlineRefresh): string[] {
  const iso = (d: Date | null) => (d ? d.toISOString() : "none");
  return [
    `checked the deadlines of ${r.checked} open dispute${r.checked === 1 ? "" : "s"}; ${r.changed.length} moved with a calendar change.`,
    ...r.changed.map((c) => `  ${c.reference}: next deadline ${iso(c.nextDueBefore)} -> ${iso(c.nextDueAfter)}`),
    ...r.failed.map((f) => `  could not recompute dispute ${f.id} (${f.partnershipId}): ${f.reason}`),
  ];
}
