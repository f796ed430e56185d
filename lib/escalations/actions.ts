/**
 * Who may do what to one dispute, now. `availableActions` lists what the actor
 * may do (the API and UI offer only those); the use cases call `requireAction`,
 * which applies the same two rules: who may (else 403) and whether the policy
 * and the dispute's state allow it now (else 422). Someone who may not see the
 * dispute gets 404 before either.
 *
 * | action                  | who                                                                                  | when                                   |
 * |-------------------------|--------------------------------------------------------------------------------------|----------------------------------------|
 * | comment                 | anyone who may see it                                                                | any time, also once closed             |
 * | record_discussion       | raiser; current owners; managers of either agency at/above the stage; BM on register; chair where the board decides | open |
 * | record_milestone        | as record_discussion                                                                 | open; a deadline of the stage counts from an event |
 * | complete_form           | as record_discussion                                                                 | open; the stage has a form             |
 * | escalate                | current owners; managers of either agency at/above the stage; BM on register         | open; a next stage exists              |
 * | expedite                | as escalate                                                                          | open; the route lets a later stage be reached by skipping |
 * | assign_owner (side)     | that side's current owner; managers of that side's agency at/above the stage; BM on register; the responding agency's contacts while it awaits an owner | open |
 * | set_deadline            | whoever holds the role the policy names for that deadline (a case role must also be on the named side) | open; a set-by-role deadline applies now |
 * | add_agreed_action       | current owners; managers at/above the stage; BM on register; chair where the board decides | open                           |
 * | complete_agreed_action  | as add_agreed_action, and the person the action is assigned to                       | an action not yet done                 |
 * | resolve                 | as add_agreed_action                                                                 | open                                   |
 * | withdraw                | the raiser; the raising side's current owner                                         | open                                   |
 */
import type { Actor } from "../auth/actor";
import { atOrAbove } from "../auth/permissions";
import type { Side } from "../db/generated/enums";
import { getRoute, getStage, nextStage, stageName, type Policy } from "../policy";
import { relationsOf, type ActorRef, type Relations } from "./access";
import { ForbiddenError, NotFoundError, PreconditionError } from "../errors";
import { disputeFacts, expediteTargets, milestonesAt, partyLevel, settableDeadline, settableDeadlineIds } from "./policy-facts";
import { SIDES, type EscalationSnapshot } from "./state";

export const ACTIONS = [
  "comment",
  "record_discussion",
  "record_milestone",
  "complete_form",
  "escalate",
  "expedite",
  "assign_owner",
  "set_deadline",
  "add_agreed_action",
  "complete_agreed_action",
  "resolve",
  "withdraw",
] as const;
export type ActionName = (typeof ACTIONS)[number];

export type AvailableAction =
  | { action: "escalate"; toStageKey: string }
  | { action: "expedite"; toStageKeys: string[] }
  | { action: "assign_owner"; sides: Side[] }
  | { action: "set_deadline"; deadlineIds: string[] }
  | { action: "record_milestone"; milestoneIds: string[] }
  | { action: "complete_form"; formIds: string[] }
  | { action: "complete_agreed_action"; actionIds: string[] }
  | { action: "comment" | "record_discussion" | "add_agreed_action" | "resolve" | "withdraw" };

/** What an action applies to, where it matters to who may take it. */
export type ActionTarget = { side?: Side; deadlineId?: string; actionId?: string };

type Ctx = { actor: ActorRef; snapshot: EscalationSnapshot; policy: Policy; r: Relations };

const party = (r: Relations) => r.owner.raising || r.owner.responding || r.manager.raising || r.manager.responding;
const recorder = (r: Relations) => r.raiser || party(r) || r.businessManager || r.chair;
const decider = (r: Relations) => party(r) || r.businessManager || r.chair;

