/**
 * The sweep: turns timers whose moment has come into notices. It reads the
 * indexed fire instants (NoticeTimer.fireAt), never replays a dispute, and is
 * safe with several instances: each dispute's due timers are locked (SKIP
 * LOCKED), turned into notices and deleted in one transaction, and a notice's
 * dedupe key keeps a timer seen twice (a restart, a rewrite) from telling
 * anyone twice.
 */
import type { Database } from "../db/connect";
import { asPartnershipSystem, asSystem } from "../db/scope";
import { pinnedPolicy, type EscalationDeps } from "../escalations/deps";
import { loadStoredProjection } from "../escalations/records";
import { agencyNames, draftsForTimer } from "./drafts";
import { inLanes } from "./lanes";
import { usersWhoWant } from "./recipients";
import { enqueue, noticeHoursFor } from "./outbox";
import { reminderTimer, type Timer, type TimerKind } from "./timers";
import { causeOfDeadline, enqueueWebhooks } from "../webhooks/outbox";

export type SweepResult = { disputes: number; timers: number; notices: number; failed: { escalationId: string; reason: string }[] };

/** One pass over the timers due by `now`, at most `limit` disputes' worth. */
export async function sweepTimers(db: Database, deps: EscalationDeps, now: Date, limit = 200): Promise<SweepResult> {
  // Installation-level: finding which disputes have a timer due, in every partnership.
  const due = await asSystem(
    db,
    (tx) =>
      tx.$queryRaw<{ partnershipId: string; escalationId: string }[]>`
      SELECT "partnershipId", "escalationId" FROM "NoticeTimer"
      WHERE "fireAt" <= ${now}
      GROUP BY "partnershipId", "escalationId"
      ORDER BY min("fireAt")
      LIMIT ${limit}`,
  );
  const result: SweepResult = { disputes: 0, timers: 0, notices: 0, failed: [] };
  // Several disputes at once on PostgreSQL, each in its own transaction.
  await inLanes(db, due, 8, async ({ partnershipId, escalationId }) => {
    try {
      const done = await asPartnershipSystem(db, partnershipId, async (tx) => {
        const timers = await tx.$queryRaw<(Timer & { id: string })[]>`
          SELECT id, kind, subject, "dueAt", "fireAt" FROM "NoticeTimer"
          WHERE "escalationId" = ${escalationId}::uuid AND "fireAt" <= ${now}
          ORDER BY "fireAt"
          FOR UPDATE SKIP LOCKED`;
        if (timers.length === 0) return { timers: 0, notices: 0 };
        const stored = await loadStoredProjection(tx, escalationId);
        let notices = 0;
        if (stored) {
          const { policy, calendar } = pinnedPolicy(deps, stored.row.policyId, stored.row.policyVersion);
          const hours = await noticeHoursFor(tx, partnershipId, policy.timeZone);
          const context = { tx, id: escalationId, policy, row: stored.row, names: await agencyNames(tx, stored.row) };
          const following: Timer[] = [];
          for (const timer of timers) {
            // A warning that comes due only after its deadline has nothing left to warn about.
            if (isWarning(timer.kind) && timer.dueAt.getTime() <= now.getTime()) continue;
            const drafts = await draftsForTimer(context, stored, timer);
            notices += await enqueue(tx, { partnershipId, escalationId, now, hours, calendar, actorId: null }, drafts);
            if (timer.kind === "deadline_warning" || timer.kind === "deadline_missed") {
              const deadline = stored.deadlines.find(
                (d) => d.deadlineId === timer.subject && d.dueAt?.getTime() === timer.dueAt.getTime() && d.status !== "met",
              );
              if (deadline && stored.row.status === "open") {
                await enqueueWebhooks(tx, { id: escalationId, row: stored.row, policy, now }, [
                  causeOfDeadline(timer.kind, { ...deadline, dueAt: timer.dueAt }, timer.fireAt),
                ]);
              }
            }
            // While it stays missed, the next daily reminder (a miss's first, then each reminder's
            // next), if an owner has asked for them (one who asks later gets them from the dispute's next change).
            const owners = [stored.row.raisingOwnerId, stored.row.respondingOwnerId];
            // (Not for what is asked after resolution: it cannot be recorded as met yet, so it is reported once.)
            if (
              (timer.kind === "deadline_missed" || timer.kind === "deadline_reminder") &&
              stored.row.status === "open" &&
              drafts.length > 0 &&
              (await usersWhoWant(tx, owners, "overdueReminders")).size > 0
            ) {
              following.push(reminderTimer(timer.subject, timer.dueAt, hours, calendar, now));
            }
          }
          await tx.noticeTimer.deleteMany({ where: { id: { in: timers.map((t) => t.id) } } });
          if (following.length > 0)
            await tx.noticeTimer.createMany({ data: following.map((t) => ({ ...t, partnershipId, escalationId })), skipDuplicates: true });
          return { timers: timers.length, notices };
        }
        await tx.noticeTimer.deleteMany({ where: { id: { in: timers.map((t) => t.id) } } });
        return { timers: timers.length, notices };
      });
      result.disputes++;
      result.timers += done.timers;
      result.notices += done.notices;
    } catch (error) {
      result.failed.push({ escalationId, reason: error instanceof Error ? error.message : String(error) });
      // Set it aside for a while, so that one dispute that cannot be processed does not hold up the rest.
      await asPartnershipSystem(db, partnershipId, (tx) =>
        tx.noticeTimer.updateMany({ where: { escalationId, fireAt: { lte: now } }, data: { fireAt: new Date(now.getTime() + RETRY_FAILED_MS) } }),
      ).catch(() => undefined);
    }
  });
  return result;
}

const isWarning = (kind: TimerKind) => kind === "deadline_warning" || kind === "action_warning";
const RETRY_FAILED_MS = 15 * 60_000;
