import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "../../../lib/auth/security-headers";

describe("security headers", () => {
  it("has a strict nonce-based CSP in production: no unsafe-inline or unsafe-eval", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123", development: false, production: true });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("style-src 'self' 'nonce-abc123'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("upgrade-insecure-requests");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
  });

  it("relaxes only what the development server needs", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123", development: true, production: false });
    expect(csp).toContain("'unsafe-eval'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("lets forms reach only Parley, and on the sign-in page with OpenID Connect the provider's origin too", () => {
    expect(contentSecurityPolicy({ nonce: "n", development: false, production: true })).toContain("form-action 'self';");
    const signIn = contentSecurityPolicy({
      nonce: "n",
      development: false,
      production: true,
      signInProvider: "https://login.microsoftonline.com/0b1e2c3d-tenant/v2.0",
    });
    // The origin only: a CSP source with a path would match that path alone, and the authorize endpoint is elsewhere.
    expect(signIn).toContain("form-action 'self' https://login.microsoftonline.com;");
    expect(contentSecurityPolicy({ nonce: "n", development: false, production: false, signInProvider: "http://127.0.0.1:4100" })).toContain(
      "form-action 'self' http://127.0.0.1:4100;",
    );
    // Never anything but a URL's origin: no way to smuggle another directive in.
    expect(contentSecurityPolicy({ nonce: "n", development: false, production: false, signInProvider: "not a url; script-src *" })).toContain(
      "form-action 'self';",
    );
  });

  it("sets the other headers, and HSTS only in production", () => {
    const demo = securityHeaders({ nonce: "n", development: false, production: false });
    expect(demo).toMatchObject({
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "same-origin",
      "X-Content-Type-Options": "nosniff",
    });
    expect(demo["Permissions-Policy"]).toContain("camera=()");
    expect(demo).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaders({ nonce: "n", development: false, production: true })["Strict-Transport-Security"]).toMatch(/^max-age=\d+/);
  });

  it("makes a fresh nonce each time", () => {
    const nonces = new Set(Array.from({ length: 20 }, newNonce));
    expect(nonces.size).toBe(20);
  });
});