function mayTake(c: Ctx, action: ActionName, target: ActionTarget): boolean {
  const { r } = c;
  switch (action) {
    case "comment":
      return r.canSee;
    case "record_discussion":
    case "record_milestone":
    case "complete_form":
      return recorder(r);
    case "escalate":
    case "expedite":
      return party(r) || r.businessManager;
    case "assign_owner":
      if (target.side) return r.owner[target.side] || r.manager[target.side] || r.businessManager || (target.side === "responding" && r.intake);
      return SIDES.some((s) => r.owner[s] || r.manager[s]) || r.businessManager || r.intake;
    case "set_deadline":
      return target.deadlineId ? maySetDeadline(c, target.deadlineId) : false;
    case "add_agreed_action":
    case "resolve":
      return decider(r);
    case "complete_agreed_action": {
      if (decider(r)) return true;
      const action = c.snapshot.actions.find((a) => a.id === target.actionId);
      return action !== undefined && action.ownerUserId === c.actor.userId;
    }
    case "withdraw":
      return r.raiser || r.owner.raising;
    default: {
      const never: never = action;
      throw new Error(`unknown action ${String(never)}`);
    }
  }
}

function maySetDeadline(c: Ctx, deadlineId: string): boolean {
  const { row } = c.snapshot;
  const found = settableDeadline(c.policy, row.routeId, row.stageKey, deadlineId, disputeFacts(row));
  if (found.kind !== "settable") return false;
  const level = partyLevel(found.setBy, c.policy);
  switch (level) {
    case "board-chair":
      return c.actor.roles.includes("board_chair");
    case "board-business-manager":
      return c.r.businessManager;
    case "partnership-admin":
      return false;
    default: {
      const sides: readonly Side[] = found.setBy.side === "raising" || found.setBy.side === "responding" ? [found.setBy.side] : SIDES;
      const senior = level === undefined || atOrAbove(c.actor.roles, level);
      return senior && sides.some((s) => c.r.owner[s] || c.r.manager[s] || (s === "raising" && c.r.raiser));
    }
  }
}

/** Why the policy or the dispute's state rules the action out now, or null. */
function blockedBecause(c: Ctx, action: ActionName, target: ActionTarget): string | null {
  const { row } = c.snapshot;
  const here = stageName(getStage(c.policy, row.stageKey, row.routeId));
  if (action === "comment") return null;
  if (action === "complete_agreed_action") {
    const open = c.snapshot.actions.filter((a) => a.doneAt === null);
    if (target.actionId === undefined) return open.length > 0 ? null : "There is no agreed action left to complete.";
    const chosen = c.snapshot.actions.find((a) => a.id === target.actionId);
    if (!chosen) return "This dispute has no such agreed action.";
    return chosen.doneAt ? "That agreed action is already marked as done." : null;
  }
  if (row.status !== "open") {
    return `This dispute has been ${row.status}, so it cannot be changed. You can still add a comment${c.snapshot.actions.some((a) => a.doneAt === null) ? " or mark an agreed action as done" : ""}.`;
  }
  switch (action) {
    case "escalate":
      return nextStage(c.policy, row.stageKey, row.routeId)
        ? null
        : `This dispute is at ${here}, the last stage of the policy: it can now only be resolved or withdrawn.`;
    case "expedite": {
      const route = getRoute(c.policy, row.routeId);
      if (!route.urgent?.allowed) {
        return `This policy does not allow stages to be skipped.${route.urgent?.note ? ` ${route.urgent.note}` : ""} Escalate one stage at a time.`;
      }
      return expediteTargets(c.policy, row.routeId, row.stageKey).length > 0
        ? null
        : `The policy does not allow any stage after ${here} to be skipped: escalate to the next stage instead.`;
    }
    case "set_deadline":
      return settableDeadlineIds(c.policy, row.routeId, row.stageKey, disputeFacts(row)).length > 0
        ? null
        : `The policy has no timescale for anyone to set at ${here}.`;
    case "record_milestone":
      return milestonesAt(c.policy, row.routeId, row.stageKey, disputeFacts(row)).length > 0 ? null : `No deadline at ${here} counts from an event to record.`;
    case "complete_form":
      return (getStage(c.policy, row.stageKey, row.routeId).forms ?? []).length > 0 ? null : `The policy has no form to complete at ${here}.`;
    case "record_discussion":
    case "assign_owner":
    case "add_agreed_action":
    case "resolve":
    case "withdraw":
      return null;
    default: {
      const never: never = action;
      throw new Error(`unknown action ${String(never)}`);
    }
  }
}

