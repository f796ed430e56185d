import type { Database } from "../db/connect";
import type { ApiTokenPermission, Role } from "../db/generated/enums";
import { asUser } from "../db/scope";
import type { SignedInUser } from "./sessions";

/**
 * Who is acting, and where: a signed-in user in one of their partnerships. The
 * seam between transport (session, API) and domain. Built only on the server from
 * the session and the user's membership, never from a request body.
 */
export type Actor = {
  userId: string;
  name: string;
  email: string;
  partnershipId: string;
  agencyId: string;
  roles: readonly Role[];
  /**
   * Set when an agency's system acts through an API token (lib/auth/api-token-auth.ts):
   * `userId` is then the token's system account, and `roles` come from its permissions.
   */
  token?: { id: string; permissions: readonly ApiTokenPermission[] };
};

/** One of a user's active memberships, with the names a page shows. */
export type MembershipSummary = {
  partnershipId: string;
  partnershipName: string;
  agencyId: string;
  agencyName: string;
  roles: readonly Role[];
};

/**
 * A user's active memberships, by partnership name: one query, as the user
 * (row-level security shows only their own). A request's session lookup reads
 * the same with the session (lib/auth/sessions.ts); this is for callers
 * without one.
 */
export async function loadMemberships(db: Database, userId: string): Promise<MembershipSummary[]> {
  const rows = await asUser(
    db,
    userId,
    (tx) =>
      tx.$queryRaw<(Omit<MembershipSummary, "roles"> & { roles: Role[] })[]>`
      select m."partnershipId", p.name as "partnershipName", m."agencyId", a.name as "agencyName", m.roles::text[] as roles
      from "Membership" m
      join "Partnership" p on p.id = m."partnershipId"
      join "Agency" a on a."partnershipId" = m."partnershipId" and a.id = m."agencyId"
      where m."userId" = ${userId}::uuid and m."deactivatedAt" is null`,
  );
  return byPartnershipName(rows);
}

export function byPartnershipName<M extends MembershipSummary>(memberships: M[]): M[] {
  return memberships.sort((a, b) => a.partnershipName.localeCompare(b.partnershipName, "en-GB"));
}

/**
 * The actor for a signed-in user in a partnership, from their memberships, or
 * null when they have no active membership there. The session check has
 * already refused a deactivated user.
 */
export function actorIn(user: Pick<SignedInUser, "userId" | "name" | "email">, memberships: readonly MembershipSummary[], partnershipId: string): Actor | null {
  const membership = memberships.find((m) => m.partnershipId === partnershipId);
  if (!membership) return null;
  return { userId: user.userId, name: user.name, email: user.email, partnershipId, agencyId: membership.agencyId, roles: membership.roles };
}

/**
 * The actor for a user in a partnership, or null when the user is inactive or
 * has no membership there. For callers without a validated session in hand.
 */
export async function loadActor(db: Database, userId: string, partnershipId: string): Promise<Actor | null> {
  return asUser(db, userId, async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { userId_partnershipId: { userId, partnershipId } },
      // Never the password hash.
      include: { user: { select: { name: true, email: true, active: true } } },
    });
    if (!membership || membership.deactivatedAt || !membership.user.active) return null;
    return {
      userId,
      name: membership.user.name,
      email: membership.user.email,
      partnershipId,
      agencyId: membership.agencyId,
      roles: membership.roles,
    };
  });
}
