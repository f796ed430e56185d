/**
 * What Parley keeps, and for how long (docs/deployment.md, "Retention").
 *
 * Purged by the background worker, at most about once an hour per installation:
 * - drafts of a dispute being raised, 30 days after they were last changed;
 * - sessions, 30 days after they ended (signed out, idle, replaced) or expired;
 * - sign-in attempts, 90 days after they were made: the throttle needs only the
 *   last hour or so (lib/auth/throttle.ts, `lookback`), but they are also the
 *   evidence for investigating an attack on accounts;
 * - set-password links (PasswordSetupToken), 30 days after they were used or expired.
 *
 * Never deleted automatically: disputes and their history (EscalationEvent),
 * deadlines and agreed actions, the audit trail (AuditEvent), and notices with
 * their delivery attempts, and webhook deliveries. The partnership's retention schedule decides what
 * happens to those; each partnership has a stored setting saying so, with when
 * it was last reviewed (`retentionSchedules`, `recordRetentionReview`).
 *
 * Each purge deletes in batches of at most 1,000 rows per statement and per
 * transaction, walking each table in id order (keyset: every row is looked at
 * once per run, however many batches it takes). Rows are picked with
 * `FOR UPDATE SKIP LOCKED`, so two instances purging at once never wait on each
 * other and never delete a row twice; the deletes are idempotent in any case.
 */
import type { Database } from "./db/connect";
import { Prisma } from "./db/generated/client";
import { asSystem } from "./db/scope";
import { lookback } from "./auth/throttle";

const DAY_MS = 86_400_000;

/** How long each kind of short-lived record is kept, in days, from the moment named. */
export type RetentionPeriods = {
  /** From the draft's last change (EscalationDraft.updatedAt). */
  drafts: number;
  /** From when the session ended or expired, whichever came first. */
  sessions: number;
  /** From the attempt. */
  signInAttempts: number;
  /** From when the link was used or expired, whichever came first. */
  passwordSetupTokens: number;
};

export const RETENTION_DAYS: Readonly<RetentionPeriods> = Object.freeze({
  drafts: 30,
  sessions: 30,
  signInAttempts: 90,
  passwordSetupTokens: 30,
});

/** A purge runs at most this often per installation (every instance may try; one claims it). */
export const PURGE_EVERY_MS = 60 * 60_000;
/** Rows deleted per statement (and per transaction). */
export const PURGE_BATCH = 1_000;
/** How long one run may keep deleting before it leaves the rest to the next tick. */
export const PURGE_BUDGET_MS = 10_000;

export type PurgeCounts = { drafts: number; sessions: number; signInAttempts: number; passwordSetupTokens: number };

export type PurgeResult = {
  deleted: PurgeCounts;
  /** Delete statements run (each in its own transaction). */
  batches: number;
  /** False when the time budget ran out first: the rest is left for the next run. */
  complete: boolean;
};

export type PurgeOptions = {
  periods?: RetentionPeriods;
  batchSize?: number;
  budgetMs?: number;
};

type Kind = keyof PurgeCounts;

type Target = {
  kind: Kind;
  table: string;
  /** The id column's type, for the keyset comparison. */
  idType: "uuid" | "text";
  /** The rows past their period, for a cut-off instant. */
  expired: (cutoff: Date) => Prisma.Sql;
};

const TARGETS: readonly Target[] = [
  { kind: "drafts", table: "EscalationDraft", idType: "uuid", expired: (c) => Prisma.sql`"updatedAt" < ${c}` },
  // A session ends at the earliest of endedAt and expiresAt (an idle one is ended
  // when next seen, or else at expiresAt, at most a working day after sign-in).
  { kind: "sessions", table: "Session", idType: "text", expired: (c) => Prisma.sql`("endedAt" < ${c} OR "expiresAt" < ${c})` },
  { kind: "signInAttempts", table: "SignInAttempt", idType: "uuid", expired: (c) => Prisma.sql`"at" < ${c}` },
  { kind: "passwordSetupTokens", table: "PasswordSetupToken", idType: "uuid", expired: (c) => Prisma.sql`("usedAt" < ${c} OR "expiresAt" < ${c})` },
];

export const emptyCounts = (): PurgeCounts => ({ drafts: 0, sessions: 0, signInAttempts: 0, passwordSetupTokens: 0 });

/** The cut-off for each kind at `now`: rows whose moment is before it go. */
export function cutoffs(now: Date, periods: RetentionPeriods = RETENTION_DAYS): Record<Kind, Date> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  return {
    drafts: before(periods.drafts),
    sessions: before(periods.sessions),
    // Never shorter than the throttle's memory, whatever the period says.
    signInAttempts: new Date(Math.min(before(periods.signInAttempts).getTime(), now.getTime() - lookback())),
    passwordSetupTokens: before(periods.passwordSetupTokens),
  };
}

