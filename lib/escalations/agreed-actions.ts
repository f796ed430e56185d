/** Turning agreed actions typed by a person into `action_added` events, their owners checked. */
import type { PartnershipTx } from "../db/scope";
import type { Policy } from "../policy";
import { checkDueDate } from "./date-bounds";
import { newIdOf, type EscalationDeps } from "./deps";
import { ValidationError } from "../errors";
import type { NewEvent } from "./events";
import { requireAgency, requireMember } from "./members";
import type { AgreedActionInput } from "./schemas";

export async function agreedActionEvent(
  tx: PartnershipTx,
  partnershipId: string,
  policy: Policy,
  input: AgreedActionInput,
  path: string,
  now: Date,
  deps: EscalationDeps,
): Promise<NewEvent> {
  const at = (field: string) => (path ? `${path}.${field}` : field);
  checkDueDate(input.dueDate, { path: at("dueDate"), of: "the action is due" }, { now, timeZone: policy.timeZone });
  let ownerAgencyId = input.ownerAgencyId ?? null;
  if (ownerAgencyId) await requireAgency(tx, partnershipId, ownerAgencyId, at("ownerAgencyId"));
  if (input.ownerUserId) {
    const owner = await requireMember(tx, partnershipId, input.ownerUserId, at("ownerUserId"));
    if (ownerAgencyId && owner.agencyId !== ownerAgencyId) {
      throw ValidationError.field(at("ownerUserId"), `${owner.name} does not work for the agency you chose.`);
    }
    ownerAgencyId = owner.agencyId;
  }
  return {
    type: "action_added",
    payload: {
      actionId: newIdOf(deps),
      description: input.description,
      ownerName: input.ownerName,
      ownerUserId: input.ownerUserId ?? null,
      ownerAgencyId,
      dueDate: input.dueDate,
    },
  };
}
