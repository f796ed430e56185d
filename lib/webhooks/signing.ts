/**
 * Signing webhook deliveries the Standard Webhooks way
 * (https://www.standardwebhooks.com, docs/webhooks.md), so that a receiver can
 * check them with that project's libraries or a few lines of its own:
 *
 *   webhook-id         the delivery's id: the same on every try (the idempotency key)
 *   webhook-timestamp  when this try was sent, in whole seconds since 1970
 *   webhook-signature  "v1," + base64 HMAC-SHA256 of "<id>.<timestamp>.<body>",
 *                      keyed with the base64-decoded part of the secret after "whsec_"
 *
 * A receiver rejects a timestamp more than five minutes from its own clock, so a
 * captured request cannot be replayed later, and a webhook-id it has seen, so a
 * repeat (a retry after a lost answer) is acted on once.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SECRET_PREFIX = "whsec_";

/** How far a timestamp may be from the receiver's clock, either way. */
export const TOLERANCE_SECONDS = 5 * 60;

/** A new secret: 32 random bytes (256 bits), base64, after "whsec_". */
export function newSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

function keyOf(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error('A webhook secret starts with "whsec_".');
  return Buffer.from(secret.slice(SECRET_PREFIX.length), "base64");
}

/** The webhook-signature header's value for one try. */
export function sign(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac("sha256", keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`, "utf8").digest("base64");
  return `v1,${mac}`;
}

export type SignedHeaders = { "webhook-id": string; "webhook-timestamp": string; "webhook-signature": string };

export function signedHeaders(secret: string, id: string, at: Date, body: string): SignedHeaders {
  const timestamp = Math.floor(at.getTime() / 1000);
  return { "webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": sign(secret, id, timestamp, body) };
}

export type Verification = { ok: true; id: string } | { ok: false; reason: string };

/**
 * The receiver's check, as docs/webhooks.md describes it: the headers are there,
 * the timestamp is within five minutes of `now`, and one of the signatures in the
 * header (space-separated, so that a secret can be rotated) matches.
 */
export function verify(secret: string, headers: (name: string) => string | null | undefined, body: string, now: Date): Verification {
  const id = headers("webhook-id");
  const timestamp = headers("webhook-timestamp");
  const signatures = headers("webhook-signature");
  if (!id || !timestamp || !signatures) return { ok: false, reason: "A webhook-id, webhook-timestamp or webhook-signature header is missing." };
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || !Number.isSafeInteger(seconds)) return { ok: false, reason: "The webhook-timestamp is not a whole number of seconds." };
  if (Math.abs(now.getTime() / 1000 - seconds) > TOLERANCE_SECONDS) return { ok: false, reason: "The webhook-timestamp is more than five minutes from now." };
  const expected = Buffer.from(sign(secret, id, seconds, body));
  const matches = signatures.split(" ").some((s) => {
    const given = Buffer.from(s);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true, id } : { ok: false, reason: "No signature in webhook-signature matches the body." };
}
