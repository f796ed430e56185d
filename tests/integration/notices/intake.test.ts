/**
 * No dispute is invisible to the agency it is raised against: a dispute that
 * names nobody there goes to that agency's escalation contacts, who are told,
 * may open it and take it; an agency with nobody on Parley is the business
 * manager's to chase. And what each move of a dispute tells whom.
 */
import { afterAll, describe, expect, it } from "vitest";
import { NO_REQUEST } from "../../../lib/auth/audit";
import type { Database } from "../../../lib/db/connect";
import { addAgencyContact } from "../../../lib/agencies/contacts-admin";
import {
  NotFoundError,
  assignOwner,
  escalateEscalation,
  getEscalation,
  listEscalations,
  raiseEscalation,
  recordDiscussion,
  resolveEscalation,
} from "../../../lib/escalations";
import { TestClock, actorFor, agencyId, depsWith, discussion, policies, raiseInput, raiseTorbayDispute, rejection } from "../../support/escalations";
import { getStage } from "../../../lib/policy";
import { obligationItems } from "../../../lib/views/dispute";
import { MailFolder, allNotices, runTick } from "../../support/notices";
import { demoEmail } from "../../../lib/seed/demo-data";
import { withTestDatabase } from "../../support/test-database";

describe("intake by the agency a dispute is raised against", () => {
  let db: Database;
  const mail = new MailFolder();
  const clock = new TestClock("2026-06-01T09:00:00Z"); // Monday 1 June 2026, 10am BST
  const deps = depsWith(clock);

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  afterAll(async () => {
    mail.remove();
  });

  it("puts a dispute that names nobody at the police with its people, who are told, may open it and take it", async () => {
    const healthVisitor = await actorFor(db, "health-visitor", "torbay");
    const officer = await actorFor(db, "police-officer", "torbay");
    const sergeant = await actorFor(db, "shared-police@parley.example", "torbay");
    const teacher = await actorFor(db, "teacher", "torbay");
    const police = await agencyId(db, "torbay", "police");
    const raised = await raiseEscalation(db, healthVisitor, raiseInput(police, { respondingPerson: "DC Jamie Fraser", areas: ["need-for-action"] }), deps);

    // The police have no managers on Parley, so both officers are its contacts by default.
    const notices = await allNotices(db, { escalationId: raised.id });
    expect(notices.map((n) => [n.trigger, n.recipientEmail]).sort()).toEqual([
      ["awaiting_owner", officer.email],
      ["awaiting_owner", sergeant.email],
    ]);
    await runTick(db, deps, mail);
    const [message] = await mail.to(officer.email);
    expect(message?.subject).toBe(`${raised.reference}: a disagreement raised with Devon and Cornwall Police needs an owner`);

    for (const contact of [officer, sergeant]) {
      const view = await getEscalation(db, contact, raised.id, deps);
      expect(view.access).toBe("agency-contact");
      expect(view.availableActions).toContainEqual({ action: "assign_owner", sides: ["responding"] });
      expect((await listEscalations(db, contact, { limit: 100 }, deps)).items.map((i) => i.id)).toContain(raised.id);
    }
    await rejection(getEscalation(db, teacher, raised.id, deps), NotFoundError);

    // DC Fraser takes it: now theirs, and no longer anyone else's to take.
    const view = await getEscalation(db, officer, raised.id, deps);
    await assignOwner(db, officer, raised.id, { expectedVersion: view.record.version, side: "responding", userId: officer.userId }, deps);
    expect((await getEscalation(db, officer, raised.id, deps)).access).toBe("participant");
    await rejection(getEscalation(db, sergeant, raised.id, deps), NotFoundError);
  });

  it("tells only the contacts the administrator names, once there are any", async () => {
    const admin = await actorFor(db, "admin", "torbay");
    const sergeant = await actorFor(db, "shared-police@parley.example", "torbay");
    const healthVisitor = await actorFor(db, "health-visitor", "torbay");
    const police = await agencyId(db, "torbay", "police");
    await addAgencyContact(db, admin, { agencyId: police, userId: sergeant.userId, duty: "Public protection unit inbox" }, NO_REQUEST);
    const raised = await raiseEscalation(db, healthVisitor, raiseInput(police, { respondingPerson: "The duty sergeant", areas: ["need-for-action"] }), deps);
    expect((await allNotices(db, { escalationId: raised.id })).map((n) => [n.trigger, n.recipientEmail])).toEqual([["awaiting_owner", sergeant.email]]);
    await rejection(getEscalation(db, await actorFor(db, "police-officer", "torbay"), raised.id, deps), NotFoundError);
  });

  it("tells the business manager about a dispute raised against an agency with nobody on Parley, and lets them see it", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    const bm = await actorFor(db, "business-manager", "torbay");
    const voluntary = await agencyId(db, "torbay", "voluntary");
    const raised = await raiseEscalation(
      db,
      teacher,
      raiseInput(voluntary, { respondingPerson: "The family support worker", areas: ["need-for-action"] }),
      deps,
    );
    expect((await allNotices(db, { escalationId: raised.id })).map((n) => [n.trigger, n.recipientEmail])).toEqual([["agency_not_on_parley", bm.email]]);
    expect((await getEscalation(db, bm, raised.id, deps)).access).toBe("board");
  });

  it("tells the owners of a new stage, the people the policy names on entering it and leaving the last, and says what it asks", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    const schoolManager = await actorFor(db, "school-manager", "torbay");
    const teamManager = await actorFor(db, "team-manager", "torbay");
    const headteacher = await actorFor(db, "headteacher", "torbay");
    const headOfService = await actorFor(db, "head-of-service", "torbay");
    const bm = await actorFor(db, "business-manager", "torbay");
    const raised = await raiseTorbayDispute(db, deps);
    let v = (await recordDiscussion(db, teacher, raised.id, discussion(raised.version, "2026-06-01T09:30"), deps)).version;
    v = (
      await escalateEscalation(
        db,
        teacher,
        raised.id,
        { expectedVersion: v, reason: "Unresolved.", owners: { raising: { userId: schoolManager.userId }, responding: { userId: teamManager.userId } } },
        deps,
      )
    ).version;
    let notices = await allNotices(db, { escalationId: raised.id });
    // Each new owner hears once (the escalation), not also once per assignment; the teacher, who acted, not at all.
    expect(
      notices
        .filter((n) => n.createdAt.getTime() === clock.now().getTime() && n.trigger !== "raised")
        .map((n) => [n.trigger, n.recipientEmail])
        .sort(),
    ).toEqual([
      ["stage_entered", schoolManager.email],
      ["stage_entered", teamManager.email],
    ]);

    clock.advanceHours(1);
    v = (await recordDiscussion(db, schoolManager, raised.id, discussion(v, "2026-06-01T10:30"), deps)).version;
    await escalateEscalation(
      db,
      schoolManager,
      raised.id,
      { expectedVersion: v, reason: "Still unresolved.", owners: { raising: { userId: headteacher.userId } } },
      deps,
    );
    notices = (await allNotices(db, { escalationId: raised.id })).filter((n) => n.createdAt.getTime() === clock.now().getTime());
    const to = (trigger: string) =>
      notices
        .filter((n) => n.trigger === trigger)
        .map((n) => n.recipientEmail)
        .sort();
    // Stage 3: its owners (the headteacher; nobody yet for children's social care, so its contacts), the business
    // manager as the policy names on entry, and the senior managers as stage 2's onExit names.
    expect(to("stage_entered")).toEqual([bm.email, headOfService.email, headteacher.email, teamManager.email, demoEmail("director", "torbay")].sort());
    expect(to("stage_left")).toEqual([]); // the senior managers it names were told on entering stage 3 already
    const toBm = notices.find((n) => n.recipientEmail === bm.email);
    expect(JSON.stringify(toBm?.content)).toContain(
      "The policy requires the Professional Differences Record of Escalation at this stage. It has not been recorded as completed in Parley yet.",
    );

    // The dispute page says what the policy asks and what Parley did, never more.
    await runTick(db, deps, mail);
    const view = await getEscalation(db, headteacher, raised.id, deps);
    expect(view.record.formOutstanding).toBe(true);
    const policy = policies().get("torbay")!;
    const [form, tell] = obligationItems({ view, policy, now: clock.now() }, getStage(policy, "stage-3"));
    expect(form).toMatchObject({ title: "Professional Differences Record of Escalation (required)", outstanding: true, state: "Not recorded as completed." });
    expect(tell?.title).toBe("Tell TSCP Business Manager");
    expect(tell?.state).toBe(
      "Parley e-mailed Ruth Bennett at 11am on Monday 1 June 2026 that the dispute reached this stage (Parley's own message, not what the policy asks people to send).",
    );
  });

  it("tells those who raised it that the outcome and agreed actions are recorded, without the outcome's words", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    const social = await actorFor(db, "social-worker", "torbay");
    const raised = await raiseTorbayDispute(db, deps);
    const v = (await recordDiscussion(db, teacher, raised.id, discussion(raised.version, clock.now().toISOString()), deps)).version;
    await resolveEscalation(
      db,
      social,
      raised.id,
      {
        expectedVersion: v,
        outcome: "Social care will reopen the referral for J.",
        actions: [{ description: "Reopen the referral.", ownerName: "Sam Riley", dueDate: "2026-06-08" }],
        confirmations: { raising: { method: "phone", confirmedBy: "Priya Shah" }, responding: { method: "phone", confirmedBy: "Sam Riley" } },
      },
      deps,
    );
    const told = (await allNotices(db, { escalationId: raised.id })).filter((n) => n.trigger === "resolved" && n.recipientEmail === teacher.email);
    expect(told).toHaveLength(1);
    const content = told[0]!.content as { lines: string[] };
    expect(content.lines).toContain("The outcome and 1 agreed action are recorded on the dispute: sign in to read them.");
    expect(JSON.stringify(content)).not.toContain("reopen the referral for J");
  });
});
