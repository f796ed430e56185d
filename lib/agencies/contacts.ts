/**
 * An agency's escalation contacts: who takes a dispute raised against it while
 * nobody there owns it. The partnership administrator names them; with none
 * named, the agency's active managers are its contacts, or failing those every
 * active member who works on cases. An agency with nobody who works on cases
 * is "not on Parley": nobody there can be told, so the partnership's business
 * manager is.
 */
import { CASE_ROLES, MANAGEMENT_ROLES } from "../auth/permissions";
import { Prisma } from "../db/generated/client";
import type { Role } from "../db/generated/enums";
import type { PartnershipTx } from "../db/scope";

export type ContactSource = "named" | "managers" | "members";

export type AgencyContactPerson = {
  userId: string;
  name: string;
  email: string;
  /** What they do for the agency, when named ("Designated safeguarding lead"). */
  duty: string | null;
  source: ContactSource;
};

type ActiveMember = { userId: string; name: string; email: string; roles: Role[] };

async function activeMembers(tx: PartnershipTx, partnershipId: string, agencyId: string): Promise<ActiveMember[]> {
  const rows = await tx.membership.findMany({
    where: { partnershipId, agencyId, deactivatedAt: null, roles: { hasSome: [...CASE_ROLES] }, user: { active: true } },
    select: { userId: true, roles: true, user: { select: { name: true, email: true } } },
    orderBy: { user: { name: "asc" } },
  });
  return rows.map((m) => ({ userId: m.userId, name: m.user.name, email: m.user.email, roles: m.roles }));
}

/** The people who take disputes raised against the agency now (empty: the agency is not on Parley). */
export async function effectiveContacts(tx: PartnershipTx, partnershipId: string, agencyId: string): Promise<AgencyContactPerson[]> {
  const members = await activeMembers(tx, partnershipId, agencyId);
  if (members.length === 0) return [];
  const named = await tx.agencyContact.findMany({ where: { partnershipId, agencyId }, select: { userId: true, duty: true } });
  const active = new Map(members.map((m) => [m.userId, m]));
  const namedActive = named.flatMap((c) => {
    const m = active.get(c.userId);
    return m ? [{ userId: m.userId, name: m.name, email: m.email, duty: c.duty, source: "named" as const }] : [];
  });
  if (namedActive.length > 0) return namedActive.sort((a, b) => a.name.localeCompare(b.name));
  const managers = members.filter((m) => m.roles.some((r) => (MANAGEMENT_ROLES as readonly Role[]).includes(r)));
  const chosen = managers.length > 0 ? managers : members;
  const source: ContactSource = managers.length > 0 ? "managers" : "members";
  return chosen.map((m) => ({ userId: m.userId, name: m.name, email: m.email, duty: null, source }));
}

/**
 * Whether the user is one of the agency's contacts now: effectiveContacts' rule
 * in one statement, because every manager's dashboard asks it (three statements
 * through the models).
 */
export async function isEffectiveContact(tx: PartnershipTx, partnershipId: string, agencyId: string, userId: string): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ contact: boolean }[]>`SELECT ${effectiveContactSql(partnershipId, agencyId, userId)} AS contact`;
  return row?.contact === true;
}

/** isEffectiveContact as a boolean expression, for a statement that reads other facts too (a dashboard's lists). */
export function effectiveContactSql(partnershipId: string, agencyId: string, userId: string): Prisma.Sql {
  const caseRoles = Prisma.sql`ARRAY[${Prisma.join(CASE_ROLES.map((r) => Prisma.sql`${r}::"Role"`))}]`;
  const managementRoles = Prisma.sql`ARRAY[${Prisma.join(MANAGEMENT_ROLES.map((r) => Prisma.sql`${r}::"Role"`))}]`;
  return Prisma.sql`(
    WITH members AS (
      SELECT m."userId", m.roles && ${managementRoles} AS manages
      FROM "Membership" m JOIN "User" u ON u.id = m."userId"
      WHERE m."partnershipId" = ${partnershipId} AND m."agencyId" = ${agencyId}::uuid AND m."deactivatedAt" IS NULL
        AND m.roles && ${caseRoles} AND u.active
    ), named AS (
      SELECT c."userId" FROM "AgencyContact" c JOIN members USING ("userId") WHERE c."partnershipId" = ${partnershipId} AND c."agencyId" = ${agencyId}::uuid
    )
    SELECT CASE
      WHEN EXISTS (SELECT 1 FROM named) THEN EXISTS (SELECT 1 FROM named WHERE "userId" = ${userId}::uuid)
      WHEN EXISTS (SELECT 1 FROM members WHERE manages) THEN EXISTS (SELECT 1 FROM members WHERE manages AND "userId" = ${userId}::uuid)
      ELSE EXISTS (SELECT 1 FROM members WHERE "userId" = ${userId}::uuid)
    END)`;
}

/** Agencies of the partnership with nobody active who works on cases: disputes raised against them reach nobody there. */
export async function agenciesNotOnParley(tx: PartnershipTx, partnershipId: string): Promise<string[]> {
  const rows = await tx.agency.findMany({
    where: { partnershipId, memberships: { none: { deactivatedAt: null, roles: { hasSome: [...CASE_ROLES] }, user: { active: true } } } },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
