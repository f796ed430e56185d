import { describe, expect, it } from "vitest";
import { constantTimeEqual, csrfDecision, newCsrfToken, requestOrigin, type CsrfRequest } from "../../../lib/auth/csrf";

const base: CsrfRequest = {
  method: "POST",
  origin: null,
  expectedOrigin: undefined,
  ownOrigin: "https://parley.example.gov.uk",
  headerToken: null,
  cookieToken: null,
};

describe("CSRF decision", () => {
  it("lets safe methods through untouched", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(csrfDecision({ ...base, method, origin: "https://evil.example" })).toEqual({ allowed: true, via: "safe-method" });
    }
  });

  it("accepts a state-changing request from Parley's own origin", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(csrfDecision({ ...base, method, origin: "https://parley.example.gov.uk" })).toEqual({ allowed: true, via: "origin" });
    }
  });

  it("refuses one from any other origin, including the opaque 'null'", () => {
    for (const origin of ["https://evil.example", "https://parley.example.gov.uk.evil.example", "null", "http://parley.example.gov.uk:8080"]) {
      expect(csrfDecision({ ...base, origin })).toEqual({ allowed: false, reason: "foreign-origin" });
    }
  });

  it("compares with PARLEY_URL when it is set, scheme and port included", () => {
    const configured = { ...base, expectedOrigin: "https://parley.example.gov.uk", ownOrigin: "http://internal:3000" };
    expect(csrfDecision({ ...configured, origin: "https://parley.example.gov.uk" }).allowed).toBe(true);
    expect(csrfDecision({ ...configured, origin: "http://parley.example.gov.uk" }).allowed).toBe(false);
    expect(csrfDecision({ ...configured, origin: "http://internal:3000" }).allowed).toBe(false);
  });

  it("without PARLEY_URL, compares with the request's own origin: scheme, host and port, ignoring a client's forwarded headers", () => {
    const headers = (h: Record<string, string>) => new Headers(h);
    const direct = requestOrigin(headers({ host: "127.0.0.1:3102", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }), 0);
    expect(direct).toBe("http://127.0.0.1:3102");
    const at = { ...base, ownOrigin: direct };
    expect(csrfDecision({ ...at, origin: "http://127.0.0.1:3102" }).allowed).toBe(true);
    expect(csrfDecision({ ...at, origin: "https://127.0.0.1:3102" }).allowed).toBe(false);
    expect(csrfDecision({ ...at, origin: "http://127.0.0.1:3103" }).allowed).toBe(false);
    expect(csrfDecision({ ...at, origin: "http://evil.example" }).allowed).toBe(false);
    // Behind a trusted proxy, its forwarded host and scheme are the request's.
    const proxied = requestOrigin(headers({ host: "10.0.0.5:3000", "x-forwarded-host": "parley.example.gov.uk", "x-forwarded-proto": "https" }), 1);
    expect(proxied).toBe("https://parley.example.gov.uk");
    expect(csrfDecision({ ...base, ownOrigin: null, origin: "https://parley.example.gov.uk" }).allowed).toBe(false);
  });

  it("accepts a client without Origin only with a matching double-submit token", () => {
    expect(csrfDecision(base)).toEqual({ allowed: false, reason: "missing-token" });
    expect(csrfDecision({ ...base, headerToken: "abc" })).toEqual({ allowed: false, reason: "missing-token" });
    expect(csrfDecision({ ...base, headerToken: "abc", cookieToken: "abd" })).toEqual({ allowed: false, reason: "token-mismatch" });
    expect(csrfDecision({ ...base, headerToken: "abc", cookieToken: "abc" })).toEqual({ allowed: true, via: "token" });
  });

  it("makes unguessable tokens and compares them in constant time", () => {
    const a = newCsrfToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newCsrfToken()).not.toBe(a);
    expect(constantTimeEqual(a, a)).toBe(true);
    expect(constantTimeEqual(a, `${a}x`)).toBe(false);
    expect(constantTimeEqual("", "")).toBe(true);
  });
});
