/**
 * Who and what a form may offer: the partnership's agencies and its active
 * members, read within the actor's partnership. The use cases check every
 * choice again (members.ts); this only lists the options.
 */
import type { Actor } from "../auth/actor";
import type { AgencyType, Role } from "../db/generated/enums";
import type { Database } from "../db/connect";
import { inPartnership } from "../db/scope";

export type DirectoryAgency = { id: string; name: string; type: AgencyType };
/** `jobTitle`: their title in that agency, where the administrator gave one (owner suggestions rank by it). */
export type DirectoryMember = { userId: string; name: string; agencyId: string; roles: Role[]; jobTitle?: string | null };
export type Directory = { agencies: DirectoryAgency[]; members: DirectoryMember[] };

/** The partnership's agencies (by name) and active members (by name). */
export async function partnershipDirectory(db: Database, actor: Pick<Actor, "partnershipId" | "userId">): Promise<Directory> {
  return inPartnership(db, actor, async (tx) => {
    const agencies = await tx.agency.findMany({
      where: { partnershipId: actor.partnershipId },
      select: { id: true, name: true, type: true },
      orderBy: { name: "asc" },
    });
    const memberships = await tx.membership.findMany({
      where: { partnershipId: actor.partnershipId, deactivatedAt: null, user: { active: true } },
      include: { user: { select: { name: true } } },
    });
    const members = memberships
      .map((m) => ({ userId: m.userId, name: m.user.name, agencyId: m.agencyId, roles: [...m.roles], jobTitle: m.jobTitle }))
      .sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
    return { agencies, members };
  });
}
