/**
 * Re-timing a partnership's notice timers after its administrator changes the
 * working hours or how early to warn: each dispute that has timers gets them
 * worked out again from its stored deadlines and actions, in batches. No
 * dispute is replayed.
 */
import type { Database } from "../db/connect";
import { asPartnershipSystem } from "../db/scope";
import { nowOf, pinnedPolicy, type EscalationDeps } from "../escalations/deps";
import { loadStoredProjection } from "../escalations/records";
import { noticeHoursFor } from "../notices/outbox";
import { timersFor, writeTimers } from "../notices/timers";
import { enqueueJob, type JobRow, type StepOutcome } from "./queue";

export const NOTICE_RETIME = "notice-retime";
const BATCH = 100;

export function queueNoticeRetime(db: Database, partnershipId: string, now: Date): Promise<boolean> {
  return enqueueJob(db, NOTICE_RETIME, `${NOTICE_RETIME}:${partnershipId}:${now.toISOString()}`, now);
}

export async function noticeRetimeStep(db: Database, deps: EscalationDeps, job: JobRow): Promise<StepOutcome> {
  const partnershipId = job.key.split(":")[1] as string;
  const ids = await asPartnershipSystem(db, partnershipId, (tx) =>
    tx.noticeTimer.findMany({
      where: { partnershipId, ...(job.cursor ? { escalationId: { gt: job.cursor } } : {}) },
      distinct: ["escalationId"],
      select: { escalationId: true },
      orderBy: { escalationId: "asc" },
      take: BATCH,
    }),
  );
  for (const { escalationId } of ids) {
    await asPartnershipSystem(db, partnershipId, async (tx) => {
      const stored = await loadStoredProjection(tx, escalationId);
      if (!stored) return;
      const { policy, calendar } = pinnedPolicy(deps, stored.row.policyId, stored.row.policyVersion);
      const hours = await noticeHoursFor(tx, partnershipId, policy.timeZone);
      await writeTimers(tx, partnershipId, escalationId, timersFor(stored, hours, calendar, nowOf(deps)));
    });
  }
  const before = (job.progress ?? {}) as { disputes?: number };
  const last = ids[ids.length - 1]?.escalationId ?? null;
  return { done: ids.length < BATCH, cursor: last ?? job.cursor, progress: { disputes: (before.disputes ?? 0) + ids.length } };
}
