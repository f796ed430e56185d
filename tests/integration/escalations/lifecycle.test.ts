import { describe, expect, it } from "vitest";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionError,
  ValidationError,
  addAgreedAction,
  addComment,
  assignOwner,
  completeAgreedAction,
  completeForm,
  escalateEscalation,
  eventFromRow,
  expediteEscalation,
  getEscalation,
  listEscalations,
  raiseEscalation,
  recordDiscussion,
  recordMilestone,
  resolveEscalation,
  withdrawEscalation,
} from "../../../lib/escalations";
import { TestClock, actorFor, agencyId, depsWith, discussion, eventCount, raiseInput, raiseTorbayDispute, rejection } from "../../support/escalations";
import { withTestDatabase } from "../../support/test-database";

describe("a dispute's life", () => {
  let db: Database;
  const clock = new TestClock("2026-01-05T09:30:00Z"); // Monday
  const deps = depsWith(clock);

  withTestDatabase({ disputes: false }, (opened) => (db = opened));

  describe("expedited", () => {
    it("starts an urgent Torbay dispute at stage 3, recorded as raised then expedited", async () => {
      const raised = await raiseTorbayDispute(db, deps, {
        immediateRisk: true,
        immediateRiskNote: "Referred to the MASH by phone at 9am.",
        urgent: { grounds: "The child is thought to be at risk of immediate harm.", startAtStageKey: "stage-3" },
      });
      expect(raised.events.map((e) => e.type)).toEqual(["raised", "owner_assigned", "owner_assigned", "expedited", "board_notified"]);
      const teacher = await actorFor(db, "teacher", "torbay");
      const view = await getEscalation(db, teacher, raised.id, deps);
      expect(view.record).toMatchObject({ urgent: true, stageKey: "stage-3", onRegister: true, raisingOwnerId: null, respondingOwnerId: null });
      expect(view.history.find((e) => e.type === "expedited")?.payload).toMatchObject({ from: "stage-1", to: "stage-3", skipped: ["stage-1", "stage-2"] });
      expect(view.ladder.map((s) => [s.key, s.status])).toEqual([
        ["pre-escalation", "before-raising"],
        ["stage-1", "skipped"],
        ["stage-2", "skipped"],
        ["stage-3", "current"],
        ["stage-4", "upcoming"],
        ["stage-5", "upcoming"],
      ]);
      expect(view.ladder[1]?.note).toBe("Passed over: the dispute was expedited.");
      // The head of service of the responding agency now sees it (stage 3 is at their level) and may take it on.
      const headOfService = await actorFor(db, "head-of-service", "torbay");
      const theirs = await getEscalation(db, headOfService, raised.id, deps);
      expect(theirs.availableActions).toContainEqual({ action: "assign_owner", sides: ["responding"] });
      await assignOwner(db, headOfService, raised.id, { expectedVersion: view.record.version, side: "responding", userId: headOfService.userId }, deps);
    });

    it("skips stages later on, where the policy allows, and marks the dispute urgent", async () => {
      const teacher = await actorFor(db, "teacher", "eastmoor");
      const raised = await raiseEscalation(db, teacher, raiseInput(await agencyId(db, "eastmoor", "csc"), { areas: ["referral-threshold"] }), deps);
      clock.advanceHours(1);
      const expedited = await expediteEscalation(
        db,
        teacher,
        raised.id,
        { expectedVersion: raised.version, toStageKey: "stage-3", grounds: "New information shows immediate risk." },
        deps,
      );
      expect(expedited.events.map((e) => e.type)).toEqual(["expedited"]);
      const view = await getEscalation(db, teacher, raised.id, deps);
      expect(view.record).toMatchObject({ urgent: true, stageKey: "stage-3" });
      expect(view.ladder.map((s) => s.status)).toEqual(["done", "skipped", "current", "upcoming"]);
      // Stage 3's own deadline (24 hours to escalate to the Director) waits until the Head of Service cannot resolve it.
      expect(view.deadlines.map((d) => [d.deadlineId, d.status])).toEqual([["formal-escalation-to-director", "awaiting-event"]]);
      expect(view.record.nextDueAt).toBeNull();
    });

    it("refuses to skip stages under a policy that does not allow it, and writes nothing", async () => {
      const teacher = await actorFor(db, "teacher", "cambridgeshire-peterborough");
      const csc = await agencyId(db, "cambridgeshire-peterborough", "csc");
      const before = await eventCount(db);
      const error = await rejection(
        raiseEscalation(db, teacher, raiseInput(csc, { areas: ["perceived-risk"], urgent: { grounds: "Immediate risk.", startAtStageKey: "stage-3" } }), deps),
        PreconditionError,
      );
      expect(error.message).toMatch(/does not allow stages to be skipped/);
      expect(await eventCount(db)).toBe(before);

      const raised = await raiseEscalation(db, teacher, raiseInput(csc, { areas: ["perceived-risk"] }), deps);
      const view = await getEscalation(db, teacher, raised.id, deps);
      expect(view.availableActions.map((a) => a.action)).not.toContain("expedite");
      await rejection(
        expediteEscalation(db, teacher, raised.id, { expectedVersion: raised.version, toStageKey: "stage-3", grounds: "Immediate risk." }, deps),
        PreconditionError,
      );
      expect(await eventCount(db, raised.id)).toBe(raised.version);
    });
  });

  it("follows the route the raiser chooses, and names the responder without making them owner above their level (Westbridge)", async () => {
    const teacher = await actorFor(db, "teacher", "westbridge");
    const social = await actorFor(db, "social-worker", "westbridge");
    const raised = await raiseEscalation(
      db,
      teacher,
      raiseInput(await agencyId(db, "westbridge", "csc"), { routeId: "need-for-conference", respondingUserId: social.userId, areas: ["need-for-action"] }),
      deps,
    );
    const view = await getEscalation(db, social, raised.id, deps);
    expect(view.access).toBe("participant");
    expect(view.record).toMatchObject({
      routeId: "need-for-conference",
      stageKey: "request-to-csc",
      stageNumber: null,
      respondingOwnerId: null,
      raisingRank: 1,
      respondingRank: 2,
    });
    expect(view.participants.filter((p) => p.role === "responder")).toEqual([
      { userId: social.userId, role: "responder", side: "responding", stageKey: "", current: true },
    ]);
    expect(view.ladder.map((s) => s.key)).toEqual(["request-to-csc", "head-of-safeguarding-unit"]);
  });

  it("is withdrawn by its raiser, and by nobody on the other side", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    const social = await actorFor(db, "social-worker", "torbay");
    const raised = await raiseTorbayDispute(db, deps);
    await rejection(withdrawEscalation(db, social, raised.id, { expectedVersion: raised.version, reason: "Not ours to withdraw." }, deps), ForbiddenError);
    clock.advanceHours(2);
    const withdrawn = await withdrawEscalation(
      db,
      teacher,
      raised.id,
      { expectedVersion: raised.version, reason: "Social care has reopened the referral." },
      deps,
    );
    const view = await getEscalation(db, teacher, raised.id, deps);
    expect(view.record).toMatchObject({ status: "withdrawn", nextDueAt: null, outcome: null, version: withdrawn.version });
    expect(view.history.at(-1)?.payload).toMatchObject({
      reason: "Social care has reopened the referral.",
      deadlinesThen: [{ deadlineId: "stages-1-2-response", overdue: false }],
    });
    expect(view.availableActions.map((a) => a.action)).toEqual(["comment"]);
    const error = await rejection(
      escalateEscalation(db, teacher, raised.id, { expectedVersion: withdrawn.version, reason: "Try again." }, deps),
      PreconditionError,
    );
    expect(error.message).toContain("has been withdrawn");
    // A comment is still possible, and may correct an earlier event without changing it.
    await addComment(
      db,
      teacher,
      raised.id,
      { expectedVersion: withdrawn.version, text: "The reason should read: reopened on 5 January.", correctsEventId: view.history.at(-1)?.id },
      deps,
    );
    const after = await getEscalation(db, teacher, raised.id, deps);
    expect(after.history.at(-2)?.correctedBy).toEqual([after.history.at(-1)?.id]);
  });

  it("is resolved with two agreed actions, one of them completed later", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    const social = await actorFor(db, "social-worker", "torbay");
    const teamManager = await actorFor(db, "team-manager", "torbay");
    const raised = await raiseTorbayDispute(db, deps);
    let v = (await recordDiscussion(db, teacher, raised.id, discussion(raised.version, clock.now().toISOString()), deps)).version;
    v = (await completeForm(db, social, raised.id, { expectedVersion: v, formId: "record-of-escalation", sentTo: ["Both agencies' records"] }, deps)).version;
    const resolved = await resolveEscalation(
      db,
      social,
      raised.id,
      {
        expectedVersion: v,
        outcome: "Social care agreed to reopen the referral and hold a strategy discussion.",
        actions: [
          { description: "Reopen the referral.", ownerName: "Sam Riley", ownerUserId: social.userId, dueDate: "2026-01-06" },
          { description: "Hold a strategy discussion with the school.", ownerName: "Grace Adeyemi", ownerUserId: teamManager.userId, dueDate: "2026-01-09" },
        ],
        confirmations: {
          raising: { method: "phone", confirmedBy: "Priya Shah" },
          responding: { method: "email", confirmedBy: "Sam Riley", note: "Email of 5 January." },
        },
      },
      deps,
    );
    expect(resolved.events.map((e) => e.type)).toEqual(["action_added", "action_added", "resolved"]);
    let view = await getEscalation(db, teacher, raised.id, deps);
    expect(view.record).toMatchObject({ status: "resolved", outcome: "Social care agreed to reopen the referral and hold a strategy discussion." });
    expect(view.actions.map((a) => [a.description, a.dueDate, a.doneAt])).toEqual([
      ["Reopen the referral.", "2026-01-06", null],
      ["Hold a strategy discussion with the school.", "2026-01-09", null],
    ]);
    const resolvedEvent = view.history.find((e) => e.type === "resolved");
    expect(resolvedEvent?.payload).toMatchObject({ actionIds: view.actions.map((a) => a.id) });

    // The team manager is not otherwise on the dispute, but the action is theirs to complete.
    const strategy = view.actions[1]!;
    const managerView = await getEscalation(db, teamManager, raised.id, deps);
    expect(managerView.availableActions).toContainEqual({ action: "complete_agreed_action", actionIds: [view.actions[0]!.id, strategy.id] });
    clock.advanceHours(48);
    await completeAgreedAction(db, teamManager, raised.id, { expectedVersion: resolved.version, actionId: strategy.id, note: "Held on 7 January." }, deps);
    view = await getEscalation(db, teacher, raised.id, deps);
    expect(view.actions.find((a) => a.id === strategy.id)?.doneAt?.toISOString()).toBe(clock.now().toISOString());
    expect(view.actions.find((a) => a.id !== strategy.id)?.doneAt).toBeNull();
    await rejection(completeAgreedAction(db, teamManager, raised.id, { expectedVersion: view.record.version, actionId: strategy.id }, deps), PreconditionError);
    // Agreed actions may also be added while it is open.
    const other = await raiseTorbayDispute(db, deps);
    await addAgreedAction(
      db,
      teacher,
      other.id,
      { expectedVersion: other.version, description: "Share the safeguarding log.", ownerName: "Priya Shah", dueDate: "2026-01-20" },
      deps,
    );
  });

  it("stops a deadline counting once what meets it is recorded: the Isle of Man's Board referral form", async () => {
    clock.set("2026-06-01T09:00:00Z"); // Monday 1 June, 10am on the island
    const teacher = await actorFor(db, "teacher", "isle-of-man");
    const raised = await raiseEscalation(db, teacher, raiseInput(await agencyId(db, "isle-of-man", "csc"), { areas: ["referral-threshold"] }), deps);
    const expedited = await expediteEscalation(
      db,
      teacher,
      raised.id,
      { expectedVersion: raised.version, toStageKey: "stage-4", grounds: "The discussions raise a significant policy issue." },
      deps,
    );
    let view = await getEscalation(db, teacher, raised.id, deps);
    expect(view.deadlines[0]).toMatchObject({ deadlineId: "stage-4-referral", status: "due" });
    expect(view.record.nextDueAt?.toISOString()).toBe("2026-06-09T16:00:00.000Z"); // 5 working days, the TT holiday skipped

    clock.set("2026-06-03T13:00:00Z");
    await completeForm(
      db,
      teacher,
      raised.id,
      { expectedVersion: expedited.version, formId: "escalation-referral-form", sentTo: ["safeguardingboard.co@gov.im"] },
      deps,
    );
    view = await getEscalation(db, teacher, raised.id, deps);
    expect(view.deadlines[0]).toMatchObject({ deadlineId: "stage-4-referral", status: "met" });
    expect(view.deadlines[0]!.explanation).toMatch(
      /Met: the Resolving Professional Differences Escalation Referral Form was recorded as completed at 2pm on Wednesday 3 June 2026\.$/,
    );
    // While the Board considers it, nothing makes it overdue, so it leaves the overdue lists.
    expect(view.record.nextDueAt).toBeNull();
    clock.set("2026-06-15T09:00:00Z");
    const overdue = await listEscalations(db, teacher, { overdue: true, limit: 100 }, deps);
    expect(overdue.items.map((i) => i.id)).not.toContain(raised.id);
  });

  it("lets the owner of an agreed action open the dispute and mark it done, though nothing else puts them on it", async () => {
    clock.set("2026-01-12T09:00:00Z");
    const teacher = await actorFor(db, "teacher", "torbay");
    const police = await actorFor(db, "police-officer", "torbay"); // a third agency's practitioner
    const raised = await raiseTorbayDispute(db, deps);
    await rejection(getEscalation(db, police, raised.id, deps), NotFoundError);
    const added = await addAgreedAction(
      db,
      teacher,
      raised.id,
      {
        expectedVersion: raised.version,
        description: "Share the police log with the school.",
        ownerName: "DC Jamie Fraser",
        ownerUserId: police.userId,
        dueDate: "2026-01-20",
      },
      deps,
    );
    const view = await getEscalation(db, police, raised.id, deps);
    expect(view.access).toBe("participant");
    expect(view.availableActions.map((a) => a.action)).toEqual(["comment", "complete_agreed_action"]);
    const listed = await listEscalations(db, police, { limit: 100 }, deps);
    expect(listed.items.map((i) => i.id)).toContain(raised.id);
    await completeAgreedAction(db, police, raised.id, { expectedVersion: added.version, actionId: view.actions[0]!.id }, deps);
    expect((await getEscalation(db, teacher, raised.id, deps)).actions[0]!.doneAt).not.toBeNull();
  });

  it("records milestones a deadline counts from, and corrections of them (Eastmoor)", async () => {
    clock.set("2026-02-02T09:00:00Z"); // Monday
    const teacher = await actorFor(db, "teacher", "eastmoor");
    const raised = await raiseEscalation(db, teacher, raiseInput(await agencyId(db, "eastmoor", "csc"), { areas: ["referral-threshold"] }), deps);
    let view = await getEscalation(db, teacher, raised.id, deps);
    expect(view.record.nextDueAt).toBeNull(); // 24 hours from reporting to line managers: not yet
    expect(view.deadlines[0]).toMatchObject({ deadlineId: "line-managers-contact", status: "awaiting-event" });
    clock.set("2026-02-03T10:00:00Z");
    // An event only a later stage counts from would anchor nothing here: refused, saying what can be recorded.
    const early = await rejection(
      recordMilestone(db, teacher, raised.id, { expectedVersion: raised.version, milestoneId: "second-tier-unresolved", occurredAt: "2026-02-03T09:00" }, deps),
      ValidationError,
    );
    expect(early.fields.milestoneId).toMatch(
      /^No deadline at this stage counts from, or is met by, the disagreement remaining after second tier management has considered it.*"reported-to-line-managers"/,
    );
    const recorded = await recordMilestone(
      db,
      teacher,
      raised.id,
      { expectedVersion: raised.version, milestoneId: "reported-to-line-managers", occurredAt: "2026-02-03T09:00" },
      deps,
    );
    view = await getEscalation(db, teacher, raised.id, deps);
    expect(view.record.nextDueAt?.toISOString()).toBe("2026-02-04T09:00:00.000Z");
    await recordMilestone(
      db,
      teacher,
      raised.id,
      { expectedVersion: recorded.version, milestoneId: "reported-to-line-managers", occurredAt: "2026-02-03T08:15", correctsEventId: recorded.events[0]!.id },
      deps,
    );
    view = await getEscalation(db, teacher, raised.id, deps);
    expect(view.record.nextDueAt?.toISOString()).toBe("2026-02-04T08:15:00.000Z");
    expect(view.history.find((e) => e.id === recorded.events[0]!.id)?.correctedBy).toHaveLength(1);
  });

  it("lets exactly one of two concurrent escalations through", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    const raised = await raiseTorbayDispute(db, deps);
    const v = (await recordDiscussion(db, teacher, raised.id, discussion(raised.version, clock.now().toISOString()), deps)).version;
    const attempt = () => escalateEscalation(db, teacher, raised.id, { expectedVersion: v, reason: "Still unresolved." }, deps);
    const results = await Promise.allSettled([attempt(), attempt()]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(failed).toHaveLength(1);
    expect(failed[0]?.reason).toBeInstanceOf(ConflictError);
    expect((failed[0]?.reason as Error).message).toMatch(/Reload the page/);
    const view = await getEscalation(db, teacher, raised.id, deps);
    expect(view.history.filter((e) => e.type === "escalated")).toHaveLength(1);
    expect(view.record.version).toBe(v + 1);
    expect(await eventCount(db, raised.id)).toBe(v + 1);
    // A stale version is refused up front too.
    await rejection(addComment(db, teacher, raised.id, { expectedVersion: v, text: "Late." }, deps), ConflictError);
  });

  it("stores only payloads that parse with their type's schema", async () => {
    const rows = await asSystem(db, (tx) => tx.escalationEvent.findMany());
    expect(rows.length).toBeGreaterThan(30);
    for (const row of rows) expect(() => eventFromRow(row)).not.toThrow();
  });
});
