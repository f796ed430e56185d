/** Escalating a dispute to the next stage of its policy, once what the policy requires first has been recorded. */
import { z } from "zod";
import type { Actor } from "../auth/actor";
import type { Database } from "../db/connect";
import { getRoute, getStage, nextStage, requiredBeforeEscalating, stageName, type Policy } from "../policy";
import { requireAction } from "./actions";
import { runCommand, type CommandResult } from "./command";
import { deadlinesThen } from "./common";
import type { EscalationDeps } from "./deps";
import { PreconditionError, ValidationError } from "../errors";
import type { NewEvent } from "./events";
import { FormInputSchema, LIMITS, OwnersSchema, expectedVersion, optionalText, parseInput, requiredText } from "./schemas";
import { formEvents, stageEntryEvents } from "./stage-entry";
import type { EscalationState } from "./state";

export const EscalateEscalationInput = z.strictObject({
  expectedVersion,
  reason: requiredText("why the dispute needs to go to the next stage", LIMITS.long),
  /** Optional check: the stage the actor means to escalate to (it must be the next one). */
  toStageKey: optionalText(),
  owners: OwnersSchema.optional(),
  /** Forms of the current stage completed now, before leaving it. */
  formsCompleted: z.array(FormInputSchema).max(10).optional(),
  /** Forms of the next stage completed on entering it (Torbay's Record of Escalation at stage 3). */
  formsOnEntry: z.array(FormInputSchema).max(10).optional(),
});
export type EscalateEscalationInput = z.input<typeof EscalateEscalationInput>;

export async function escalateEscalation(db: Database, actor: Actor, escalationId: string, input: unknown, deps: EscalationDeps): Promise<CommandResult> {
  const cmd = parseInput(EscalateEscalationInput, input);
  return runCommand(db, actor, escalationId, cmd.expectedVersion, deps, async ({ tx, state, loaded: { policy }, now }) => {
    const { row } = state;
    if (cmd.toStageKey !== undefined) checkTarget(policy, state, cmd.toStageKey);
    requireAction(actor, state, policy, "escalate");
    const next = nextStage(policy, row.stageKey, row.routeId);
    if (!next) throw new PreconditionError("This dispute is at the last stage of the policy: it can now only be resolved or withdrawn.");
    const here = getStage(policy, row.stageKey, row.routeId);
    const formsNow = formEvents(policy, here, cmd.formsCompleted ?? [], (i) => `formsCompleted.${i}.formId`);
    checkRequired(policy, state, formsNow);
    const events: NewEvent[] = [
      ...formsNow,
      { type: "escalated", payload: { from: row.stageKey, to: next.key, reason: cmd.reason, deadlinesThen: deadlinesThen(state, now) } },
      ...(await stageEntryEvents(tx, row, policy, next.key, { owners: cmd.owners, formsOnEntry: cmd.formsOnEntry })),
    ];
    return events;
  });
}

function checkTarget(policy: Policy, state: EscalationState, toStageKey: string): void {
  const route = getRoute(policy, state.row.routeId);
  const target = route.stages.find((s) => s.key === toStageKey);
  if (!target) {
    throw ValidationError.field("toStageKey", `This process has no stage "${toStageKey}". Its stages: ${route.stages.map((s) => s.key).join(", ")}.`);
  }
  const next = nextStage(policy, state.row.stageKey, state.row.routeId);
  if (next && next.key !== target.key) {
    throw ValidationError.field(
      "toStageKey",
      `A dispute goes up one stage at a time: the next stage is ${stageName(next)}. To skip stages in an emergency, expedite it instead.`,
    );
  }
}

/** The records and forms the policy requires before a dispute leaves its current stage. */
function checkRequired(policy: Policy, state: EscalationState, formsNow: readonly NewEvent[]): void {
  const { row } = state;
  const here = stageName(getStage(policy, row.stageKey, row.routeId));
  const required = requiredBeforeEscalating(policy, row.stageKey, row.routeId);
  if (required.records.length > 0 && (state.discussions[row.stageKey] ?? 0) === 0) {
    const what = required.records.map((r) => r.what.charAt(0).toLowerCase() + r.what.slice(1)).join("; ");
    throw new PreconditionError(`Record a discussion at ${here} before escalating: the policy requires ${what}.`);
  }
  const done = new Set([...Object.keys(state.forms[row.stageKey] ?? {}), ...formsNow.flatMap((e) => (e.type === "form_completed" ? [e.payload.formId] : []))]);
  const missing = required.forms.filter((f) => !done.has(f.id));
  if (missing.length > 0) {
    throw new PreconditionError(
      `Complete the ${missing.map((f) => f.title).join(" and the ")} at ${here} before escalating: the policy requires it. Record it as completed, or include it with this escalation.`,
    );
  }
}
