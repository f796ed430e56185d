/**
 * Stored deadlines are worked out when something happens to a dispute. When a
 * calendar changes under them (a proclaimed bank holiday, a corrected date, a
 * partnership's closure day), this recomputes open disputes' deadlines from
 * their events on today's calendars and rewrites those that moved (and their
 * notice timers), each with an audit event. The background worker runs it in
 * batches when a partnership's calendar fingerprint changes
 * (lib/jobs/calendar-refresh.ts); `npm run db:deadlines` runs it at once.
 */
import { audit, NO_REQUEST } from "../auth/audit";
import type { Database } from "../db/connect";
import { asPartnershipSystem, asSystem } from "../db/scope";
import { noticeHoursFor } from "../notices/outbox";
import { timersFor, writeTimers } from "../notices/timers";
import { nowOf, pinnedPolicy, type EscalationDeps } from "./deps";
import { project } from "./projection";
import { canonical, loadStoredProjection } from "./records";
import { loadEvents, replaceDeadlines } from "./store";

export type DeadlineRefresh = {
  checked: number;
  changed: { partnershipId: string; reference: string; nextDueBefore: Date | null; nextDueAfter: Date | null }[];
  /** Disputes that could not be recomputed (their policy version is missing), with why. */
  failed: { partnershipId: string; id: string; reason: string }[];
};

export const emptyRefresh = (): DeadlineRefresh => ({ checked: 0, changed: [], failed: [] });

/** Every open dispute of every partnership (or of one), batch by batch. */
export async function refreshOpenDeadlines(db: Database, deps: EscalationDeps, partnershipIds?: readonly string[]): Promise<DeadlineRefresh> {
  const result = emptyRefresh();
  const ids = partnershipIds ?? (await allPartnerships(db));
  for (const partnershipId of ids) {
    let after: string | null = null;
    for (;;) {
      const batch = await refreshDeadlinesBatch(db, deps, partnershipId, after, 200, result);
      if (batch.lastId === null) break;
      after = batch.lastId;
    }
  }
  return result;
}

async function allPartnerships(db: Database): Promise<string[]> {
  // Installation-level: which partnerships there are.
  const rows = await asSystem(db, (tx) => tx.partnership.findMany({ select: { id: true }, orderBy: { id: "asc" } }));
  return rows.map((r) => r.id);
}

/**
 * The next `limit` open disputes of the partnership after `afterId` (by id),
 * each in its own transaction. `lastId` is null when there were none left.
 */
export async function refreshDeadlinesBatch(
  db: Database,
  deps: EscalationDeps,
  partnershipId: string,
  afterId: string | null,
  limit: number,
  into: DeadlineRefresh = emptyRefresh(),
): Promise<{ lastId: string | null; result: DeadlineRefresh }> {
  const open = await asPartnershipSystem(db, partnershipId, (tx) =>
    tx.escalation.findMany({
      where: { partnershipId, status: "open", ...(afterId ? { id: { gt: afterId } } : {}) },
      select: { id: true },
      orderBy: { id: "asc" },
      take: limit,
    }),
  );
  for (const { id } of open) {
    try {
      const changed = await refreshOne(db, deps, partnershipId, id);
      into.checked++;
      if (changed) into.changed.push(changed);
    } catch (error) {
      into.failed.push({ partnershipId, id, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { lastId: open.length > 0 ? (open[open.length - 1] as { id: string }).id : null, result: into };
}

function refreshOne(db: Database, deps: EscalationDeps, partnershipId: string, id: string): Promise<DeadlineRefresh["changed"][number] | null> {
  return asPartnershipSystem(db, partnershipId, async (tx) => {
    const stored = await loadStoredProjection(tx, id);
    if (!stored || stored.row.status !== "open") return null;
    const pinned = pinnedPolicy(deps, stored.row.policyId, stored.row.policyVersion);
    const { policy, calendar } = pinned;
    const fresh = canonical({ ...project(await loadEvents(tx, id), pinned), participants: [], actions: [] });
    const same = JSON.stringify(fresh.deadlines) === JSON.stringify(stored.deadlines) && fresh.row.nextDueAt?.getTime() === stored.row.nextDueAt?.getTime();
    // Only if no command got there first (it rewrites all of this itself): lock the row, then check.
    const [locked] = await tx.$queryRaw<{ version: number }[]>`SELECT version FROM "Escalation" WHERE id = ${id}::uuid FOR UPDATE`;
    if (locked?.version !== stored.row.version) return null;
    // Timers are rewritten either way (a warning's day can move when its deadline does not), and
    // the outstanding-form flag set (a dispute from before it existed has it false).
    const now = nowOf(deps);
    const hours = await noticeHoursFor(tx, partnershipId, policy.timeZone);
    await writeTimers(tx, partnershipId, id, timersFor({ row: stored.row, deadlines: fresh.deadlines, actions: stored.actions }, hours, calendar, now));
    if (fresh.row.formOutstanding !== stored.row.formOutstanding) {
      await tx.escalation.updateMany({ where: { id }, data: { formOutstanding: fresh.row.formOutstanding } });
    }
    if (same) return null;
    await tx.escalation.updateMany({ where: { id }, data: { nextDueAt: fresh.row.nextDueAt } });
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
}
