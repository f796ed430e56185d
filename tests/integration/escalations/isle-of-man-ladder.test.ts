import { describe, expect, it } from "vitest";
import type { Database } from "../../../lib/db/connect";
import { escalateEscalation, getEscalation, raiseEscalation, resolveEscalation } from "../../../lib/escalations";
import { partnershipDirectory } from "../../../lib/escalations/directory";
import { disputePage } from "../../../lib/views/dispute";
import { TestClock, actorFor, agencyId, depsWith, policies, raiseInput } from "../../support/escalations";
import { withTestDatabase } from "../../support/test-database";

describe("the Isle of Man ladder", () => {
  let db: Database;
  // Thursday 4 June 2026, 10am Isle of Man time (BST), the working day before the TT bank holiday.
  const clock = new TestClock("2026-06-04T10:00:00+01:00");
  const deps = depsWith(clock);

  withTestDatabase({ disputes: false }, (opened) => (db = opened));

  it("counts stage 1 past the TT bank holiday and reaches the Board with the referral form", async () => {
    const teacher = await actorFor(db, "teacher", "isle-of-man");
    const schoolManager = await actorFor(db, "school-manager", "isle-of-man");
    const headteacher = await actorFor(db, "headteacher", "isle-of-man");
    const teamManager = await actorFor(db, "team-manager", "isle-of-man");
    const headOfService = await actorFor(db, "head-of-service", "isle-of-man");
    const businessManager = await actorFor(db, "business-manager", "isle-of-man");
    const chair = await actorFor(db, "chair", "isle-of-man");
    const csc = await agencyId(db, "isle-of-man", "csc");

    const raised = await raiseEscalation(
      db,
      teacher,
      raiseInput(csc, {
        areas: ["referral-threshold"],
        subjects: [
          { kind: "child", initials: "AK", yearOfBirth: 2014, caseReferences: [] },
          { kind: "child", initials: "BK", yearOfBirth: 2017, caseReferences: [] },
        ],
      }),
      deps,
    );
    expect(raised.reference).toBe("IOMSB-2026-0001");
    let view = await getEscalation(db, teacher, raised.id, deps);
    expect(view.record).toMatchObject({ stageKey: "stage-1", subjects: [{ initials: "AK" }, { initials: "BK" }] });
    // 1 working day: Friday 5 June is the TT bank holiday, then the weekend: due 5pm Monday 8 June.
    expect(view.record.nextDueAt?.toISOString()).toBe("2026-06-08T16:00:00.000Z");
    expect(view.deadlines[0]?.explanation).toContain("skipped Friday 5 June (TT bank holiday) and the weekend");

    clock.set("2026-06-08T10:00:00+01:00");
    let v = (
      await escalateEscalation(
        db,
        teacher,
        raised.id,
        {
          expectedVersion: raised.version,
          reason: "No agreement between us.",
          owners: { raising: { userId: schoolManager.userId }, responding: { userId: teamManager.userId } },
        },
        deps,
      )
    ).version;
    view = await getEscalation(db, schoolManager, raised.id, deps);
    expect(view.record.nextDueAt?.toISOString()).toBe("2026-06-10T16:00:00.000Z"); // 2 working days from entering stage 2

    clock.set("2026-06-10T14:00:00+01:00");
    v = (
      await escalateEscalation(
        db,
        schoolManager,
        raised.id,
        {
          expectedVersion: v,
          reason: "The line managers disagree.",
          owners: { raising: { userId: headteacher.userId }, responding: { userId: headOfService.userId } },
        },
        deps,
      )
    ).version;
    view = await getEscalation(db, headteacher, raised.id, deps);
    expect(view.record).toMatchObject({ stageKey: "stage-3", nextDueAt: null, onRegister: false });
    expect(view.deadlines).toEqual([]); // the policy gives stage 3 no timescale

    // The business manager does not see it until it reaches the Board (stage 4).
    await expect(getEscalation(db, businessManager, raised.id, deps)).rejects.toThrow(/could not find/);

    clock.set("2026-06-15T09:00:00+01:00");
    const toBoard = await escalateEscalation(
      db,
      headteacher,
      raised.id,
      {
        expectedVersion: v,
        reason: "Senior managers could not resolve it.",
        formsOnEntry: [{ formId: "escalation-referral-form", note: "Emailed with the chronology." }],
      },
      deps,
    );
    // Both senior managers meet stage 4's level, so they keep ownership.
    expect(toBoard.events.map((e) => e.type)).toEqual(["escalated", "owner_assigned", "owner_assigned", "form_completed", "board_notified"]);
    view = await getEscalation(db, businessManager, raised.id, deps);
    expect(view.record).toMatchObject({ stageKey: "stage-4", onRegister: true, raisingOwnerId: headteacher.userId, respondingOwnerId: headOfService.userId });
    // The referral form went with the escalation, so its 5 working days (to 22 June) are met at once,
    // and nothing makes the dispute overdue while the Board considers it.
    expect(view.deadlines.map((d) => [d.deadlineId, d.position, d.status, d.dueAt?.toISOString() ?? null])).toEqual([
      ["stage-4-referral", 0, "met", "2026-06-22T16:00:00.000Z"],
      ["stage-4-urgent", 1, "asap", null],
    ]);
    expect(view.record.nextDueAt).toBeNull();
    const policy = policies().get("isle-of-man")!;
    const page = disputePage({
      view,
      policy,
      calendar: policies().calendarFor(policy),
      now: clock.now(),
      directory: await partnershipDirectory(db, businessManager),
      partnershipId: "isle-of-man",
    });
    expect(page.summary).toContainEqual({
      key: "Next deadline",
      value: "Nothing due at this stage now (Referral form sent to the Director of Multi-agency Safeguarding: met)",
    });
    expect(page.deadlines[0]).toMatchObject({ met: true, due: { text: "Met" }, by: "by 5pm on Monday 22 June 2026" });
    const form = view.history.find((e) => e.type === "form_completed");
    expect(form?.payload).toMatchObject({
      formId: "escalation-referral-form",
      sentTo: ["Director of Multi-agency Safeguarding (safeguardingboard.co@gov.im)"],
    });
    const notice = view.history.find((e) => e.type === "board_notified");
    expect(notice?.payload).toMatchObject({ involvement: "owns-decision", notified: [{ contactId: "director-mas" }, { contactId: "independent-chair" }] });
    expect(view.ladder.map((s) => s.status)).toEqual(["done", "done", "done", "current"]);
    const owners = view.participants.filter((p) => p.role === "owner");
    expect(owners.filter((p) => p.current).map((p) => p.stageKey)).toEqual(["stage-4", "stage-4"]);
    expect(owners.filter((p) => !p.current)).toHaveLength(5); // the teacher at stage 1, two at stage 2, two at stage 3

    // The Board decides at stage 4: its chair may resolve it.
    expect((await getEscalation(db, chair, raised.id, deps)).availableActions.map((a) => a.action)).toContain("resolve");
    clock.set("2026-06-19T12:00:00+01:00");
    const resolved = await resolveEscalation(
      db,
      chair,
      raised.id,
      {
        expectedVersion: toBoard.version,
        outcome: "Outcome recorded on the referral form and returned to the school.",
        confirmations: { raising: { method: "email", confirmedBy: "Helen Marsh" }, responding: { method: "email", confirmedBy: "Martin Cole" } },
      },
      deps,
    );
    expect((await getEscalation(db, teacher, raised.id, deps)).record).toMatchObject({ status: "resolved", version: resolved.version });
  });
});
