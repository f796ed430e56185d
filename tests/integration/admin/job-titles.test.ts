/**
 * Job titles: the partnership administrator gives people their title in their
 * agency (audited with the change, refused when too long with nothing saved),
 * and the owner options of a real dispute put first those whose title is what
 * the policy calls the level a stage expects, each saying why.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../lib/auth/actor";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import { ValidationError } from "../../../lib/errors";
import { escalateEscalation, getEscalation, raiseEscalation, recordDiscussion } from "../../../lib/escalations";
import { partnershipDirectory } from "../../../lib/escalations/directory";
import type { Policy } from "../../../lib/policy";
import { addMember, changeMember, getMember, listMembers } from "../../../lib/users/members";
import { failedState, memberFields } from "../../../lib/views/admin";
import { actionFormView, escalatePreview, type ActionFormContext } from "../../../lib/views/dispute-forms";
import { initialFormState } from "../../../lib/views/form-spec";
import { TestClock, actorFor, agencyId, depsWith, discussion, raiseInput, rejection } from "../../support/escalations";
import { withTestDatabase } from "../../support/test-database";

const browser = { ipAddress: "198.51.100.40", userAgent: "job-titles-test" };

describe("job titles and the owners Parley suggests", () => {
  let db: Database;
  let admin: Actor;
  let police: string;
  const clock = new TestClock("2026-01-05T09:30:00Z"); // Monday
  const deps = depsWith(clock);

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  beforeAll(async () => {
    admin = await actorFor(db, "admin", "torbay");
    police = await agencyId(db, "torbay", "police");
  });

  const audits = () =>
    asSystem(db, (tx) => tx.auditEvent.findMany({ where: { partnershipId: "torbay", type: { in: ["user_created", "user_updated", "roles_changed"] } } }));

  it("keeps the demo people's titles, and shows them on the people list", async () => {
    const members = await listMembers(db, admin);
    expect(members.find((m) => m.name === "Grace Adeyemi")?.jobTitle).toBe("Team Manager");
    expect(members.find((m) => m.name === "Sergeant Lee Carter")?.jobTitle).toBe("Police Sergeant");
  });

  it("sets a title with the agency and roles, trimmed, and audits before and after", async () => {
    const lee = await actorFor(db, "shared-police@parley.example", "torbay");
    await changeMember(db, admin, lee.userId, { agencyId: police, roles: ["manager"], jobTitle: "  Detective   Sergeant " }, browser);
    expect((await getMember(db, admin, lee.userId)).jobTitle).toBe("Detective Sergeant");
    const changed = (await audits()).filter((a) => a.subjectId === lee.userId).at(-1)!;
    expect(changed).toMatchObject({ type: "roles_changed", actorId: admin.userId });
    expect(changed.details).toMatchObject({
      before: { roles: ["practitioner"], jobTitle: "Police Sergeant" },
      after: { roles: ["manager"], jobTitle: "Detective Sergeant" },
    });
    // Only this partnership's membership: in Westbridge he is still what he was.
    const westbridge = await asSystem(db, (tx) => tx.membership.findFirstOrThrow({ where: { userId: lee.userId, partnershipId: "westbridge" } }));
    expect(westbridge).toMatchObject({ jobTitle: "Police Sergeant", roles: ["practitioner"] });

    // Left out, a change keeps the title; empty, it clears it.
    const sam = await actorFor(db, "social-worker", "torbay");
    await changeMember(db, admin, sam.userId, { agencyId: sam.agencyId, roles: ["practitioner"] }, browser);
    expect((await getMember(db, admin, sam.userId)).jobTitle).toBe("Social Worker");
    await changeMember(db, admin, sam.userId, { agencyId: sam.agencyId, roles: ["practitioner"], jobTitle: "   " }, browser);
    expect((await getMember(db, admin, sam.userId)).jobTitle).toBeNull();
    expect((await audits()).filter((a) => a.subjectId === sam.userId).at(-1)).toMatchObject({
      type: "user_updated",
      details: { before: { jobTitle: "Social Worker" }, after: { jobTitle: null } },
    });
  });

  it("refuses a title that is too long, saying what to fix, and saves nothing", async () => {
    const grace = await actorFor(db, "team-manager", "torbay");
    const before = await audits();
    const tooLong = "Team Manager, ".repeat(9); // 125 characters once trimmed
    const refused = await rejection(
      changeMember(db, admin, grace.userId, { agencyId: grace.agencyId, roles: ["director"], jobTitle: tooLong }, browser),
      ValidationError,
    );
    expect(refused.fields).toEqual({ jobTitle: "Enter a job title of 120 characters or fewer." });
    expect(await getMember(db, admin, grace.userId)).toMatchObject({ jobTitle: "Team Manager", roles: ["manager"] });
    expect(await audits()).toHaveLength(before.length);

    // The form shows it against the job title field, for the error summary to link to.
    const values = { agencyId: grace.agencyId, jobTitle: tooLong, roles: ["director"] };
    expect(failedState(refused, initialFormState(), values, memberFields([])).errors).toEqual({ jobTitle: "Enter a job title of 120 characters or fewer." });

    // Adding someone with one: nobody is added.
    const adding = await rejection(
      addMember(db, admin, { name: "Jo Long", email: "jo.long@torbay.example", agencyId: police, roles: ["manager"], jobTitle: tooLong }, browser),
      ValidationError,
    );
    expect(adding.fields).toHaveProperty("jobTitle");
    expect((await listMembers(db, admin)).some((m) => m.name === "Jo Long")).toBe(false);
    expect(await audits()).toHaveLength(before.length);
  });

  it("offers first the owners whose title is the policy's for the level, each saying why, the rest in today's order", async () => {
    // The police in Torbay: a manager without a title, one whose title is a manager's, and an inspector.
    await addMember(db, admin, { name: "Ben Ashworth", email: "ben.ashworth@torbay.example", agencyId: police, roles: ["manager"] }, browser);
    await addMember(
      db,
      admin,
      { name: "Chris Dale", email: "chris.dale@torbay.example", agencyId: police, roles: ["manager"], jobTitle: "Public Protection Manager" },
      browser,
    );
    await addMember(
      db,
      admin,
      { name: "Inspector Dana Moss", email: "dana.moss@torbay.example", agencyId: police, roles: ["senior_manager"], jobTitle: "Detective Inspector" },
      browser,
    );

    // A teacher raises a disagreement with the police, and escalates it to stage 2 (manager to manager).
    const teacher = await actorFor(db, "teacher", "torbay");
    const raised = await raiseEscalation(db, teacher, raiseInput(police, { respondingPerson: "DC Jamie Fraser", areas: ["levels-of-need"] }), deps);
    const v = (await recordDiscussion(db, teacher, raised.id, discussion(raised.version, clock.now().toISOString(), { with: "DC Jamie Fraser" }), deps))
      .version;
    await escalateEscalation(db, teacher, raised.id, { expectedVersion: v, reason: "Still unresolved." }, deps);

    const view = await getEscalation(db, teacher, raised.id, deps);
    expect(view.record.stageKey).toBe("stage-2");
    const torbay = deps.policies.get(view.policy.id, view.policy.version)!;
    // Torbay's policy names no other agencies' titles; a version that did (as Northfield's does) would say what the police call each level.
    const withEquivalents: Policy = {
      ...torbay,
      roleEquivalents: [
        { agencyType: "police", level: "manager", title: "Detective Sergeant", cite: "Appendix A" },
        { agencyType: "police", level: "senior-manager", title: "Detective Inspector", cite: "Appendix A" },
      ],
    };
    const directory = await partnershipDirectory(db, teacher);
    const ctx = (policy: Policy, target?: string): ActionFormContext => ({
      view,
      policy,
      calendar: deps.policies.calendarFor(torbay),
      now: clock.now(),
      directory,
      partnershipId: "torbay",
      target,
    });
    const ownerLabels = (policy: Policy) => {
      const field = actionFormView("owner", ctx(policy, "responding")).fields.find((f) => "name" in f && f.name === "userId");
      return field?.kind === "select" ? field.options.map((o) => o.label) : [];
    };

    // Choosing the police's owner at stage 2: the Detective Sergeant first, as the policy's manager in the police.
    expect(ownerLabels(withEquivalents)).toEqual([
      "Sergeant Lee Carter, Detective Sergeant: the policy's manager level in the police",
      "Chris Dale, Public Protection Manager: the policy's manager level",
      "Ben Ashworth (Manager)",
      "DC Jamie Fraser, Detective Constable (Practitioner): only as a proxy",
      "Inspector Dana Moss, Detective Inspector (Senior manager)",
    ]);
    // Under Torbay's own words, only the level's generic words match.
    expect(ownerLabels(torbay)).toEqual([
      "Chris Dale, Public Protection Manager: the policy's manager level",
      "Ben Ashworth (Manager)",
      "DC Jamie Fraser, Detective Constable (Practitioner): only as a proxy",
      "Inspector Dana Moss, Detective Inspector (Senior manager)",
      "Sergeant Lee Carter, Detective Sergeant (Manager)",
    ]);

    // Escalating to stage 3 (senior managers): the inspector for the police, the head teacher (Torbay's words) for the school.
    const owners = escalatePreview(ctx(withEquivalents))!.owners;
    expect(owners.find((o) => o.side === "responding")?.options.map((o) => o.label)).toEqual([
      "Inspector Dana Moss, Detective Inspector: the policy's senior manager level in the police",
    ]);
    expect(owners.find((o) => o.side === "raising")?.options.map((o) => o.label)).toEqual([
      'Helen Marsh, Head Teacher: the policy\'s senior manager level ("Head Teacher in a school setting")',
    ]);
  });
});