const WHO: Record<ActionName, string> = {
  comment: "Only people who may see this dispute may comment on it.",
  record_discussion:
    "Only the people working on this dispute (its raiser, its owners, the agencies' managers at this stage, and the board where it has a part) may record a discussion.",
  record_milestone: "Only the people working on this dispute may record what has happened.",
  complete_form: "Only the people working on this dispute may record a completed form.",
  escalate: "Only this stage's owners, the agencies' managers at or above this stage, or the board business manager may escalate this dispute.",
  expedite: "Only this stage's owners, the agencies' managers at or above this stage, or the board business manager may skip stages.",
  assign_owner:
    "Only that side's current owner, its agency's managers at or above this stage, the board business manager, or (while nobody owns it) the responding agency's escalation contacts may choose who owns it.",
  set_deadline: "Only the person the policy names may set this timescale.",
  add_agreed_action: "Only this stage's owners, the agencies' managers at or above this stage, or the board may record an agreed action.",
  complete_agreed_action: "Only the people working on this dispute, or the person the action is assigned to, may mark it as done.",
  resolve: "Only this stage's owners, the agencies' managers at or above this stage, or the board may record that the dispute is resolved.",
  withdraw: "Only the person who raised this dispute, or the raising agency's current owner, may withdraw it.",
};

function contextFor(actor: ActorRef, snapshot: EscalationSnapshot, policy: Policy): Ctx {
  return { actor, snapshot, policy, r: relationsOf(actor, snapshot, policy) };
}

/** The actions the actor may take on the dispute now, with what each may apply to. */
export function availableActions(actor: Pick<Actor, "userId" | "agencyId" | "roles">, snapshot: EscalationSnapshot, policy: Policy): AvailableAction[] {
  const c = contextFor(actor, snapshot, policy);
  if (!c.r.canSee) return [];
  const { row } = snapshot;
  const ok = (action: ActionName, target: ActionTarget = {}) => mayTake(c, action, target) && blockedBecause(c, action, target) === null;
  const list: AvailableAction[] = [];
  for (const action of ACTIONS) {
    switch (action) {
      case "escalate": {
        const next = row.status === "open" ? nextStage(policy, row.stageKey, row.routeId) : null;
        if (next && ok(action)) list.push({ action, toStageKey: next.key });
        break;
      }
      case "expedite":
        if (ok(action)) list.push({ action, toStageKeys: expediteTargets(policy, row.routeId, row.stageKey) });
        break;
      case "assign_owner": {
        const sides = SIDES.filter((side) => ok(action, { side }));
        if (sides.length > 0) list.push({ action, sides });
        break;
      }
      case "set_deadline": {
        const deadlineIds = settableDeadlineIds(policy, row.routeId, row.stageKey, disputeFacts(row)).filter((deadlineId) => ok(action, { deadlineId }));
        if (deadlineIds.length > 0) list.push({ action, deadlineIds });
        break;
      }
      case "record_milestone":
        if (ok(action)) list.push({ action, milestoneIds: milestonesAt(policy, row.routeId, row.stageKey, disputeFacts(row)).map((e) => e.id) });
        break;
      case "complete_form":
        if (ok(action)) list.push({ action, formIds: (getStage(policy, row.stageKey, row.routeId).forms ?? []).map((f) => f.id) });
        break;
      case "complete_agreed_action": {
        const actionIds = snapshot.actions.filter((a) => a.doneAt === null && ok(action, { actionId: a.id })).map((a) => a.id);
        if (actionIds.length > 0) list.push({ action, actionIds });
        break;
      }
      case "comment":
      case "record_discussion":
      case "add_agreed_action":
      case "resolve":
      case "withdraw":
        if (ok(action)) list.push({ action });
        break;
      default: {
        const never: never = action;
        throw new Error(`unknown action ${String(never)}`);
      }
    }
  }
  return list;
}

/** Throws NotFound, Forbidden or Precondition unless the actor may take the action now. */
export function requireAction(actor: ActorRef, snapshot: EscalationSnapshot, policy: Policy, action: ActionName, target: ActionTarget = {}): void {
  const c = contextFor(actor, snapshot, policy);
  if (!c.r.canSee) throw new NotFoundError();
  if (!mayTake(c, action, target)) throw new ForbiddenError(WHO[action]);
  const blocked = blockedBecause(c, action, target);
  if (blocked) throw new PreconditionError(blocked);
}
