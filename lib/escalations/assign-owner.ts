/** Choosing who owns one side of a dispute at its current stage (or a proxy, where the agency has nobody at that level). */
import { z } from "zod";
import type { Actor } from "../auth/actor";
import type { Database } from "../db/connect";
import { getStage } from "../policy";
import { requireAction } from "./actions";
import { runCommand, type CommandResult } from "./command";
import type { EscalationDeps } from "./deps";
import { PreconditionError } from "../errors";
import { ownerEvent } from "./members";
import { LIMITS, expectedVersion, id, optionalText, parseInput } from "./schemas";
import { ownerOf } from "./state";

export const AssignOwnerInput = z
  .strictObject({
    expectedVersion,
    side: z.enum(["raising", "responding"], { error: "Choose the raising or the responding side." }),
    userId: id("who will own it"),
    proxy: z.boolean().default(false),
    proxyReason: optionalText(LIMITS.long),
  })
  .superRefine((o, ctx) => {
    if (o.proxy && !o.proxyReason) {
      ctx.addIssue({ code: "custom", path: ["proxyReason"], message: "Say why a proxy is needed (for example, the agency has no one at this level)." });
    }
  });
export type AssignOwnerInput = z.input<typeof AssignOwnerInput>;

export async function assignOwner(db: Database, actor: Actor, escalationId: string, input: unknown, deps: EscalationDeps): Promise<CommandResult> {
  const cmd = parseInput(AssignOwnerInput, input);
  return runCommand(db, actor, escalationId, cmd.expectedVersion, deps, async ({ tx, state, loaded: { policy } }) => {
    requireAction(actor, state, policy, "assign_owner", { side: cmd.side });
    if (ownerOf(state.row, cmd.side) === cmd.userId) {
      throw new PreconditionError("They already own this side of the dispute at this stage.");
    }
    const stage = getStage(policy, state.row.stageKey, state.row.routeId);
    return [await ownerEvent(tx, state.row, policy, stage, cmd.side, { userId: cmd.userId, proxy: cmd.proxy, proxyReason: cmd.proxyReason }, "")];
  });
}
