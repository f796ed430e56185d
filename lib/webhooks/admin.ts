/**
 * A partnership administrator keeping the webhook endpoints of their
 * partnership's agencies: register one (its signing secret shown once), list
 * them with how their last delivery went, see one's recent deliveries, send a
 * endpoint's failed deliveries again, disable one. Each change and its audit event are
 * written in one transaction (docs/decisions/0012-webhooks.md).
 */
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { audit, type RequestContext } from "../auth/audit";
import { can } from "../auth/permissions";
import { appNow } from "../clock";
import type { Database } from "../db/connect";
import type { WebhookDeliveryStatus, WebhookEvent } from "../db/generated/enums";
import { inPartnership, type PartnershipTx } from "../db/scope";
import { NotFoundError, PreconditionError, ValidationError } from "../errors";
import { uuidv7 } from "../escalations/ids";
import { parseInput } from "../escalations/schemas";
import { URL_MAX, urlProblem } from "./addresses";
import { WEBHOOK_EVENTS } from "./outbox";
import { newSecret } from "./signing";

export const ENDPOINT_NAME_MAX = 100;
/** How many of an endpoint's deliveries its page lists, newest first. */
export const RECENT_DELIVERIES = 50;

export const CreateWebhookEndpointInput = z.strictObject({
  name: z
    .string({ error: "Enter a name for the endpoint." })
    .trim()
    .min(1, { error: "Enter a name for the endpoint." })
    .max(ENDPOINT_NAME_MAX, { error: `Enter a name of ${ENDPOINT_NAME_MAX} characters or fewer.` }),
  agencyId: z.uuid({ error: "Choose the agency whose system it is." }),
  url: z
    .string({ error: "Enter the endpoint's address, starting https://" })
    .trim()
    .min(1, { error: "Enter the endpoint's address, starting https://" })
    .max(URL_MAX, { error: `Enter an address of ${URL_MAX} characters or fewer.` }),
  events: z
    .array(z.enum(WEBHOOK_EVENTS), { error: "Choose at least one thing to be told about." })
    .min(1, { error: "Choose at least one thing to be told about." })
    .transform((chosen) => WEBHOOK_EVENTS.filter((e) => chosen.includes(e))),
});
export type CreateWebhookEndpointInput = z.input<typeof CreateWebhookEndpointInput>;

export type LastDelivery = { status: WebhookDeliveryStatus; at: Date; httpStatus: number | null; error: string | null };

export type WebhookEndpointSummary = {
  id: string;
  name: string;
  agencyId: string;
  agencyName: string;
  url: string;
  events: WebhookEvent[];
  createdAt: Date;
  createdByName: string | null;
  disabledAt: Date | null;
  disabledByName: string | null;
  /** The most recent delivery that has been tried, or null if none has. */
  last: LastDelivery | null;
  /** Deliveries waiting for a try or a retry, and those that failed for good. */
  waiting: number;
  failed: number;
};

export type WebhookDeliverySummary = {
  id: string;
  event: WebhookEvent;
  escalationId: string;
  reference: string | null;
  createdAt: Date;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
};

export type CreatedWebhookEndpoint = { id: string; secret: string };

function requireWebhookManager(actor: Actor): void {
  // Seen from outside, a page the actor may not use does not exist.
  if (!can(actor, "webhooks.manage")) throw new NotFoundError("We could not find that page.");
}

const parseId = (id: string, what: string) => {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError(`We could not find that ${what}.`);
  return id;
};

/**
 * Registers an endpoint for one agency of the actor's partnership. The secret
 * is in the result for the page that shows it once; it is kept to sign with.
 */
export async function createWebhookEndpoint(
  db: Database,
  actor: Actor,
  input: unknown,
  context: RequestContext,
  allowPrivateNetwork: boolean,
  now: Date = appNow(),
): Promise<CreatedWebhookEndpoint> {
  requireWebhookManager(actor);
  const cmd = parseInput(CreateWebhookEndpointInput, input);
  const problem = urlProblem(cmd.url, allowPrivateNetwork);
  if (problem) throw ValidationError.field("url", problem);
  const secret = newSecret();
  const id = uuidv7(now.getTime());
  return inPartnership(db, actor, async (tx) => {
    const agency = await tx.agency.findFirst({ where: { id: cmd.agencyId, partnershipId: actor.partnershipId }, select: { id: true, name: true } });
    if (!agency) throw ValidationError.field("agencyId", "Choose one of this partnership's agencies.");
    await tx.webhookEndpoint.create({
      data: {
        id,
        partnershipId: actor.partnershipId,
        agencyId: agency.id,
        name: cmd.name,
        url: cmd.url,
        events: cmd.events,
        secret,
        createdAt: now,
        createdById: actor.userId,
      },
      select: { id: true },
    });
    await audit(tx, context, [
      {
        type: "webhook_endpoint_created",
        at: now,
        partnershipId: actor.partnershipId,
        actorId: actor.userId,
        subjectType: "webhook_endpoint",
        subjectId: id,
        details: { name: cmd.name, agencyId: agency.id, agencyName: agency.name, url: cmd.url, events: cmd.events },
      },
    ]);
    return { id, secret };
  });
}

