/**
 * Exactly once, whatever the number of workers or restarts: two instances on
 * one database deliver every notice once; a restart after downtime catches up
 * on what fell due meanwhile, and sends nothing twice; and a fresh demo
 * database started on a working morning tells the business managers about
 * the demo's overdue disputes on their registers, once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import { raiseEscalation } from "../../../lib/escalations";
import { seedDemoData } from "../../../lib/seed/demo";
import { demoEmail } from "../../../lib/seed/demo-data";
import { onWorkerStart, tick } from "../../../lib/worker";
import { createSharedTestDatabase, testEngine } from "../../support/db";
import { TestClock, actorFor, agencyId, depsWith, policies, raiseInput } from "../../support/escalations";
import { MailFolder, allNotices, workerOptions } from "../../support/notices";
import { withTestDatabase } from "../../support/test-database";

describe("two workers on one database", () => {
  let shared: Awaited<ReturnType<typeof createSharedTestDatabase>>;
  const mail = new MailFolder();
  const clock = new TestClock("2026-06-01T09:00:00Z");
  const deps = depsWith(clock);

  beforeAll(async () => {
    shared = await createSharedTestDatabase();
    await seedDemoData(shared.a, { disputes: false });
  });
  afterAll(async () => {
    await shared.close();
    mail.remove();
  });

  it(`deliver each notice once (${testEngine()})`, async () => {
    const officer = await actorFor(shared.a, "police-officer", "torbay");
    const police = await agencyId(shared.a, "torbay", "police");
    const healthVisitor = await actorFor(shared.a, "health-visitor", "torbay");
    for (let i = 0; i < 12; i++) {
      await raiseEscalation(shared.a, healthVisitor, raiseInput(police, { respondingPerson: `Officer ${i}`, areas: ["need-for-action"] }), deps);
    }
    const queued = (await allNotices(shared.a)).length;
    expect(queued).toBe(24); // both officers, for each of the 12
    // Both instances run their workers at the same moment, twice over.
    const options = workerOptions(deps, mail);
    await Promise.all([tick(shared.a, options), tick(shared.b, options), tick(shared.a, options), tick(shared.b, options)]);
    const notices = await allNotices(shared.a);
    expect(notices.every((n) => n.status === "sent")).toBe(true);
    const attempts = await asSystem(shared.a, (tx) => tx.noticeAttempt.count());
    expect(attempts).toBe(queued);
    expect(mail.files().length).toBe(queued);
    expect((await mail.to(officer.email)).length).toBe(12);
  });
});

describe("restarts and downtime", () => {
  let db: Database;
  const mail = new MailFolder();

  withTestDatabase(false, (opened) => (db = opened));
  afterAll(async () => {
    mail.remove();
  });

  it("a fresh demo database started on a working morning tells each business manager about the overdue disputes on their register, once", async () => {
    // Thursday 4 June 2026, 9am in London: the end-to-end suite's clock.
    const clock = new TestClock("2026-06-04T08:00:00Z");
    const deps = depsWith(clock);
    await seedDemoData(db, { now: clock.now(), policies: policies() });
    expect(await allNotices(db)).toEqual([]); // the demo's invented past is not mailed out

    const options = workerOptions(deps, mail);
    await onWorkerStart(db, options);
    await tick(db, options);
    const overdueOnRegister = await asSystem(db, (tx) =>
      tx.escalation.findMany({
        where: { partnershipId: "torbay", status: "open", onRegister: true, nextDueAt: { lt: clock.now() } },
        select: { reference: true },
      }),
    );
    expect(overdueOnRegister.length).toBeGreaterThan(0);
    const toBm = await mail.to(demoEmail("business-manager", "torbay"));
    for (const { reference } of overdueOnRegister) {
      expect(
        toBm.some((m) => m.subject?.startsWith(`${reference}: overdue`)),
        `${reference} reported`,
      ).toBe(true);
    }

    // A restart, later the same morning: nothing more.
    const sent = mail.files().length;
    clock.advanceHours(1);
    await onWorkerStart(db, options);
    await tick(db, options);
    expect(mail.files().length).toBe(sent);
  });

  it("catches up after downtime with what fell due meanwhile, without repeats", async () => {
    const clock = new TestClock("2026-06-08T08:30:00Z"); // Monday 8 June, 9:30am BST
    const deps = depsWith(clock);
    const options = workerOptions(deps, mail);
    const teacher = await actorFor(db, "teacher", "torbay");
    const social = await actorFor(db, "social-worker", "torbay");
    const csc = await agencyId(db, "torbay", "csc");
    const raised = await raiseEscalation(db, teacher, raiseInput(csc, { respondingUserId: social.userId, areas: ["levels-of-need"] }), deps);
    await tick(db, options);
    const before = (await allNotices(db, { escalationId: raised.id })).length;
    // The service is down for three weeks; every timer of the dispute falls due meanwhile.
    clock.set("2026-06-29T08:00:00Z");
    await onWorkerStart(db, options);
    await tick(db, options);
    const after = await allNotices(db, { escalationId: raised.id });
    expect(after.length).toBeGreaterThan(before);
    // The warning's moment passed while down (its deadline too): only the miss is told, to both owners and the business manager.
    expect(after.filter((n) => n.trigger === "deadline_warning")).toEqual([]);
    expect(after.filter((n) => n.trigger === "deadline_missed").map((n) => n.status)).toEqual(["sent", "sent", "sent"]);
    const files = mail.files().length;
    await onWorkerStart(db, options);
    await tick(db, options);
    expect(mail.files().length).toBe(files);
    expect(new Set(after.map((n) => n.dedupeKey)).size).toBe(after.length);
  });

  it("gives an installation upgraded from before notices its open disputes' timers and outstanding-form flags, in the background", async () => {
    const clock = new TestClock("2026-06-10T08:00:00Z");
    const deps = depsWith(clock);
    const options = workerOptions(deps, mail);
    const teacher = await actorFor(db, "teacher", "torbay");
    const csc = await agencyId(db, "torbay", "csc");
    const raised = await raiseEscalation(
      db,
      teacher,
      raiseInput(csc, { areas: ["levels-of-need"], urgent: { grounds: "Risk.", startAtStageKey: "stage-3" } }),
      deps,
    );
    // As the data of an earlier version left it: no timers, no flag, no fingerprint.
    await asSystem(db, async (tx) => {
      await tx.noticeTimer.deleteMany({});
      await tx.escalation.updateMany({ data: { formOutstanding: false } });
      await tx.systemSetting.deleteMany({ where: { key: { startsWith: "calendar-fingerprint:" } } });
    });
    await onWorkerStart(db, options);
    for (let i = 0; i < 3; i++) await tick(db, options);
    const after = await asSystem(db, async (tx) => ({
      timers: await tx.noticeTimer.count({ where: { escalationId: raised.id } }),
      flag: (await tx.escalation.findUniqueOrThrow({ where: { id: raised.id } })).formOutstanding,
    }));
    expect(after.timers).toBeGreaterThan(0);
    expect(after.flag).toBe(true); // stage 3's Record of Escalation, not yet recorded
  });
});
