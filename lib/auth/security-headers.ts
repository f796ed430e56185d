/**
 * The security headers proxy.ts puts on every response. Pure, so the policy is
 * tested as a value.
 *
 * Content-Security-Policy follows Next.js's guide for the App Router
 * (node_modules/next/dist/docs/01-app/02-guides/content-security-policy.md): a
 * fresh nonce per request, which Next.js reads from the request's CSP header
 * and puts on its own scripts and inline styles; 'strict-dynamic' lets those
 * scripts load the chunks they need. No 'unsafe-inline' in production, for
 * scripts or styles: Tailwind's output is a stylesheet file ('self'), and
 * Parley's markup has no style attributes. Development adds what React's dev
 * tooling needs ('unsafe-eval' for error stacks, inline styles for the overlay).
 */

export type SecurityHeaderOptions = {
  nonce: string;
  /** next dev */
  development: boolean;
  /** Production on https: adds HSTS and upgrade-insecure-requests. */
  production: boolean;
  /**
   * The sign-in page only, with OpenID Connect on: the issuer (OIDC_ISSUER).
   * Its "Sign in with …" form posts to Parley, which answers with a redirect to
   * the provider; browsers check a form's redirects against form-action too, so
   * without the provider's origin there the form does nothing without JavaScript.
   */
  signInProvider?: string;
};

/** The origin of an issuer URL, as a CSP source; nothing when it is not a URL. */
function providerSource(issuer: string | undefined): string {
  if (!issuer) return "";
  try {
    const { origin, protocol } = new URL(issuer);
    return protocol === "https:" || protocol === "http:" ? ` ${origin}` : "";
  } catch {
    return "";
  }
}

export function contentSecurityPolicy({ nonce, development, production, signInProvider }: SecurityHeaderOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${providerSource(signInProvider)}`,
    "frame-ancestors 'none'",
    ...(production ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "usb=()",
  "browsing-topics=()",
].join(", ");

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Frame-Options": "DENY",
    // Nothing to other sites (set-password links carry their token in the URL). Not "no-referrer":
    // under it browsers send "Origin: null" on Parley's own form posts, which the CSRF check
    // (and Next.js's server-action check) must then refuse.
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    ...(options.production ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/** A nonce for one response: 16 random bytes, base64. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
