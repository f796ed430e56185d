import path from "node:path";
import { describe, expect, it } from "vitest";
import { NO_REQUEST } from "../../../lib/auth/audit";
import { disputeAuditTrail } from "../../../lib/audit/dispute-trail";
import { loadJurisdictionCalendars } from "../../../lib/calendar/holiday-data";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import { NotFoundError, ValidationError } from "../../../lib/errors";
import { addComment, escalateEscalation, getEscalation, recordDiscussion } from "../../../lib/escalations";
import type { EscalationDeps } from "../../../lib/escalations/deps";
import { moveDisputesToVersion, previewPolicyMoves } from "../../../lib/escalations/move-version";
import { checkMovesAcrossVersions } from "../../../lib/policy/cross-checks";
import { loadPolicyFile } from "../../../lib/policy/load";
import { PolicyRegistry } from "../../../lib/policy/registry";
import { describeHistory } from "../../../lib/views/dispute-history";
import { TestClock, actorFor, discussion, policies, raiseTorbayDispute, rejection } from "../../support/escalations";
import { withTestDatabase } from "../../support/test-database";

/** The real policies, plus a revised Torbay policy in force from 1 April 2026 (tests/fixtures/policies/moves/torbay/2026-1.yaml). */
function withRevisedTorbay(): PolicyRegistry {
  const revised = loadPolicyFile(path.resolve(import.meta.dirname, "../../fixtures/policies/moves/torbay/2026-1.yaml"));
  if (!revised.ok) throw new Error(revised.messages.join("\n"));
  const all = [...policies().all(), revised.policy];
  expect(checkMovesAcrossVersions(revised.policy, all)).toEqual([]);
  return new PolicyRegistry({ policies: all, calendars: loadJurisdictionCalendars(path.resolve(import.meta.dirname, "../../../policies/calendars")) });
}

