/**
 * Retention (lib/retention.ts): drafts, sessions, sign-in attempts and used or
 * expired set-password links go after their period, in bounded batches, at
 * most once an hour per installation; disputes, their history, the audit trail
 * and notices are never touched.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lookback } from "../../lib/auth/throttle";
import type { Database } from "../../lib/db/connect";
import { asSystem } from "../../lib/db/scope";
import {
  LAST_PURGE_KEY,
  RETENTION_DAYS,
  claimPurge,
  cutoffs,
  purgeExpired,
  recordRetentionReview,
  retentionSchedules,
  runRetention,
} from "../../lib/retention";
import { seedDemoData } from "../../lib/seed/demo";
import { tick } from "../../lib/worker";
import { createSharedTestDatabase, testEngine } from "../support/db";
import { TestClock, depsWith, policies, raiseTorbayDispute } from "../support/escalations";
import { MailFolder, workerOptions } from "../support/notices";
import { withTestDatabase } from "../support/test-database";

const NOW = new Date("2026-11-30T12:00:00Z");
const DAY = 86_400_000;
const ago = (days: number, hours = 0) => new Date(NOW.getTime() - days * DAY - hours * 3_600_000);
const token = () => randomBytes(16).toString("hex");

/** Everything never purged, counted with installation-level access. */
function protectedCounts(db: Database) {
  return asSystem(db, async (tx) => ({
    escalations: await tx.escalation.count(),
    events: await tx.escalationEvent.count(),
    deadlines: await tx.escalationDeadline.count(),
    actions: await tx.agreedAction.count(),
    audit: await tx.auditEvent.count(),
    notices: await tx.notice.count(),
    noticeAttempts: await tx.noticeAttempt.count(),
  }));
}

function signInAttempts(db: Database, ats: Date[]) {
  return asSystem(db, (tx) =>
    tx.signInAttempt.createMany({
      data: ats.map((at) => ({ email: "someone@example.org", ipAddress: "198.51.100.7", at, succeeded: false, reason: "wrong_password" })),
    }),
  );
}