const SUMMARY = {
  id: true,
  name: true,
  agencyId: true,
  agency: { select: { name: true } },
  url: true,
  events: true,
  createdAt: true,
  createdById: true,
  disabledAt: true,
  disabledById: true,
} as const;

type EndpointRow = {
  id: string;
  name: string;
  agencyId: string;
  agency: { name: string };
  url: string;
  events: WebhookEvent[];
  createdAt: Date;
  createdById: string | null;
  disabledAt: Date | null;
  disabledById: string | null;
};

async function summaries(tx: PartnershipTx, rows: EndpointRow[]): Promise<WebhookEndpointSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const people = [...new Set(rows.flatMap((r) => [r.createdById, r.disabledById]).filter((x): x is string => x !== null))];
  const users = people.length > 0 ? await tx.user.findMany({ where: { id: { in: people } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  // Per endpoint: its last tried delivery, and how many wait or failed (an index walk per endpoint).
  const lasts = await tx.$queryRaw<{ endpointId: string; status: WebhookDeliveryStatus; at: Date; httpStatus: number | null; error: string | null }[]>`
    SELECT DISTINCT ON ("endpointId") "endpointId", status, "lastAttemptAt" AS at, "lastStatus" AS "httpStatus", "lastError" AS error
    FROM "WebhookDelivery"
    WHERE "endpointId" = ANY(${ids}::uuid[]) AND "lastAttemptAt" IS NOT NULL
    ORDER BY "endpointId", "lastAttemptAt" DESC`;
  const counts = await tx.$queryRaw<{ endpointId: string; waiting: number; failed: number }[]>`
    SELECT "endpointId",
      count(*) FILTER (WHERE status IN ('pending', 'sending'))::int AS waiting,
      count(*) FILTER (WHERE status = 'failed')::int AS failed
    FROM "WebhookDelivery"
    WHERE "endpointId" = ANY(${ids}::uuid[]) AND (status <> 'delivered')
    GROUP BY "endpointId"`;
  return rows.map((r) => {
    const last = lasts.find((l) => l.endpointId === r.id);
    const count = counts.find((c) => c.endpointId === r.id);
    return {
      id: r.id,
      name: r.name,
      agencyId: r.agencyId,
      agencyName: r.agency.name,
      url: r.url,
      events: WEBHOOK_EVENTS.filter((e) => r.events.includes(e)),
      createdAt: r.createdAt,
      createdByName: r.createdById ? (names.get(r.createdById) ?? null) : null,
      disabledAt: r.disabledAt,
      disabledByName: r.disabledById ? (names.get(r.disabledById) ?? null) : null,
      last: last ? { status: last.status, at: last.at, httpStatus: last.httpStatus, error: last.error } : null,
      waiting: count?.waiting ?? 0,
      failed: count?.failed ?? 0,
    };
  });
}

/** Every endpoint of the partnership: live ones first, by agency and name, then disabled ones. */
export async function listWebhookEndpoints(db: Database, actor: Actor): Promise<WebhookEndpointSummary[]> {
  requireWebhookManager(actor);
  return inPartnership(db, actor, async (tx) => {
    const rows = await tx.webhookEndpoint.findMany({ where: { partnershipId: actor.partnershipId }, select: SUMMARY, orderBy: [{ createdAt: "desc" }] });
    const all = await summaries(tx, rows);
    const byAgency = (a: WebhookEndpointSummary, b: WebhookEndpointSummary) => a.agencyName.localeCompare(b.agencyName) || a.name.localeCompare(b.name);
    return [...all.filter((e) => !e.disabledAt).sort(byAgency), ...all.filter((e) => e.disabledAt)];
  });
}

/** One endpoint of the partnership with its recent deliveries, or NotFoundError. */
export async function getWebhookEndpoint(
  db: Database,
  actor: Actor,
  endpointId: string,
): Promise<{ endpoint: WebhookEndpointSummary; deliveries: WebhookDeliverySummary[] }> {
  requireWebhookManager(actor);
  parseId(endpointId, "webhook endpoint");
  return inPartnership(db, actor, async (tx) => {
    const row = await tx.webhookEndpoint.findFirst({ where: { id: endpointId, partnershipId: actor.partnershipId }, select: SUMMARY });
    if (!row) throw new NotFoundError("We could not find that webhook endpoint.");
    const [endpoint] = await summaries(tx, [row]);
    const deliveries = await tx.webhookDelivery.findMany({
      where: { endpointId: row.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: RECENT_DELIVERIES,
      select: {
        id: true,
        event: true,
        escalationId: true,
        createdAt: true,
        status: true,
        attempts: true,
        lastAttemptAt: true,
        lastStatus: true,
        lastError: true,
        nextAttemptAt: true,
        deliveredAt: true,
      },
    });
    const refs = await tx.escalation.findMany({
      where: { id: { in: [...new Set(deliveries.map((d) => d.escalationId))] } },
      select: { id: true, reference: true },
    });
    const reference = new Map(refs.map((r) => [r.id, r.reference]));
    return { endpoint: endpoint!, deliveries: deliveries.map((d) => ({ ...d, reference: reference.get(d.escalationId) ?? null })) };
  });
}

/** Stops an endpoint at once: nothing more is written for it, and what waits is not sent. Disabling twice is refused (422). */
export async function disableWebhookEndpoint(db: Database, actor: Actor, endpointId: string, context: RequestContext, now: Date = appNow()): Promise<void> {
  requireWebhookManager(actor);
  parseId(endpointId, "webhook endpoint");
  await inPartnership(db, actor, async (tx) => {
    const row = await tx.webhookEndpoint.findFirst({
      where: { id: endpointId, partnershipId: actor.partnershipId },
      select: { id: true, name: true, url: true },
    });
    if (!row) throw new NotFoundError("We could not find that webhook endpoint.");
    const { count } = await tx.webhookEndpoint.updateMany({ where: { id: row.id, disabledAt: null }, data: { disabledAt: now, disabledById: actor.userId } });
    if (count === 0) throw new PreconditionError("This endpoint has already been disabled.");
    await audit(tx, context, [
      {
        type: "webhook_endpoint_disabled",
        at: now,
        partnershipId: actor.partnershipId,
        actorId: actor.userId,
        subjectType: "webhook_endpoint",
        subjectId: row.id,
        details: { name: row.name, url: row.url },
      },
    ]);
  });
}

/**
 * Sends an endpoint's failed deliveries again, each from its first try's
 * schedule, once whatever was wrong at the receiving end has been put right.
 * Each keeps its id, so a receiver that did act on one can tell. Refused (422)
 * for a disabled endpoint or when nothing has failed. Returns how many.
 */
export async function retryFailedDeliveries(db: Database, actor: Actor, endpointId: string, context: RequestContext, now: Date = appNow()): Promise<number> {
  requireWebhookManager(actor);
  parseId(endpointId, "webhook endpoint");
  return inPartnership(db, actor, async (tx) => {
    const endpoint = await tx.webhookEndpoint.findFirst({
      where: { id: endpointId, partnershipId: actor.partnershipId },
      select: { id: true, disabledAt: true },
    });
    if (!endpoint) throw new NotFoundError("We could not find that webhook endpoint.");
    if (endpoint.disabledAt) throw new PreconditionError("This endpoint has been disabled: nothing more is sent to it.");
    const { count } = await tx.webhookDelivery.updateMany({
      where: { endpointId: endpoint.id, status: "failed" },
      data: { status: "pending", attempts: 0, nextAttemptAt: now, lastError: null },
    });
    if (count === 0) throw new PreconditionError("None of this endpoint's deliveries has failed.");
    await audit(tx, context, [
      {
        type: "webhook_delivery_retried",
        at: now,
        partnershipId: actor.partnershipId,
        actorId: actor.userId,
        subjectType: "webhook_endpoint",
        subjectId: endpoint.id,
        details: { deliveries: count },
      },
    ]);
    return count;
  });
}

/**
 * The one time its creator's page may show an endpoint's secret: true the first
 * time it is asked for an endpoint this actor registered, false ever after (the
 * secret travels to that page in a short-lived cookie; a reload shows nothing).
 */
export async function claimSecretShowing(db: Database, actor: Actor, endpointId: string, now: Date = appNow()): Promise<boolean> {
  requireWebhookManager(actor);
  parseId(endpointId, "webhook endpoint");
  return inPartnership(db, actor, async (tx) => {
    const { count } = await tx.webhookEndpoint.updateMany({
      where: { id: endpointId, partnershipId: actor.partnershipId, createdById: actor.userId, secretShownAt: null },
      data: { secretShownAt: now },
    });
    return count === 1;
  });
}
