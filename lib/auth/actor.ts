import type { Database } from "../db/connect";
import type { Role } from "../db/generated/enums";
import { asUser } from "../db/scope";

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
};

/**
 * The actor for a user in a partnership, or null when the user is inactive or
 * has no membership there. The server calls this on every request.
 */
export async function loadActor(db: Database, userId: string, partnershipId: string): Promise<Actor | null> {
  return asUser(db, userId, async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { userId_partnershipId: { userId, partnershipId } },
      // Never the password hash: this runs on every request.
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
