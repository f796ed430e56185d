/**
 * Background work done once across every instance, in steps: a job is claimed
 * with a lease (SKIP LOCKED, so two instances never run the same step), does
 * one batch, saves how far it got (`cursor`) and is released for the next step,
 * here or on another instance. A step that dies leaves the job to be taken
 * again when its lease runs out, from the last saved cursor.
 */
import type { Database } from "../db/connect";
import type { Prisma } from "../db/generated/client";
import { asSystem } from "../db/scope";

export type JobRow = { id: string; kind: string; key: string; cursor: string | null; progress: unknown; attempts: number };

export type StepOutcome = { done: boolean; cursor: string | null; progress: Prisma.InputJsonObject };

const LEASE_MS = 2 * 60_000;
const MAX_ATTEMPTS = 5;

/** Adds a job unless one with this key exists already. Returns whether it was added. */
export async function enqueueJob(db: Database, kind: string, key: string, now: Date): Promise<boolean> {
  // Installation-level bookkeeping.
  return asSystem(db, async (tx) => (await tx.job.createMany({ data: [{ kind, key, runAfter: now }], skipDuplicates: true })).count === 1);
}

/** Claims the next due job (or one whose worker's lease ran out), or null. */
export async function claimJob(db: Database, now: Date): Promise<JobRow | null> {
  const rows = await asSystem(
    db,
    (tx) =>
      tx.$queryRaw<JobRow[]>`
      UPDATE "Job" SET status = 'running', "leaseUntil" = ${new Date(now.getTime() + LEASE_MS)}, attempts = attempts + 1
      WHERE id = (
        SELECT id FROM "Job"
        WHERE (status = 'pending' AND "runAfter" <= ${now}) OR (status = 'running' AND "leaseUntil" < ${now})
        ORDER BY "runAfter"
        LIMIT 1
        FOR UPDATE SKIP LOCKED)
      RETURNING id, kind, key, cursor, progress, attempts`,
  );
  return rows[0] ?? null;
}

/** Saves a step's progress: the job is done, or pending again from its new cursor. */
export async function finishStep(db: Database, job: JobRow, outcome: StepOutcome, now: Date): Promise<void> {
  await asSystem(db, (tx) =>
    tx.job.update({
      where: { id: job.id },
      data: outcome.done
        ? { status: "done", cursor: outcome.cursor, progress: outcome.progress, leaseUntil: null, finishedAt: now, attempts: 0, lastError: null }
        : { status: "pending", cursor: outcome.cursor, progress: outcome.progress, leaseUntil: null, runAfter: now, attempts: 0, lastError: null },
    }),
  );
}

/** Records a step that threw: tried again later, and given up (kept as failed, with why) after a few tries. */
export async function failStep(db: Database, job: JobRow, error: unknown, now: Date): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const giveUp = job.attempts >= MAX_ATTEMPTS;
  await asSystem(db, (tx) =>
    tx.job.update({
      where: { id: job.id },
      data: giveUp
        ? { status: "failed", leaseUntil: null, lastError: message, finishedAt: now }
        : { status: "pending", leaseUntil: null, lastError: message, runAfter: new Date(now.getTime() + job.attempts * 60_000) },
    }),
  );
}
