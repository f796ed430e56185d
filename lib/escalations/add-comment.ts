/** A comment on the record, by anyone who may see the dispute; it may correct an earlier event. */
import { z } from "zod";
import type { Actor } from "../auth/actor";
import type { Database } from "../db/connect";
import { requireAction } from "./actions";
import { runCommand, type CommandResult } from "./command";
import { checkCorrection } from "./common";
import type { EscalationDeps } from "./deps";
import { EVENT_TYPES } from "./events";
import { LIMITS, expectedVersion, id, parseInput, requiredText } from "./schemas";

export const AddCommentInput = z.strictObject({
  expectedVersion,
  text: requiredText("your comment", LIMITS.long),
  /** Set when the comment corrects an earlier event (which stays in the history as it was). */
  correctsEventId: id("the event this corrects").optional(),
});
export type AddCommentInput = z.input<typeof AddCommentInput>;

export async function addComment(db: Database, actor: Actor, escalationId: string, input: unknown, deps: EscalationDeps): Promise<CommandResult> {
  const cmd = parseInput(AddCommentInput, input);
  return runCommand(db, actor, escalationId, cmd.expectedVersion, deps, ({ state, loaded: { policy } }) => {
    requireAction(actor, state, policy, "comment");
    checkCorrection(state, cmd.correctsEventId, EVENT_TYPES, "an event");
    return [{ type: "comment", payload: { text: cmd.text }, ...(cmd.correctsEventId ? { correctsId: cmd.correctsEventId } : {}) }];
  });
}
