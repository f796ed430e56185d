import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorIn, loadActor, loadMemberships } from "../../../lib/auth/actor";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import { NotFoundError, PreconditionError, ValidationError } from "../../../lib/errors";
import { seedDemoData } from "../../../lib/seed/demo";
import { deactivateUser } from "../../../lib/users/deactivate";
import { addMember, changeMember, endMembership, getMember, issueMemberPasswordLink, listMembers, restoreMembership } from "../../../lib/users/members";
import { actorFor, agencyId, rejection } from "../../support/escalations";

const browser = { ipAddress: "198.51.100.20", userAgent: "admin-test" };

describe("a partnership administrator managing people", () => {
  let db: Database;
  beforeAll(async () => {
    const { createTestDatabase } = await import("../../support/db");
    db = await createTestDatabase();
    await seedDemoData(db, { disputes: false });
  });
  afterAll(async () => {
    await db.close();
  });

  const auditOf = (type: string) => asSystem(db, (tx) => tx.auditEvent.findMany({ where: { type: type as never }, orderBy: { at: "asc" } }));

  it("lists only their own partnership's people", async () => {
    const admin = await actorFor(db, "admin", "torbay");
    const members = await listMembers(db, admin);
    expect(members.length).toBeGreaterThan(10);
    expect(members.every((m) => m.email.endsWith("@torbay.example") || m.email === "shared-police@parley.example")).toBe(true);
  });

  it("is refused to anyone without the administrator role, as if the page did not exist", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    await rejection(listMembers(db, teacher), NotFoundError);
  });

  it("adds a person, who gets a one-time link to choose a password, and audits it", async () => {
    const admin = await actorFor(db, "admin", "torbay");
    const school = await agencyId(db, "torbay", "school");
    const result = await addMember(db, admin, { name: "Jo Mensah", email: "jo.mensah@torbay.example", agencyId: school, roles: ["practitioner"] }, browser);
    expect(result.created).toBe(true);
    expect(result.setup?.token).toMatch(/.{20,}/);
    expect((await auditOf("user_created")).at(-1)).toMatchObject({ partnershipId: "torbay", actorId: admin.userId, subjectId: result.userId });

    const again = await addMember(
      db,
      admin,
      { name: "Jo Mensah", email: "JO.MENSAH@torbay.example", agencyId: school, roles: ["practitioner"] },
      browser,
    ).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ValidationError);
    expect((again as ValidationError).fields).toHaveProperty("email");
  });

  it("changes agency and roles, auditing the change with before and after", async () => {
    const admin = await actorFor(db, "admin", "torbay");
    const teacher = await actorFor(db, "teacher", "torbay");
    await changeMember(db, admin, teacher.userId, { agencyId: teacher.agencyId, roles: ["practitioner", "manager"] }, browser);
    expect((await loadActor(db, teacher.userId, "torbay"))?.roles).toEqual(["practitioner", "manager"]);
    const changed = (await auditOf("roles_changed")).at(-1)!;
    expect(changed.details).toMatchObject({ before: { roles: ["practitioner"] }, after: { roles: ["practitioner", "manager"] } });
    await expect(changeMember(db, admin, teacher.userId, { agencyId: teacher.agencyId, roles: [] }, browser)).rejects.toBeInstanceOf(ValidationError);
  });

  it("never leaves the partnership without an administrator", async () => {
    const admin = await actorFor(db, "admin", "torbay");
    await asSystem(db, (tx) =>
      tx.membership.update({
        where: { userId_partnershipId: { userId: admin.userId, partnershipId: "torbay" } },
        data: { roles: ["partnership_admin", "manager"] },
      }),
    );
    const refused = await rejection(changeMember(db, admin, admin.userId, { agencyId: admin.agencyId, roles: ["manager"] }, browser), PreconditionError);
    expect(refused.message).toMatch(/at least one active administrator/);
  });

  it("ends access in this partnership only, then restores it", async () => {
    const admin = await actorFor(db, "admin", "torbay");
    const shared = await actorFor(db, "shared-police@parley.example", "torbay");
    const result = await endMembership(db, admin, shared.userId, browser);
    expect(result.accountDeactivated).toBe(false);
    expect(await loadActor(db, shared.userId, "torbay")).toBeNull();
    expect(await loadActor(db, shared.userId, "westbridge")).not.toBeNull();
    // The path every page takes: the request's one membership read, then the actor from it.
    const ended = await loadMemberships(db, shared.userId);
    expect(ended.map((m) => m.partnershipId)).toEqual(["westbridge"]);
    expect(actorIn(shared, ended, "torbay")).toBeNull();

    await restoreMembership(db, admin, shared.userId, browser);
    expect(await loadActor(db, shared.userId, "torbay")).not.toBeNull();
    const restored = await loadMemberships(db, shared.userId);
    expect(restored.map((m) => m.partnershipName)).toEqual(["Torbay Safeguarding Children Partnership", "Westbridge Local Safeguarding Children Partnership"]);
    expect(actorIn(shared, restored, "torbay")).toEqual(await loadActor(db, shared.userId, "torbay"));
  });

  it("refuses anyone giving themselves a new role, but lets them drop one", async () => {
    const admin = await actorFor(db, "admin", "torbay");
    const refused = await rejection(
      changeMember(db, admin, admin.userId, { agencyId: admin.agencyId, roles: [...admin.roles, "board_business_manager"] }, browser),
      ValidationError,
    );
    expect(refused.fields.roles).toBe("You cannot give yourself a new role. Ask another administrator.");
    expect((await loadActor(db, admin.userId, "torbay"))?.roles).toEqual(admin.roles);
  });

  it("refuses an agency of another partnership, even one the administrator belongs to", async () => {
    const admin = await actorFor(db, "admin", "torbay");
    const teacher = await actorFor(db, "teacher", "torbay");
    const westbridgePolice = await agencyId(db, "westbridge", "police");
    const refused = await rejection(changeMember(db, admin, teacher.userId, { agencyId: westbridgePolice, roles: ["practitioner"] }, browser), ValidationError);
    expect(refused.fields).toHaveProperty("agencyId");
  });

  it("adds someone who already has an account elsewhere without a link into it, and cannot make one", async () => {
    const westbridgeAdmin = await actorFor(db, "admin", "westbridge");
    const chair = await actorFor(db, "chair", "torbay");
    const westbridgeSchool = await agencyId(db, "westbridge", "school");
    // The chair has not chosen a password yet: no link may reach another partnership's administrator.
    await asSystem(db, (tx) => tx.user.update({ where: { id: chair.userId }, data: { passwordHash: null } }));
    const tokensBefore = await asSystem(db, (tx) => tx.passwordSetupToken.count({ where: { userId: chair.userId } }));

    const added = await addMember(
      db,
      westbridgeAdmin,
      { name: "Whoever", email: "chair@torbay.example", agencyId: westbridgeSchool, roles: ["practitioner"] },
      browser,
    );
    expect(added).toMatchObject({ created: false, setup: null });
    const refused = await rejection(issueMemberPasswordLink(db, westbridgeAdmin, chair.userId, browser), PreconditionError);
    expect(refused.message).toMatch(/another partnership.*installation's administrator/);
    expect(await asSystem(db, (tx) => tx.passwordSetupToken.count({ where: { userId: chair.userId } }))).toBe(tokensBefore);
  });

  it("makes a password link for someone only in this partnership, and audits it in the partnership's trail", async () => {
    const admin = await actorFor(db, "admin", "torbay");
    const teacher = await actorFor(db, "teacher", "torbay");
    const link = await issueMemberPasswordLink(db, admin, teacher.userId, browser);
    expect(link.token).toMatch(/.{20,}/);
    expect((await auditOf("password_link_issued")).at(-1)).toMatchObject({
      partnershipId: "torbay",
      actorId: admin.userId,
      subjectId: teacher.userId,
      ipAddress: browser.ipAddress,
    });
  });

  it("cannot bring back an account the installation's administrator deactivated", async () => {
    const admin = await actorFor(db, "admin", "torbay");
    const shared = await actorFor(db, "shared-police@parley.example", "torbay");
    await deactivateUser(db, shared.userId, browser); // npm run admin -- deactivate-user
    expect(await getMember(db, admin, shared.userId)).toMatchObject({ active: false, ended: false, accountDeactivatedByInstallation: true });
    expect(await restoreMembership(db, admin, shared.userId, browser)).toEqual({ accountActive: false });

    // Ending and restoring the membership here does not bring it back either.
    await endMembership(db, admin, shared.userId, browser);
    expect(await restoreMembership(db, admin, shared.userId, browser)).toEqual({ accountActive: false });
    expect(await loadActor(db, shared.userId, "torbay")).toBeNull();
    expect(await loadActor(db, shared.userId, "westbridge")).toBeNull();
  });

  it("deactivates the account when it was the person's last partnership, ending their sessions", async () => {
    const admin = await actorFor(db, "admin", "torbay");
    const nurse = await actorFor(db, "named-nurse", "torbay");
    await asSystem(db, (tx) => tx.session.create({ data: { id: "nurse-session", userId: nurse.userId, expiresAt: new Date(Date.now() + 3_600_000) } }));
    expect((await endMembership(db, admin, nurse.userId, browser)).accountDeactivated).toBe(true);
    const session = await asSystem(db, (tx) => tx.session.findUniqueOrThrow({ where: { id: "nurse-session" } }));
    expect(session.endedAt).not.toBeNull();
    const user = await asSystem(db, (tx) => tx.user.findUniqueOrThrow({ where: { id: nurse.userId } }));
    expect(user).toMatchObject({ active: false, deactivationReason: "no_memberships" });

    // Restoring that membership brings the account back.
    expect(await restoreMembership(db, admin, nurse.userId, browser)).toEqual({ accountActive: true });
    expect(await loadActor(db, nurse.userId, "torbay")).not.toBeNull();
  });
});
