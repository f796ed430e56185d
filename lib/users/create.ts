import { appNow } from "../clock";
import type { Database } from "../db/connect";
import type { Role } from "../db/generated/enums";
import { asSystem } from "../db/scope";
import { audit, type RequestContext } from "../auth/audit";
import { ROLES } from "../auth/permissions";
import { normaliseEmail } from "../auth/sign-in";
import { UserInputError } from "../errors";
import { jobTitleProblem, normaliseJobTitle } from "./job-title";
import { issueSetupToken } from "./setup-tokens";

/**
 * Creating a user, or giving an existing one a membership of another
 * partnership: what the administrator command line does (and, later, the
 * partnership administrators' pages). New users, and users without a password,
 * get a one-time link to choose one.
 */

export type CreateUserInput = {
  partnershipId: string;
  email: string;
  name: string;
  /** The agency's name as the partnership records it (case does not matter). */
  agency: string;
  /** Role names as the policy files write them ("partnership-admin") or as stored ("partnership_admin"). */
  roles: readonly string[];
  /** Their title in that agency ("Detective Sergeant"): optional, at most JOB_TITLE_MAX characters. */
  jobTitle?: string | null | undefined;
};

export type CreateUserResult = {
  userId: string;
  created: boolean;
  partnershipName: string;
  agencyName: string;
  roles: Role[];
  /** Their job title as stored, or null. */
  jobTitle: string | null;
  /** A set-password token (show it once), when the user has no password yet. */
  setup: { token: string; expiresAt: Date } | null;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function parseRole(value: string): Role | null {
  const role = value.trim().toLowerCase().replaceAll("-", "_");
  return (ROLES as readonly string[]).includes(role) ? (role as Role) : null;
}

export function validEmail(value: string): string | null {
  const email = normaliseEmail(value);
  return email.length <= 254 && EMAIL.test(email) ? email : null;
}

/** Checks what can be checked without the database; throws UserInputError with a one-line reason. */
export function validateNewUser(input: Pick<CreateUserInput, "email" | "name" | "roles" | "jobTitle">): {
  email: string;
  name: string;
  roles: Role[];
  jobTitle: string | null;
} {
  const email = validEmail(input.email);
  if (!email) throw new UserInputError(`"${input.email}" is not an email address`);
  const name = input.name.trim();
  if (!name) throw new UserInputError("the name is empty");
  if (input.roles.length === 0) throw new UserInputError("give at least one --role");
  const roles: Role[] = [];
  for (const value of input.roles) {
    const role = parseRole(value);
    if (!role) throw new UserInputError(`unknown role "${value}" (roles: ${ROLES.map((r) => r.replaceAll("_", "-")).join(", ")})`);
    if (!roles.includes(role)) roles.push(role);
  }
  const jobTitle = normaliseJobTitle(input.jobTitle);
  const problem = jobTitleProblem(jobTitle);
  if (problem) throw new UserInputError(problem);
  return { email, name, roles, jobTitle };
}

export async function createUser(
  db: Database,
  input: CreateUserInput,
  context: RequestContext,
  createdById: string | null = null,
  now: Date = appNow(),
): Promise<CreateUserResult> {
  const { email, name, roles, jobTitle } = validateNewUser(input);
  // Installation-level: the administrator command line works across partnerships and creates people.
  return asSystem(db, async (tx) => {
    const partnership = await tx.partnership.findUnique({ where: { id: input.partnershipId } });
    if (!partnership) throw new UserInputError(`unknown partnership "${input.partnershipId}"`);
    const agencies = await tx.agency.findMany({ where: { partnershipId: partnership.id }, select: { id: true, name: true } });
    const agency = agencies.find((a) => a.name.toLowerCase() === input.agency.trim().toLowerCase());
    if (!agency) {
      throw new UserInputError(`unknown agency "${input.agency}" in ${partnership.id} (agencies: ${agencies.map((a) => `"${a.name}"`).join(", ")})`);
    }

    let user = await tx.user.findUnique({ where: { email }, select: { id: true, name: true, passwordHash: true, systemAccount: true } });
    // An API token's account acts only as its token, and is nobody's to join a partnership.
    if (user?.systemAccount) throw new UserInputError(`${email} belongs to an API token, not a person`);
    const created = !user;
    if (!user) {
      user = await tx.user.create({ data: { email, name, createdAt: now }, select: { id: true, name: true, passwordHash: true, systemAccount: true } });
    } else {
      const existing = await tx.membership.findUnique({ where: { userId_partnershipId: { userId: user.id, partnershipId: partnership.id } } });
      if (existing) throw new UserInputError(`${email} is already a member of ${partnership.id}`);
    }
    await tx.membership.create({
      data: { userId: user.id, partnershipId: partnership.id, agencyId: agency.id, roles, jobTitle, createdAt: now },
      select: { id: true },
    });
    // A link to choose a password is for someone new. For an existing person, only
    // the installation's command line may make one: the link lets whoever holds it
    // into every partnership the person belongs to, and a partnership
    // administrator adding them must not get that.
    const mayLink = created || (createdById === null && !user.passwordHash);
    const setup = mayLink ? await issueSetupToken(tx, user.id, createdById, now, partnership.id) : null;
    await audit(tx, context, [
      {
        type: "user_created",
        at: now,
        partnershipId: partnership.id,
        actorId: createdById,
        subjectType: "user",
        subjectId: user.id,
        details: { email, name, agencyId: agency.id, roles, jobTitle, newUser: created, via: createdById ? "web" : "admin-cli" },
      },
    ]);
    return { userId: user.id, created, partnershipName: partnership.name, agencyName: agency.name, roles, jobTitle, setup };
  });
}

/**
 * A fresh set-password link for an existing, active user (a forgotten password),
 * from the installation's command line. Partnership administrators use
 * issueMemberPasswordLink (members.ts), which is narrower.
 */
export async function issuePasswordLink(
  db: Database,
  emailInput: string,
  context: RequestContext,
  now: Date = appNow(),
): Promise<{ userId: string; token: string; expiresAt: Date }> {
  const email = validEmail(emailInput);
  if (!email) throw new UserInputError(`"${emailInput}" is not an email address`);
  // Installation-level: the administrator command line.
  return asSystem(db, async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, active: true } });
    if (!user) throw new UserInputError(`no user with email ${email}`);
    if (!user.active) throw new UserInputError(`${email} is deactivated`);
    const { token, expiresAt } = await issueSetupToken(tx, user.id, null, now);
    await audit(tx, context, [
      {
        type: "password_link_issued",
        at: now,
        actorId: null,
        subjectType: "user",
        subjectId: user.id,
        details: { via: "admin-cli", expiresAt: expiresAt.toISOString() },
      },
    ]);
    return { userId: user.id, token, expiresAt };
  });
}
