/**
 * Recomputing stored deadlines after a calendar changes, as background work:
 * each instance compares every partnership's calendar fingerprint (its
 * holidays and closure days) with the one stored; only a change queues a job,
 * which recomputes that partnership's open disputes in batches. Start-up never
 * replays disputes, however many there are.
 */
import type { Database } from "../db/connect";
import { asSystem } from "../db/scope";
import { emptyRefresh, refreshDeadlinesBatch } from "../escalations/refresh-deadlines";
import type { EscalationDeps } from "../escalations/deps";
import type { JobRow, StepOutcome } from "./queue";

export const CALENDAR_REFRESH = "calendar-refresh";
const BATCH = 100;

/**
 * Queues a refresh for each partnership whose calendar fingerprint differs from
 * the stored one, or that has none yet (a new installation, or one upgraded
 * from before notices: its open disputes get their timers and flags that way).
 * The new fingerprint and the job are written together. Returns the partnerships queued.
 */
export async function queueCalendarRefreshes(db: Database, deps: EscalationDeps, now: Date): Promise<string[]> {
  const queued: string[] = [];
  for (const partnershipId of deps.policies.partnershipIds()) {
    const fingerprint = deps.policies.calendarFingerprint(partnershipId);
    const key = `calendar-fingerprint:${partnershipId}`;
    // Installation-level bookkeeping: the fingerprint each partnership's deadlines were computed on.
    const changed = await asSystem(db, async (tx) => {
      const row = await tx.systemSetting.findUnique({ where: { key } });
      if (row?.value === fingerprint) return false;
      await tx.systemSetting.upsert({ where: { key }, create: { key, value: fingerprint }, update: { value: fingerprint } });
      await tx.job.create({
        data: {
          kind: CALENDAR_REFRESH,
          key: `${CALENDAR_REFRESH}:${partnershipId}:${row?.value ?? "none"}->${fingerprint}:${now.toISOString()}`,
          runAfter: now,
        },
      });
      return true;
    });
    if (changed) queued.push(partnershipId);
  }
  return queued;
}

type Progress = { checked: number; changed: number; failed: number };

/** One batch of a calendar refresh job. */
export async function calendarRefreshStep(db: Database, deps: EscalationDeps, job: JobRow): Promise<StepOutcome & { changed: string[] }> {
  const partnershipId = job.key.split(":")[1] as string;
  const so = emptyRefresh();
  const { lastId } = await refreshDeadlinesBatch(db, deps, partnershipId, job.cursor, BATCH, so);
  const before = (job.progress ?? {}) as Partial<Progress>;
  const progress: Progress = {
    checked: (before.checked ?? 0) + so.checked,
    changed: (before.changed ?? 0) + so.changed.length,
    failed: (before.failed ?? 0) + so.failed.length,
  };
  return {
    done: lastId === null,
    cursor: lastId ?? job.cursor,
    progress,
    changed: [
      ...so.changed.map((c) => `${c.reference}: next deadline ${c.nextDueBefore?.toISOString() ?? "none"} -> ${c.nextDueAfter?.toISOString() ?? "none"}`),
      ...so.failed.map((f) => `could not recompute ${f.id}: ${f.reason}`),
    ],
  };
}
