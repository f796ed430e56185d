/** Calling the JSON API's handlers as a signed-in user, on a test database, without a server. */
import type { RequestContext } from "../../lib/auth/audit";
import { encodeSessionToken, sessionCookieName, type SessionSettings } from "../../lib/auth/request-auth";
import { startSession } from "../../lib/auth/sessions";
import type { ApiContext } from "../../lib/api/v1/handlers";
import type { Database } from "../../lib/db/connect";
import { asSystem } from "../../lib/db/scope";
import type { EscalationDeps } from "../../lib/escalations/deps";
import { demoEmail } from "../../lib/seed/demo-data";

export const TEST_SESSION: SessionSettings = {
  secret: "an-api-test-secret-that-is-long-enough-0123456789",
  secure: false,
  rules: { maxHours: 10, idleMinutes: 30 },
};

const browser: RequestContext = { ipAddress: "198.51.100.7", userAgent: "api-test" };

export function apiContext(db: Database, deps: EscalationDeps): ApiContext {
  return { db, deps, session: TEST_SESSION, requestContext: browser };
}

/** A session cookie for a demo user (`key` as in lib/seed/demo-data.ts, or a full e-mail). */
export async function sessionCookie(db: Database, key: string, partnershipId: string, now: Date): Promise<string> {
  const email = key.includes("@") ? key : demoEmail(key, partnershipId);
  // Installation-level: finding the user to sign in as.
  const user = await asSystem(db, (tx) => tx.user.findUniqueOrThrow({ where: { email }, select: { id: true } }));
  const sid = await startSession(db, user.id, "password", browser, TEST_SESSION.rules, now);
  return `${sessionCookieName(false)}=${await encodeSessionToken(sid, TEST_SESSION)}`;
}

export function request(method: "GET" | "POST", path: string, options: { cookie?: string; body?: unknown; raw?: string } = {}): Request {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.cookie) headers.cookie = options.cookie;
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["content-type"] = "application/json";
  return new Request(`http://parley.test${path}`, { method, headers, body });
}
