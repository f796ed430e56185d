import { describe, expect, it } from "vitest";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import { ForbiddenError, escalateEscalation, getEscalation, recordDiscussion, resolveEscalation, setDeadline } from "../../../lib/escalations";
import { TestClock, actorFor, depsWith, discussion, raiseTorbayDispute, rejection } from "../../support/escalations";
import { withTestDatabase } from "../../support/test-database";

describe("the Torbay ladder, end to end", () => {
  let db: Database;
  const clock = new TestClock("2026-03-02T09:00:00Z"); // Monday 2 March 2026, 9am GMT
  const deps = depsWith(clock);

  withTestDatabase({ disputes: false }, (opened) => (db = opened));

  it("runs from raising at stage 1 to the chair's resolution at stage 5", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    const schoolManager = await actorFor(db, "school-manager", "torbay");
    const headteacher = await actorFor(db, "headteacher", "torbay");
    const teamManager = await actorFor(db, "team-manager", "torbay");
    const headOfService = await actorFor(db, "head-of-service", "torbay");
    const director = await actorFor(db, "director", "torbay");
    const businessManager = await actorFor(db, "business-manager", "torbay");
    const chair = await actorFor(db, "chair", "torbay");

    // Stage 1: the 5-working-day budget from raising covers stages 1 and 2.
    const raised = await raiseTorbayDispute(db, deps);
    expect(raised.reference).toBe("TSCP-2026-0001");
    expect(raised.events.map((e) => e.type)).toEqual(["raised", "owner_assigned", "owner_assigned"]);
    let view = await getEscalation(db, teacher, raised.id, deps);
    expect(view.record).toMatchObject({
      stageKey: "stage-1",
      stageNumber: 1,
      status: "open",
      policyVersion: "2024-1",
      raisingRank: 1,
      respondingRank: 1,
      onRegister: false,
    });
    expect(view.record.nextDueAt?.toISOString()).toBe("2026-03-09T17:00:00.000Z");
    expect(view.deadlines[0]).toMatchObject({ deadlineId: "stages-1-2-response", decidesOverdue: true, position: 0 });
    expect(view.deadlines[0]?.explanation).toContain("5 working days from 9am on Monday 2 March 2026 (dispute raised)");
    expect(view.ladder.map((s) => [s.key, s.status])).toEqual([
      ["pre-escalation", "before-raising"],
      ["stage-1", "current"],
      ["stage-2", "upcoming"],
      ["stage-3", "upcoming"],
      ["stage-4", "upcoming"],
      ["stage-5", "upcoming"],
    ]);
    expect(view.availableActions.map((a) => a.action)).toContain("escalate");

    clock.advanceHours(3);
    let v = (await recordDiscussion(db, teacher, raised.id, discussion(raised.version, "2026-03-02T11:30"), deps)).version;

    // Stage 2: managers; still the same budget.
    clock.advanceHours(2);
    v = (
      await escalateEscalation(
        db,
        teacher,
        raised.id,
        {
          expectedVersion: v,
          reason: "Children's social care will not reconsider.",
          owners: { raising: { userId: schoolManager.userId }, responding: { userId: teamManager.userId } },
        },
        deps,
      )
    ).version;
    view = await getEscalation(db, schoolManager, raised.id, deps);
    expect(view.record).toMatchObject({ stageKey: "stage-2", raisingOwnerId: schoolManager.userId, respondingOwnerId: teamManager.userId, raisingRank: 2 });
    expect(view.record.nextDueAt?.toISOString()).toBe("2026-03-09T17:00:00.000Z");

    clock.set("2026-03-04T10:00:00Z");
    v = (await recordDiscussion(db, schoolManager, raised.id, discussion(v, "2026-03-04T09:15", { with: "Grace Adeyemi, team manager" }), deps)).version;

    // Stage 3: the Record of Escalation goes to the business manager; the board is notified; on the register.
    const toStage3 = await escalateEscalation(
      db,
      schoolManager,
      raised.id,
      {
        expectedVersion: v,
        reason: "Stage 2 did not resolve it.",
        owners: { raising: { userId: headteacher.userId }, responding: { userId: headOfService.userId } },
        formsOnEntry: [{ formId: "record-of-escalation" }],
      },
      deps,
    );
    expect(toStage3.events.map((e) => e.type)).toEqual(["escalated", "owner_assigned", "owner_assigned", "form_completed", "board_notified"]);
    v = toStage3.version;
    view = await getEscalation(db, businessManager, raised.id, deps);
    expect(view.access).toBe("board");
    expect(view.record).toMatchObject({ stageKey: "stage-3", onRegister: true, raisingRank: 3, respondingRank: 3 });
    expect(view.record.nextDueAt?.toISOString()).toBe("2026-03-11T17:00:00.000Z");
    const form = view.history.find((e) => e.type === "form_completed");
    expect(form?.stageKey).toBe("stage-3");
    expect(form?.payload).toMatchObject({ formId: "record-of-escalation", sentTo: ["TSCP Business Manager (TSCP@torbay.gov.uk)"] });
    const notice = view.history.find((e) => e.type === "board_notified");
    expect(notice?.payload).toMatchObject({
      involvement: "notified",
      onRegister: true,
      notified: [{ label: "TSCP Business Manager", contactId: "business-manager" }],
    });

    // Stage 4: 10 working days from entering it. The school has no director: its head teacher stands in.
    clock.set("2026-03-12T11:00:00Z");
    v = (
      await escalateEscalation(
        db,
        headteacher,
        raised.id,
        {
          expectedVersion: v,
          reason: "The senior managers could not agree.",
          owners: {
            raising: { userId: headteacher.userId, proxy: true, proxyReason: "The school has no divisional director." },
            responding: { userId: director.userId },
          },
        },
        deps,
      )
    ).version;
    view = await getEscalation(db, director, raised.id, deps);
    expect(view.record).toMatchObject({ stageKey: "stage-4", raisingOwnerId: headteacher.userId, respondingOwnerId: director.userId, raisingRank: 4 });
    expect(view.record.nextDueAt?.toISOString()).toBe("2026-03-26T17:00:00.000Z");
    expect(view.deadlines[0]?.explanation).toContain("10 working days from 11am on Thursday 12 March 2026 (entered stage 4)");

    // Stage 5: no due date until the chair sets one.
    clock.set("2026-03-27T09:00:00Z");
    v = (await escalateEscalation(db, director, raised.id, { expectedVersion: v, reason: "The directors could not agree." }, deps)).version;
    view = await getEscalation(db, chair, raised.id, deps);
    expect(view.record).toMatchObject({ stageKey: "stage-5", nextDueAt: null, onRegister: true });
    expect(view.deadlines).toMatchObject([{ deadlineId: "stage-5-resolution", status: "awaiting-set", dueAt: null }]);
    expect(view.availableActions).toContainEqual({ action: "set_deadline", deadlineIds: ["stage-5-resolution"] });

    // Only the chair may set it.
    const setIt = (expectedVersion: number) => ({ expectedVersion, deadlineId: "stage-5-resolution", dueAt: "2026-04-24T17:00" });
    for (const who of [businessManager, director, teacher]) {
      const error = await rejection(setDeadline(db, who, raised.id, setIt(v), deps), ForbiddenError);
      expect(error.message).toContain("the policy names");
    }
    v = (await setDeadline(db, chair, raised.id, setIt(v), deps)).version;
    view = await getEscalation(db, chair, raised.id, deps);
    expect(view.record.nextDueAt?.toISOString()).toBe("2026-04-24T16:00:00.000Z"); // 5pm BST
    expect(view.deadlines[0]).toMatchObject({ status: "due" });
    expect(view.deadlines[0]?.explanation).toContain("Set by the TSCP Executive Chair");

    // The chair resolves it.
    clock.set("2026-04-20T15:00:00Z");
    const resolved = await resolveEscalation(
      db,
      chair,
      raised.id,
      {
        expectedVersion: v,
        outcome: "The Resolution Panel agreed that a child and family assessment should start.",
        actions: [{ description: "Start a child and family assessment.", ownerName: "Alison Reeve", ownerUserId: director.userId, dueDate: "2026-04-27" }],
        confirmations: { raising: { method: "meeting", confirmedBy: "Helen Marsh" }, responding: { method: "meeting", confirmedBy: "Alison Reeve" } },
      },
      deps,
    );
    expect(resolved.events.map((e) => e.type)).toEqual(["action_added", "resolved"]);
    view = await getEscalation(db, chair, raised.id, deps);
    expect(view.record).toMatchObject({ status: "resolved", nextDueAt: null, onRegister: true, version: resolved.version });
    expect(view.record.closedAt?.toISOString()).toBe("2026-04-20T15:00:00.000Z");
    expect(view.deadlines).toEqual([]);
    expect(view.actions).toHaveLength(1);
    expect(view.ladder.map((s) => s.status)).toEqual(["before-raising", "done", "done", "done", "done", "done"]);
    expect(view.history.map((e) => e.sequence)).toEqual(Array.from({ length: resolved.version }, (_, i) => i + 1));
    expect(view.history.every((e) => e.policyVersion === "2024-1")).toBe(true);
    expect(view.history[0]?.actorName).toBe("Priya Shah");

    const audits = await asSystem(db, (tx) => tx.auditEvent.count({ where: { type: "escalation_viewed", subjectId: raised.id } }));
    expect(audits).toBe(7); // one per getEscalation above
  });
});
