import { describe, expect, it } from "vitest";
import { afterSignIn, decodeParam, safeNextPath, signInUrl } from "../../../lib/auth/redirects";
import { clientAddress, requestContextFromHeaders } from "../../../lib/auth/request-context";
import { readCookie } from "../../../lib/auth/request-auth";
import { verifiedEmail } from "../../../lib/auth/oidc";

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

  it("decodes a route segment without failing on a malformed escape", () => {
    expect(decodeParam("isle-of-man")).toBe("isle-of-man");
    expect(decodeParam("%")).toBe("%");
  });
});

describe("the request's address", () => {
  it("takes the entry the trusted proxies added, not what the client wrote", () => {
    expect(clientAddress("203.0.113.9")).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.1, 203.0.113.9")).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.1, 203.0.113.9, 192.0.2.1", 2)).toBe("203.0.113.9");
    expect(clientAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(clientAddress(null)).toBeNull();
    const context = requestContextFromHeaders(new Headers({ "x-forwarded-for": "198.51.100.7", "user-agent": "Firefox" }));
    expect(context).toEqual({ ipAddress: "198.51.100.7", userAgent: "Firefox" });
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
