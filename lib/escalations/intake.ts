/** The intake of a dispute that awaits an owner on its responding side: who may take it. */
import { effectiveContacts } from "../agencies/contacts";
import type { PartnershipTx } from "../db/scope";
import { awaitsOwner } from "./access";
import type { EscalationSnapshot } from "./state";

/** The snapshot with its intake loaded when it awaits an owner (the agency's contacts, two queries), else as it was. */
export async function withIntake<T extends EscalationSnapshot>(tx: PartnershipTx, snapshot: T): Promise<T> {
  if (!awaitsOwner(snapshot)) return snapshot;
  const contacts = await effectiveContacts(tx, snapshot.row.partnershipId, snapshot.row.respondingAgencyId);
  return { ...snapshot, intake: { respondingContacts: contacts.map((c) => c.userId) } } as T;
}
