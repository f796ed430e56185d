import { NextResponse } from "next/server";
import { config } from "@/lib/config";
import { getDatabase } from "@/lib/db/client";
import { requestContextFromHeaders } from "@/lib/auth/request-context";
import { readCookie, sessionCookieName, sessionIdFromToken } from "@/lib/auth/request-auth";
import { authSecret } from "@/lib/auth/secret";
import { endSession } from "@/lib/auth/sessions";

export const dynamic = "force-dynamic";

/**
 * The header's "Sign out" button posts here (proxy.ts has already checked that
 * the post came from a Parley page). Ends the session row, clears the cookie,
 * and goes to the sign-in page. Works without JavaScript.
 */
export async function POST(request: Request): Promise<Response> {
  const c = config();
  const name = sessionCookieName(c.secureCookies);
  const sessionId = await sessionIdFromToken(readCookie(request.headers.get("cookie"), name), authSecret(c));
  if (sessionId) {
    await endSession(await getDatabase(), sessionId, "signed_out", requestContextFromHeaders(request.headers, c.trustedProxies));
  }
  // 303: the browser follows with a GET. A relative Location, so it stays on the host the browser used.
  const response = new NextResponse(null, { status: 303, headers: { Location: "/sign-in?signed-out=1" } });
  response.cookies.set(name, "", { httpOnly: true, sameSite: "lax", path: "/", secure: c.secureCookies, maxAge: 0 });
  response.headers.set("Cache-Control", "no-store");
  return response;
}
