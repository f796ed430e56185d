/** Recording that a form of the current stage was completed, and who it went to. */
import { z } from "zod";
import type { Actor } from "../auth/actor";
import type { Database } from "../db/connect";
import { getStage } from "../policy";
import { requireAction } from "./actions";
import { runCommand, type CommandResult } from "./command";
import type { EscalationDeps } from "./deps";
import { FormInputSchema, expectedVersion, parseInput } from "./schemas";
import { formEvents } from "./stage-entry";

export const CompleteFormInput = FormInputSchema.extend({ expectedVersion });
export type CompleteFormInput = z.input<typeof CompleteFormInput>;

export async function completeForm(db: Database, actor: Actor, escalationId: string, input: unknown, deps: EscalationDeps): Promise<CommandResult> {
  const { expectedVersion: version, ...form } = parseInput(CompleteFormInput, input);
  return runCommand(db, actor, escalationId, version, deps, ({ state, loaded: { policy } }) => {
    requireAction(actor, state, policy, "complete_form");
    return formEvents(policy, getStage(policy, state.row.stageKey, state.row.routeId), [form], () => "formId");
  });
}
