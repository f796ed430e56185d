/**
 * Cross-site request forgery: the rule the proxy (proxy.ts) applies to every
 * request. Pure, so it is tested without a server.
 *
 * A state-changing request (POST, PUT, PATCH, DELETE) is accepted when
 * - its Origin header is Parley's own origin (every current browser sends Origin
 *   on these requests), or
 * - it has no Origin (curl and other non-browser clients) and its X-CSRF-Token
 *   header equals its parley-csrf cookie: a double-submit token that a page on
 *   another site can neither read nor set.
 * - it is a JSON API request (/api/v1/…) carrying an API token in an
 *   Authorization: Bearer header. Forgery rides on what a browser adds by
 *   itself (cookies); a browser never adds this header, and another site's page
 *   cannot set it without a CORS preflight, which Parley never answers. The
 *   route refuses such a request that carries a session cookie too (400).
 * next-auth's own endpoints check their own token as well; server actions also
 * check Origin in Next.js.
 */

export const CSRF_COOKIE = "parley-csrf";
export const CSRF_HEADER = "x-csrf-token";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

export type CsrfRequest = {
  method: string;
  /** The Origin header, if any. */
  origin: string | null;
  /** Parley's origin when configured (PARLEY_URL), e.g. https://parley.example.gov.uk. */
  expectedOrigin: string | undefined;
  /** The origin the request was addressed to (requestOrigin), used when PARLEY_URL is not set. */
  ownOrigin: string | null;
  headerToken: string | null;
  cookieToken: string | null;
  /** An /api/v1 request with Authorization: Bearer (an API token). */
  bearerApiRequest?: boolean;
};

export type CsrfDecision =
  { allowed: true; via: "safe-method" | "origin" | "token" | "bearer" } | { allowed: false; reason: "foreign-origin" | "missing-token" | "token-mismatch" };

export function csrfDecision(request: CsrfRequest): CsrfDecision {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { allowed: true, via: "safe-method" };
  if (request.bearerApiRequest) return { allowed: true, via: "bearer" };
  if (request.origin !== null) {
    return sameOrigin(request.origin, request.expectedOrigin ?? request.ownOrigin)
      ? { allowed: true, via: "origin" }
      : { allowed: false, reason: "foreign-origin" };
  }
  if (!request.headerToken || !request.cookieToken) return { allowed: false, reason: "missing-token" };
  return constantTimeEqual(request.headerToken, request.cookieToken) ? { allowed: true, via: "token" } : { allowed: false, reason: "token-mismatch" };
}

/** Scheme, host and port, exactly. */
function sameOrigin(origin: string, expected: string | null): boolean {
  if (!expected) return false;
  try {
    // "null" (sandboxed frames, privacy redirects) does not parse.
    return new URL(origin).origin === new URL(expected).origin;
  } catch {
    return false;
  }
}

/**
 * The origin a request was addressed to, for when PARLEY_URL is not set. With no
 * trusted proxy, Parley's own server speaks plain HTTP and the Host header is the
 * only word on the host: forwarded headers are the client's own and ignored.
 * Behind trusted proxies, the nearest proxy's X-Forwarded-Proto and -Host.
 */
export function requestOrigin(headers: { get(name: string): string | null }, trustedProxies: number): string | null {
  const first = (name: string) => headers.get(name)?.split(",")[0]?.trim() || null;
  const host = (trustedProxies > 0 ? first("x-forwarded-host") : null) ?? first("host");
  if (!host) return null;
  const proto = trustedProxies > 0 ? (first("x-forwarded-proto") ?? "http") : "http";
  if (proto !== "http" && proto !== "https") return null;
  return `${proto}://${host.toLowerCase()}`;
}

/** Compares without returning early, so timing does not reveal how much of a token matched. */
export function constantTimeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let difference = a.length ^ b.length;
  for (let i = 0; i < length; i++) difference |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return difference === 0;
}

/** A fresh double-submit token: 32 random bytes, base64url. */
export function newCsrfToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

/** An API token request: /api/v1/… with an Authorization: Bearer header (lib/auth/api-tokens.ts reads the token). */
export function isBearerApiRequest(pathname: string, authorization: string | null): boolean {
  return pathname.startsWith("/api/v1/") && authorization !== null && /^\s*bearer\b/i.test(authorization);
}
