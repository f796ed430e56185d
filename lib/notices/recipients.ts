/**
 * Who a notice goes to: people on Parley (by user id, role or agency) and,
 * where a policy names a contact nobody on Parley holds, that contact's own
 * e-mail address. Only active members of the partnership are ever chosen.
 */
import { effectiveContacts } from "../agencies/contacts";
import { CASE_ROLES, MANAGEMENT_ROLES, ROLE_LABELS, roleFromLevel, seniority } from "../auth/permissions";
import type { Role, Side } from "../db/generated/enums";
import type { PartnershipTx } from "../db/scope";
import { findContact, routeContactOfLevel, type Party, type Policy, type RoleLevel } from "../policy";
import { agencyOf, type EscalationRow } from "../escalations/state";

export type Recipient = {
  userId: string | null;
  email: string;
  name: string;
  /** Why they are told, in words: "Owner for the responding side", "TSCP Business Manager". */
  reason: string;
};

const key = (r: Recipient) => r.userId ?? r.email.toLowerCase();

/** One entry per person (the first reason found wins), leaving out `except` (whoever acted). */
export function distinctRecipients(list: readonly Recipient[], except?: string | null): Recipient[] {
  const seen = new Map<string, Recipient>();
  for (const r of list) {
    if (except && r.userId === except) continue;
    if (!seen.has(key(r))) seen.set(key(r), r);
  }
  return [...seen.values()];
}

export const recipientKey = key;

type Member = { userId: string; name: string; email: string; agencyId: string; roles: Role[] };

/** Active members of the partnership, optionally only these users, this agency or these roles. */
async function members(tx: PartnershipTx, partnershipId: string, where: { userIds?: string[]; agencyId?: string; roles?: readonly Role[] }): Promise<Member[]> {
  if (where.userIds && where.userIds.length === 0) return [];
  const rows = await tx.membership.findMany({
    where: {
      partnershipId,
      deactivatedAt: null,
      user: { active: true },
      ...(where.userIds ? { userId: { in: where.userIds } } : {}),
      ...(where.agencyId ? { agencyId: where.agencyId } : {}),
      ...(where.roles ? { roles: { hasSome: [...where.roles] } } : {}),
    },
    select: { userId: true, agencyId: true, roles: true, user: { select: { name: true, email: true } } },
    orderBy: { user: { name: "asc" } },
  });
  return rows.map((m) => ({ userId: m.userId, agencyId: m.agencyId, roles: m.roles, name: m.user.name, email: m.user.email }));
}

const asRecipient = (m: Member, reason: string): Recipient => ({ userId: m.userId, email: m.email, name: m.name, reason });

export async function usersById(tx: PartnershipTx, partnershipId: string, ids: readonly (string | null)[], reason: string): Promise<Recipient[]> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  return (await members(tx, partnershipId, { userIds: wanted })).map((m) => asRecipient(m, reason));
}

export async function holdersOf(tx: PartnershipTx, partnershipId: string, role: Role, reason: string = ROLE_LABELS[role]): Promise<Recipient[]> {
  return (await members(tx, partnershipId, { roles: [role] })).map((m) => asRecipient(m, reason));
}

const SIDE_WORDS: Record<Side, string> = { raising: "the raising side", responding: "the responding side" };

/**
 * Who acts for a side that nobody owns at the current stage: on the responding
 * side the agency's escalation contacts; on the raising side its managers at or
 * above the level the stage expects, failing those whoever raised it.
 */
export async function unownedSide(tx: PartnershipTx, row: EscalationRow, side: Side): Promise<Recipient[]> {
  if (side === "responding") {
    const contacts = await effectiveContacts(tx, row.partnershipId, row.respondingAgencyId);
    return contacts.map((c) => ({ userId: c.userId, email: c.email, name: c.name, reason: `Escalation contact for ${SIDE_WORDS.responding}` }));
  }
  const rank = row.raisingRank;
  const managers = (await members(tx, row.partnershipId, { agencyId: row.raisingAgencyId, roles: MANAGEMENT_ROLES })).filter(
    (m) => Math.max(...m.roles.filter((r) => (CASE_ROLES as readonly Role[]).includes(r)).map(seniority)) >= rank,
  );
  if (managers.length > 0) return managers.map((m) => asRecipient(m, `Manager for ${SIDE_WORDS.raising}`));
  return usersById(tx, row.partnershipId, [row.raisedById], "Raised the dispute");
}

