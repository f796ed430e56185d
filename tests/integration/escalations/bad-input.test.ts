import { describe, expect, it } from "vitest";
import type { Database } from "../../../lib/db/connect";
import { asSystem, inPartnership } from "../../../lib/db/scope";
import {
  ConflictError,
  ForbiddenError,
  LIMITS,
  NotFoundError,
  PreconditionError,
  ValidationError,
  addComment,
  assignOwner,
  completeForm,
  escalateEscalation,
  expediteEscalation,
  getEscalation,
  raiseEscalation,
  recordDiscussion,
  recordMilestone,
  resolveEscalation,
  setDeadline,
} from "../../../lib/escalations";
import { loadEscalation, placeEvents, commitEvents } from "../../../lib/escalations/store";
import { TestClock, actorFor, agencyId, depsWith, discussion, eventCount, raiseInput, raiseTorbayDispute, rejection } from "../../support/escalations";
import { withTestDatabase } from "../../support/test-database";

describe("bad input and refusals write nothing", () => {
  let db: Database;
  const clock = new TestClock("2026-03-02T09:00:00Z");
  const deps = depsWith(clock);

  withTestDatabase({ disputes: false }, (opened) => (db = opened));

  /** Runs `attempt`, expects the error, and checks that no event was written anywhere. */
  async function refused<E extends Error>(attempt: () => Promise<unknown>, kind: abstract new (...args: never[]) => E): Promise<E> {
    const before = await eventCount(db);
    const escalations = await asSystem(db, (tx) => tx.escalation.count());
    const error = await rejection(attempt(), kind as never);
    expect(await eventCount(db)).toBe(before);
    expect(await asSystem(db, (tx) => tx.escalation.count())).toBe(escalations);
    return error as unknown as E;
  }

  it("rejects an unknown stage, with the field that names it", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    const raised = await raiseTorbayDispute(db, deps);
    const v = (await recordDiscussion(db, teacher, raised.id, discussion(raised.version, "2026-03-02T08:30"), deps)).version;
    let error = await refused(
      () => escalateEscalation(db, teacher, raised.id, { expectedVersion: v, reason: "Up.", toStageKey: "stage-9" }, deps),
      ValidationError,
    );
    expect(error.fields).toHaveProperty("toStageKey");
    expect(error.fields.toStageKey).toMatch(/no stage "stage-9"/);
    error = await refused(
      () => expediteEscalation(db, teacher, raised.id, { expectedVersion: v, grounds: "Risk.", toStageKey: "nowhere" }, deps),
      ValidationError,
    );
    expect(Object.keys(error.fields)).toEqual(["toStageKey"]);
    error = await refused(() => raiseTorbayDispute(db, deps, { urgent: { grounds: "Risk.", startAtStageKey: "stage-6" } }), ValidationError);
    expect(Object.keys(error.fields)).toEqual(["urgent.startAtStageKey"]);
    error = await refused(() => completeForm(db, teacher, raised.id, { expectedVersion: v, formId: "no-such-form" }, deps), ValidationError);
    expect(Object.keys(error.fields)).toEqual(["formId"]);
    error = await refused(
      () =>
        escalateEscalation(
          db,
          teacher,
          raised.id,
          { expectedVersion: v, reason: "Up.", formsOnEntry: [{ formId: "record-of-escalation" }, { formId: "made-up" }] },
          deps,
        ),
      ValidationError,
    );
    expect(Object.keys(error.fields)).toEqual(["formsOnEntry.1.formId"]);
  });

  it("says what the policy needs first before escalating", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    const raised = await raiseTorbayDispute(db, deps);
    const error = await refused(() => escalateEscalation(db, teacher, raised.id, { expectedVersion: raised.version, reason: "Up." }, deps), PreconditionError);
    expect(error.message).toMatch(/^Record a discussion at stage 1 before escalating/);
  });

  it("refuses to escalate past the last stage", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    const director = await actorFor(db, "director", "torbay");
    const raised = await raiseTorbayDispute(db, deps, { urgent: { grounds: "Immediate harm.", startAtStageKey: "stage-5" } });
    const view = await getEscalation(db, director, raised.id, deps);
    expect(view.record.stageKey).toBe("stage-5");
    expect(view.availableActions.map((a) => a.action)).not.toContain("escalate");
    const error = await refused(
      () => escalateEscalation(db, director, raised.id, { expectedVersion: view.record.version, reason: "Higher." }, deps),
      PreconditionError,
    );
    expect(error.message).toContain("the last stage of the policy");
    // The teacher raised it but owns nothing at stage 5: not theirs to escalate.
    await refused(() => escalateEscalation(db, teacher, raised.id, { expectedVersion: view.record.version, reason: "Higher." }, deps), ForbiddenError);
  });

  it("refuses to resolve without an outcome, or with an action lacking an owner or a date", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    const raised = await raiseTorbayDispute(db, deps);
    const confirmations = { raising: { method: "phone", confirmedBy: "Priya Shah" }, responding: { method: "phone", confirmedBy: "Sam Riley" } };
    let error = await refused(() => resolveEscalation(db, teacher, raised.id, { expectedVersion: raised.version, confirmations }, deps), ValidationError);
    expect(error.fields).toEqual({ outcome: "Enter the outcome: what was decided and why." });
    error = await refused(
      () => resolveEscalation(db, teacher, raised.id, { expectedVersion: raised.version, outcome: "   ", confirmations }, deps),
      ValidationError,
    );
    expect(Object.keys(error.fields)).toEqual(["outcome"]);
    error = await refused(
      () =>
        resolveEscalation(
          db,
          teacher,
          raised.id,
          { expectedVersion: raised.version, outcome: "Agreed.", confirmations: { raising: confirmations.raising }, actions: [{ description: "Do it." }] },
          deps,
        ),
      ValidationError,
    );
    expect(Object.keys(error.fields).sort()).toEqual(["actions.0.dueDate", "actions.0.ownerName", "confirmations.responding"]);
    error = await refused(
      () =>
        resolveEscalation(
          db,
          teacher,
          raised.id,
          { expectedVersion: raised.version, outcome: "Agreed.", confirmations, actions: [{ description: "Do it.", ownerName: "Sam", dueDate: "2026-02-01" }] },
          deps,
        ),
      ValidationError,
    );
    expect(error.fields).toEqual({ "actions.0.dueDate": "Date the action is due must be today or in the future." });
  });

  it("rejects text over the limit, and fields that are not expected", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    const raised = await raiseTorbayDispute(db, deps);
    let error = await refused(
      () =>
        recordDiscussion(
          db,
          teacher,
          raised.id,
          discussion(raised.version, "2026-03-02T08:30", { said: "x".repeat(LIMITS.long + 1), with: "y".repeat(LIMITS.short + 1) }),
          deps,
        ),
      ValidationError,
    );
    expect(error.fields).toEqual({ with: "This must be 200 characters or fewer.", said: "This must be 5,000 characters or fewer." });
    error = await refused(
      () => addComment(db, teacher, raised.id, { expectedVersion: raised.version, text: "Hi", actorId: teacher.userId }, deps),
      ValidationError,
    );
    expect(error.fields).toEqual({ actorId: "This field is not expected here; remove it." });
    error = await refused(() => recordDiscussion(db, teacher, raised.id, discussion(raised.version, "2027-01-01T09:00"), deps), ValidationError);
    expect(Object.keys(error.fields)).toEqual(["occurredAt"]);
  });

  it("checks what a raise names against the policy and the partnership", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    const csc = await agencyId(db, "torbay", "csc");
    const school = await agencyId(db, "torbay", "school");
    const manx = await agencyId(db, "isle-of-man", "csc");
    const police = await actorFor(db, "police-officer", "torbay");
    const cases: [Record<string, unknown>, string[]][] = [
      [{ subjects: [] }, ["subjects"]],
      [{ subjects: [{ kind: "adult", initials: "AB", yearOfBirth: 1980, caseReferences: [] }] }, ["subjects.0.kind"]],
      [{ subjects: [{ kind: "child", initials: "A.B.", yearOfBirth: 1990, caseReferences: [] }] }, ["subjects.0.initials"]],
      [{ subjects: [{ kind: "child", initials: "AB", yearOfBirth: 1990, caseReferences: [] }] }, ["subjects.0.yearOfBirth"]],
      [
        { subjects: [{ kind: "child", initials: "AB", yearOfBirth: 2015, caseReferences: [{ agencyId: manx, reference: "X1" }] }] },
        ["subjects.0.caseReferences.0.agencyId"],
      ],
      [{ areas: ["not-an-area"] }, ["areas.0"]],
      [{ areas: ["other"] }, ["areaOther"]],
      [{ immediateRisk: true }, ["immediateRiskNote"]],
      [{ respondingAgencyId: school }, ["respondingAgencyId"]],
      [{ respondingAgencyId: manx }, ["respondingAgencyId"]],
      [{ respondingUserId: police.userId }, ["respondingUserId"]],
      [{ routeId: "general" }, ["routeId"]],
      [{ whyUnsafe: "z".repeat(LIMITS.long + 1) }, ["whyUnsafe"]],
    ];
    for (const [overrides, fields] of cases) {
      const error = await refused(
        () => raiseEscalation(db, teacher, { ...raiseInput(csc, { areas: ["levels-of-need"] }), ...overrides }, deps),
        ValidationError,
      );
      expect(Object.keys(error.fields), JSON.stringify(overrides)).toEqual(fields);
    }
    // The Isle of Man policy covers adults.
    const manxWorker = await actorFor(db, "adult-social-worker", "isle-of-man");
    const manxHealth = await agencyId(db, "isle-of-man", "health");
    const adult = await raiseEscalation(
      db,
      manxWorker,
      raiseInput(manxHealth, {
        areas: ["perceived-risk"],
        subjects: [{ kind: "adult", initials: "MQ", yearOfBirth: 1950, caseReferences: [{ agencyId: manxHealth, reference: "MC-99812" }] }],
      }),
      deps,
    );
    expect(adult.reference).toMatch(/^IOMSB-2026-\d{4}$/);
  });

  it("keeps a dispute between two agencies in the database too, which the lists rely on", async () => {
    const raised = await raiseTorbayDispute(db, deps);
    const row = await asSystem(db, (tx) => tx.escalation.findUniqueOrThrow({ where: { id: raised.id } }));
    await expect(asSystem(db, (tx) => tx.escalation.update({ where: { id: raised.id }, data: { respondingAgencyId: row.raisingAgencyId } }))).rejects.toThrow(
      /Escalation_agencies_differ/,
    );
    expect((await asSystem(db, (tx) => tx.escalation.findUniqueOrThrow({ where: { id: raised.id } }))).respondingAgencyId).toBe(row.respondingAgencyId);
  });

  it("answers NotFound for a dispute of another partnership, and for ids that do not exist", async () => {
    const raised = await raiseTorbayDispute(db, deps);
    const manxTeacher = await actorFor(db, "teacher", "isle-of-man");
    await refused(() => addComment(db, manxTeacher, raised.id, { expectedVersion: raised.version, text: "Hello" }, deps), NotFoundError);
    await refused(() => getEscalation(db, manxTeacher, raised.id, deps), NotFoundError);
    const teacher = await actorFor(db, "teacher", "torbay");
    await refused(() => addComment(db, teacher, "0195d1c2-0000-7000-8000-000000000000", { expectedVersion: 1, text: "Hello" }, deps), NotFoundError);
    await refused(() => getEscalation(db, teacher, "not-a-uuid", deps), NotFoundError);
    // Even the shared police officer, a member of Torbay and Westbridge, sees nothing of it from Westbridge.
    const shared = await actorFor(db, "shared-police@parley.example", "westbridge");
    await refused(() => getEscalation(db, shared, raised.id, deps), NotFoundError);
  });

  it("refuses owners who do not fit the side or the level, unless marked as a proxy", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    const schoolManager = await actorFor(db, "school-manager", "torbay");
    const social = await actorFor(db, "social-worker", "torbay");
    const raised = await raiseTorbayDispute(db, deps);
    const v = (await recordDiscussion(db, teacher, raised.id, discussion(raised.version, "2026-03-02T08:30"), deps)).version;
    let error = await refused(
      () => escalateEscalation(db, teacher, raised.id, { expectedVersion: v, reason: "Up.", owners: { raising: { userId: social.userId } } }, deps),
      ValidationError,
    );
    expect(error.fields["owners.raising.userId"]).toMatch(/does not work for Paignton Community Primary School/);
    error = await refused(
      () => escalateEscalation(db, teacher, raised.id, { expectedVersion: v, reason: "Up.", owners: { raising: { userId: teacher.userId } } }, deps),
      ValidationError,
    );
    expect(error.fields["owners.raising.userId"]).toMatch(/expects a manager on this side/);
    error = await refused(
      () =>
        escalateEscalation(db, teacher, raised.id, { expectedVersion: v, reason: "Up.", owners: { raising: { userId: teacher.userId, proxy: true } } }, deps),
      ValidationError,
    );
    expect(Object.keys(error.fields)).toEqual(["owners.raising.proxyReason"]);
    const up = await escalateEscalation(
      db,
      teacher,
      raised.id,
      {
        expectedVersion: v,
        reason: "Up.",
        owners: { raising: { userId: teacher.userId, proxy: true, proxyReason: "Our manager is the other party's relative." } },
      },
      deps,
    );
    const view = await getEscalation(db, schoolManager, raised.id, deps);
    expect(view.history.find((e) => e.sequence === up.version)?.payload).toMatchObject({ proxy: true, proxyRule: "limited-hierarchy" });
    await refused(
      () => assignOwner(db, social, raised.id, { expectedVersion: up.version, side: "raising", userId: schoolManager.userId }, deps),
      ForbiddenError,
    );
  });

  it("refuses a deadline the policy counts itself, and a milestone the policy does not name", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    const raised = await raiseTorbayDispute(db, deps);
    const error = await refused(
      () => setDeadline(db, teacher, raised.id, { expectedVersion: raised.version, deadlineId: "stages-1-2-response", dueAt: "2026-04-01T17:00" }, deps),
      ValidationError,
    );
    expect(error.fields.deadlineId).toMatch(/counted by the policy/);
    await refused(
      () => recordMilestone(db, teacher, raised.id, { expectedVersion: raised.version, milestoneId: "meeting-held", occurredAt: "2026-03-02T08:00" }, deps),
      PreconditionError,
    );
  });

  it("writes nothing when another writer moved the version after the dispute was loaded", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    const raised = await raiseTorbayDispute(db, deps);
    const before = await eventCount(db, raised.id);
    await expect(
      inPartnership(db, teacher, async (tx) => {
        const loaded = await loadEscalation(tx, teacher, raised.id, deps);
        // Another writer commits in between (simulated in the same transaction).
        await tx.escalation.updateMany({ where: { id: raised.id }, data: { version: { increment: 1 } } });
        const { events, state } = placeEvents(
          loaded.state,
          [{ type: "comment", payload: { text: "Late" } }],
          { at: clock.now(), actorId: teacher.userId, policyVersion: "2024-1" },
          deps,
          loaded,
        );
        await commitEvents(tx, loaded, raised.version, events, state);
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await eventCount(db, raised.id)).toBe(before);
    const stored = await asSystem(db, (tx) => tx.escalation.findUniqueOrThrow({ where: { id: raised.id } }));
    expect(stored.version).toBe(raised.version);
  });
});
