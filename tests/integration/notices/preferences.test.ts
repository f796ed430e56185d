/** Each person's choices: a daily digest instead of one e-mail each, and a reminder each working morning while overdue. */
import { afterAll, describe, expect, it } from "vitest";
import { NO_REQUEST } from "../../../lib/auth/audit";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import { getEscalation, raiseEscalation, resolveEscalation } from "../../../lib/escalations";
import { ValidationError } from "../../../lib/errors";
import { saveNoticePreferences } from "../../../lib/notices/preferences";
import { TestClock, actorFor, agencyId, depsWith, raiseInput, raiseTorbayDispute, rejection } from "../../support/escalations";
import { MailFolder, allNotices, runTick } from "../../support/notices";
import { withTestDatabase } from "../../support/test-database";

describe("a person's notice settings", () => {
  let db: Database;
  const mail = new MailFolder();

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  afterAll(async () => {
    mail.remove();
  });

  it("reminds an owner who asked, each working morning while the dispute stays overdue, and stops when it is resolved", async () => {
    const clock = new TestClock("2026-06-01T09:00:00Z"); // Monday 1 June 2026, 10am BST
    const deps = depsWith(clock);
    const teacher = await actorFor(db, "teacher", "torbay");
    const social = await actorFor(db, "social-worker", "torbay");
    expect(await saveNoticePreferences(db, teacher, { noticeDigest: false, overdueReminders: true }, NO_REQUEST, clock.now())).toBe(true);
    expect(await saveNoticePreferences(db, teacher, { noticeDigest: false, overdueReminders: true }, NO_REQUEST, clock.now())).toBe(false);
    const raised = await raiseTorbayDispute(db, deps);
    const reminders = async () =>
      (await allNotices(db, { escalationId: raised.id }))
        .filter((n) => n.trigger === "deadline_reminder")
        .map((n) => [n.recipientEmail, n.createdAt.toISOString()]);

    clock.set("2026-06-08T16:00:01Z"); // missed at 5pm BST on Monday 8 June: told once, not reminded yet
    await runTick(db, deps, mail);
    expect(await reminders()).toEqual([]);
    clock.set("2026-06-09T07:00:00Z"); // 8am on Tuesday: the first reminder, to the teacher only
    await runTick(db, deps, mail);
    clock.set("2026-06-09T11:00:00Z");
    await runTick(db, deps, mail);
    clock.set("2026-06-10T07:00:00Z"); // and on Wednesday
    await runTick(db, deps, mail);
    expect(await reminders()).toEqual([
      [teacher.email, "2026-06-09T07:00:00.000Z"],
      [teacher.email, "2026-06-10T07:00:00.000Z"],
    ]);
    expect((await mail.to(teacher.email)).filter((m) => m.subject?.includes("still overdue")).length).toBe(2);

    const view = await getEscalation(db, teacher, raised.id, deps);
    await resolveEscalation(
      db,
      teacher,
      raised.id,
      {
        expectedVersion: view.record.version,
        outcome: "Agreed.",
        confirmations: { raising: { method: "phone", confirmedBy: "Priya Shah" }, responding: { method: "phone", confirmedBy: "Sam Riley" } },
      },
      deps,
    );
    clock.set("2026-06-11T07:00:00Z");
    await runTick(db, deps, mail);
    expect((await reminders()).length).toBe(2);
    expect(await asSystem(db, (tx) => tx.noticeTimer.count({ where: { escalationId: raised.id } }))).toBe(0);
    expect(social.email).not.toBe(teacher.email);
  });

  it("bundles a digest reader's routine notices into one e-mail each working morning, but sends urgent ones at once", async () => {
    const mail = new MailFolder();
    const clock = new TestClock("2026-07-06T09:00:00Z"); // Monday 6 July 2026, 10am BST
    const deps = depsWith(clock);
    const teacher = await actorFor(db, "teacher", "torbay");
    const social = await actorFor(db, "social-worker", "torbay");
    const csc = await agencyId(db, "torbay", "csc");
    await saveNoticePreferences(db, social, { noticeDigest: true, overdueReminders: false }, NO_REQUEST, clock.now());
    const first = await raiseEscalation(db, teacher, raiseInput(csc, { respondingUserId: social.userId, areas: ["levels-of-need"] }), deps);
    const second = await raiseEscalation(db, teacher, raiseInput(csc, { respondingUserId: social.userId, areas: ["care-planning"] }), deps);
    const urgent = await raiseEscalation(
      db,
      teacher,
      raiseInput(csc, { respondingUserId: social.userId, areas: ["levels-of-need"], immediateRisk: true, immediateRiskNote: "Called the police." }),
      deps,
    );
    await runTick(db, deps, mail);
    expect((await mail.to(social.email)).map((m) => m.subject)).toEqual([`${urgent.reference}: a disagreement has been raised with you`]);

    clock.set("2026-07-07T07:00:00Z"); // 8am on Tuesday
    await runTick(db, deps, mail);
    const digests = (await mail.to(social.email)).filter((m) => m.subject?.startsWith("Parley:"));
    expect(digests.map((m) => m.subject)).toEqual(["Parley: 2 notices for you"]);
    expect(digests[0]?.text).toContain(`${first.reference}: a disagreement has been raised with you`);
    expect(digests[0]?.text).toContain(`${second.reference}: a disagreement has been raised with you`);
    const bundled = (await allNotices(db)).filter((n) => [first.id, second.id].includes(n.escalationId ?? "") && n.recipientEmail === social.email);
    expect(bundled.map((n) => n.status)).toEqual(["sent", "sent"]);
    const attempts = await asSystem(db, (tx) => tx.noticeAttempt.findMany({ where: { noticeId: { in: bundled.map((n) => n.id) } } }));
    expect(attempts.every((a) => a.ok && a.detail.startsWith("Sent in the daily digest."))).toBe(true);
    // Nothing more the same day.
    clock.set("2026-07-07T12:00:00Z");
    await runTick(db, deps, mail);
    expect((await mail.to(social.email)).filter((m) => m.subject?.startsWith("Parley:")).length).toBe(1);
    mail.remove();
  });

  it("says what to fix when a choice is missing", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    const error = await rejection(
      saveNoticePreferences(db, teacher, { noticeDigest: undefined, overdueReminders: true }, NO_REQUEST, new Date()),
      ValidationError,
    );
    expect(error.fields).toEqual({ noticeDigest: "Choose whether you want a daily digest." });
  });
});
