import { describe, expect, it } from "vitest";
import { afterSignIn, decodeParam, safeNextPath, seeOther, signInUrl } from "../../../lib/auth/redirects";
import { clientAddress, requestContextFromHeaders } from "../../../lib/auth/request-context";
import { readCookie } from "../../../lib/auth/request-auth";
import { verifiedEmail } from "../../../lib/auth/oidc";
import { stampForwardedHeaders, trustedProxiesFrom } from "../../../scripts/forwarded-headers.mjs";

describe("where to go after signing in", () => {
  it("follows only paths on this site", () => {
    expect(afterSignIn("/p/torbay?tab=due")).toBe("/p/torbay?tab=due");
    for (const bad of ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/sign-in", "/api/auth/signout", "", null]) {
      expect(safeNextPath(bad)).toBe(false);
      expect(afterSignIn(bad)).toBe("/p");
    }
    expect(signInUrl("/p/torbay")).toBe("/sign-in?next=%2Fp%2Ftorbay");
    expect(signInUrl("//evil.example")).toBe("/sign-in");
  });

  it("redirects with a relative Location, never an absolute address built from the server's own idea of its host", () => {
    const response = seeOther("/sign-in?next=%2Fp%2Ftorbay%2Fadmin%2Faudit");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/sign-in?next=%2Fp%2Ftorbay%2Fadmin%2Faudit");
    expect(() => seeOther("https://evil.example/")).toThrow();
    expect(() => seeOther("//evil.example/")).toThrow();
  });

  it("decodes a route segment without failing on a malformed escape", () => {
    expect(decodeParam("isle-of-man")).toBe("isle-of-man");
    expect(decodeParam("%")).toBe("%");
  });
});

describe("the request's address", () => {
  it("takes the entry the trusted proxies added, not what the client wrote", () => {
    // Parley's server appends the connection's address last (scripts/serve.mjs).
    expect(clientAddress("203.0.113.9")).toBe("203.0.113.9");
    expect(clientAddress("6.6.6.6, 203.0.113.9")).toBe("203.0.113.9");
    expect(clientAddress("6.6.6.6, 203.0.113.9, 10.0.0.2", 1)).toBe("203.0.113.9");
    expect(clientAddress("6.6.6.6, 203.0.113.9, 192.0.2.1, 10.0.0.2", 2)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.2", 3)).toBe("10.0.0.2");
    expect(clientAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(clientAddress(null)).toBeNull();
    const context = requestContextFromHeaders(new Headers({ "x-forwarded-for": "198.51.100.7", "user-agent": "Firefox" }));
    expect(context).toEqual({ ipAddress: "198.51.100.7", userAgent: "Firefox" });
  });

  it("drops a client's forwarding headers when no proxy is trusted, and always appends the connection's address", () => {
    const forged = () => ({
      "x-forwarded-for": "6.6.6.6",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      forwarded: "for=6.6.6.6",
      host: "parley.test",
    });
    const direct: Record<string, string | string[] | undefined> = forged();
    stampForwardedHeaders(direct, "198.51.100.7", 0);
    expect(direct).toEqual({ host: "parley.test", "x-forwarded-for": "198.51.100.7" });
    expect(clientAddress(direct["x-forwarded-for"] as string, 0)).toBe("198.51.100.7");

    const proxied: Record<string, string | string[] | undefined> = { ...forged(), "x-forwarded-for": "6.6.6.6, 203.0.113.9" };
    stampForwardedHeaders(proxied, "10.0.0.2", 1);
    expect(proxied["x-forwarded-for"]).toBe("6.6.6.6, 203.0.113.9, 10.0.0.2");
    expect(proxied["x-forwarded-host"]).toBe("evil.example"); // the trusted proxy's to set
    expect(clientAddress(proxied["x-forwarded-for"] as string, 1)).toBe("203.0.113.9");
    expect(trustedProxiesFrom({})).toBe(0);
    expect(trustedProxiesFrom({ PARLEY_TRUSTED_PROXIES: "2" })).toBe(2);
  });

  it("reads one cookie from a Cookie header", () => {
    expect(readCookie("a=1; parley.session=xyz; b=2", "parley.session")).toBe("xyz");
    expect(readCookie("a=1", "parley.session")).toBeUndefined();
    expect(readCookie(null, "parley.session")).toBeUndefined();
  });
});

describe("verified e-mail from OpenID Connect claims", () => {
  it("accepts email_verified or Entra's xms_edov, and nothing else", () => {
    expect(verifiedEmail({ email: "A.B@Torbay.gov.uk", email_verified: true })).toBe("a.b@torbay.gov.uk");
    expect(verifiedEmail({ email: "a.b@torbay.gov.uk", xms_edov: true })).toBe("a.b@torbay.gov.uk");
    expect(verifiedEmail({ email: "a.b@torbay.gov.uk", xms_edov: "1" })).toBe("a.b@torbay.gov.uk");
    expect(verifiedEmail({ email: "a.b@torbay.gov.uk" })).toBeNull();
    expect(verifiedEmail({ email: "a.b@torbay.gov.uk", email_verified: false, xms_edov: false })).toBeNull();
    expect(verifiedEmail({ email_verified: true })).toBeNull();
  });
});