/**
 * Deletes what has outlived its period at `now`, in batches, and says how many
 * of each went. Safe to run on several instances at once. After `budgetMs`
 * each table gets no more than its first batch, and the rest is left for the
 * next run (`complete: false`).
 */
export async function purgeExpired(db: Database, now: Date, options: PurgeOptions = {}): Promise<PurgeResult> {
  const batchSize = options.batchSize ?? PURGE_BATCH;
  const until = Date.now() + (options.budgetMs ?? PURGE_BUDGET_MS);
  const cut = cutoffs(now, options.periods);
  const deleted = emptyCounts();
  let batches = 0;
  let complete = true;
  for (const target of TARGETS) {
    let after: string | null = null;
    for (;;) {
      const { count, last } = await deleteBatch(db, target, cut[target.kind], after, batchSize);
      batches++;
      deleted[target.kind] += count;
      if (last === null || count < batchSize) break;
      // Out of time: the rest of this table waits, but every table gets its first batch.
      if (Date.now() >= until) {
        complete = false;
        break;
      }
      after = last;
    }
  }
  return { deleted, batches, complete };
}

async function deleteBatch(db: Database, t: Target, cutoff: Date, after: string | null, batchSize: number): Promise<{ count: number; last: string | null }> {
  const table = Prisma.raw(`"${t.table}"`);
  const from = after === null ? Prisma.empty : Prisma.sql`AND id > ${after}::${Prisma.raw(t.idType)}`;
  // Installation-level: housekeeping across every partnership and every account.
  const rows = await asSystem(
    db,
    (tx) =>
      tx.$queryRaw<{ count: number; last: string | null }[]>`
      WITH doomed AS (
        SELECT id FROM ${table}
        WHERE ${t.expired(cutoff)} ${from}
        ORDER BY id
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED
      ), gone AS (
        DELETE FROM ${table} WHERE id IN (SELECT id FROM doomed) RETURNING id
      )
      SELECT (SELECT count(*) FROM gone)::int AS count, (SELECT id::text FROM doomed ORDER BY id DESC LIMIT 1) AS last`,
  );
  return rows[0] ?? { count: 0, last: null };
}

// ---------------------------------------------------------------------------
// Scheduling: at most one run an hour per installation
// ---------------------------------------------------------------------------

/** SystemSetting keys: when the next run may start (an ISO instant), and what the last one did (JSON). */
export const NEXT_PURGE_KEY = "retention:next-purge";
export const LAST_PURGE_KEY = "retention:last-purge";

/**
 * Claims this hour's run: true for exactly one caller however many instances
 * ask at once (a single INSERT … ON CONFLICT DO UPDATE … WHERE on one row). The
 * claim moves the next run an hour on first, so a run that dies half-way is
 * simply tried again an hour later. Instants are compared as ISO 8601 text
 * (fixed width, "C" collation), so an unreadable value cannot fail the worker.
 */
export async function claimPurge(db: Database, now: Date, everyMs: number = PURGE_EVERY_MS): Promise<boolean> {
  const next = new Date(now.getTime() + everyMs).toISOString();
  // Installation-level bookkeeping.
  const rows = await asSystem(
    db,
    (tx) =>
      tx.$queryRaw<{ key: string }[]>`
      INSERT INTO "SystemSetting" (key, value, "updatedAt") VALUES (${NEXT_PURGE_KEY}, ${next}, ${now})
      ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, "updatedAt" = EXCLUDED."updatedAt"
      WHERE "SystemSetting".value COLLATE "C" <= ${now.toISOString()} COLLATE "C"
      RETURNING key`,
  );
  return rows.length === 1;
}

async function setSetting(db: Database, key: string, value: string, now: Date): Promise<void> {
  // Installation-level bookkeeping.
  await asSystem(db, (tx) => tx.systemSetting.upsert({ where: { key }, create: { key, value, updatedAt: now }, update: { value, updatedAt: now } }));
}

export type RetentionRun = PurgeResult & { at: Date };

/**
 * The worker's hourly housekeeping: claims the run (or returns null: another
 * instance has it, or it ran less than an hour ago), makes sure every
 * partnership has its retention-schedule setting, purges, and records what the
 * run deleted (LAST_PURGE_KEY). A run cut short by its time budget lets the
 * next tick carry on at once instead of in an hour.
 */
