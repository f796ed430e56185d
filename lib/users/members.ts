/**
 * A partnership administrator managing the people of their own partnership:
 * list them, add or invite someone, change their agency and roles, end or
 * restore their access here. Every change and its audit event are written in
 * one transaction. Ending access here does not touch the person's other
 * partnerships; when it was their last, their account is deactivated too, which
 * ends every session at once.
 */
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { audit, type RequestContext } from "../auth/audit";
import { can, ROLES } from "../auth/permissions";
import { appNow } from "../clock";
import type { Database } from "../db/connect";
import type { Role } from "../db/generated/enums";
import { asSystem, asUser, inPartnership, type PartnershipTx } from "../db/scope";
import { ForbiddenError, NotFoundError, PreconditionError, UserInputError, ValidationError } from "../errors";
import { jobTitleProblem, normaliseJobTitle } from "./job-title";
import { parseInput } from "../escalations/schemas";
import { createUser, type CreateUserResult } from "./create";
import { issueSetupToken } from "./setup-tokens";
import { deactivateUser, reactivateUser } from "./deactivate";

export type MemberSummary = {
  userId: string;
  name: string;
  email: string;
  agencyId: string;
  agencyName: string;
  roles: Role[];
  /** Their title in their agency ("Detective Sergeant"), or null. */
  jobTitle: string | null;
  /** Can use Parley in this partnership now. */
  active: boolean;
  /** Their membership here has ended (an administrator here can restore it). */
  ended: boolean;
  /** The installation's administrator has deactivated their whole account: nobody here can restore it. */
  accountDeactivatedByInstallation: boolean;
  /** Has chosen a password (or signs in through the council's identity provider). */
  canSignIn: boolean;
};

function requireManager(actor: Actor): void {
  // Seen from outside, a page the actor may not use does not exist.
  if (!can(actor, "users.manage")) throw new NotFoundError("We could not find that page.");
}

const RoleList = z
  .array(z.enum(ROLES), { error: "Choose at least one role." })
  .min(1, { error: "Choose at least one role." })
  .transform((roles) => [...new Set(roles)]);

/**
 * Their title in their agency: trimmed, inner spaces collapsed, empty for none.
 * Left out, a change keeps the one they have.
 */
const JobTitle = z
  .string({ error: "Enter their job title as text." })
  .superRefine((t, ctx) => {
    const problem = jobTitleProblem(t);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform((t) => normaliseJobTitle(t));

export const MemberChangeInput = z.strictObject({
  agencyId: z.uuid({ error: "Choose the agency they act for." }),
  roles: RoleList,
  jobTitle: JobTitle.optional(),
});

export const NewMemberInput = z.strictObject({
  name: z.string().trim().min(1, { error: "Enter their full name." }).max(200, { error: "Enter a name of 200 characters or fewer." }),
  email: z.email({ error: "Enter an email address in the correct format, like name@example.org" }).max(254),
  agencyId: z.uuid({ error: "Choose the agency they act for." }),
  roles: RoleList,
  jobTitle: JobTitle.optional(),
});

export async function listMembers(db: Database, actor: Actor): Promise<MemberSummary[]> {
  requireManager(actor);
  return inPartnership(db, actor, async (tx) => {
    const rows = await tx.membership.findMany({
      where: { partnershipId: actor.partnershipId },
      include: {
        user: { select: { name: true, email: true, active: true, deactivationReason: true, passwordHash: true, oidcSubject: true } },
        agency: true,
      },
    });
    return rows
      .map((m) => ({
        userId: m.userId,
        name: m.user.name,
        email: m.user.email,
        agencyId: m.agencyId,
        agencyName: m.agency.name,
        roles: m.roles,
        jobTitle: m.jobTitle,
        active: m.deactivatedAt === null && m.user.active,
        ended: m.deactivatedAt !== null,
        accountDeactivatedByInstallation: !m.user.active && m.user.deactivationReason !== "no_memberships",
        canSignIn: m.user.passwordHash !== null || m.user.oidcSubject !== null,
      }))
      .sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, "en-GB"));
  });
}