describe("moving open disputes to a newer policy version", () => {
  let db: Database;
  // Tuesday 31 March 2026, 10am BST: the 2024 policy is in force; Good Friday and Easter Monday are 3 and 6 April.
  const clock = new TestClock("2026-03-31T09:00:00Z");
  const deps: EscalationDeps = { policies: withRevisedTorbay(), now: clock.now };

  withTestDatabase({ disputes: false }, (opened) => (db = opened));

  it("previews each open dispute, moves the chosen ones in one go, and leaves one it cannot move as it was", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    const schoolManager = await actorFor(db, "school-manager", "torbay");
    const teamManager = await actorFor(db, "team-manager", "torbay");
    const headteacher = await actorFor(db, "headteacher", "torbay");
    const headOfService = await actorFor(db, "head-of-service", "torbay");
    const admin = await actorFor(db, "admin", "torbay");
    const otherAdmin = await actorFor(db, "admin", "isle-of-man");

    // A stays at stage 1; B goes to stage 2 (renamed "managers" in 2026-1); C goes to stage 3 (gone in 2026-1).
    const a = await raiseTorbayDispute(db, deps);
    const b = await raiseTorbayDispute(db, deps);
    const c = await raiseTorbayDispute(db, deps);
    const toStage2 = async (id: string, version: number) => {
      const v = (await recordDiscussion(db, teacher, id, discussion(version, "2026-03-31T10:30"), deps)).version;
      return (
        await escalateEscalation(
          db,
          teacher,
          id,
          { expectedVersion: v, reason: "Not resolved.", owners: { raising: { userId: schoolManager.userId }, responding: { userId: teamManager.userId } } },
          deps,
        )
      ).version;
    };
    clock.set("2026-03-31T13:00:00Z"); // 2pm BST
    const bVersion = await toStage2(b.id, b.version);
    let cVersion = await toStage2(c.id, c.version);
    cVersion = (await recordDiscussion(db, schoolManager, c.id, discussion(cVersion, "2026-03-31T13:30", { with: "Grace Adeyemi" }), deps)).version;
    cVersion = (
      await escalateEscalation(
        db,
        schoolManager,
        c.id,
        {
          expectedVersion: cVersion,
          reason: "Stage 2 did not resolve it.",
          owners: { raising: { userId: headteacher.userId }, responding: { userId: headOfService.userId } },
          formsOnEntry: [{ formId: "record-of-escalation" }],
        },
        deps,
      )
    ).version;

    // Wednesday 1 April 2026: the revised policy is in force.
    clock.set("2026-04-01T09:00:00Z");
    const preview = await previewPolicyMoves(db, admin, deps);
    expect(preview.target).toEqual({ version: "2026-1", title: "TSCP Professional Differences (Escalation) Policy, revised", effectiveFrom: "2026-04-01" });
    expect(preview.disputes.map((d) => d.reference)).toEqual([a.reference, b.reference, c.reference]);
    const [pa, pb, pc] = preview.disputes.map((d) => d.plan);

    expect(pa).toMatchObject({
      movable: true,
      from: { version: "2024-1", routeId: "main", stageKey: "stage-1", stage: "Stage 1: Practitioner to practitioner" },
      to: { version: "2026-1", routeId: "main", stageKey: "stage-1", stage: "Stage 1: Practitioner to practitioner" },
      declared: false,
    });
    expect(pa!.before.map((d) => [d.deadlineId, d.dueAt?.toISOString(), d.due])).toEqual([
      ["stages-1-2-response", "2026-04-09T16:00:00.000Z", "by 5pm on Thursday 9 April 2026"],
    ]);
    expect(pa!.movable && pa!.after.map((d) => [d.deadlineId, d.dueAt?.toISOString(), d.due])).toEqual([
      ["stage-1-response", "2026-04-02T16:00:00.000Z", "by 5pm on Thursday 2 April 2026"],
    ]);
    expect(pa!.movable && pa!.after[0]!.explanation).toContain("2 working days from 10am on Tuesday 31 March 2026 (dispute raised)");

    expect(pb).toMatchObject({
      movable: true,
      from: { stageKey: "stage-2", stage: "Stage 2: Manager to manager" },
      to: { stageKey: "managers", stage: "Stage 2: Managers" },
      declared: true,
      note: 'Stage 2 is now called "Managers".',
    });
    // 3 working days from entering stage 2 at 2pm on Tuesday 31 March: across Easter.
    const bAfter = pb!.movable ? pb!.after : [];
    expect(bAfter.map((d) => [d.deadlineId, d.dueAt?.toISOString()])).toEqual([["managers-resolve", "2026-04-07T16:00:00.000Z"]]);
    expect(bAfter[0]!.explanation).toMatch(/Good Friday/);
    expect(bAfter[0]!.explanation).toMatch(/Easter Monday/);

    expect(pc).toMatchObject({ movable: false, from: { stageKey: "stage-3" } });
    expect(!pc!.movable && pc!.reason).toBe(
      'version 2026-1 has no stage "stage-3" in route "main", and its movesFrom does not say where a dispute at that stage of version 2024-1 goes',
    );

    // Another partnership's administrator sees none of them and can move none; a practitioner has no such page.
    expect((await previewPolicyMoves(db, otherAdmin, deps)).disputes).toEqual([]);
    const foreign = await rejection(moveDisputesToVersion(db, otherAdmin, [{ id: a.id, expectedVersion: a.version }], deps, NO_REQUEST), ValidationError);
    expect(foreign.fields).toEqual({ disputes: "Select disputes from the list on this page" });
    await rejection(previewPolicyMoves(db, teacher, deps), NotFoundError);
    await rejection(moveDisputesToVersion(db, teacher, [{ id: a.id, expectedVersion: a.version }], deps, NO_REQUEST), NotFoundError);

    // Choosing nothing, or one that cannot move: nothing is written, and the message names what to fix.
    expect((await rejection(moveDisputesToVersion(db, admin, [], deps, NO_REQUEST), ValidationError)).fields).toEqual({
      disputes: "Select at least one dispute to move",
    });
    const mixed = await rejection(
      moveDisputesToVersion(
        db,
        admin,
        [
          { id: a.id, expectedVersion: a.version },
          { id: c.id, expectedVersion: cVersion },
        ],
        deps,
        NO_REQUEST,
      ),
      ValidationError,
    );
    expect(mixed.fields.disputes).toBe(`${c.reference} cannot be moved: ${!pc!.movable && pc!.reason}`);
    const stale = await rejection(moveDisputesToVersion(db, admin, [{ id: b.id, expectedVersion: bVersion - 1 }], deps, NO_REQUEST), ValidationError);
    expect(stale.fields.disputes).toMatch(/has changed since this page was shown/);
    expect((await getEscalation(db, teacher, a.id, deps)).record).toMatchObject({ policyVersion: "2024-1", version: a.version });
    expect(await asSystem(db, (tx) => tx.auditEvent.count({ where: { type: "policy_version_moved" } }))).toBe(0);

    // Move A and B.
    const moved = await moveDisputesToVersion(
      db,
      admin,
      [
        { id: a.id, expectedVersion: a.version },
        { id: b.id, expectedVersion: bVersion },
      ],
      deps,
      NO_REQUEST,
    );
    expect(moved.map((m) => [m.reference, m.version, m.events.map((e) => e.type)])).toEqual([
      [a.reference, a.version + 1, ["policy_version_changed"]],
      [b.reference, bVersion + 1, ["policy_version_changed"]],
    ]);

    const viewA = await getEscalation(db, teacher, a.id, deps);
    expect(viewA.record).toMatchObject({ policyVersion: "2026-1", routeId: "main", stageKey: "stage-1", stageNumber: 1, version: a.version + 1 });
    expect(viewA.record.nextDueAt?.toISOString()).toBe("2026-04-02T16:00:00.000Z");
    expect(viewA.policy.version).toBe("2026-1");

    const viewB = await getEscalation(db, schoolManager, b.id, deps);
    expect(viewB.record).toMatchObject({
      policyVersion: "2026-1",
      stageKey: "managers",
      stageNumber: 2,
      raisingOwnerId: schoolManager.userId,
      respondingOwnerId: teamManager.userId,
    });
    expect(viewB.record.nextDueAt?.toISOString()).toBe("2026-04-07T16:00:00.000Z");
    expect(viewB.deadlines.map((d) => [d.deadlineId, d.dueAt?.toISOString()])).toEqual([["managers-resolve", "2026-04-07T16:00:00.000Z"]]);
    expect(viewB.ladder.map((s) => [s.key, s.status])).toEqual([
      ["pre-escalation", "before-raising"],
      ["stage-1", "done"],
      ["managers", "current"],
      ["stage-4", "upcoming"],
      ["stage-5", "upcoming"],
    ]);

    // Later events carry the new version and the new stage key; earlier ones keep theirs.
    clock.set("2026-04-01T10:00:00Z");
    await addComment(db, schoolManager, b.id, { expectedVersion: bVersion + 1, text: "Meeting booked." }, deps);
    const history = (await getEscalation(db, schoolManager, b.id, deps)).history;
    expect(history.map((e) => [e.type, e.policyVersion, e.stageKey])).toEqual([
      ["raised", "2024-1", "stage-1"],
      ["owner_assigned", "2024-1", "stage-1"],
      ["owner_assigned", "2024-1", "stage-1"],
      ["discussion_recorded", "2024-1", "stage-1"],
      ["escalated", "2024-1", "stage-1"],
      ["owner_assigned", "2024-1", "stage-2"],
      ["owner_assigned", "2024-1", "stage-2"],
      ["policy_version_changed", "2024-1", "stage-2"],
      ["comment", "2026-1", "managers"],
    ]);
    const change = history.find((e) => e.type === "policy_version_changed");
    expect(change?.payload).toMatchObject({
      from: "2024-1",
      to: "2026-1",
      stageFrom: "stage-2",
      stageTo: "managers",
      stages: { "pre-escalation": "pre-escalation", "stage-1": "stage-1", "stage-2": "managers", "stage-4": "stage-4", "stage-5": "stage-5" },
    });

    // The history in words: who moved it, from and to which version, and each entry's version.
    const policy = deps.policies.get("torbay", "2026-1")!;
    const items = describeHistory(
      history.map((e) => ({ ...e, actorName: e.actorId === admin.userId ? "Kieran Walsh" : "someone", correctedBy: [] })),
      {
        policy,
        routeId: "main",
        people: { [admin.userId]: "Kieran Walsh" },
        agencies: {},
        raisingAgencyId: "",
        respondingAgencyId: "",
        policyFor: (v) => deps.policies.get("torbay", v),
      },
    );
    const movedItem = items.find((i) => i.title.startsWith("Moved"));
    expect(movedItem).toMatchObject({ title: "Moved from version 2024-1 to version 2026-1 by Kieran Walsh", who: "Kieran Walsh", policyVersion: "2024-1" });
    expect(movedItem!.details).toEqual([
      { key: "Stage", value: "Stage 2: Manager to manager (version 2024-1) became Stage 2: Managers (version 2026-1)" },
      { key: "Deadlines before the move", value: "Resolve at stages 1 and 2 (the other party responds): due by 5pm on Thursday 9 April 2026" },
      { key: "Deadlines after the move", value: "The managers resolve it: due by 5pm on Tuesday 7 April 2026" },
    ]);
    expect(items.find((i) => i.title.startsWith("Escalated"))).toMatchObject({
      title: "Escalated from stage 1 to stage 2: Manager to manager",
      policyVersion: "2024-1",
    });
    expect(items.at(-1)).toMatchObject({ title: "Comment", stage: "Stage 2: Managers", policyVersion: "2026-1" });

    // Audited, in the same transaction; C untouched.
    const audits = await asSystem(db, (tx) => tx.auditEvent.findMany({ where: { type: "policy_version_moved" }, orderBy: { at: "asc" } }));
    expect(audits.map((x) => [x.subjectId, x.actorId, x.partnershipId])).toEqual([
      [a.id, admin.userId, "torbay"],
      [b.id, admin.userId, "torbay"],
    ]);
    expect(audits[1]!.details).toMatchObject({
      reference: b.reference,
      from: { version: "2024-1", stageKey: "stage-2" },
      to: { version: "2026-1", stageKey: "managers" },
      deadlinesAfter: [{ deadlineId: "managers-resolve", dueAt: "2026-04-07T16:00:00.000Z" }],
    });
    const viewC = await getEscalation(db, headteacher, c.id, deps);
    expect(viewC.record).toMatchObject({ policyVersion: "2024-1", stageKey: "stage-3", version: cVersion });

    // The audit trail names the move and each stage under its own version.
    const trail = await disputeAuditTrail(db, admin, b.reference, NO_REQUEST, { policies: deps.policies, now: clock.now() });
    const rows = trail.rows.map((r) => [r.what, r.stage]);
    expect(rows).toContainEqual(["Moved from version 2024-1 to version 2026-1 of the policy", "Stage 2: Manager to manager"]);
    expect(rows).toContainEqual(["Comment", "Stage 2: Managers"]);
    expect(rows).toContainEqual(["Moved to a newer policy version by a partnership administrator", "Stage 2: Managers"]);

    // The preview now lists only C.
    expect((await previewPolicyMoves(db, admin, deps)).disputes.map((d) => d.reference)).toEqual([c.reference]);
  });
});
