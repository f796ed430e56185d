/**
 * The shape every command on an existing dispute shares: load and replay it in
 * the actor's partnership, hide it from those who may not see it, check the
 * version the actor saw, let the use case decide its events, then write them
 * and the state they lead to in the same transaction.
 */
import type { Actor } from "../auth/actor";
import type { Database } from "../db/connect";
import { inPartnership, type PartnershipTx } from "../db/scope";
import { canSee } from "./access";
import { nowOf, type EscalationDeps } from "./deps";
import { ConflictError, NotFoundError } from "../errors";
import type { EscalationEvent, EventType, NewEvent } from "./events";
import { afterChange } from "../notices/on-change";
import { withIntake } from "./intake";
import { contextAt } from "./projection";
import { commitEvents, loadEscalation, placeEvents, type Loaded } from "./store";
import type { EscalationState } from "./state";

export type CommandContext = {
  tx: PartnershipTx;
  actor: Actor;
  loaded: Loaded;
  state: EscalationState;
  now: Date;
  deps: EscalationDeps;
};

export type CommandResult = {
  id: string;
  reference: string;
  /** The dispute's version after the command: send it as expectedVersion next time. */
  version: number;
  events: { id: string; sequence: number; type: EventType }[];
};

export function resultOf(id: string, state: EscalationState, events: readonly EscalationEvent[]): CommandResult {
  return { id, reference: state.row.reference, version: state.row.version, events: events.map((e) => ({ id: e.id, sequence: e.sequence, type: e.type })) };
}

export type CommandOptions = {
  /**
   * Who may act on the dispute. Default: whoever may see it (lib/escalations/access.ts).
   * A partnership-level command (moving disputes to a newer policy version) names its capability instead.
   */
  mayAct?: (actor: Actor, seen: EscalationState, loaded: Loaded) => boolean;
};

export function runCommand(
  db: Database,
  actor: Actor,
  escalationId: string,
  expectedVersion: number,
  deps: EscalationDeps,
  decide: (c: CommandContext) => NewEvent[] | Promise<NewEvent[]>,
  options: CommandOptions = {},
): Promise<CommandResult> {
  return inPartnership(db, actor, (tx) => runCommandIn(tx, actor, escalationId, expectedVersion, deps, decide, options));
}

/** runCommand in the caller's transaction: several commands that must all happen or none (moving disputes to a newer policy version). */
export async function runCommandIn(
  tx: PartnershipTx,
  actor: Actor,
  escalationId: string,
  expectedVersion: number,
  deps: EscalationDeps,
  decide: (c: CommandContext) => NewEvent[] | Promise<NewEvent[]>,
  options: CommandOptions = {},
): Promise<CommandResult> {
  const loaded = await loadEscalation(tx, actor, escalationId, deps);
  const seen = await withIntake(tx, loaded.state);
  const mayAct = options.mayAct ?? ((a: Actor, s: EscalationState, l: Loaded) => canSee(a, s, l.policy));
  if (!mayAct(actor, seen, loaded)) throw new NotFoundError();
  if (loaded.state.row.version !== expectedVersion) throw new ConflictError();
  const now = nowOf(deps);
  const fresh = await decide({ tx, actor, loaded, state: seen, now, deps });
  const { events, state } = placeEvents(loaded.state, fresh, { at: now, actorId: actor.userId, policyVersion: loaded.state.row.policyVersion }, deps, loaded);
  await commitEvents(tx, loaded, expectedVersion, events, state);
  // The version the dispute is under after the command (a move to a newer one changes it).
  const under = contextAt(loaded, state.row.policyVersion);
  await afterChange(tx, {
    id: loaded.id,
    after: state,
    events,
    policy: under.policy,
    calendar: under.calendar,
    now,
    actorId: actor.userId,
    notify: deps.notify,
  });
  return resultOf(loaded.id, state, events);
}
