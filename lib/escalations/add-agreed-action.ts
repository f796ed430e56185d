/** Recording an action the parties agreed: what, who, by when. */
import type { z } from "zod";
import type { Actor } from "../auth/actor";
import type { Database } from "../db/connect";
import { requireAction } from "./actions";
import { agreedActionEvent } from "./agreed-actions";
import { runCommand, type CommandResult } from "./command";
import type { EscalationDeps } from "./deps";
import { AgreedActionInputSchema, expectedVersion, parseInput } from "./schemas";

export const AddAgreedActionInput = AgreedActionInputSchema.extend({ expectedVersion });
export type AddAgreedActionInput = z.input<typeof AddAgreedActionInput>;

export async function addAgreedAction(db: Database, actor: Actor, escalationId: string, input: unknown, deps: EscalationDeps): Promise<CommandResult> {
  const { expectedVersion: version, ...action } = parseInput(AddAgreedActionInput, input);
  return runCommand(db, actor, escalationId, version, deps, async ({ tx, state, loaded: { policy }, now }) => {
    requireAction(actor, state, policy, "add_agreed_action");
    return [await agreedActionEvent(tx, actor.partnershipId, policy, action, "", now, deps)];
  });
}
