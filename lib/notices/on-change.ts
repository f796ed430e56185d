/**
 * What a change to a dispute sets going, in the change's own transaction: its
 * timers (warnings and misses to come) rewritten from the new state, the
 * notices its events call for written to the outbox, and the webhook deliveries
 * the agencies' systems asked for (lib/webhooks/outbox.ts).
 */
import type { WorkingCalendar } from "../calendar/working-calendar";
import type { PartnershipTx } from "../db/scope";
import type { EscalationEvent } from "../escalations/events";
import type { EscalationState } from "../escalations/state";
import type { Policy } from "../policy";
import { agencyNames, callsForNotices, draftsForEvents } from "./drafts";
import { enqueue, noticeHoursFor } from "./outbox";
import { timersFor, writeTimers } from "./timers";
import { causesOfEvents, enqueueWebhooks } from "../webhooks/outbox";

export type ChangeInput = {
  id: string;
  after: EscalationState;
  events: readonly EscalationEvent[];
  policy: Policy;
  calendar: WorkingCalendar;
  now: Date;
  actorId: string | null;
  /** false: timers only (the demo seed, whose invented past should not be mailed out). */
  notify?: boolean;
};

export async function afterChange(tx: PartnershipTx, input: ChangeInput): Promise<void> {
  const { id, after, policy, calendar, now } = input;
  const partnershipId = after.row.partnershipId;
  const hours = await noticeHoursFor(tx, partnershipId, policy.timeZone);
  await writeTimers(tx, partnershipId, id, timersFor(after, hours, calendar, now));
  if (input.notify === false) return;
  await enqueueWebhooks(tx, { id, row: after.row, policy, now }, causesOfEvents(input.events));
  if (!callsForNotices(input.events)) return;
  const names = await agencyNames(tx, after.row);
  const drafts = await draftsForEvents({ tx, id, policy, row: after.row, names }, after, input.events);
  await enqueue(tx, { partnershipId, escalationId: id, now, hours, calendar, actorId: input.actorId }, drafts);
}
