import { NextResponse, type NextRequest } from "next/server";
import { config as parleyConfig } from "./lib/config";
import { CSRF_COOKIE, CSRF_HEADER, csrfDecision, isBearerApiRequest, newCsrfToken, requestOrigin } from "./lib/auth/csrf";
import { PATH_HEADER } from "./lib/auth/redirects";
import { newNonce, securityHeaders } from "./lib/auth/security-headers";
import { refuseUnsafeAddress } from "./lib/text/unsafe-address";

/**
 * Runs before every request (Next.js 16's proxy, formerly middleware):
 * - refuses an address holding a character Parley cannot use, with a 400 (lib/text/unsafe-address.ts);
 * - refuses cross-site state-changing requests (lib/auth/csrf.ts), but for API token requests;
 * - issues the parley-csrf double-submit cookie to clients that have none (not to API token requests);
 * - sets a per-request CSP nonce and the security headers (lib/auth/security-headers.ts);
 * - tells pages their own path (x-parley-path), so sign-in can come back to it.
 * It reads no session: pages and route handlers check who is signed in themselves.
 */

export function proxy(request: NextRequest): NextResponse {
  const c = parleyConfig();
  const production = c.production;
  const development = process.env.NODE_ENV === "development";
  const nonce = newNonce();
  // The sign-in page's "Sign in with …" form is answered with a redirect to the OpenID Provider.
  const signInProvider = request.nextUrl.pathname === "/sign-in" ? c.oidc?.issuer : undefined;
  const headers = securityHeaders({ nonce, development, production, signInProvider });
  const badAddress = refuseUnsafeAddress(request, headers);
  if (badAddress) return badAddress;

  // An agency's system with an API token: no cookies are involved, in either direction.
  const bearerApiRequest = isBearerApiRequest(request.nextUrl.pathname, request.headers.get("authorization"));
  const decision = csrfDecision({
    method: request.method,
    origin: request.headers.get("origin"),
    expectedOrigin: c.publicUrl,
    ownOrigin: requestOrigin(request.headers, c.trustedProxies),
    headerToken: request.headers.get(CSRF_HEADER),
    cookieToken: request.cookies.get(CSRF_COOKIE)?.value ?? null,
    bearerApiRequest,
  });
  if (!decision.allowed) {
    const message = "This request did not come from a Parley page, so it was refused. Go back, reload the page and try again.";
    const refused = request.nextUrl.pathname.startsWith("/api/")
      ? NextResponse.json({ error: { code: "csrf", message, fields: {} } }, { status: 403 })
      : new NextResponse(message, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    for (const [name, value] of Object.entries(headers)) refused.headers.set(name, value);
    refused.headers.set("Cache-Control", "no-store");
    return refused;
  }

  // Next.js reads the nonce from the request's CSP header and puts it on its scripts and styles.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  requestHeaders.set(PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);

  if (request.method === "GET" && !request.cookies.has(CSRF_COOKIE) && !bearerApiRequest) {
    response.cookies.set(CSRF_COOKIE, newCsrfToken(), {
      httpOnly: false, // scripts and non-browser clients read it to send it back as X-CSRF-Token
      sameSite: "strict",
      secure: c.secureCookies,
      path: "/",
    });
  }
  return response;
}

export const config = {
  // Everything but build assets (they take no POSTs and carry no HTML).
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
