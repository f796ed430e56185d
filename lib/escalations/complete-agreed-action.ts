/** Marking an agreed action as done (also after the dispute is resolved: that is when most are done). */
import { z } from "zod";
import type { Actor } from "../auth/actor";
import type { Database } from "../db/connect";
import { requireAction } from "./actions";
import { runCommand, type CommandResult } from "./command";
import type { EscalationDeps } from "./deps";
import { ValidationError } from "../errors";
import { LIMITS, expectedVersion, id, optionalText, parseInput } from "./schemas";

export const CompleteAgreedActionInput = z.strictObject({
  expectedVersion,
  actionId: id("the agreed action"),
  note: optionalText(LIMITS.long),
});
export type CompleteAgreedActionInput = z.input<typeof CompleteAgreedActionInput>;

export async function completeAgreedAction(db: Database, actor: Actor, escalationId: string, input: unknown, deps: EscalationDeps): Promise<CommandResult> {
  const cmd = parseInput(CompleteAgreedActionInput, input);
  return runCommand(db, actor, escalationId, cmd.expectedVersion, deps, ({ state, loaded: { policy } }) => {
    if (!state.actions.some((a) => a.id === cmd.actionId)) throw ValidationError.field("actionId", "Choose one of this dispute's agreed actions.");
    requireAction(actor, state, policy, "complete_agreed_action", { actionId: cmd.actionId });
    return [{ type: "action_completed", payload: { actionId: cmd.actionId, ...(cmd.note ? { note: cmd.note } : {}) } }];
  });
}
