import { describe, expect, it } from "vitest";
import {
  bearerToken,
  carriesSessionCookie,
  expiryOf,
  hashToken,
  latestLastDay,
  looksLikeToken,
  newToken,
  retryAfterSeconds,
  shownPrefix,
  windowStart,
} from "../../../lib/auth/api-tokens";
import { csrfDecision, isBearerApiRequest } from "../../../lib/auth/csrf";
import { tokenRoles, TOKEN_PERMISSION_IDS } from "../../../lib/auth/permissions";
import { ACTION_TOKEN_PERMISSION, COMMANDS } from "../../../lib/api/v1/commands";
import { ACTIONS } from "../../../lib/escalations/actions";
import { ROUTES, statusFor, tokenOutcomeFor } from "../../../lib/auth/routes";

describe("API tokens: the token", () => {
  it("is the prefix and 256 random bits, different every time, stored as its SHA-256", () => {
    const a = newToken();
    const b = newToken();
    expect(a).toMatch(/^parley_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(looksLikeToken(a)).toBe(true);
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(a)).not.toBe(hashToken(b));
    expect(shownPrefix(a)).toBe(a.slice(0, 12));
  });

  it("is refused without a lookup when it is not of the right shape", () => {
    for (const bad of ["", "parley_", "parley_short", `other_${"a".repeat(43)}`, `parley_${"a".repeat(42)}!`, `parley_${"a".repeat(44)}`]) {
      expect(looksLikeToken(bad), bad).toBe(false);
    }
  });

  it("comes in an Authorization: Bearer header, whatever the scheme's capitals", () => {
    expect(bearerToken(null)).toBeNull();
    expect(bearerToken("Basic dXNlcjpwYXNz")).toBeNull();
    expect(bearerToken("Bearer parley_x")).toBe("parley_x");
    expect(bearerToken("bearer   parley_x  ")).toBe("parley_x");
    expect(bearerToken("Bearer")).toBe("");
    expect(bearerToken("Bearerparley_x")).toBeNull();
  });

  it("may not come with a session cookie (either name), though other cookies are let be", () => {
    expect(carriesSessionCookie(null)).toBe(false);
    expect(carriesSessionCookie("parley-csrf=abc; AWSALB=xyz")).toBe(false);
    expect(carriesSessionCookie("parley-csrf=abc; parley.session=eyJ")).toBe(true);
    expect(carriesSessionCookie("__Host-parley.session=eyJ")).toBe(true);
  });
});

describe("API tokens: expiry", () => {
  // Thursday 4 June 2026, 10am in London (BST).
  const now = new Date("2026-06-04T09:00:00Z");

  it("runs to the end of the chosen day in the partnership's time zone", () => {
    expect(expiryOf("2026-06-05", now, "Europe/London")).toEqual({ ok: true, lastDay: "2026-06-05", expiresAt: new Date("2026-06-05T23:00:00Z") });
    expect(expiryOf("2026-12-31", now, "Europe/London")).toMatchObject({ expiresAt: new Date("2027-01-01T00:00:00Z") });
  });

  it("must be after today and at most a year away", () => {
    expect(expiryOf("2026-06-04", now, "Europe/London")).toEqual({ ok: false, message: "Date the token expires must be after today" });
    expect(expiryOf("2027-06-04", now, "Europe/London")).toMatchObject({ ok: true });
    expect(expiryOf("2027-06-05", now, "Europe/London")).toEqual({ ok: false, message: "Date the token expires must be no later than Friday 4 June 2027" });
    expect(expiryOf("not a date", now, "Europe/London")).toEqual({ ok: false, message: "Enter the date the token expires" });
  });

  it("at most a year from 29 February is 28 February", () => {
    expect(latestLastDay("2028-02-29")).toBe("2029-02-28");
    expect(latestLastDay("2026-03-01")).toBe("2027-03-01");
  });
});

describe("API tokens: the rate limit's window", () => {
  it("is the clock minute, and Retry-After counts the whole seconds to its end", () => {
    const now = new Date("2026-06-04T09:00:35.200Z");
    expect(windowStart(now)).toEqual(new Date("2026-06-04T09:00:00Z"));
    expect(retryAfterSeconds(windowStart(now), now)).toBe(25);
    expect(retryAfterSeconds(windowStart(now), new Date("2026-06-04T09:00:59.999Z"))).toBe(1);
  });
});

