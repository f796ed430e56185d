/** Skipping stages in an emergency, where the policy's urgent rules allow it. */
import { z } from "zod";
import type { Actor } from "../auth/actor";
import type { Database } from "../db/connect";
import { getRoute, stageName } from "../policy";
import { requireAction } from "./actions";
import { runCommand, type CommandResult } from "./command";
import { deadlinesThen } from "./common";
import type { EscalationDeps } from "./deps";
import { PreconditionError, ValidationError } from "../errors";
import { expediteTargets, stageIndex, stagesBetween } from "./policy-facts";
import { FormInputSchema, LIMITS, OwnersSchema, expectedVersion, parseInput, requiredText } from "./schemas";
import { stageEntryEvents } from "./stage-entry";

export const ExpediteEscalationInput = z.strictObject({
  expectedVersion,
  toStageKey: requiredText("the stage to go to"),
  grounds: requiredText("the grounds for skipping stages (for example, the immediate risk to the child)", LIMITS.long),
  owners: OwnersSchema.optional(),
  formsOnEntry: z.array(FormInputSchema).max(10).optional(),
});
export type ExpediteEscalationInput = z.input<typeof ExpediteEscalationInput>;

export async function expediteEscalation(db: Database, actor: Actor, escalationId: string, input: unknown, deps: EscalationDeps): Promise<CommandResult> {
  const cmd = parseInput(ExpediteEscalationInput, input);
  return runCommand(db, actor, escalationId, cmd.expectedVersion, deps, async ({ tx, state, loaded: { policy }, now }) => {
    const { row } = state;
    const route = getRoute(policy, row.routeId);
    const target = route.stages.find((s) => s.key === cmd.toStageKey);
    if (!target) {
      throw ValidationError.field("toStageKey", `This process has no stage "${cmd.toStageKey}". Its stages: ${route.stages.map((s) => s.key).join(", ")}.`);
    }
    requireAction(actor, state, policy, "expedite");
    const from = stageIndex(route, row.stageKey);
    const to = stageIndex(route, target.key);
    if (to <= from) throw ValidationError.field("toStageKey", "Choose a stage after the one the dispute is at.");
    if (to === from + 1) throw ValidationError.field("toStageKey", `${stageName(target)} is the next stage: escalate to it instead. Expediting skips stages.`);
    if (!expediteTargets(policy, row.routeId, row.stageKey).includes(target.key)) {
      const blocked = route.stages.slice(from + 1, to).find((s) => !(route.urgent?.maySkip ?? []).includes(s.key));
      throw new PreconditionError(
        `The policy does not allow ${blocked ? stageName(blocked) : "a stage before it"} to be skipped, so the dispute cannot go straight to ${stageName(target)}.`,
      );
    }
    return [
      {
        type: "expedited",
        payload: {
          from: row.stageKey,
          to: target.key,
          skipped: stagesBetween(route, row.stageKey, target.key, false),
          grounds: cmd.grounds,
          deadlinesThen: deadlinesThen(state, now),
        },
      },
      ...(await stageEntryEvents(tx, row, policy, target.key, { owners: cmd.owners, formsOnEntry: cmd.formsOnEntry })),
    ];
  });
}