describe(`retention purge (${testEngine()})`, () => {
  let db: Database;
  const keep: Record<string, string[]> = {};
  const go: Record<string, string[]> = {};

  withTestDatabase(false, (opened) => (db = opened));
  beforeAll(async () => {
    // The demo disputes, and one more with its notices, half a year before NOW.
    const june = new TestClock("2026-06-04T08:00:00Z");
    await seedDemoData(db, { now: june.now(), policies: policies() });
    await raiseTorbayDispute(db, depsWith(june));

    const [a, b, c] = await asSystem(db, (tx) => tx.user.findMany({ select: { id: true }, orderBy: { email: "asc" }, take: 3 }));
    const [u1, u2, u3] = [a!.id, b!.id, c!.id];
    await asSystem(db, async (tx) => {
      // Drafts: one a day past its 30 days, one a day short, one changed today.
      const drafts = [
        { partnershipId: "torbay", userId: u1, updatedAt: ago(31), createdAt: ago(40) },
        { partnershipId: "torbay", userId: u2, updatedAt: ago(29), createdAt: ago(40) },
        { partnershipId: "torbay", userId: u3, updatedAt: ago(0, 1), createdAt: ago(0, 2) },
      ];
      const ids = [];
      for (const d of drafts) ids.push((await tx.escalationDraft.create({ data: d, select: { id: true } })).id);
      go.drafts = [ids[0]!];
      keep.drafts = [ids[1]!, ids[2]!];

      // Sessions: expired 40 days ago and never ended (left idle); signed out 31 days
      // ago; signed out 29 days ago; still open.
      const session = (createdAt: Date, endedAt: Date | null) => ({
        id: token(),
        userId: u1,
        createdAt,
        lastSeenAt: createdAt,
        expiresAt: new Date(createdAt.getTime() + 10 * 3_600_000),
        endedAt,
        endReason: endedAt ? "signed_out" : null,
      });
      const sessions = [session(ago(40), null), session(ago(31, 2), ago(31)), session(ago(29, 2), ago(29)), session(ago(0, 1), null)];
      await tx.session.createMany({ data: sessions });
      go.sessions = [sessions[0]!.id, sessions[1]!.id];
      keep.sessions = [sessions[2]!.id, sessions[3]!.id];

      // Set-password links: used 31 days ago (not yet expired then); expired unused 31
      // days ago; used 29 days ago; expired unused 29 days ago; still valid.
      const link = (createdAt: Date, expiresAt: Date, usedAt: Date | null) => ({ userId: u2, tokenHash: token(), createdAt, expiresAt, usedAt });
      const links = [
        link(ago(33), ago(26), ago(31)),
        link(ago(38), ago(31), null),
        link(ago(31), ago(24), ago(29)),
        link(ago(36), ago(29), null),
        link(ago(1), new Date(NOW.getTime() + 6 * DAY), null),
      ];
      const linkIds = [];
      for (const l of links) linkIds.push((await tx.passwordSetupToken.create({ data: l, select: { id: true } })).id);
      go.passwordSetupTokens = linkIds.slice(0, 2);
      keep.passwordSetupTokens = linkIds.slice(2);

      // An audit entry far older than any period: the audit trail is never purged.
      await tx.auditEvent.createMany({ data: [{ type: "sign_in", at: new Date("2020-01-01T00:00:00Z"), actorId: u1 }] });
    });
    await signInAttempts(db, [ago(91), ago(89), ago(0, 1)]);
  });

  it("deletes what outlived its period, keeps the rest, and never touches disputes, their history, the audit trail or notices", async () => {
    const before = await protectedCounts(db);
    expect(before.escalations).toBeGreaterThan(0);
    expect(before.events).toBeGreaterThan(0);
    expect(before.audit).toBeGreaterThan(0);
    expect(before.notices).toBeGreaterThan(0);

    const run = await runRetention(db, NOW);
    expect(run).not.toBeNull();
    expect(run!.deleted).toEqual({ drafts: 1, sessions: 2, signInAttempts: 1, passwordSetupTokens: 2 });
    expect(run!.complete).toBe(true);

    const left = await asSystem(db, async (tx) => ({
      drafts: (await tx.escalationDraft.findMany({ select: { id: true } })).map((r) => r.id),
      sessions: (await tx.session.findMany({ select: { id: true } })).map((r) => r.id),
      passwordSetupTokens: (await tx.passwordSetupToken.findMany({ select: { id: true } })).map((r) => r.id),
      signInAttempts: (await tx.signInAttempt.findMany({ select: { at: true }, orderBy: { at: "asc" } })).map((r) => r.at),
    }));
    for (const kind of ["drafts", "sessions", "passwordSetupTokens"] as const) {
      expect(left[kind].sort()).toEqual([...keep[kind]!].sort());
      for (const id of go[kind]!) expect(left[kind]).not.toContain(id);
    }
    expect(left.signInAttempts).toEqual([ago(89), ago(0, 1)]);

    expect(await protectedCounts(db)).toEqual(before);
    const ancient = await asSystem(db, (tx) => tx.auditEvent.count({ where: { at: { lt: new Date("2021-01-01T00:00:00Z") } } }));
    expect(ancient).toBe(1);

    // What the run did is stored, for an operator to see.
    const last = await asSystem(db, (tx) => tx.systemSetting.findUniqueOrThrow({ where: { key: LAST_PURGE_KEY } }));
    expect(JSON.parse(last.value)).toMatchObject({ at: NOW.toISOString(), deleted: run!.deleted, complete: true });
  });

  it("runs at most once an hour: a second run right after is not claimed, and would find nothing anyway", async () => {
    expect(await runRetention(db, new Date(NOW.getTime() + 60_000))).toBeNull();
    expect(await runRetention(db, new Date(NOW.getTime() + 59 * 60_000))).toBeNull();
    const again = await purgeExpired(db, NOW);
    expect(again.deleted).toEqual({ drafts: 0, sessions: 0, signInAttempts: 0, passwordSetupTokens: 0 });
    expect(again.complete).toBe(true);
    // An hour on, the next run is claimed; two days on, what was a day short goes.
    const hourLater = await runRetention(db, new Date(NOW.getTime() + 60 * 60_000));
    expect(hourLater?.deleted).toEqual({ drafts: 0, sessions: 0, signInAttempts: 0, passwordSetupTokens: 0 });
    const dayLater = await runRetention(db, new Date(NOW.getTime() + 2 * DAY));
    expect(dayLater?.deleted).toEqual({ drafts: 1, sessions: 1, signInAttempts: 1, passwordSetupTokens: 2 });
  });

  it("stores, for each partnership, that disputes are kept per its retention schedule, never reviewed until someone records a review", async () => {
    const schedules = await retentionSchedules(db);
    expect([...schedules.keys()]).toContain("torbay");
    for (const s of schedules.values()) {
      expect(s.lastReviewed).toBeNull();
      expect(s.rule).toMatch(/retention schedule.*never deletes them automatically/);
    }
    const stored = await asSystem(db, (tx) => tx.systemSetting.count({ where: { key: { startsWith: "retention-schedule:" } } }));
    expect(stored).toBe(schedules.size);

    await recordRetentionReview(db, "torbay", { at: NOW, by: "Information governance, Torbay" });
    // A later run leaves the review alone.
    await runRetention(db, new Date(NOW.getTime() + 10 * DAY));
    const torbay = (await retentionSchedules(db)).get("torbay");
    expect(torbay).toMatchObject({ lastReviewed: NOW.toISOString(), reviewedBy: "Information governance, Torbay" });
    await expect(recordRetentionReview(db, "nowhere", { at: NOW, by: "x" })).rejects.toThrow(/no partnership/);
  });

  it("keeps sign-in attempts at least as long as the throttle looks back, whatever the period says", () => {
    const cut = cutoffs(NOW, { ...RETENTION_DAYS, signInAttempts: 0 });
    expect(cut.signInAttempts.getTime()).toBeLessThanOrEqual(NOW.getTime() - lookback());
    expect(cutoffs(NOW).signInAttempts).toEqual(ago(90));
  });
});

