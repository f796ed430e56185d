import { appNow } from "../clock";
import { decode, encode } from "next-auth/jwt";
import type { Database } from "../db/connect";
import { actorIn, type Actor } from "./actor";
import type { RequestContext } from "./audit";
import type { SessionRules } from "./session-rules";
import { validateSession, type SignedInUser } from "./sessions";

/**
 * From a request's cookies to the signed-in user and their actor, as plain
 * functions (no Next.js): lib/auth/server.ts calls them with the request's
 * cookies, and tests call them with a cookie header of their own.
 */

/** The session cookie. __Host- makes the browser insist on Secure, Path=/ and no Domain. */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-parley.session" : "parley.session";
}

export type SessionSettings = {
  secret: string;
  secure: boolean;
  rules: SessionRules;
};

/** The session token (next-auth's encrypted JWT) for a session id: `{ sid }` and nothing else. */
export function encodeSessionToken(sessionId: string, settings: Pick<SessionSettings, "secret" | "rules">): Promise<string> {
  return encode({ token: { sid: sessionId }, secret: settings.secret, maxAge: settings.rules.maxHours * 3600 });
}

/** The session id inside a token, or null for a missing, tampered, foreign or expired token. */
export async function sessionIdFromToken(token: string | undefined, secret: string): Promise<string | null> {
  if (!token) return null;
  try {
    const payload = await decode({ token, secret });
    return typeof payload?.sid === "string" ? payload.sid : null;
  } catch {
    return null;
  }
}

export function readCookie(cookieHeader: string | null, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      const value = part.slice(index + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return undefined;
}

export async function signedInUserFromToken(
  db: Database,
  token: string | undefined,
  settings: SessionSettings,
  context: RequestContext,
  now: Date = appNow(),
): Promise<SignedInUser | null> {
  const sessionId = await sessionIdFromToken(token, settings.secret);
  return sessionId ? validateSession(db, sessionId, context, settings.rules, now) : null;
}

export type ApiError = { error: { code: string; message: string; fields: Record<string, string> } };

export type ApiActorResult = { ok: true; actor: Actor; user: SignedInUser } | { ok: false; status: 401 | 404; body: ApiError };

export const UNAUTHENTICATED: ApiError = {
  error: { code: "unauthenticated", message: "Sign in to use this.", fields: {} },
};
export const NOT_FOUND: ApiError = { error: { code: "not_found", message: "Not found.", fields: {} } };

/**
 * For JSON API routes: the actor, or a 401 (not signed in, or the session has
 * ended) or a 404 (no such partnership, or not a member of it: the two look the
 * same). Never a redirect.
 */
export async function actorForRequest(
  db: Database,
  request: Request,
  partnershipId: string,
  settings: SessionSettings,
  context: RequestContext,
  now: Date = appNow(),
): Promise<ApiActorResult> {
  const token = readCookie(request.headers.get("cookie"), sessionCookieName(settings.secure));
  const user = await signedInUserFromToken(db, token, settings, context, now);
  if (!user) return { ok: false, status: 401, body: UNAUTHENTICATED };
  const actor = actorIn(user, user.memberships, partnershipId);
  if (!actor) return { ok: false, status: 404, body: NOT_FOUND };
  return { ok: true, actor, user };
}

/** The JSON response for a failed ApiActorResult. */
export function apiErrorResponse(result: Extract<ApiActorResult, { ok: false }>): Response {
  return Response.json(result.body, { status: result.status, headers: { "Cache-Control": "no-store" } });
}