describe("API tokens: permissions", () => {
  it("see as the agency's director with read, as a practitioner without", () => {
    expect(tokenRoles(["read"])).toEqual(["director"]);
    expect(tokenRoles(["read", "raise"])).toEqual(["director"]);
    expect(tokenRoles(["raise", "comment"])).toEqual(["practitioner"]);
  });

  it("name every command a token may use, and every action it is offered, from the same small set", () => {
    const used = new Set([...COMMANDS.flatMap((c) => (c.token ? [c.token] : [])), ...Object.values(ACTION_TOKEN_PERMISSION).filter((p) => p !== null)]);
    expect([...used].sort()).toEqual(["comment", "record"]);
    expect(TOKEN_PERMISSION_IDS).toEqual(["read", "raise", "comment", "record"]);
    expect(Object.keys(ACTION_TOKEN_PERMISSION).sort()).toEqual([...ACTIONS].sort());
    // Decisions on a dispute's course are a person's.
    for (const path of ["escalate", "expedite", "owners", "deadlines", "actions", "resolve", "withdraw"])
      expect(COMMANDS.find((c) => c.path === path)!.token, path).toBeUndefined();
  });
});

describe("API tokens and CSRF", () => {
  const base = { method: "POST", origin: null, expectedOrigin: "https://parley.example.gov.uk", ownOrigin: null, headerToken: null, cookieToken: null };

  it("need no CSRF token: a browser never adds an Authorization header by itself", () => {
    expect(csrfDecision(base)).toEqual({ allowed: false, reason: "missing-token" });
    expect(csrfDecision({ ...base, bearerApiRequest: true })).toEqual({ allowed: true, via: "bearer" });
  });

  it("are API requests with a Bearer header only", () => {
    expect(isBearerApiRequest("/api/v1/escalations", "Bearer parley_x")).toBe(true);
    expect(isBearerApiRequest("/api/v1/escalations", "Basic abc")).toBe(false);
    expect(isBearerApiRequest("/api/v1/escalations", null)).toBe(false);
    expect(isBearerApiRequest("/p/torbay/admin", "Bearer parley_x")).toBe(false);
    expect(isBearerApiRequest("/api/auth/signout", "Bearer parley_x")).toBe(false);
  });
});

describe("API tokens in the access table", () => {
  const rule = (path: string, method: "GET" | "POST" = "GET") => ROUTES.find((r) => r.path === path && r.method === method)!;
  const reader = { permissions: ["read"] as const, seesDispute: true };

  it("reach the JSON API only: a page is not theirs to open, and elsewhere they are as good as signed out", () => {
    expect(tokenOutcomeFor(rule("/p/{p}"), reader)).toBeNull();
    expect(tokenOutcomeFor(rule("/p/{p}/register/counts"), reader)).toBe("sign-in");
    expect(tokenOutcomeFor(rule("/api/v1/openapi.json"), reader)).toBe("ok");
  });

  it("need the route's permission: 403 without it, but 404 for a dispute they cannot see, and 404 where no token may go", () => {
    expect(tokenOutcomeFor(rule("/api/v1/escalations?partnership={p}"), reader)).toBe("ok");
    expect(tokenOutcomeFor(rule("/api/v1/escalations?partnership={p}", "POST"), reader)).toBe("forbidden");
    expect(tokenOutcomeFor(rule("/api/v1/escalations/{id}/comments", "POST"), reader)).toBe("forbidden");
    expect(tokenOutcomeFor(rule("/api/v1/escalations/{id}/comments", "POST"), { permissions: ["comment"], seesDispute: false })).toBe("not-found");
    expect(tokenOutcomeFor(rule("/api/v1/agencies/{agency}/contacts"), { permissions: [...TOKEN_PERMISSION_IDS], seesDispute: true })).toBe("not-found");
    expect(statusFor(rule("/api/v1/escalations?partnership={p}", "POST"), "forbidden")).toEqual([403]);
  });
});
