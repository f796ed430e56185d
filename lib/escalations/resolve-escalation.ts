/** Recording that the dispute is resolved: the outcome, the actions agreed, and how each side confirmed it. */
import { z } from "zod";
import type { Actor } from "../auth/actor";
import type { Database } from "../db/connect";
import { requireAction } from "./actions";
import { agreedActionEvent } from "./agreed-actions";
import { runCommand, type CommandResult } from "./command";
import { deadlinesThen } from "./common";
import type { EscalationDeps } from "./deps";
import type { NewEvent } from "./events";
import { AgreedActionInputSchema, CONFIRMATION_METHODS, LIMITS, expectedVersion, optionalText, parseInput, requiredText } from "./schemas";

const Confirmation = z.strictObject({
  method: z.enum(CONFIRMATION_METHODS, { error: "Choose how they confirmed it: phone, meeting, video, email, letter or other." }),
  confirmedBy: requiredText("who confirmed it"),
  note: optionalText(LIMITS.long),
});

export const ResolveEscalationInput = z.strictObject({
  expectedVersion,
  outcome: requiredText("the outcome: what was decided and why", LIMITS.long),
  /** What the partnership could learn (a policy gap, unclear thresholds, training): for the board's reports. */
  learning: optionalText(LIMITS.long),
  actions: z.array(AgreedActionInputSchema).max(LIMITS.agreedActions).default([]),
  confirmations: z.strictObject({ raising: Confirmation, responding: Confirmation }, { error: "Say how each side confirmed the outcome." }),
});
export type ResolveEscalationInput = z.input<typeof ResolveEscalationInput>;

export async function resolveEscalation(db: Database, actor: Actor, escalationId: string, input: unknown, deps: EscalationDeps): Promise<CommandResult> {
  const cmd = parseInput(ResolveEscalationInput, input);
  return runCommand(db, actor, escalationId, cmd.expectedVersion, deps, async ({ tx, state, loaded: { policy }, now }) => {
    requireAction(actor, state, policy, "resolve");
    const added: NewEvent[] = [];
    for (const [i, action] of cmd.actions.entries()) added.push(await agreedActionEvent(tx, actor.partnershipId, policy, action, `actions.${i}`, now, deps));
    const confirmation = (c: z.output<typeof Confirmation>) => ({ method: c.method, confirmedBy: c.confirmedBy, ...(c.note ? { note: c.note } : {}) });
    return [
      ...added,
      {
        type: "resolved",
        payload: {
          outcome: cmd.outcome,
          ...(cmd.learning ? { learning: cmd.learning } : {}),
          actionIds: added.flatMap((e) => (e.type === "action_added" ? [e.payload.actionId] : [])),
          confirmations: { raising: confirmation(cmd.confirmations.raising), responding: confirmation(cmd.confirmations.responding) },
          deadlinesThen: deadlinesThen(state, now),
        },
      },
    ];
  });
}