describe(`retention in batches (${testEngine()})`, () => {
  let db: Database;

  withTestDatabase(false, (opened) => (db = opened));

  it("deletes more rows than one batch holds, a batch per statement", async () => {
    const old = Array.from({ length: 25 }, (_, i) => ago(100, i));
    const recent = [ago(1), ago(2), ago(3)];
    await signInAttempts(db, [...old, ...recent]);
    const result = await purgeExpired(db, NOW, { batchSize: 10 });
    expect(result.deleted.signInAttempts).toBe(25);
    // drafts 1, sessions 1, sign-in attempts 10 + 10 + 5, links 1
    expect(result.batches).toBe(6);
    expect(result.complete).toBe(true);
    expect(await asSystem(db, (tx) => tx.signInAttempt.count())).toBe(3);
  });

  it("a run cut short by its time budget lets the next tick carry on at once", async () => {
    await signInAttempts(
      db,
      Array.from({ length: 12 }, (_, i) => ago(200, i)),
    );
    const at = new Date("2027-01-04T09:00:00Z");
    const old = (at: Date) => asSystem(db, (tx) => tx.signInAttempt.count({ where: { at: { lt: new Date(at.getTime() - 90 * DAY) } } }));
    // Out of time after every batch: one batch a table a run, 5 of the 12 each time.
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const run = await runRetention(db, at, { budgetMs: 0, batchSize: 5 });
      expect(run).not.toBeNull(); // claimed again at the same instant while unfinished
      runs.push(run!);
    }
    expect(runs.map((r) => [r.deleted.signInAttempts, r.batches, r.complete])).toEqual([
      [5, 4, false],
      [5, 4, false],
      [2, 4, true],
    ]);
    expect(await old(at)).toBe(0);
    expect(await runRetention(db, at)).toBeNull(); // finished: the next one is an hour away
  });
});

describe(`several instances (${testEngine()})`, () => {
  let shared: Awaited<ReturnType<typeof createSharedTestDatabase>>;

  beforeAll(async () => {
    shared = await createSharedTestDatabase();
  });
  afterAll(async () => {
    await shared.close();
  });

  it("claim the hour's run once, and purge together without deleting a row twice or waiting on each other", async () => {
    const claims = await Promise.all([claimPurge(shared.a, NOW), claimPurge(shared.b, NOW), claimPurge(shared.a, NOW), claimPurge(shared.b, NOW)]);
    expect(claims.filter(Boolean)).toHaveLength(1);

    await signInAttempts(
      shared.a,
      Array.from({ length: 120 }, (_, i) => ago(95, i)),
    );
    const results = await Promise.all([purgeExpired(shared.a, NOW, { batchSize: 7 }), purgeExpired(shared.b, NOW, { batchSize: 7 })]);
    expect(results.reduce((n, r) => n + r.deleted.signInAttempts, 0)).toBe(120);
    expect(await asSystem(shared.a, (tx) => tx.signInAttempt.count())).toBe(0);
  });
});

describe(`the worker (${testEngine()})`, () => {
  let db: Database;
  const mail = new MailFolder();

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  afterAll(async () => {
    mail.remove();
  });

  it("purges on a tick, logs what it deleted, and not again within the hour", async () => {
    const clock = new TestClock(NOW);
    const lines: string[] = [];
    const options = { ...workerOptions(depsWith(clock), mail), log: (line: string) => lines.push(line) };
    await signInAttempts(db, [ago(120), ago(121)]);
    const first = await tick(db, options);
    expect(first.retention?.deleted.signInAttempts).toBe(2);
    expect(lines).toContain(`Retention: deleted 2 sign-in attempt(s) over ${RETENTION_DAYS.signInAttempts} days old.`);
    clock.advance(30 * 60_000);
    expect((await tick(db, options)).retention).toBeNull();
    clock.advance(31 * 60_000);
    const third = await tick(db, options);
    expect(third.retention?.deleted).toEqual({ drafts: 0, sessions: 0, signInAttempts: 0, passwordSetupTokens: 0 });
    expect(lines.filter((l) => l.startsWith("Retention"))).toHaveLength(1); // nothing deleted, nothing logged
  });
});
