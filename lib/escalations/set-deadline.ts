/** Setting a timescale the policy leaves to a person (Torbay stage 5: the Executive Chair). */
import { z } from "zod";
import type { Actor } from "../auth/actor";
import type { Database } from "../db/connect";
import { describeParty, getStage, stageName } from "../policy";
import { requireAction } from "./actions";
import { runCommand, type CommandResult } from "./command";
import { parseWhen } from "./common";
import { checkDueAt } from "./date-bounds";
import type { EscalationDeps } from "./deps";
import { ValidationError } from "../errors";
import { disputeFacts, settableDeadline, settableDeadlineIds } from "./policy-facts";
import { LIMITS, expectedVersion, instantText, optionalText, parseInput, requiredText } from "./schemas";

export const SetDeadlineInput = z.strictObject({
  expectedVersion,
  deadlineId: requiredText("which deadline"),
  dueAt: instantText("when it is due"),
  note: optionalText(LIMITS.long),
});
export type SetDeadlineInput = z.input<typeof SetDeadlineInput>;

export async function setDeadline(db: Database, actor: Actor, escalationId: string, input: unknown, deps: EscalationDeps): Promise<CommandResult> {
  const cmd = parseInput(SetDeadlineInput, input);
  return runCommand(db, actor, escalationId, cmd.expectedVersion, deps, ({ state, loaded: { policy }, now }) => {
    const { row } = state;
    const found = settableDeadline(policy, row.routeId, row.stageKey, cmd.deadlineId, disputeFacts(row));
    const here = stageName(getStage(policy, row.stageKey, row.routeId));
    if (found.kind === "unknown") {
      const ids = settableDeadlineIds(policy, row.routeId, row.stageKey, disputeFacts(row));
      throw ValidationError.field(
        "deadlineId",
        ids.length > 0
          ? `${here} has no deadline "${cmd.deadlineId}"; the one to set is ${ids.map((i) => `"${i}"`).join(", ")}.`
          : `${here} has no deadline "${cmd.deadlineId}".`,
      );
    }
    if (found.kind === "counted") {
      throw ValidationError.field("deadlineId", `"${found.label}" is counted by the policy, so it cannot be set by hand.`);
    }
    requireAction(actor, state, policy, "set_deadline", { deadlineId: cmd.deadlineId });
    const dueAt = parseWhen(cmd.dueAt, policy, "dueAt");
    checkDueAt(dueAt, { path: "dueAt", of: "it is due" }, { now, timeZone: policy.timeZone });
    return [
      {
        type: "deadline_set",
        payload: { deadlineId: cmd.deadlineId, dueAt: dueAt.toISOString(), setBy: describeParty(found.setBy, policy), ...(cmd.note ? { note: cmd.note } : {}) },
      },
    ];
  });
}
