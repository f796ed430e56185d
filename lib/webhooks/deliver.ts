/**
 * Sending the webhook outbox, as the notices are sent (lib/notices/deliver.ts):
 * a worker claims due deliveries (SKIP LOCKED, so several instances never take
 * the same one) under a lease, sends outside any transaction, and records what
 * happened only if its lease is still the one on the row.
 *
 * At least once: a try whose answer is lost (a time-out, a worker that dies
 * after sending) is sent again, with the same webhook-id, which the receiver
 * uses to act on it once. A 2xx answer is delivered; anything else (another
 * status, a redirect, no answer within the time-out, an address that may not be
 * called) is tried again after the next wait in RETRY_SECONDS and, after the
 * last, marked failed for the administrator to see. One endpoint's failures
 * never hold up another's: each try has its own time-out and they run side by side.
 */
import type { Database } from "../db/connect";
import { asPartnershipSystem, asSystem } from "../db/scope";
import { inLanes } from "../notices/lanes";
import { addressProblem } from "./addresses";
import { signedHeaders } from "./signing";

/** Seconds to wait after the 1st, 2nd… failed try (Standard Webhooks' schedule); after the last, failed. */
export const RETRY_SECONDS = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600] as const;
export const MAX_ATTEMPTS = RETRY_SECONDS.length + 1;
/** How long one try may take, connection to answer. */
export const TIMEOUT_MS = 15_000;
const LEASE_MS = 2 * 60_000;
/** What is kept of an answer that was not 2xx, for the administrator. */
const ANSWER_KEPT = 300;

export type WebhookDeliveryResult = { claimed: number; delivered: number; retrying: number; failed: number };

export type WebhookDeliveryOptions = {
  now: () => Date;
  allowPrivateNetwork: boolean;
  limit?: number;
  timeoutMs?: number;
};

type Claimed = { id: string; partnershipId: string; endpointId: string; body: string; attempts: number; leaseUntil: Date };
type Endpoint = { id: string; url: string; secret: string; disabledAt: Date | null };
/** `final`: not worth trying again (the endpoint was disabled). */
type Outcome = { ok: true; status: number } | { ok: false; status: number | null; error: string; final?: true };

/** Claims and sends up to `limit` due deliveries. */
export async function deliverWebhooksDue(db: Database, options: WebhookDeliveryOptions): Promise<WebhookDeliveryResult> {
  const now = options.now();
  const lease = new Date(now.getTime() + LEASE_MS);
  // Installation-level: every partnership's outbox is sent by the same workers.
  const claimed = await asSystem(
    db,
    (tx) =>
      tx.$queryRaw<Claimed[]>`
      UPDATE "WebhookDelivery" SET status = 'sending', attempts = attempts + 1, "leaseUntil" = ${lease}, "nextAttemptAt" = ${lease}
      WHERE id IN (
        SELECT id FROM "WebhookDelivery"
        WHERE "nextAttemptAt" <= ${now} AND status IN ('pending', 'sending')
        ORDER BY "nextAttemptAt"
        LIMIT ${options.limit ?? 20}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, "partnershipId", "endpointId", body, attempts, "leaseUntil"`,
  );
  const result: WebhookDeliveryResult = { claimed: claimed.length, delivered: 0, retrying: 0, failed: 0 };
  if (claimed.length === 0) return result;
  const endpoints = await asSystem(db, (tx) =>
    tx.webhookEndpoint.findMany({
      where: { id: { in: [...new Set(claimed.map((c) => c.endpointId))] } },
      select: { id: true, url: true, secret: true, disabledAt: true },
    }),
  );
  const byId = new Map<string, Endpoint>(endpoints.map((e) => [e.id, e]));
  // Every try at once (no database is held while waiting for an answer), then the outcomes recorded.
  const outcomes = await Promise.all(claimed.map((d) => send(d, byId.get(d.endpointId), options)));
  const done = claimed.map((delivery, i) => ({ delivery, outcome: outcomes[i]! }));
  await inLanes(db, done, 5, async ({ delivery, outcome }) => {
    result[await record(db, delivery, outcome, options.now())]++;
  });
  return result;
}

async function send(delivery: Claimed, endpoint: Endpoint | undefined, options: WebhookDeliveryOptions): Promise<Outcome> {
  if (!endpoint || endpoint.disabledAt) return { ok: false, status: null, error: "Not sent: the endpoint was disabled.", final: true };
  const refused = await addressProblem(endpoint.url, options.allowPrivateNetwork);
  if (refused) return { ok: false, status: null, error: refused };
  try {
    const response = await fetch(endpoint.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Parley-Webhooks/1",
        // The receiver compares webhook-timestamp with its own clock, so it is the real time of
        // the try, even where Parley runs on a shifted clock (the demo, the end-to-end tests).
        ...signedHeaders(endpoint.secret, delivery.id, new Date(), delivery.body),
      },
      body: delivery.body,
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS),
    });
    if (response.status >= 200 && response.status < 300) {
      await response.body?.cancel();
      return { ok: true, status: response.status };
    }
    const answer = (await response.text().catch(() => "")).slice(0, ANSWER_KEPT);
    return { ok: false, status: response.status, error: `The endpoint answered ${response.status}${answer ? `: ${answer}` : "."}` };
  } catch (error) {
    const seconds = (options.timeoutMs ?? TIMEOUT_MS) / 1000;
    const reason =
      error instanceof Error
        ? error.name === "TimeoutError"
          ? `no answer within ${seconds} second${seconds === 1 ? "" : "s"}`
          : causeOf(error)
        : String(error);
    return { ok: false, status: null, error: `Not delivered: ${reason}.` };
  }
}

const causeOf = (error: Error): string => (error.cause instanceof Error ? error.cause.message : error.message);

async function record(db: Database, delivery: Claimed, outcome: Outcome, at: Date): Promise<"delivered" | "retrying" | "failed"> {
  const verdict = outcome.ok ? "delivered" : outcome.final || delivery.attempts >= MAX_ATTEMPTS ? "failed" : "retrying";
  const wait = RETRY_SECONDS[Math.min(delivery.attempts, RETRY_SECONDS.length) - 1] ?? RETRY_SECONDS[0];
  await asPartnershipSystem(db, delivery.partnershipId, (tx) =>
    tx.webhookDelivery.updateMany({
      // Only while this worker's claim still holds: a slower worker whose lease ran out records nothing.
      where: { id: delivery.id, status: "sending", leaseUntil: delivery.leaseUntil },
      data: {
        status: verdict === "retrying" ? "pending" : verdict,
        leaseUntil: null,
        nextAttemptAt: verdict === "retrying" ? new Date(at.getTime() + wait * 1000) : null,
        lastAttemptAt: at,
        lastStatus: outcome.status,
        lastError: outcome.ok ? null : outcome.error,
        ...(outcome.ok ? { deliveredAt: at } : {}),
      },
    }),
  );
  return verdict;
}
