/**
 * The webhook outbox: what a change to a dispute (its events) or a timer (a
 * deadline about to fall due, or missed) tells the agencies' systems that asked,
 * written in the transaction of whatever caused it, one row per endpoint. The
 * worker sends them (deliver.ts). The dedupe key makes each (endpoint, cause) a
 * single delivery however often the cause is seen again.
 *
 * A body carries ids, the reference, the stage and the due date: never anything
 * about the child or adult, nor what the disagreement is about. A system that may
 * know more asks the API with its token.
 */
import type { WebhookEvent } from "../db/generated/enums";
import type { PartnershipTx } from "../db/scope";
import type { EscalationEvent } from "../escalations/events";
import type { DeadlineRow, EscalationRow } from "../escalations/state";
import { getStage, type Policy } from "../policy";

export const WEBHOOK_EVENTS = [
  "raised",
  "owner_assigned",
  "escalated",
  "deadline_warning",
  "deadline_missed",
  "resolved",
  "withdrawn",
] as const satisfies readonly WebhookEvent[];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  raised: "A dispute is raised",
  owner_assigned: "A side's owner is assigned",
  escalated: "A dispute moves to another stage",
  deadline_warning: "A deadline is about to fall due",
  deadline_missed: "A deadline is missed",
  resolved: "A dispute is resolved",
  withdrawn: "A dispute is withdrawn",
};

/** The `type` a body carries for each event. */
export const typeOf = (event: WebhookEvent) => `dispute.${event}`;

type Cause = {
  event: WebhookEvent;
  /** With the endpoint, what makes it one delivery: an event id, or "<deadline>@<due instant>". */
  key: string;
  at: Date;
  side?: "raising" | "responding";
  deadline?: Pick<DeadlineRow, "deadlineId" | "label"> & { dueAt: Date };
};

/** What a command's events tell a case system about, in order. */
export function causesOfEvents(events: readonly EscalationEvent[]): Cause[] {
  const causes: Cause[] = [];
  for (const e of events) {
    switch (e.type) {
      case "raised":
      case "resolved":
      case "withdrawn":
        causes.push({ event: e.type, key: e.id, at: e.at });
        break;
      case "escalated":
      case "expedited":
        causes.push({ event: "escalated", key: e.id, at: e.at });
        break;
      case "owner_assigned":
        // Kept from the stage before: nothing changed for anyone.
        if (!e.payload.retained) causes.push({ event: "owner_assigned", key: e.id, at: e.at, side: e.payload.side });
        break;
      default:
        break;
    }
  }
  return causes;
}

export function causeOfDeadline(kind: "deadline_warning" | "deadline_missed", deadline: Cause["deadline"] & object, at: Date): Cause {
  return { event: kind, key: `${kind}:${deadline.deadlineId}@${deadline.dueAt.toISOString()}`, at, deadline };
}

export type WebhookContext = { id: string; row: EscalationRow; policy: Policy; now: Date };

/** The JSON body: Standard Webhooks' envelope (type, timestamp, data). */
export function bodyOf(c: WebhookContext, cause: Cause): string {
  const stage = getStage(c.policy, c.row.stageKey, c.row.routeId);
  return JSON.stringify({
    type: typeOf(cause.event),
    timestamp: cause.at.toISOString(),
    data: {
      disputeId: c.id,
      reference: c.row.reference,
      partnershipId: c.row.partnershipId,
      raisingAgencyId: c.row.raisingAgencyId,
      respondingAgencyId: c.row.respondingAgencyId,
      status: c.row.status,
      urgent: c.row.urgent || c.row.immediateRisk,
      stage: { key: stage.key, number: stage.number ?? null, title: stage.title },
      nextDueAt: c.row.nextDueAt?.toISOString() ?? null,
      ...(cause.side ? { side: cause.side } : {}),
      ...(cause.deadline ? { deadline: { id: cause.deadline.deadlineId, label: cause.deadline.label, dueAt: cause.deadline.dueAt.toISOString() } } : {}),
      api: `/api/v1/escalations/${c.id}`,
    },
  });
}

/**
 * Writes a delivery to every live endpoint of either side's agency that asked
 * for each cause. Those already written (same dedupe key) are left as they are.
 * Returns how many are new.
 */
export async function enqueueWebhooks(tx: PartnershipTx, c: WebhookContext, causes: readonly Cause[]): Promise<number> {
  if (causes.length === 0) return 0;
  const endpoints = await tx.webhookEndpoint.findMany({
    where: {
      partnershipId: c.row.partnershipId,
      agencyId: { in: [c.row.raisingAgencyId, c.row.respondingAgencyId] },
      disabledAt: null,
      events: { hasSome: causes.map((x) => x.event) },
    },
    select: { id: true, events: true },
  });
  const data = endpoints.flatMap((endpoint) =>
    causes
      .filter((cause) => endpoint.events.includes(cause.event))
      .map((cause) => ({
        partnershipId: c.row.partnershipId,
        endpointId: endpoint.id,
        escalationId: c.id,
        event: cause.event,
        dedupeKey: `${endpoint.id}:${c.id}:${cause.key}`,
        body: bodyOf(c, cause),
        createdAt: c.now,
        nextAttemptAt: c.now,
      })),
  );
  if (data.length === 0) return 0;
  const { count } = await tx.webhookDelivery.createMany({ data, skipDuplicates: true });
  return count;
}
