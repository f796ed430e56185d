/**
 * Stored deadlines are worked out when something happens to a dispute. When a
 * calendar changes under them (a proclaimed bank holiday, a corrected date, a
 * partnership's closure day), this recomputes every open dispute's deadlines
 * from its events on today's calendars and rewrites those that moved, each with
 * an audit event. `npm start` runs it; so does `npm run db:deadlines`.
 */
import { audit, NO_REQUEST } from "../auth/audit";
import type { Database } from "../db/connect";
import { asPartnershipSystem, asSystem } from "../db/scope";
import { pinnedPolicy, type EscalationDeps } from "./deps";
import { project } from "./projection";
import { canonical, loadStoredProjection } from "./records";
import { loadEvents, replaceDeadlines } from "./store";

export type DeadlineRefresh = {
  checked: number;
  changed: { partnershipId: string; reference: string; nextDueBefore: Date | null; nextDueAfter: Date | null }[];
  /** Disputes that could not be recomputed (their policy version is missing), with why. */
  failed: { partnershipId: string; id: string; reason: string }[];
};

export async function refreshOpenDeadlines(db: Database, deps: EscalationDeps): Promise<DeadlineRefresh> {
  const open = await asSystem(db, (tx) =>
    tx.escalation.findMany({ where: { status: "open" }, select: { id: true, partnershipId: true }, orderBy: [{ partnershipId: "asc" }, { id: "asc" }] }),
  );
  const result: DeadlineRefresh = { checked: 0, changed: [], failed: [] };
  for (const { id, partnershipId } of open) {
    try {
      const changed = await asPartnershipSystem(db, partnershipId, async (tx) => {
        const stored = await loadStoredProjection(tx, id);
        if (!stored || stored.row.status !== "open") return null;
        const { policy, calendar } = pinnedPolicy(deps, stored.row.policyId, stored.row.policyVersion);
        const fresh = canonical({ ...project(await loadEvents(tx, id), { policy, calendar }), participants: [], actions: [] });
        const same =
          JSON.stringify(fresh.deadlines) === JSON.stringify(stored.deadlines) && fresh.row.nextDueAt?.getTime() === stored.row.nextDueAt?.getTime();
        if (same) return null;
        // Only if no command got there first (it rewrites the deadlines itself).
        const updated = await tx.escalation.updateMany({ where: { id, version: stored.row.version }, data: { nextDueAt: fresh.row.nextDueAt } });
        if (updated.count !== 1) return null;
        await replaceDeadlines(tx, partnershipId, id, fresh.deadlines);
        const iso = (d: Date | null) => (d ? d.toISOString() : null);
        await audit(tx, NO_REQUEST, [
          {
            type: "deadlines_recomputed",
            partnershipId,
            subjectType: "escalation",
            subjectId: id,
            details: {
              reference: stored.row.reference,
              reason: "The calendar or closure days the deadlines were worked out on have changed.",
              nextDueBefore: iso(stored.row.nextDueAt),
              nextDueAfter: iso(fresh.row.nextDueAt),
              before: stored.deadlines.map((d) => ({ deadlineId: d.deadlineId, dueAt: iso(d.dueAt) })),
              after: fresh.deadlines.map((d) => ({ deadlineId: d.deadlineId, dueAt: iso(d.dueAt) })),
            },
          },
        ]);
        return { partnershipId, reference: stored.row.reference, nextDueBefore: stored.row.nextDueAt, nextDueAfter: fresh.row.nextDueAt };
      });
      result.checked++;
      if (changed) result.changed.push(changed);
    } catch (error) {
      result.failed.push({ partnershipId, id, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}