/** The owner of each side now, or whoever acts for a side nobody owns. */
export async function sidesOf(tx: PartnershipTx, row: EscalationRow, only: "raising" | "responding" | "both" = "both"): Promise<Recipient[]> {
  const out: Recipient[] = [];
  for (const side of only === "both" ? (["raising", "responding"] as const) : [only]) {
    const owner = side === "raising" ? row.raisingOwnerId : row.respondingOwnerId;
    out.push(...(owner ? await usersById(tx, row.partnershipId, [owner], `Owner for ${SIDE_WORDS[side]}`) : await unownedSide(tx, row, side)));
  }
  return out;
}

/**
 * The people a policy party names, for one dispute: a contact held by a board
 * role goes to whoever holds it (or the contact's own address when nobody on
 * Parley does); a case role on a side goes to that agency's people in that role.
 */
export async function partyRecipients(tx: PartnershipTx, party: Party, row: EscalationRow, policy: Policy): Promise<Recipient[]> {
  const isBoard = (l: RoleLevel | undefined) => l === "board-business-manager" || l === "board-chair" || l === "partnership-admin";
  // With populations, a board role named without a contact is the route's population's contact of that level.
  const contact =
    findContact(policy, party.contact) ??
    (policy.populations && party.contact === undefined && isBoard(party.level) ? routeContactOfLevel(policy, row.routeId, party.level!) : undefined);
  const level = party.level ?? contact?.level;
  const label = party.title ?? contact?.label;
  if (isBoard(level)) {
    const role = roleFromLevel(level!);
    const holders = await holdersOf(tx, row.partnershipId, role, label ?? ROLE_LABELS[role]);
    // With populations, the partnership's holders of a board role serve different boards: the
    // contact's e-mail says which of them it is, or else the notice goes to that address itself.
    if (policy.populations && contact?.email) {
      const email = contact.email.toLowerCase();
      const theirs = holders.filter((h) => h.email.toLowerCase() === email);
      return theirs.length > 0 ? theirs : [{ userId: null, email: contact.email, name: contact.name ?? contact.label, reason: contact.label }];
    }
    if (holders.length > 0) return holders;
  } else if (level) {
    const role = roleFromLevel(level);
    const sides: Side[] = party.side === "raising" || party.side === "responding" ? [party.side] : ["raising", "responding"];
    const out: Recipient[] = [];
    for (const side of sides) {
      const found = await members(tx, row.partnershipId, { agencyId: agencyOf(row, side), roles: [role] });
      out.push(...found.map((m) => asRecipient(m, `${label ?? ROLE_LABELS[role]}, ${SIDE_WORDS[side]}`)));
    }
    if (out.length > 0) return out;
  }
  if (contact?.email) return [{ userId: null, email: contact.email, name: contact.name ?? contact.label, reason: contact.label }];
  return [];
}

/**
 * The board business manager(s) of a dispute: every holder of the role; with
 * populations, its route's population's business manager (partyRecipients).
 */
export async function boardBusinessManagers(tx: PartnershipTx, row: EscalationRow, policy: Policy): Promise<Recipient[]> {
  if (!policy.populations) return holdersOf(tx, row.partnershipId, "board_business_manager");
  return partyRecipients(tx, { level: "board-business-manager" }, row, policy);
}

export type Preference = "overdueReminders" | "noticeDigest";

/** Which of these users have asked for this kind of notice. */
export async function usersWhoWant(tx: PartnershipTx, userIds: readonly (string | null)[], preference: Preference): Promise<Set<string>> {
  const ids = [...new Set(userIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Set();
  const yes = await tx.user.findMany({ where: { id: { in: ids }, [preference]: true }, select: { id: true } });
  return new Set(yes.map((u) => u.id));
}

/** Only those of the recipients on Parley who have asked for this kind of notice. */
export async function withPreference(tx: PartnershipTx, list: readonly Recipient[], preference: Preference): Promise<Recipient[]> {
  const chosen = await usersWhoWant(
    tx,
    list.map((r) => r.userId),
    preference,
  );
  return list.filter((r) => r.userId !== null && chosen.has(r.userId));
}
