/** The people and agencies a command names, checked against the partnership. */
import { atOrAbove } from "../auth/permissions";
import type { Role, Side } from "../db/generated/enums";
import type { PartnershipTx } from "../db/scope";
import { ROLE_LEVEL_LABELS, getRoute, stageName, type Policy, type Stage } from "../policy";
import { ValidationError } from "../errors";
import type { NewEvent } from "./events";
import { levelAt, proxyRuleAt } from "./policy-facts";
import type { OwnerChoice } from "./schemas";
import { agencyOf, ownerOf, type EscalationRow } from "./state";

export type Member = { userId: string; name: string; active: boolean; agencyId: string; roles: Role[] };

export async function findMember(tx: PartnershipTx, partnershipId: string, userId: string): Promise<Member | null> {
  const m = await tx.membership.findUnique({
    where: { userId_partnershipId: { userId, partnershipId } },
    include: { user: { select: { name: true, active: true } } },
  });
  return m ? { userId, name: m.user.name, active: m.user.active && m.deactivatedAt === null, agencyId: m.agencyId, roles: m.roles } : null;
}

export async function findAgency(tx: PartnershipTx, partnershipId: string, agencyId: string): Promise<{ id: string; name: string } | null> {
  return tx.agency.findFirst({ where: { id: agencyId, partnershipId }, select: { id: true, name: true } });
}

export async function requireAgency(tx: PartnershipTx, partnershipId: string, agencyId: string, path: string): Promise<{ id: string; name: string }> {
  const agency = await findAgency(tx, partnershipId, agencyId);
  if (!agency) throw ValidationError.field(path, "Choose an agency of this partnership.");
  return agency;
}

/** An active member of the partnership, or a ValidationError at `path`. */
export async function requireMember(tx: PartnershipTx, partnershipId: string, userId: string, path: string): Promise<Member> {
  const member = await findMember(tx, partnershipId, userId);
  if (!member || !member.active) throw ValidationError.field(path, "Choose someone who is an active user of this partnership.");
  return member;
}

const meetsLevel = (member: Pick<Member, "roles">, stage: Stage, side: Side) => atOrAbove(member.roles, levelAt(stage, side));

/**
 * Whether the owner of a side keeps it on reaching `stage` (escalated or
 * expedited): still an active member of that side's agency (`agencyId`), at the
 * level the policy expects there. retainedOwnerEvent decides it; the escalate
 * page's preview says it beforehand (of the partnership's directory, whose members are all active).
 */
export function keepsOwnership(owner: Pick<Member, "agencyId" | "roles"> & { active?: boolean }, agencyId: string, stage: Stage, side: Side): boolean {
  return owner.active !== false && owner.agencyId === agencyId && meetsLevel(owner, stage, side);
}

/**
 * The owner a command names for one side at a stage: an active member of that
 * side's agency at the level the policy expects there, or anyone in that agency
 * marked as a proxy with a reason. `path` is where the choice sits in the input ("" at the top).
 */
export async function ownerEvent(
  tx: PartnershipTx,
  row: EscalationRow,
  policy: Policy,
  stage: Stage,
  side: Side,
  choice: OwnerChoice,
  path: string,
): Promise<NewEvent> {
  const userPath = path ? `${path}.userId` : "userId";
  const member = await requireMember(tx, row.partnershipId, choice.userId, userPath);
  if (member.agencyId !== agencyOf(row, side)) {
    const agency = await findAgency(tx, row.partnershipId, agencyOf(row, side));
    throw ValidationError.field(userPath, `${member.name} does not work for ${agency?.name ?? "that agency"}: choose someone who does.`);
  }
  if (!choice.proxy && !meetsLevel(member, stage, side)) {
    const level = ROLE_LEVEL_LABELS[levelAt(stage, side)];
    throw ValidationError.field(
      userPath,
      `At ${stageName(stage)} the policy expects a ${level} on this side, and ${member.name} is not one. Choose someone at that level, or mark them as a proxy and say why.`,
    );
  }
  return {
    type: "owner_assigned",
    payload: {
      side,
      userId: member.userId,
      proxy: choice.proxy,
      ...(choice.proxy ? { proxyReason: choice.proxyReason, proxyRule: proxyRuleAt(getRoute(policy, row.routeId), stage.key) } : {}),
    },
  };
}

/** The current owner of a side keeps it at the next stage if they meet its level. */
export async function retainedOwnerEvent(tx: PartnershipTx, row: EscalationRow, stage: Stage, side: Side): Promise<NewEvent | null> {
  const current = ownerOf(row, side);
  if (!current) return null;
  const member = await findMember(tx, row.partnershipId, current);
  if (!member || !keepsOwnership(member, agencyOf(row, side), stage, side)) return null;
  return { type: "owner_assigned", payload: { side, userId: current, proxy: false, retained: true } };
}
