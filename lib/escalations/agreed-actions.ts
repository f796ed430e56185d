/** Turning agreed actions typed by a person into `action_added` events, their owners checked. */
import { isoFromDay } from "../calendar/days";
import { ZoneClock } from "../calendar/time-zone";
import type { PartnershipTx } from "../db/scope";
import type { Policy } from "../policy";
import { newIdOf, type EscalationDeps } from "./deps";
import { ValidationError } from "./errors";
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
  const today = isoFromDay(ZoneClock.for(policy.timeZone).localDay(now.getTime()));
  if (input.dueDate < today) throw ValidationError.field(at("dueDate"), "Choose today or a later date.");
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
