/**
 * Who may see a dispute (lib/auth/permissions.ts decides; this supplies its
 * facts), and the actor's relations to one dispute that the per-action rules
 * in actions.ts are written in.
 */
import type { Actor } from "../auth/actor";
import {
  BOARD_ROLES,
  MANAGEMENT_ROLES,
  escalationAccess,
  hasAnyRole,
  highestSeniority,
  type AccessReason,
  type EscalationAccessFacts,
} from "../auth/permissions";
import type { Side } from "../db/generated/enums";
import { getStage, type Policy } from "../policy";
import { boardDecidesAt } from "./policy-facts";
import { SIDES, agencyOf, ownerOf, rankOf, type EscalationSnapshot } from "./state";

export type ActorRef = Pick<Actor, "userId" | "agencyId" | "roles">;

export function accessFacts(snapshot: EscalationSnapshot, policy: Policy): EscalationAccessFacts {
  const { row } = snapshot;
  const stage = getStage(policy, row.stageKey, row.routeId);
  return {
    raisingAgencyId: row.raisingAgencyId,
    respondingAgencyId: row.respondingAgencyId,
    // An agreed action's owner may mark it done (actions.ts), so they must be able to open the dispute.
    participantIds: [...new Set([...snapshot.participants.map((p) => p.userId), ...snapshot.actions.flatMap((a) => (a.ownerUserId ? [a.ownerUserId] : []))])],
    currentLevels: { raising: stage.raising.level, ...(stage.responding ? { responding: stage.responding.level } : {}) },
    underBoardOversight: row.onRegister,
    awaitingOwner: awaitsOwner(snapshot) && snapshot.intake ? { respondingContacts: snapshot.intake.respondingContacts } : undefined,
  };
}

/** Open, and nobody owns its responding side: the responding agency's contacts take it. */
export const awaitsOwner = (snapshot: Pick<EscalationSnapshot, "row">): boolean => snapshot.row.status === "open" && snapshot.row.respondingOwnerId === null;

export function accessTo(actor: ActorRef, snapshot: EscalationSnapshot, policy: Policy): AccessReason {
  return escalationAccess(actor, accessFacts(snapshot, policy));
}

export const canSee = (actor: ActorRef, snapshot: EscalationSnapshot, policy: Policy): boolean => accessTo(actor, snapshot, policy) !== "none";

/** How the actor stands to one dispute now. */
export type Relations = {
  canSee: boolean;
  raiser: boolean;
  /** Current owner of each side at the current stage. */
  owner: Record<Side, boolean>;
  /** A manager of the side's agency at or above the level the policy expects there now. */
  manager: Record<Side, boolean>;
  /** The board business manager, once the dispute is on the register. */
  businessManager: boolean;
  /** The board chair, at a stage the board decides. */
  chair: boolean;
  /** One of the responding agency's escalation contacts, while nobody there owns the dispute. */
  intake: boolean;
};

export function relationsOf(actor: ActorRef, snapshot: EscalationSnapshot, policy: Policy): Relations {
  const { row } = snapshot;
  const mine = highestSeniority(actor.roles);
  const isManager = hasAnyRole(actor, MANAGEMENT_ROLES);
  const bySide = (test: (side: Side) => boolean) => Object.fromEntries(SIDES.map((s) => [s, test(s)])) as Record<Side, boolean>;
  return {
    canSee: canSee(actor, snapshot, policy),
    raiser: row.raisedById === actor.userId,
    owner: bySide((s) => ownerOf(row, s) === actor.userId),
    manager: bySide((s) => isManager && actor.agencyId === agencyOf(row, s) && mine >= rankOf(row, s)),
    businessManager: row.onRegister && actor.roles.includes("board_business_manager"),
    chair: actor.roles.includes("board_chair") && boardDecidesAt(policy, row.routeId, row.stageKey),
    intake: awaitsOwner(snapshot) && actor.agencyId === row.respondingAgencyId && (snapshot.intake?.respondingContacts.includes(actor.userId) ?? false),
  };
}

export const isBoard = (actor: Pick<Actor, "roles">) => hasAnyRole(actor, BOARD_ROLES);
