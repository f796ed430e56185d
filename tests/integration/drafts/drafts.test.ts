import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../lib/auth/actor";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import { deleteDraft, loadDraft, raiseFromDraft, saveDraftStep, toRaiseInput, type RaiseStep } from "../../../lib/drafts";
import { getEscalation, PreconditionError, ValidationError } from "../../../lib/escalations";
import { partnershipDirectory } from "../../../lib/escalations/directory";
import { PolicyRegistry } from "../../../lib/policy/registry";
import { TestClock, actorFor, agencyId, depsWith, policies, rejection } from "../../support/escalations";
import { withTestDatabase } from "../../support/test-database";

describe("escalation drafts", () => {
  let db: Database;
  const clock = new TestClock("2026-06-04T08:00:00Z"); // 9am, Thursday 4 June 2026
  const deps = depsWith(clock);
  let teacher: Actor;
  let manager: Actor;
  let social: Actor;
  let csc: string;
  let school: string;
  let police: string;

  withTestDatabase({}, (opened) => (db = opened));
  beforeAll(async () => {
    teacher = await actorFor(db, "teacher", "torbay");
    manager = await actorFor(db, "school-manager", "torbay");
    social = await actorFor(db, "social-worker", "torbay");
    csc = await agencyId(db, "torbay", "csc");
    school = await agencyId(db, "torbay", "school");
    police = await agencyId(db, "torbay", "police");
  });

  const save = (actor: Actor, step: RaiseStep, input: unknown) => saveDraftStep(db, actor, step, input, deps);

  /** Every step of a Torbay disagreement with children's social care. */
  async function fillIn(actor: Actor) {
    await save(actor, "start", { immediateRisk: false });
    await save(actor, "process", { scopeConfirmed: true });
    await save(actor, "agency", { respondingAgencyId: csc });
    await save(actor, "person", { respondingPerson: "Sam Riley, social worker", respondingUserId: social.userId });
    await save(actor, "subjects", {
      subjects: [{ kind: "child", initials: "js", yearOfBirth: 2016, caseReferences: [{ agencyId: school, reference: "PCPS-1" }] }],
    });
    await save(actor, "areas", { areas: ["levels-of-need"] });
    await save(actor, "decision", { decisionDisputed: "Closed with no further action.", whyUnsafe: "Left alone overnight." });
    await save(actor, "evidence", { evidenceSummary: "Two disclosures." });
    return save(actor, "outcome", { outcomeSought: "An assessment.", timescaleSought: "" });
  }

  it("creates the draft on the first step and keeps each step's answers, checked and tidied", async () => {
    expect(await loadDraft(db, teacher)).toBeNull();
    const draft = await fillIn(teacher);
    expect(draft.answers).toEqual({
      immediateRisk: false,
      scopeConfirmed: true,
      respondingAgencyId: csc,
      respondingPerson: "Sam Riley, social worker",
      respondingUserId: social.userId,
      subjects: [{ kind: "child", initials: "JS", yearOfBirth: 2016, caseReferences: [{ agencyId: school, reference: "PCPS-1" }] }],
      areas: ["levels-of-need"],
      decisionDisputed: "Closed with no further action.",
      whyUnsafe: "Left alone overnight.",
      evidenceSummary: "Two disclosures.",
      outcomeSought: "An assessment.",
    });
    expect((await loadDraft(db, teacher))?.answers).toEqual(draft.answers);
    expect(await asSystem(db, (tx) => tx.escalationDraft.count({ where: { userId: teacher.userId } }))).toBe(1);
  });

  it("saves nothing from a step with a wrong answer, and says what is wrong with the use case's field paths", async () => {
    const before = await loadDraft(db, teacher);
    const empty = await rejection(save(teacher, "decision", { decisionDisputed: undefined, whyUnsafe: "  " }), ValidationError);
    expect(empty.fields).toEqual({ decisionDisputed: "Enter the decision you disagree with.", whyUnsafe: "Enter why you think the decision is unsafe." });
    const own = await rejection(save(teacher, "agency", { respondingAgencyId: school }), ValidationError);
    expect(own.fields.respondingAgencyId).toMatch(/^Choose another agency/);
    const year = await rejection(
      save(teacher, "subjects", { subjects: [{ kind: "child", initials: "JS", yearOfBirth: 1990, caseReferences: [] }] }),
      ValidationError,
    );
    expect(year.fields).toEqual({ "subjects.0.yearOfBirth": "Enter a year of birth between 2001 and 2027 for a child." });
    const adult = await rejection(
      save(teacher, "subjects", { subjects: [{ kind: "adult", initials: "JS", yearOfBirth: 1980, caseReferences: [] }] }),
      ValidationError,
    );
    expect(adult.fields["subjects.0.kind"]).toMatch(/covers children only/);
    const other = await rejection(save(teacher, "areas", { areas: ["other"] }), ValidationError);
    expect(other.fields).toEqual({ areaOther: "Describe the other area of disagreement." });
    const unknown = await rejection(save(teacher, "areas", { areas: ["levels-of-need", "astrology"] }), ValidationError);
    expect(Object.keys(unknown.fields)).toEqual(["areas.1"]);
    const person = await rejection(save(teacher, "person", { respondingPerson: "Tom", respondingUserId: manager.userId }), ValidationError);
    expect(person.fields.respondingUserId).toMatch(/works for the agency you chose/);
    const scope = await rejection(save(teacher, "process", {}), ValidationError);
    expect(scope.fields.scopeConfirmed).toMatch(/^Confirm that this is a disagreement/);
    const risk = await rejection(save(teacher, "emergency", { immediateRiskNote: "" }), ValidationError);
    expect(risk.fields.immediateRiskNote).toMatch(/^Say what you have done about the immediate risk/);
    expect(await loadDraft(db, teacher)).toEqual(before);
  });

  it("drops later answers that no longer fit: a person of another agency, and the urgent details when there is no risk", async () => {
    await save(manager, "start", { immediateRisk: true });
    await save(manager, "emergency", { immediateRiskNote: "Called the police." });
    await save(manager, "agency", { respondingAgencyId: csc });
    await save(manager, "person", { respondingPerson: "Sam Riley", respondingUserId: social.userId });
    await save(manager, "subjects", {
      subjects: [
        {
          kind: "child",
          initials: "AB",
          yearOfBirth: 2014,
          caseReferences: [
            { agencyId: csc, reference: "C-1" },
            { agencyId: school, reference: "S-1" },
          ],
        },
      ],
    });
    const urgent = await save(manager, "urgent", { urgent: { grounds: "Risk tonight.", startAtStageKey: "stage-3" } });
    expect(urgent.answers).toMatchObject({ urgentGrounds: "Risk tonight.", startAtStageKey: "stage-3" });
    await rejection(save(manager, "urgent", { urgent: { grounds: "Risk.", startAtStageKey: "stage-9" } }), ValidationError);

    const moved = await save(manager, "agency", { respondingAgencyId: police });
    expect(moved.answers.respondingUserId).toBeUndefined();
    expect(moved.answers.subjects?.[0]?.caseReferences).toEqual([{ agencyId: school, reference: "S-1" }]);

    const calm = await save(manager, "start", { immediateRisk: false });
    expect(calm.answers).not.toHaveProperty("immediateRiskNote");
    expect(calm.answers).not.toHaveProperty("urgentGrounds");
    expect(calm.answers).not.toHaveProperty("startAtStageKey");
  });

  it("is seen only by its author", async () => {
    expect(await loadDraft(db, social)).toBeNull();
    const inOtherPartnership = await asSystem(db, (tx) => tx.escalationDraft.findMany({ where: { userId: teacher.userId } }));
    expect(inOtherPartnership.map((d) => d.partnershipId)).toEqual(["torbay"]);
    // Another user's scope sees no row, even asking for it by user id.
    const { inPartnership } = await import("../../../lib/db/scope");
    const seen = await inPartnership(db, social, (tx) => tx.escalationDraft.findMany({ where: { userId: teacher.userId } }));
    expect(seen).toEqual([]);
  });

  it("keeps the draft when raising fails, and deletes it once the dispute is raised", async () => {
    await deleteDraft(db, social);
    await save(social, "start", { immediateRisk: false });
    const incomplete = await rejection(raiseFromDraft(db, social, deps), ValidationError);
    expect(Object.keys(incomplete.fields)).toEqual(expect.arrayContaining(["respondingAgencyId", "subjects", "decisionDisputed"]));
    expect(await loadDraft(db, social)).not.toBeNull();

    const result = await raiseFromDraft(db, teacher, deps);
    expect(result.reference).toMatch(/^TSCP-2026-\d{4}$/);
    expect(await loadDraft(db, teacher)).toBeNull();
    const view = await getEscalation(db, teacher, result.id, deps);
    expect(view.record).toMatchObject({ respondingAgencyId: csc, respondingOwnerId: social.userId, raisingOwnerId: teacher.userId, stageKey: "stage-1" });
  });

  it("raises an urgent dispute at the stage chosen, with the grounds", async () => {
    await deleteDraft(db, manager);
    await save(manager, "start", { immediateRisk: true });
    await save(manager, "emergency", { immediateRiskNote: "Called the police at 8:40am." });
    await save(manager, "process", { scopeConfirmed: true });
    await save(manager, "agency", { respondingAgencyId: csc });
    await save(manager, "person", { respondingPerson: "Grace Adeyemi, team manager" });
    await save(manager, "subjects", { subjects: [{ kind: "child", initials: "AB", yearOfBirth: 2014, caseReferences: [] }] });
    await save(manager, "areas", { areas: ["need-for-action"] });
    await save(manager, "decision", { decisionDisputed: "No strategy discussion.", whyUnsafe: "Injuries." });
    await save(manager, "evidence", { evidenceSummary: "Photographs on file." });
    await save(manager, "outcome", { outcomeSought: "A strategy discussion today." });
    const draft = await save(manager, "urgent", { urgent: { grounds: "Injuries seen this morning.", startAtStageKey: "stage-2" } });
    expect(toRaiseInput(draft.answers)).toMatchObject({
      immediateRisk: true,
      immediateRiskNote: "Called the police at 8:40am.",
      urgent: { grounds: "Injuries seen this morning.", startAtStageKey: "stage-2" },
    });
    const result = await raiseFromDraft(db, manager, deps);
    const view = await getEscalation(db, manager, result.id, deps);
    expect(view.record).toMatchObject({ urgent: true, stageKey: "stage-2", immediateRisk: true });
  });

  it("raises once when the same draft is submitted twice at the same time", async () => {
    await deleteDraft(db, manager);
    await save(manager, "start", { immediateRisk: false });
    await save(manager, "process", { scopeConfirmed: true });
    await save(manager, "agency", { respondingAgencyId: csc });
    await save(manager, "person", { respondingPerson: "Grace Adeyemi, team manager" });
    await save(manager, "subjects", { subjects: [{ kind: "child", initials: "CD", yearOfBirth: 2015, caseReferences: [] }] });
    await save(manager, "areas", { areas: ["need-for-action"] });
    await save(manager, "decision", { decisionDisputed: "Case closed after one visit.", whyUnsafe: "New bruising reported." });
    await save(manager, "evidence", { evidenceSummary: "School log." });
    await save(manager, "outcome", { outcomeSought: "The case reopened." });
    const raisedBefore = await asSystem(db, (tx) => tx.escalation.count({ where: { raisedById: manager.userId } }));

    const [first, second] = await Promise.allSettled([raiseFromDraft(db, manager, deps), raiseFromDraft(db, manager, deps)]);
    const outcomes = [first, second].map((o) => o.status).sort();
    expect(outcomes).toEqual(["fulfilled", "rejected"]);
    const refused = [first, second].find((o): o is PromiseRejectedResult => o.status === "rejected")!.reason;
    expect(refused).toBeInstanceOf(PreconditionError);
    expect((refused as Error).message).toBe("This disagreement has already been raised. You will find it on your dashboard.");
    expect(await asSystem(db, (tx) => tx.escalation.count({ where: { raisedById: manager.userId } }))).toBe(raisedBefore + 1);
  });

  it("deletes a draft on Start again", async () => {
    await save(teacher, "start", { immediateRisk: false });
    await deleteDraft(db, teacher);
    expect(await loadDraft(db, teacher)).toBeNull();
    await deleteDraft(db, teacher); // nothing to delete: still fine
  });

  it("refuses when the partnership has no policy in force", async () => {
    const empty = new PolicyRegistry({ policies: [], calendars: new Map() });
    await rejection(saveDraftStep(db, teacher, "start", { immediateRisk: false }, { policies: empty, now: clock.now }), PreconditionError);
  });

  it("lists the partnership's agencies and active members only", async () => {
    const directory = await partnershipDirectory(db, teacher);
    expect(directory.agencies.map((a) => a.name)).toContain("Torbay Council Children's Services");
    expect(directory.agencies.every((a) => !a.name.startsWith("Westbridge"))).toBe(true);
    expect(directory.members.find((m) => m.userId === social.userId)).toEqual({
      userId: social.userId,
      name: "Sam Riley",
      agencyId: csc,
      roles: ["practitioner"],
      jobTitle: "Social Worker",
    });
    const names = directory.members.map((m) => m.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en-GB")));
    expect(names).toContain("Sergeant Lee Carter");
    await asSystem(db, (tx) => tx.user.update({ where: { id: manager.userId }, data: { active: false } }));
    expect((await partnershipDirectory(db, teacher)).members.some((m) => m.userId === manager.userId)).toBe(false);
    await asSystem(db, (tx) => tx.user.update({ where: { id: manager.userId }, data: { active: true } }));
    // Their membership here ended, though their account is active (another partnership): not offered here.
    const membership = { userId_partnershipId: { userId: manager.userId, partnershipId: "torbay" } };
    await asSystem(db, (tx) => tx.membership.update({ where: membership, data: { deactivatedAt: clock.now() } }));
    expect((await partnershipDirectory(db, teacher)).members.some((m) => m.userId === manager.userId)).toBe(false);
    await asSystem(db, (tx) => tx.membership.update({ where: membership, data: { deactivatedAt: null } }));
    expect(policies().get("torbay")).toBeDefined();
  });
});
