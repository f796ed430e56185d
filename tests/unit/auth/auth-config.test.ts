import { describe, expect, it } from "vitest";
import { ConfigError, issuerTransportAllowed, parseConfig, type Environment } from "../../../lib/config";

const problems = (env: Environment): string[] => {
  try {
    parseConfig(env, "/srv/parley");
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe("sign-in configuration", () => {
  it("defaults to a 10-hour day, 30 idle minutes, no OIDC, and cookies Secure only in production", () => {
    const c = parseConfig({}, "/srv/parley");
    expect(c).toMatchObject({
      session: { maxHours: 10, idleMinutes: 30 },
      oidc: undefined,
      publicUrl: undefined,
      secureCookies: false,
      trustedProxies: 0,
      authSecretFile: "/srv/parley/.data/auth-secret",
    });
    const production = parseConfig({ NODE_ENV: "production", DATABASE_URL: "postgres://u:p@db/parley", AUTH_SECRET: "s".repeat(32) }, "/srv");
    expect(production.secureCookies).toBe(true);
  });

  it("reads SESSION_MAX_HOURS, SESSION_IDLE_MINUTES, PARLEY_URL and PARLEY_TRUSTED_PROXIES", () => {
    const c = parseConfig(
      { SESSION_MAX_HOURS: "8", SESSION_IDLE_MINUTES: "15", PARLEY_URL: "https://parley.example.gov.uk/", PARLEY_TRUSTED_PROXIES: "2" },
      "/srv",
    );
    expect(c).toMatchObject({ session: { maxHours: 8, idleMinutes: 15 }, publicUrl: "https://parley.example.gov.uk", secureCookies: true, trustedProxies: 2 });
    expect(problems({ SESSION_IDLE_MINUTES: "0" }).join()).toMatch(/SESSION_IDLE_MINUTES/);
    expect(problems({ PARLEY_URL: "parley.example.gov.uk" }).join()).toMatch(/PARLEY_URL/);
  });

  it("turns on OpenID Connect only with issuer, client id and secret together", () => {
    const c = parseConfig(
      {
        OIDC_ISSUER: "https://login.microsoftonline.com/tenant/v2.0/",
        OIDC_CLIENT_ID: "id",
        OIDC_CLIENT_SECRET: "secret",
        OIDC_DISPLAY_NAME: "Torbay Council account",
      },
      "/srv",
    );
    expect(c.oidc).toEqual({
      issuer: "https://login.microsoftonline.com/tenant/v2.0",
      clientId: "id",
      clientSecret: "secret",
      displayName: "Torbay Council account",
    });
    expect(problems({ OIDC_ISSUER: "https://login.microsoftonline.com/tenant/v2.0" })).toEqual([
      expect.stringMatching(/^OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are not set/),
    ]);
  });

  it("takes an http issuer in production only on a loopback address, which the network cannot reach", () => {
    const production = {
      NODE_ENV: "production",
      DATABASE_URL: "postgres://u:p@db/parley",
      AUTH_SECRET: "s".repeat(32),
      OIDC_CLIENT_ID: "id",
      OIDC_CLIENT_SECRET: "secret",
    };
    for (const issuer of ["https://login.microsoftonline.com/tenant/v2.0", "http://localhost:4100", "http://127.0.0.1:4100", "http://[::1]:4100/tenant"]) {
      expect(problems({ ...production, OIDC_ISSUER: issuer }), issuer).toEqual([]);
    }
    for (const issuer of ["http://login.example.gov.uk", "http://10.0.0.5:4100", "http://localhost.example.com", "http://127.0.0.1.nip.io"]) {
      expect(problems({ ...production, OIDC_ISSUER: issuer }), issuer).toEqual([expect.stringMatching(/^OIDC_ISSUER must use https in production/)]);
    }
    // Outside production (demo mode, development) any http issuer is taken, as before.
    expect(problems({ OIDC_ISSUER: "http://login.example.gov.uk", OIDC_CLIENT_ID: "id", OIDC_CLIENT_SECRET: "secret" })).toEqual([]);
    expect(issuerTransportAllowed("ftp://localhost/")).toBe(false);
    expect(issuerTransportAllowed("not a url")).toBe(false);
  });
});
