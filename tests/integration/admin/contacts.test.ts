/**
 * The partnership administrator keeping agencies' escalation contacts: who each
 * agency's contacts are by default, naming and removing them (audited in the
 * same transaction), every refusal, and the same through the command line.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  addAgencyContact,
  commandLineAddContact,
  commandLineContacts,
  commandLineRemoveContact,
  getAgencyContacts,
  listAgencyContacts,
  removeAgencyContact,
} from "../../../lib/agencies/contacts-admin";
import { effectiveContacts, isEffectiveContact } from "../../../lib/agencies/contacts";
import { NO_REQUEST } from "../../../lib/auth/audit";
import type { Database } from "../../../lib/db/connect";
import { asSystem, inPartnership } from "../../../lib/db/scope";
import { NotFoundError, UserInputError, ValidationError } from "../../../lib/errors";
import { endMembership, restoreMembership } from "../../../lib/users/members";
import { actorFor, agencyId, rejection } from "../../support/escalations";
import { withTestDatabase } from "../../support/test-database";

const browser = { ipAddress: "198.51.100.30", userAgent: "contacts-test" };
const AT = new Date("2026-06-04T09:00:00Z");

describe("escalation contacts, kept by the partnership administrator", () => {
  let db: Database;
  let police: string;
  let health: string;
  let csc: string;

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  beforeAll(async () => {
    police = await agencyId(db, "torbay", "police");
    health = await agencyId(db, "torbay", "health");
    csc = await agencyId(db, "torbay", "csc");
  });

  const contactAudits = () => asSystem(db, (tx) => tx.auditEvent.findMany({ where: { type: "contacts_changed" }, orderBy: { id: "asc" } }));
  const admin = () => actorFor(db, "admin", "torbay");

  it("lists every agency with who takes disputes raised against it by default, and why", async () => {
    const agencies = await listAgencyContacts(db, await admin());
    const byName = new Map(agencies.map((a) => [a.name, a]));
    expect([...byName.keys()]).toEqual([...byName.keys()].sort((a, b) => a.localeCompare(b, "en-GB")));
    expect(agencies).toHaveLength(6);

    // Police: two practitioners and no managers, so all its members.
    const p = byName.get("Devon and Cornwall Police")!;
    expect(p).toMatchObject({ agencyId: police, source: "members", named: [] });
    expect(p.contacts.map((c) => c.name)).toEqual(["DC Jamie Fraser", "Sergeant Lee Carter"]);
    expect(p.explanation).toBe("Nobody is named and it has no managers on Parley, so disputes raised against this agency go to all its members.");

    // Health: its named nurse is a manager.
    const h = byName.get("Torbay and South Devon NHS Foundation Trust")!;
    expect(h).toMatchObject({ source: "managers" });
    expect(h.contacts.map((c) => c.name)).toEqual(["Owen Price"]);
    expect(h.explanation).toBe("Nobody is named, so disputes raised against this agency go to its managers.");

    // Children's services: managers, senior managers and directors; not the board's people or the administrator.
    expect(byName.get("Torbay Council Children's Services")!.contacts.map((c) => c.name)).toEqual(["Alison Reeve", "Grace Adeyemi", "Martin Cole"]);

    // Nobody at the voluntary sector or probation uses Parley.
    for (const name of ["Bay Families Together", "Probation Service (South West)"]) {
      expect(byName.get(name)).toMatchObject({ source: "nobody", contacts: [] });
      expect(byName.get(name)!.explanation).toMatch(/Nobody at this agency uses Parley.*business manager/);
    }
  });

  it("is refused to anyone but the partnership administrator, as if the page did not exist", async () => {
    for (const key of ["teacher", "team-manager", "business-manager", "chair"]) {
      const someone = await actorFor(db, key, "torbay");
      await rejection(listAgencyContacts(db, someone), NotFoundError);
      await rejection(getAgencyContacts(db, someone, police), NotFoundError);
      await rejection(addAgencyContact(db, someone, { agencyId: police, userId: someone.userId }, browser), NotFoundError);
      await rejection(removeAgencyContact(db, someone, { agencyId: police, userId: someone.userId }, browser), NotFoundError);
    }
    expect(await contactAudits()).toEqual([]);
  });

  it("shows one agency with who could be named; another partnership's agency, or a malformed id, is not found", async () => {
    const detail = await getAgencyContacts(db, await admin(), police);
    expect(detail.eligible.map((e) => e.name)).toEqual(["DC Jamie Fraser", "Sergeant Lee Carter"]);
    await rejection(getAgencyContacts(db, await admin(), await agencyId(db, "westbridge", "police")), NotFoundError);
    await rejection(getAgencyContacts(db, await admin(), "not-an-id"), NotFoundError);
    // Westbridge's administrator cannot reach Torbay's agencies either.
    await rejection(getAgencyContacts(db, await actorFor(db, "admin", "westbridge"), police), NotFoundError);
  });

  it("names a contact with their duty, who then takes the agency's disputes alone, and audits it in the same transaction", async () => {
    const officer = await actorFor(db, "police-officer", "torbay");
    const a = await admin();
    const after = await addAgencyContact(db, a, { agencyId: police, userId: officer.userId, duty: "  Designated safeguarding lead " }, browser, AT);
    expect(after).toMatchObject({ source: "named", explanation: expect.stringMatching(/go to its named contacts/) });
    expect(after.named).toEqual([
      { userId: officer.userId, name: "DC Jamie Fraser", email: officer.email, duty: "Designated safeguarding lead", counts: true, note: null },
    ]);
    expect(after.contacts.map((c) => c.name)).toEqual(["DC Jamie Fraser"]);
    expect(after.eligible.map((e) => e.name)).toEqual(["Sergeant Lee Carter"]);
    // The rule the intake uses agrees.
    const effective = await inPartnership(db, a, (tx) => effectiveContacts(tx, "torbay", police));
    expect(effective).toEqual([expect.objectContaining({ userId: officer.userId, source: "named", duty: "Designated safeguarding lead" })]);

    const audits = await contactAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      partnershipId: "torbay",
      actorId: a.userId,
      subjectType: "agency",
      subjectId: police,
      ipAddress: browser.ipAddress,
      at: AT,
      details: {
        change: "added",
        agency: "Devon and Cornwall Police",
        userId: officer.userId,
        name: "DC Jamie Fraser",
        duty: "Designated safeguarding lead",
        via: "app",
      },
    });
  });

  it("refuses, field by field, an unknown agency, someone of another agency, someone without a case role, and someone already named; nothing is written", async () => {
    const a = await admin();
    const officer = await actorFor(db, "police-officer", "torbay");
    const teacher = await actorFor(db, "teacher", "torbay");
    const businessManager = await actorFor(db, "business-manager", "torbay");
    const manxTeacher = await actorFor(db, "teacher", "isle-of-man");
    const before = (await contactAudits()).length;

    const unknown = await rejection(
      addAgencyContact(db, a, { agencyId: "0190c0de-0000-7000-8000-000000000000", userId: officer.userId }, browser),
      ValidationError,
    );
    expect(unknown.fields).toEqual({ agencyId: "Choose one of this partnership's agencies." });
    const otherPartnership = await rejection(
      addAgencyContact(db, a, { agencyId: await agencyId(db, "westbridge", "police"), userId: officer.userId }, browser),
      ValidationError,
    );
    expect(otherPartnership.fields).toHaveProperty("agencyId");

    const wrongAgency = await rejection(addAgencyContact(db, a, { agencyId: police, userId: teacher.userId }, browser), ValidationError);
    expect(wrongAgency.fields).toEqual({
      userId: "Priya Shah does not act for Devon and Cornwall Police. Choose someone who does, or change their agency first.",
    });
    // Someone of another partnership only: not named, and nothing about them is revealed.
    const outsider = await rejection(addAgencyContact(db, a, { agencyId: police, userId: manxTeacher.userId }, browser), ValidationError);
    expect(outsider.fields).toEqual({ userId: "Choose someone who acts for Devon and Cornwall Police." });

    const noCaseRole = await rejection(addAgencyContact(db, a, { agencyId: csc, userId: businessManager.userId }, browser), ValidationError);
    expect(noCaseRole.fields.userId).toBe(
      "Ruth Bennett has no role that works on cases (practitioner, manager, senior manager or director), so they cannot take disputes. Choose someone else, or give them one of those roles first.",
    );

    const again = await rejection(addAgencyContact(db, a, { agencyId: police, userId: officer.userId, duty: "Another duty" }, browser), ValidationError);
    expect(again.fields).toEqual({ userId: "DC Jamie Fraser is already a contact of Devon and Cornwall Police." });

    const tooLong = await rejection(addAgencyContact(db, a, { agencyId: police, userId: officer.userId, duty: "x".repeat(101) }, browser), ValidationError);
    expect(tooLong.fields).toEqual({ duty: "Enter their duty in 100 characters or fewer." });
    const nobodyChosen = await rejection(addAgencyContact(db, a, { agencyId: police, userId: "", duty: "" }, browser), ValidationError);
    expect(nobodyChosen.fields).toEqual({ userId: "Choose the person to add as a contact." });
    const unexpected = await rejection(addAgencyContact(db, a, { agencyId: police, userId: officer.userId, role: "x" }, browser), ValidationError);
    expect(unexpected.fields).toHaveProperty("role");

    expect((await contactAudits()).length).toBe(before);
    expect((await getAgencyContacts(db, a, police)).named.map((n) => n.duty)).toEqual(["Designated safeguarding lead"]);
  });

  it("refuses someone whose access has ended; a named contact whose access ends stops counting and the defaults apply", async () => {
    const a = await admin();
    const sergeant = await actorFor(db, "shared-police@parley.example", "torbay");
    const officer = await actorFor(db, "police-officer", "torbay");
    await endMembership(db, a, sergeant.userId, browser);
    const ended = await rejection(addAgencyContact(db, a, { agencyId: police, userId: sergeant.userId }, browser), ValidationError);
    expect(ended.fields.userId).toMatch(/^Sergeant Lee Carter's access has ended/);
    await restoreMembership(db, a, sergeant.userId, browser);

    await endMembership(db, a, officer.userId, browser);
    const detail = await getAgencyContacts(db, a, police);
    expect(detail.named).toEqual([expect.objectContaining({ name: "DC Jamie Fraser", counts: false, note: "Their access has ended." })]);
    expect(detail).toMatchObject({ source: "members", explanation: expect.stringMatching(/^None of its named contacts can take disputes now/) });
    expect(detail.contacts.map((c) => c.name)).toEqual(["Sergeant Lee Carter"]);
    await restoreMembership(db, a, officer.userId, browser);
    expect((await getAgencyContacts(db, a, police)).source).toBe("named");
  });

  it("removes a contact, auditing it; removing someone not named is refused", async () => {
    const a = await admin();
    const officer = await actorFor(db, "police-officer", "torbay");
    const after = await removeAgencyContact(db, a, { agencyId: police, userId: officer.userId }, browser, AT);
    expect(after).toMatchObject({ source: "members", named: [] });
    expect(after.contacts.map((c) => c.name)).toEqual(["DC Jamie Fraser", "Sergeant Lee Carter"]);
    expect((await contactAudits()).at(-1)).toMatchObject({
      actorId: a.userId,
      subjectId: police,
      details: { change: "removed", userId: officer.userId, name: "DC Jamie Fraser", duty: "Designated safeguarding lead", via: "app" },
    });

    const count = (await contactAudits()).length;
    const notNamed = await rejection(removeAgencyContact(db, a, { agencyId: police, userId: officer.userId }, browser), ValidationError);
    expect(notNamed.fields).toEqual({ userId: "DC Jamie Fraser is not a named contact of Devon and Cornwall Police." });
    const unknownAgency = await rejection(
      removeAgencyContact(db, a, { agencyId: "0190c0de-0000-7000-8000-000000000000", userId: officer.userId }, browser),
      ValidationError,
    );
    expect(unknownAgency.fields).toHaveProperty("agencyId");
    expect((await contactAudits()).length).toBe(count);
  });

  it("names a manager too: the others stop being contacts by default", async () => {
    const a = await admin();
    const nurse = await actorFor(db, "named-nurse", "torbay");
    const healthVisitor = await actorFor(db, "health-visitor", "torbay");
    const after = await addAgencyContact(db, a, { agencyId: health, userId: healthVisitor.userId }, browser);
    expect(after.contacts.map((c) => [c.name, c.duty])).toEqual([["Nadia Hussain", null]]);
    expect(after.eligible.map((e) => e.userId)).toEqual([nurse.userId]);
    await removeAgencyContact(db, a, { agencyId: health, userId: healthVisitor.userId }, browser);
  });

  describe("from the command line", () => {
    it("lists a partnership's agencies; an unknown partnership is one line", async () => {
      const listed = await commandLineContacts(db, "torbay");
      expect(listed.partnershipName).toBe("Torbay Safeguarding Children Partnership");
      expect(listed.agencies.map((a) => a.source)).toContain("nobody");
      await expect(commandLineContacts(db, "nowhere")).rejects.toThrow(new UserInputError('no partnership "nowhere"'));
    });

    it("adds and removes by agency name (any case) and e-mail, audited with nobody signed in", async () => {
      const added = await commandLineAddContact(
        db,
        { partnershipId: "torbay", agency: "devon and cornwall police", email: "Police-Officer@torbay.example", duty: "Duty inspector" },
        NO_REQUEST,
        AT,
      );
      expect(added.named.map((n) => [n.name, n.duty])).toEqual([["DC Jamie Fraser", "Duty inspector"]]);
      expect((await contactAudits()).at(-1)).toMatchObject({ actorId: null, partnershipId: "torbay", details: { change: "added", via: "command-line" } });

      const again = commandLineAddContact(
        db,
        { partnershipId: "torbay", agency: "Devon and Cornwall Police", email: "police-officer@torbay.example" },
        NO_REQUEST,
      );
      await expect(again).rejects.toThrow(new UserInputError("DC Jamie Fraser is already a contact of Devon and Cornwall Police."));

      const removed = await commandLineRemoveContact(
        db,
        { partnershipId: "torbay", agency: "Devon and Cornwall Police", email: "police-officer@torbay.example" },
        NO_REQUEST,
      );
      expect(removed.named).toEqual([]);
      expect((await contactAudits()).at(-1)).toMatchObject({ actorId: null, details: { change: "removed", via: "command-line" } });
    });

    it("says which agencies there are when the name does not match, and refuses an unknown e-mail or the wrong person", async () => {
      const wrong = await commandLineAddContact(
        db,
        { partnershipId: "torbay", agency: "Devon Police", email: "police-officer@torbay.example" },
        NO_REQUEST,
      ).catch((e: unknown) => e);
      expect(wrong).toBeInstanceOf(UserInputError);
      expect((wrong as Error).message).toMatch(/^no agency "Devon Police" in torbay \(its agencies: .*Devon and Cornwall Police/);
      await expect(
        commandLineAddContact(db, { partnershipId: "torbay", agency: "Devon and Cornwall Police", email: "nobody@torbay.example" }, NO_REQUEST),
      ).rejects.toThrow(new UserInputError("no user with email nobody@torbay.example"));
      await expect(
        commandLineAddContact(db, { partnershipId: "torbay", agency: "Devon and Cornwall Police", email: "teacher@torbay.example" }, NO_REQUEST),
      ).rejects.toThrow(/Priya Shah does not act for Devon and Cornwall Police/);
    });
  });

  /** For every agency and every member of the partnership: the one-statement check agrees with the rule. */
  async function expectCheckAgreesWithRule(): Promise<number> {
    const a = await admin();
    const { agencies, users } = await asSystem(db, async (tx) => ({
      agencies: await tx.agency.findMany({ where: { partnershipId: "torbay" }, select: { id: true } }),
      users: await tx.membership.findMany({ where: { partnershipId: "torbay" }, select: { userId: true } }),
    }));
    let contacts = 0;
    await inPartnership(db, a, async (tx) => {
      for (const agency of agencies) {
        const rule = new Set((await effectiveContacts(tx, "torbay", agency.id)).map((c) => c.userId));
        contacts += rule.size;
        for (const user of users)
          expect([agency.id, user.userId, await isEffectiveContact(tx, "torbay", agency.id, user.userId)]).toEqual([
            agency.id,
            user.userId,
            rule.has(user.userId),
          ]);
      }
    });
    return contacts;
  }

  it("answers 'is this person a contact?' as the rule does: by default, once someone is named, and once a member has left", async () => {
    // By default: managers where there are any (health, children's services), else all members (police).
    const byDefault = await expectCheckAgreesWithRule();
    expect(byDefault).toBeGreaterThan(0);
    const a = await admin();
    const officer = await actorFor(db, "police-officer", "torbay");
    const manager = await actorFor(db, "team-manager", "torbay");
    await addAgencyContact(db, a, { agencyId: police, userId: officer.userId }, browser, AT);
    await addAgencyContact(db, a, { agencyId: csc, userId: manager.userId }, browser, AT);
    expect(await expectCheckAgreesWithRule()).toBeLessThan(byDefault);
    // A named contact who leaves no longer counts; the agency falls back to its managers.
    await endMembership(db, a, manager.userId, browser);
    await expectCheckAgreesWithRule();
    await restoreMembership(db, a, manager.userId, browser);
    await removeAgencyContact(db, a, { agencyId: police, userId: officer.userId }, browser, AT);
    await removeAgencyContact(db, a, { agencyId: csc, userId: manager.userId }, browser, AT);
    expect(await expectCheckAgreesWithRule()).toBe(byDefault);
  });
});