export async function runRetention(db: Database, now: Date, options: PurgeOptions & { everyMs?: number } = {}): Promise<RetentionRun | null> {
  if (!(await claimPurge(db, now, options.everyMs))) return null;
  await ensureRetentionSchedules(db, now);
  const result = await purgeExpired(db, now, options);
  if (!result.complete) await setSetting(db, NEXT_PURGE_KEY, now.toISOString(), now);
  await setSetting(
    db,
    LAST_PURGE_KEY,
    JSON.stringify({ at: now.toISOString(), deleted: result.deleted, batches: result.batches, complete: result.complete }),
    now,
  );
  return { ...result, at: now };
}

/** One line for the worker's log, or null when nothing was deleted. */
export function describePurge(run: RetentionRun): string | null {
  const d = run.deleted;
  const parts = [
    d.drafts && `${d.drafts} draft(s) unchanged for ${RETENTION_DAYS.drafts} days`,
    d.sessions && `${d.sessions} session(s) ended over ${RETENTION_DAYS.sessions} days ago`,
    d.signInAttempts && `${d.signInAttempts} sign-in attempt(s) over ${RETENTION_DAYS.signInAttempts} days old`,
    d.passwordSetupTokens && `${d.passwordSetupTokens} set-password link(s) used or expired over ${RETENTION_DAYS.passwordSetupTokens} days ago`,
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return `Retention: deleted ${parts.join(", ")}${run.complete ? "." : "; more to delete on the next tick."}`;
}

// ---------------------------------------------------------------------------
// What is never purged: a stored statement per partnership, with a review date
// ---------------------------------------------------------------------------

export const SCHEDULE_KEY_PREFIX = "retention-schedule:";

export type RetentionSchedule = {
  /** What the setting covers. */
  covers: string[];
  rule: string;
  /** ISO instant of the last review by the partnership, or null: never reviewed. */
  lastReviewed: string | null;
  reviewedBy: string | null;
};

const DEFAULT_SCHEDULE: RetentionSchedule = {
  covers: ["disputes and their history", "deadlines and agreed actions", "the audit trail", "notices and their delivery attempts"],
  rule: "Kept per the partnership's retention schedule; Parley never deletes them automatically.",
  lastReviewed: null,
  reviewedBy: null,
};

/** Adds the default retention-schedule setting for each partnership that has none (never overwrites one). */
export async function ensureRetentionSchedules(db: Database, now: Date): Promise<void> {
  // Installation-level bookkeeping: one setting per partnership.
  await asSystem(
    db,
    (tx) =>
      tx.$executeRaw`
      INSERT INTO "SystemSetting" (key, value, "updatedAt")
      SELECT ${SCHEDULE_KEY_PREFIX} || id, ${JSON.stringify(DEFAULT_SCHEDULE)}, ${now} FROM "Partnership"
      ON CONFLICT (key) DO NOTHING`,
  );
}

/** Each partnership's retention-schedule setting, by partnership id (the default if none is stored yet). */
export async function retentionSchedules(db: Database): Promise<Map<string, RetentionSchedule>> {
  // Installation-level: settings are installation-level rows.
  const [partnerships, rows] = await asSystem(db, (tx) =>
    Promise.all([
      tx.partnership.findMany({ select: { id: true }, orderBy: { id: "asc" } }),
      tx.systemSetting.findMany({ where: { key: { startsWith: SCHEDULE_KEY_PREFIX } } }),
    ]),
  );
  const stored = new Map(rows.map((r) => [r.key.slice(SCHEDULE_KEY_PREFIX.length), r.value]));
  return new Map(partnerships.map((p) => [p.id, readSchedule(stored.get(p.id))]));
}

/** Records that the partnership reviewed what Parley keeps against its retention schedule. */
export async function recordRetentionReview(db: Database, partnershipId: string, review: { at: Date; by: string }): Promise<RetentionSchedule> {
  const current = (await retentionSchedules(db)).get(partnershipId);
  if (!current) throw new Error(`There is no partnership "${partnershipId}".`);
  const schedule: RetentionSchedule = { ...current, lastReviewed: review.at.toISOString(), reviewedBy: review.by };
  await setSetting(db, SCHEDULE_KEY_PREFIX + partnershipId, JSON.stringify(schedule), review.at);
  return schedule;
}

function readSchedule(value: string | undefined): RetentionSchedule {
  if (value === undefined) return { ...DEFAULT_SCHEDULE };
  try {
    const v = JSON.parse(value) as Partial<RetentionSchedule>;
    return {
      covers: Array.isArray(v.covers) ? v.covers.map(String) : DEFAULT_SCHEDULE.covers,
      rule: typeof v.rule === "string" ? v.rule : DEFAULT_SCHEDULE.rule,
      lastReviewed: typeof v.lastReviewed === "string" ? v.lastReviewed : null,
      reviewedBy: typeof v.reviewedBy === "string" ? v.reviewedBy : null,
    };
  } catch {
    return { ...DEFAULT_SCHEDULE };
  }
}
