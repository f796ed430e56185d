/**
 * Warnings before a deadline and notices after one is missed: at the right
 * working-hours instant across a weekend, bank holidays and the Isle of Man TT
 * day; routine notices wait for working hours, urgent ones do not; a met or
 * closed dispute sends nothing; a restart catches up without repeats.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import { completeForm, getEscalation, raiseEscalation, resolveEscalation } from "../../../lib/escalations";
import { sweepTimers } from "../../../lib/notices/sweep";
import { saveNoticeSettings } from "../../../lib/notices/admin";
import { NO_REQUEST } from "../../../lib/auth/audit";
import { onWorkerStart } from "../../../lib/worker";
import { TestClock, actorFor, agencyId, depsWith, raiseInput, raiseTorbayDispute } from "../../support/escalations";
import { BASE_URL, MailFolder, allNotices, runTick, workerOptions } from "../../support/notices";
import { withTestDatabase } from "../../support/test-database";

const setHours = (db: Database, partnershipId: string, data: { noticeHoursStart?: string; noticeHoursEnd?: string; warnWorkingDays?: number }) =>
  asSystem(db, (tx) => tx.partnership.update({ where: { id: partnershipId }, data }));

describe("deadline notices", () => {
  let db: Database;
  const mail = new MailFolder();

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  afterAll(async () => {
    mail.remove();
  });

  it("warns on the morning of the last working day before Christmas and reports the miss after the holidays, in working hours", async () => {
    const clock = new TestClock("2026-12-18T10:00:00Z"); // Friday 18 December 2026, 10am GMT
    const deps = depsWith(clock);
    await setHours(db, "torbay", { noticeHoursEnd: "17:00" });
    const raised = await raiseTorbayDispute(db, deps);
    const teacher = await actorFor(db, "teacher", "torbay");
    const social = await actorFor(db, "social-worker", "torbay");
    const bm = await actorFor(db, "business-manager", "torbay");

    // The social worker hears at once (within working hours) that it was raised; the raiser is not told of their own act.
    await runTick(db, deps, mail);
    expect((await mail.to(social.email)).map((m) => m.subject)).toEqual([`${raised.reference}: a disagreement has been raised with you`]);
    expect(await mail.to(teacher.email)).toEqual([]);

    // Due by 5pm on Tuesday 29 December (Christmas Day and the Boxing Day substitute skipped).
    // The warning falls at 8am on Thursday 24 December, the working day before.
    clock.set("2026-12-24T07:59:00Z");
    await runTick(db, deps, mail);
    expect(await mail.to(teacher.email)).toEqual([]);
    clock.set("2026-12-24T08:00:00Z");
    await runTick(db, deps, mail);
    const warnings = await mail.to(teacher.email);
    expect(warnings.map((m) => m.subject)).toEqual([
      `${raised.reference}: Resolve at stages 1 and 2 (the other party responds) is due by 5pm on Tuesday 29 December 2026`,
    ]);
    expect((await mail.to(social.email)).length).toBe(2);
    expect(warnings[0]?.text).toContain(`${BASE_URL}/p/torbay/disputes/${raised.id}`);

    // Missed at 5pm on 29 December, the close of notice hours: the notice waits for 8am on Wednesday 30 December,
    // and goes to both owners and, as the policy's onMiss names, the business manager.
    clock.set("2026-12-29T17:00:01Z");
    await runTick(db, deps, mail);
    expect(await mail.to(bm.email)).toEqual([]);
    const missed = (await allNotices(db, { escalationId: raised.id })).filter((n) => n.trigger === "deadline_missed");
    expect(missed.map((n) => n.recipientEmail).sort()).toEqual([bm.email, social.email, teacher.email].sort());
    expect(new Set(missed.map((n) => n.notBefore.toISOString()))).toEqual(new Set(["2026-12-30T08:00:00.000Z"]));
    clock.set("2026-12-30T08:00:00Z");
    await runTick(db, deps, mail);
    const toBm = await mail.to(bm.email);
    expect(toBm.map((m) => m.subject)).toEqual([
      `${raised.reference}: overdue, Resolve at stages 1 and 2 (the other party responds) was due by 5pm on Tuesday 29 December 2026`,
    ]);
    expect(toBm[0]?.text).toContain("inform the TSCP Business Manager");

    // Nothing about the dispute's content leaves in e-mail: no initials, no free text.
    for (const m of await mail.messages()) {
      expect(m.text).not.toContain("JS");
      expect(m.text).not.toContain("left alone overnight");
    }

    // A restart after all that (the worker starting again) sends nothing more.
    const before = mail.files().length;
    await onWorkerStart(db, workerOptions(deps, mail));
    await runTick(db, deps, mail);
    clock.advanceHours(30);
    await runTick(db, deps, mail);
    expect(mail.files().length).toBe(before);
    await setHours(db, "torbay", { noticeHoursEnd: "18:00" });
  });

  it("reports a deadline missed before the Isle of Man TT bank holiday on the next working morning", async () => {
    const clock = new TestClock("2026-06-03T14:00:00Z"); // Wednesday 3 June 2026, 3pm on the island
    const deps = depsWith(clock);
    await setHours(db, "isle-of-man", { noticeHoursEnd: "17:00" });
    const teacher = await actorFor(db, "teacher", "isle-of-man");
    const social = await actorFor(db, "social-worker", "isle-of-man");
    const csc = await agencyId(db, "isle-of-man", "csc");
    const raised = await raiseEscalation(db, teacher, raiseInput(csc, { respondingUserId: social.userId, areas: ["referral-threshold"] }), deps);
    // Stage 1 is due by 5pm on Thursday 4 June. Friday 5 June is TT Senior Race Day, then a weekend.
    clock.set("2026-06-04T16:00:01Z");
    await runTick(db, deps, mail);
    const missed = (await allNotices(db, { escalationId: raised.id })).filter((n) => n.trigger === "deadline_missed");
    expect(missed.map((n) => n.recipientEmail).sort()).toEqual([social.email, teacher.email].sort());
    expect(missed.every((n) => n.notBefore.toISOString() === "2026-06-08T07:00:00.000Z")).toBe(true); // 8am BST, Monday 8 June

    clock.set("2026-06-05T09:00:00Z"); // on TT day itself, nothing routine goes out
    await runTick(db, deps, mail);
    expect((await allNotices(db, { escalationId: raised.id })).filter((n) => n.trigger === "deadline_missed" && n.status === "sent")).toEqual([]);
    clock.set("2026-06-08T07:00:00Z");
    await runTick(db, deps, mail);
    expect((await allNotices(db, { escalationId: raised.id })).filter((n) => n.trigger === "deadline_missed").every((n) => n.status === "sent")).toBe(true);
    await setHours(db, "isle-of-man", { noticeHoursEnd: "18:00" });
  });

  it("sends the notices of a dispute raised with an immediate risk at once, at night and at a weekend", async () => {
    const clock = new TestClock("2026-06-06T01:30:00Z"); // Saturday 6 June 2026, 2:30am BST
    const deps = depsWith(clock);
    const teacher = await actorFor(db, "teacher", "torbay");
    const social = await actorFor(db, "social-worker", "torbay");
    const csc = await agencyId(db, "torbay", "csc");
    const routine = await raiseEscalation(db, teacher, raiseInput(csc, { respondingUserId: social.userId, areas: ["levels-of-need"] }), deps);
    const urgent = await raiseEscalation(
      db,
      teacher,
      raiseInput(csc, {
        respondingUserId: social.userId,
        areas: ["levels-of-need"],
        immediateRisk: true,
        immediateRiskNote: "Referred to MASH by phone at 1am.",
      }),
      deps,
    );
    await runTick(db, deps, mail);
    const [r] = await allNotices(db, { escalationId: routine.id });
    const [u] = await allNotices(db, { escalationId: urgent.id });
    expect(r).toMatchObject({ status: "pending", notBefore: new Date("2026-06-08T07:00:00Z") });
    expect(u).toMatchObject({ status: "sent", urgent: true, sentAt: new Date("2026-06-06T01:30:00Z") });
  });

  it("does not send a notice whose dispute was closed, or whose deadline was met, before it went out", async () => {
    const clock = new TestClock("2026-06-01T09:00:00Z"); // Monday 1 June 2026, 10am BST
    const deps = depsWith(clock);
    await setHours(db, "torbay", { noticeHoursEnd: "17:00" });
    const teacher = await actorFor(db, "teacher", "torbay");
    const raised = await raiseTorbayDispute(db, deps);
    // Due 5pm Monday 8 June, the close of notice hours: the miss (to both owners and the business manager)
    // is reported at 8am on Tuesday 9 June…
    clock.set("2026-06-08T16:00:01Z");
    await runTick(db, deps, mail);
    expect((await allNotices(db, { escalationId: raised.id })).filter((n) => n.trigger === "deadline_missed").map((n) => n.status)).toEqual([
      "pending",
      "pending",
      "pending",
    ]);
    // … but the dispute is resolved that evening.
    clock.set("2026-06-08T18:00:00Z");
    const view = await getEscalation(db, teacher, raised.id, deps);
    await resolveEscalation(
      db,
      teacher,
      raised.id,
      {
        expectedVersion: view.record.version,
        outcome: "Agreed at a phone call: an assessment will start this week.",
        confirmations: { raising: { method: "phone", confirmedBy: "Priya Shah" }, responding: { method: "phone", confirmedBy: "Sam Riley" } },
      },
      deps,
    );
    clock.set("2026-06-09T07:00:00Z");
    await runTick(db, deps, mail);
    const missed = (await allNotices(db, { escalationId: raised.id })).filter((n) => n.trigger === "deadline_missed");
    expect(missed.map((n) => [n.status, n.cancelledReason])).toEqual(Array(3).fill(["cancelled", "The dispute was closed before the notice went out."]));
    await setHours(db, "torbay", { noticeHoursEnd: "18:00" });

    // The Isle of Man's stage 4 referral deadline is met by its form. Its miss is swept into the
    // outbox; the form is recorded before the worker delivers: nothing goes.
    const iomClock = new TestClock("2026-03-02T10:00:00Z");
    const iomDeps = depsWith(iomClock);
    const iomTeacher = await actorFor(db, "teacher", "isle-of-man");
    const headteacher = await actorFor(db, "headteacher", "isle-of-man");
    const social = await actorFor(db, "social-worker", "isle-of-man");
    const csc = await agencyId(db, "isle-of-man", "csc");
    const referral = await raiseEscalation(
      db,
      iomTeacher,
      raiseInput(csc, {
        respondingUserId: social.userId,
        areas: ["referral-threshold"],
        urgent: { grounds: "Significant policy issues.", startAtStageKey: "stage-4" },
      }),
      iomDeps,
    );
    const deadline = (await getEscalation(db, headteacher, referral.id, iomDeps)).deadlines.find((d) => d.deadlineId === "stage-4-referral");
    expect(deadline?.dueAt).toBeInstanceOf(Date);
    iomClock.set(new Date((deadline?.dueAt as Date).getTime() + 60_000));
    await sweepTimers(db, iomDeps, iomClock.now());
    const queued = (await allNotices(db, { escalationId: referral.id })).filter((n) => n.trigger === "deadline_missed" && n.deadlineId === "stage-4-referral");
    expect(queued.length).toBeGreaterThan(0);
    const current = await getEscalation(db, headteacher, referral.id, iomDeps);
    await completeForm(db, headteacher, referral.id, { expectedVersion: current.record.version, formId: "escalation-referral-form" }, iomDeps);
    await runTick(db, iomDeps, mail);
    const settled = (await allNotices(db, { escalationId: referral.id })).filter((n) => n.trigger === "deadline_missed" && n.deadlineId === "stage-4-referral");
    expect(new Set(settled.map((n) => n.cancelledReason))).toEqual(new Set(["The deadline was met before the notice went out."]));
  });

  it("re-times the warnings already planned when the administrator changes the hours", async () => {
    const clock = new TestClock("2026-07-01T09:00:00Z"); // Wednesday 1 July 2026
    const deps = depsWith(clock);
    const raised = await raiseTorbayDispute(db, deps);
    const warning = async () =>
      (await asSystem(db, (tx) => tx.noticeTimer.findFirstOrThrow({ where: { escalationId: raised.id, kind: "deadline_warning" } }))).fireAt.toISOString();
    expect(await warning()).toBe("2026-07-07T07:00:00.000Z"); // 8am BST on Tuesday 7 July, the day before it falls due
    const admin = await actorFor(db, "admin", "torbay");
    await saveNoticeSettings(db, admin, { noticeHoursStart: "09:30", noticeHoursEnd: "17:00", warnWorkingDays: 2 }, NO_REQUEST, clock.now());
    await runTick(db, deps, mail);
    expect(await warning()).toBe("2026-07-06T08:30:00.000Z"); // 9:30am on Monday 6 July, two working days before
    await setHours(db, "torbay", { noticeHoursStart: "08:00", noticeHoursEnd: "18:00", warnWorkingDays: 1 });
  });
});
