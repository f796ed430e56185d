/**
 * Whether the actor may see a dispute, without reading it for them or recording
 * a view: for a caller that must answer "not found" rather than "forbidden"
 * when someone may not see it at all (an API token without the permission a
 * command needs; lib/api/v1/handlers.ts).
 */
import type { Actor } from "../auth/actor";
import type { Database } from "../db/connect";
import { inPartnership } from "../db/scope";
import { canSee } from "./access";
import { pinnedPolicy, type EscalationDeps } from "./deps";
import { withIntake } from "./intake";
import { loadStoredProjection } from "./records";
import { isUuid } from "./store";

export async function maySeeEscalation(db: Database, actor: Actor, id: string, deps: EscalationDeps): Promise<boolean> {
  if (!isUuid(id)) return false;
  return inPartnership(db, actor, async (tx) => {
    const found = await loadStoredProjection(tx, id);
    if (!found || found.row.partnershipId !== actor.partnershipId) return false;
    const { policy } = pinnedPolicy(deps, found.row.policyId, found.row.policyVersion);
    return canSee(actor, await withIntake(tx, found), policy);
  });
}
