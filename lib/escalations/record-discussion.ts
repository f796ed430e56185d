/** Recording a discussion between the parties: with whom, how, when, what was said and agreed. */
import { z } from "zod";
import type { Actor } from "../auth/actor";
import type { Database } from "../db/connect";
import { requireAction } from "./actions";
import { runCommand, type CommandResult } from "./command";
import { checkCorrection, parseWhen } from "./common";
import { checkHappened } from "./date-bounds";
import type { EscalationDeps } from "./deps";
import { DISCUSSION_METHODS, LIMITS, expectedVersion, id, instantText, optionalText, parseInput, requiredText } from "./schemas";

export const RecordDiscussionInput = z.strictObject({
  expectedVersion,
  with: requiredText("who you spoke with"),
  how: z.enum(DISCUSSION_METHODS, { error: "Choose how the discussion took place: phone, meeting, video, email or other." }),
  occurredAt: instantText("when the discussion took place"),
  said: requiredText("what was said", LIMITS.long),
  agreed: optionalText(LIMITS.long),
  /** Set when this corrects an earlier record of a discussion. */
  correctsEventId: id("the discussion this corrects").optional(),
});
export type RecordDiscussionInput = z.input<typeof RecordDiscussionInput>;

export async function recordDiscussion(db: Database, actor: Actor, escalationId: string, input: unknown, deps: EscalationDeps): Promise<CommandResult> {
  const cmd = parseInput(RecordDiscussionInput, input);
  return runCommand(db, actor, escalationId, cmd.expectedVersion, deps, ({ state, loaded: { policy }, now }) => {
    requireAction(actor, state, policy, "record_discussion");
    checkCorrection(state, cmd.correctsEventId, ["discussion_recorded"], "a recorded discussion");
    // Not in the future, and not before the day the dispute was raised (earlier that day is fine:
    // the conversation that led to raising it).
    const occurredAt = parseWhen(cmd.occurredAt, policy, "occurredAt");
    checkHappened(occurredAt, { path: "occurredAt", of: "the discussion" }, { raisedAt: state.row.raisedAt, now, timeZone: policy.timeZone });
    return [
      {
        type: "discussion_recorded",
        payload: { with: cmd.with, how: cmd.how, occurredAt: occurredAt.toISOString(), said: cmd.said, ...(cmd.agreed ? { agreed: cmd.agreed } : {}) },
        ...(cmd.correctsEventId ? { correctsId: cmd.correctsEventId } : {}),
      },
    ];
  });
}
