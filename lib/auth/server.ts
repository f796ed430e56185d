import "server-only";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { config } from "../config";
import { getDatabase } from "../db/client";
import { actorIn, loadMemberships, type Actor, type MembershipSummary } from "./actor";
import type { RequestContext } from "./audit";
import { PATH_HEADER, safeNextPath, signInUrl } from "./redirects";
import { requestContextFromHeaders } from "./request-context";
import { actorForRequest, apiErrorResponse, sessionCookieName, signedInUserFromToken, type ApiActorResult, type SessionSettings } from "./request-auth";
import { authSecret } from "./secret";
import type { SignedInUser } from "./sessions";

/**
 * The Next.js side of sign-in: the only module that reads cookies and headers
 * for it. Pages and route handlers use these; the rules they apply live in plain
 * modules beside it (sessions, request-auth, throttle, session-rules).
 *
 * A layout does not run again when the browser moves between pages under it, so
 * every page and route handler must call requireActor / actorForApi itself;
 * app/p/[partnership]/layout.tsx is the first gate, not the only one. Both are
 * cached per request, so calling them in the layout and the page costs one lookup.
 */

export function sessionSettings(): SessionSettings {
  const c = config();
  return { secret: authSecret(c), secure: c.secureCookies, rules: c.session };
}

/** The address and browser of the current request, for the audit trail. */
export async function currentRequestContext(): Promise<RequestContext> {
  return requestContextFromHeaders(await headers(), config().trustedProxies);
}

/** Who is signed in, or null: no cookie, an unreadable one, or a session that has ended. */
export const getSession = cache(async (): Promise<SignedInUser | null> => {
  const jar = await cookies();
  const context = await currentRequestContext();
  const settings = sessionSettings();
  const token = jar.get(sessionCookieName(settings.secure))?.value;
  if (!token) return null;
  return signedInUserFromToken(await getDatabase(), token, settings, context);
});

/** The path of the current request (set by proxy.ts), for coming back after signing in. */
export async function currentPath(): Promise<string> {
  const path = (await headers()).get(PATH_HEADER);
  return path && safeNextPath(path) ? path : "/p";
}

/** Pages: the signed-in user, or a redirect to sign in (and back here afterwards). */
export async function requireSession(): Promise<SignedInUser> {
  const user = await getSession();
  if (!user) redirect(signInUrl(await currentPath()));
  return user;
}

/**
 * Pages: the actor in this partnership. Not signed in: redirect to sign in. Not
 * a member, or no such partnership: the not-found page (404), so a URL does not
 * tell anyone which partnerships exist.
 */
export const requireActor = cache(async (partnershipId: string): Promise<Actor> => {
  const user = await requireSession();
  const actor = actorIn(user, user.memberships, partnershipId);
  if (!actor) notFound();
  return actor;
});

/**
 * JSON API routes: the actor, or a 401/404 result to answer with (never a redirect):
 *
 *   const auth = await actorForApi(request, partnershipId);
 *   if (!auth.ok) return apiErrorResponse(auth);
 */
export async function actorForApi(request: Request, partnershipId: string): Promise<ApiActorResult> {
  const c = config();
  return actorForRequest(await getDatabase(), request, partnershipId, sessionSettings(), requestContextFromHeaders(request.headers, c.trustedProxies));
}

export { apiErrorResponse };

export type { MembershipSummary };

/** The partnerships a signed-in user belongs to, by name: read with the session, once per request. */
export const membershipsOf = cache(async (userId: string): Promise<MembershipSummary[]> => {
  const session = await getSession();
  return session?.userId === userId ? session.memberships : loadMemberships(await getDatabase(), userId);
});
