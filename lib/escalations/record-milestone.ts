/** Recording that an event the policy names has happened (a meeting held, a referral received): deadlines may count from it. */
import { z } from "zod";
import type { Actor } from "../auth/actor";
import type { Database } from "../db/connect";
import { requireAction } from "./actions";
import { runCommand, type CommandResult } from "./command";
import { checkCorrection, parseWhen } from "./common";
import { checkHappened } from "./date-bounds";
import type { EscalationDeps } from "./deps";
import { ValidationError } from "../errors";
import { disputeFacts, milestonesAt } from "./policy-facts";
import { LIMITS, expectedVersion, id, instantText, optionalText, parseInput, requiredText } from "./schemas";

export const RecordMilestoneInput = z.strictObject({
  expectedVersion,
  milestoneId: requiredText("what happened"),
  occurredAt: instantText("when it happened"),
  note: optionalText(LIMITS.long),
  /** Set when this corrects an earlier record (for example, the wrong time). */
  correctsEventId: id("the record this corrects").optional(),
});
export type RecordMilestoneInput = z.input<typeof RecordMilestoneInput>;

export async function recordMilestone(db: Database, actor: Actor, escalationId: string, input: unknown, deps: EscalationDeps): Promise<CommandResult> {
  const cmd = parseInput(RecordMilestoneInput, input);
  return runCommand(db, actor, escalationId, cmd.expectedVersion, deps, ({ state, loaded: { policy }, now }) => {
    requireAction(actor, state, policy, "record_milestone");
    const recordable = milestonesAt(policy, state.row.routeId, state.row.stageKey, disputeFacts(state.row));
    const event = recordable.find((e) => e.id === cmd.milestoneId);
    if (!event) {
      const known = recordable.map((e) => `"${e.id}" (${e.label})`).join(", ");
      const named = policy.events?.find((e) => e.id === cmd.milestoneId);
      throw ValidationError.field(
        "milestoneId",
        named
          ? `No deadline at this stage counts from, or is met by, ${named.label}, so it is not recorded here. What can be recorded now: ${known}.`
          : `The policy names no event "${cmd.milestoneId}". What can be recorded now: ${known}.`,
      );
    }
    checkCorrection(state, cmd.correctsEventId, ["milestone_recorded"], "a recorded event");
    const occurredAt = parseWhen(cmd.occurredAt, policy, "occurredAt");
    checkHappened(occurredAt, { path: "occurredAt", of: event.label }, { raisedAt: state.row.raisedAt, now, timeZone: policy.timeZone });
    return [
      {
        type: "milestone_recorded",
        payload: { milestoneId: event.id, label: event.label, occurredAt: occurredAt.toISOString(), ...(cmd.note ? { note: cmd.note } : {}) },
        ...(cmd.correctsEventId ? { correctsId: cmd.correctsEventId } : {}),
      },
    ];
  });
}