export async function getMember(db: Database, actor: Actor, userId: string): Promise<MemberSummary> {
  const found = (await listMembers(db, actor)).find((m) => m.userId === userId);
  if (!found) throw new NotFoundError("We could not find that person in this partnership.");
  return found;
}

export async function listAgencies(db: Database, actor: Actor): Promise<{ id: string; name: string }[]> {
  return inPartnership(db, actor, (tx) =>
    tx.agency.findMany({ where: { partnershipId: actor.partnershipId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  );
}

/**
 * Whether a partnership administrator may make a one-time password link for
 * this person: only when this partnership is the only one they have ever
 * belonged to. The link lets its holder in as that person everywhere, so for
 * anyone shared with another partnership (a police officer serving several) it
 * is the installation's administrator's job (npm run admin -- password-link).
 */
export async function mayIssuePasswordLink(db: Database, actor: Actor, userId: string): Promise<boolean> {
  requireManager(actor);
  // Installation-level: a count of the person's memberships elsewhere, nothing more, leaves the partnership.
  const elsewhere = await asSystem(db, (tx) => tx.membership.count({ where: { userId, partnershipId: { not: actor.partnershipId } } }));
  return elsewhere === 0;
}

export async function issueMemberPasswordLink(
  db: Database,
  actor: Actor,
  userId: string,
  context: RequestContext,
  now = appNow(),
): Promise<{ token: string; expiresAt: Date }> {
  const member = await getMember(db, actor, userId);
  if (!member.active) throw new PreconditionError("Their access has ended. Restore it before making a password link.");
  if (!(await mayIssuePasswordLink(db, actor, userId))) {
    throw new PreconditionError("They also belong to another partnership, so only your installation's administrator can make them a password link.");
  }
  // Installation-level: setup tokens belong to the person, not the partnership; the audit event names the partnership.
  return asSystem(db, async (tx) => {
    const link = await issueSetupToken(tx, userId, actor.userId, now, actor.partnershipId);
    await audit(tx, context, [
      {
        type: "password_link_issued",
        at: now,
        partnershipId: actor.partnershipId,
        actorId: actor.userId,
        subjectType: "user",
        subjectId: userId,
        details: { via: "web", expiresAt: link.expiresAt.toISOString() },
      },
    ]);
    return link;
  });
}

/** A partnership must never be left without an active administrator. */
async function assertAnotherAdmin(tx: PartnershipTx, userId: string): Promise<void> {
  const others = await tx.membership.count({
    where: { userId: { not: userId }, deactivatedAt: null, roles: { has: "partnership_admin" }, user: { active: true } },
  });
  if (others === 0) {
    throw new PreconditionError("This partnership needs at least one active administrator. Give someone else the administrator role first.");
  }
}

export async function changeMember(db: Database, actor: Actor, userId: string, input: unknown, context: RequestContext, now = appNow()): Promise<void> {
  requireManager(actor);
  const change = parseInput(MemberChangeInput, input);
  await inPartnership(db, actor, async (tx) => {
    const before = await tx.membership.findUnique({ where: { userId_partnershipId: { userId, partnershipId: actor.partnershipId } } });
    if (!before) throw new NotFoundError("We could not find that person in this partnership.");
    if (!(await tx.agency.findFirst({ where: { id: change.agencyId, partnershipId: actor.partnershipId } }))) {
      throw ValidationError.field("agencyId", "Choose one of this partnership's agencies.");
    }
    // Separation of duties: nobody widens their own access. Removing a role is fine.
    const added = change.roles.filter((r) => !before.roles.includes(r));
    if (userId === actor.userId && added.length > 0) {
      throw ValidationError.field("roles", "You cannot give yourself a new role. Ask another administrator.");
    }
    if (before.roles.includes("partnership_admin") && !change.roles.includes("partnership_admin")) await assertAnotherAdmin(tx, userId);
    const jobTitle = change.jobTitle === undefined ? before.jobTitle : change.jobTitle;
    await tx.membership.update({ where: { id: before.id }, data: { agencyId: change.agencyId, roles: change.roles, jobTitle } });
    const rolesChanged = [...before.roles].sort().join() !== [...change.roles].sort().join();
    await audit(tx, context, [
      {
        type: rolesChanged ? "roles_changed" : "user_updated",
        at: now,
        partnershipId: actor.partnershipId,
        actorId: actor.userId,
        subjectType: "user",
        subjectId: userId,
        details: {
          before: { agencyId: before.agencyId, roles: before.roles, jobTitle: before.jobTitle },
          after: { agencyId: change.agencyId, roles: change.roles, jobTitle },
        },
      },
    ]);
  });
}

export async function addMember(db: Database, actor: Actor, input: unknown, context: RequestContext, now = appNow()): Promise<CreateUserResult> {
  requireManager(actor);
  const member = parseInput(NewMemberInput, input);
  const agency = await inPartnership(db, actor, (tx) => tx.agency.findFirst({ where: { id: member.agencyId, partnershipId: actor.partnershipId } }));
  if (!agency) throw ValidationError.field("agencyId", "Choose one of this partnership's agencies.");
  try {
    return await createUser(
      db,
      {
        partnershipId: actor.partnershipId,
        email: member.email,
        name: member.name,
        agency: agency.name,
        roles: member.roles,
        jobTitle: member.jobTitle ?? null,
      },
      context,
      actor.userId,
      now,
    );
  } catch (error) {
    if (error instanceof UserInputError && /already a member/.test(error.message)) {
      throw ValidationError.field("email", "This person is already a member of this partnership. Find them in the list to change their details.");
    }
    throw error;
  }
}

export async function endMembership(
  db: Database,
  actor: Actor,
  userId: string,
  context: RequestContext,
  now = appNow(),
): Promise<{ accountDeactivated: boolean }> {
  requireManager(actor);
  if (userId === actor.userId) throw new ForbiddenError("You cannot end your own access. Ask another administrator.");
  await inPartnership(db, actor, async (tx) => {
    const membership = await tx.membership.findUnique({ where: { userId_partnershipId: { userId, partnershipId: actor.partnershipId } } });
    if (!membership) throw new NotFoundError("We could not find that person in this partnership.");
    if (membership.deactivatedAt) return;
    if (membership.roles.includes("partnership_admin")) await assertAnotherAdmin(tx, userId);
    await tx.membership.update({ where: { id: membership.id }, data: { deactivatedAt: now } });
    await audit(tx, context, [
      {
        type: "user_deactivated",
        at: now,
        partnershipId: actor.partnershipId,
        actorId: actor.userId,
        subjectType: "user",
        subjectId: userId,
        details: { scope: "partnership" },
      },
    ]);
  });
  // Their last partnership: the account goes too, and every session ends now.
  const remaining = await asUser(db, userId, (tx) => tx.membership.count({ where: { userId, deactivatedAt: null } }));
  if (remaining === 0) {
    await deactivateUser(db, userId, context, actor.userId, now, "no_memberships");
    return { accountDeactivated: true };
  }
  return { accountDeactivated: false };
}

/**
 * Restores an ended membership. If ending it had deactivated the account (it was
 * their last), the account comes back too; an account the installation's
 * administrator deactivated stays deactivated.
 */
export async function restoreMembership(
  db: Database,
  actor: Actor,
  userId: string,
  context: RequestContext,
  now = appNow(),
): Promise<{ accountActive: boolean }> {
  requireManager(actor);
  const restored = await inPartnership(db, actor, async (tx) => {
    const membership = await tx.membership.findUnique({ where: { userId_partnershipId: { userId, partnershipId: actor.partnershipId } } });
    if (!membership) throw new NotFoundError("We could not find that person in this partnership.");
    if (!membership.deactivatedAt) return false;
    await tx.membership.update({ where: { id: membership.id }, data: { deactivatedAt: null } });
    await audit(tx, context, [
      {
        type: "user_reactivated",
        at: now,
        partnershipId: actor.partnershipId,
        actorId: actor.userId,
        subjectType: "user",
        subjectId: userId,
        details: { scope: "partnership" },
      },
    ]);
    return true;
  });
  if (restored) await reactivateUser(db, userId, context, actor.userId, now, ["no_memberships"]);
  const user = await asUser(db, userId, (tx) => tx.user.findUnique({ where: { id: userId }, select: { active: true } }));
  return { accountActive: user?.active ?? false };
}
