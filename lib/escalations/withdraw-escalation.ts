/** Withdrawing a dispute: the raising side no longer pursues it, and says why. */
import { z } from "zod";
import type { Actor } from "../auth/actor";
import type { Database } from "../db/connect";
import { requireAction } from "./actions";
import { runCommand, type CommandResult } from "./command";
import { deadlinesThen } from "./common";
import type { EscalationDeps } from "./deps";
import { LIMITS, expectedVersion, parseInput, requiredText } from "./schemas";

export const WithdrawEscalationInput = z.strictObject({
  expectedVersion,
  reason: requiredText("why the dispute is being withdrawn", LIMITS.long),
});
export type WithdrawEscalationInput = z.input<typeof WithdrawEscalationInput>;

export async function withdrawEscalation(db: Database, actor: Actor, escalationId: string, input: unknown, deps: EscalationDeps): Promise<CommandResult> {
  const cmd = parseInput(WithdrawEscalationInput, input);
  return runCommand(db, actor, escalationId, cmd.expectedVersion, deps, ({ state, loaded: { policy }, now }) => {
    requireAction(actor, state, policy, "withdraw");
    return [{ type: "withdrawn", payload: { reason: cmd.reason, deadlinesThen: deadlinesThen(state, now) } }];
  });
}
