import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig, type Config } from "../../../lib/config";
import type { Database } from "../../../lib/db/connect";
import { authOptions, prepareNextAuthEnvironment } from "../../../lib/auth/next-auth";
import { postToNextAuth, type BrowserRequest } from "../../../lib/auth/next-auth-post";
import { sessionCookieName, signedInUserFromToken, type SessionSettings } from "../../../lib/auth/request-auth";
import { credentialsAccepted, oidcDestination } from "../../../lib/auth/sign-in-form";
import { DEMO_PASSWORD } from "../../../lib/seed/demo-data";
import { auditOf, browser, userId } from "./helpers";
import { expectConsoleError } from "../../support/console-errors";
import { withTestDatabase } from "../../support/test-database";

/**
 * The sign-in page's form as its server action posts it (app/sign-in/actions.ts):
 * next-auth's CSRF token first, then its credentials callback or OpenID Connect
 * sign-in, with the browser's cookies and headers. The session comes from the
 * same callbacks as a post to /api/auth/… (lib/auth/next-auth.ts).
 */

const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const ORIGIN = "http://localhost:3000";
const configWith = (env: Record<string, string> = {}): Config => parseConfig({ AUTH_SECRET: SECRET, PARLEY_URL: ORIGIN, ...env }, "/srv/parley");
const config = configWith();
const settings: SessionSettings = { secret: SECRET, secure: false, rules: config.session };
const SESSION = sessionCookieName(false);

/** A browser's request with no cookies yet, or with these. */
const request = (cookies: Record<string, string> = {}): BrowserRequest => ({
  headers: {
    host: "localhost:3000",
    "user-agent": "Mozilla/5.0 (test)",
    ...(Object.keys(cookies).length > 0
      ? {
          cookie: Object.entries(cookies)
            .map(([k, v]) => `${k}=${v}`)
            .join("; "),
        }
      : {}),
  },
  cookies,
});

describe("signing in from the sign-in page's form, through next-auth in-process", () => {
  let db: Database;
  const savedEnv = { NEXTAUTH_URL: process.env.NEXTAUTH_URL, AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST };

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  beforeAll(async () => {
    prepareNextAuthEnvironment(config);
  });
  afterAll(async () => {
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  const post = (fields: Record<string, string>, cookies: Record<string, string> = {}, c: Config = config) =>
    postToNextAuth(
      authOptions(browser(), c, async () => db, request(cookies).headers.cookie ?? null),
      request(cookies),
      { action: "callback", provider: "credentials" },
      fields,
    );

  it("signs in with the right password: next-auth's CSRF cookie and the session cookie, for a live session of that person", async () => {
    const answer = await post({ email: "teacher@torbay.example", password: DEMO_PASSWORD, callbackUrl: "/p/torbay" });
    expect(credentialsAccepted(answer.status, answer.url)).toBe(true);
    expect(answer.url).toBe(`${ORIGIN}/p/torbay`);
    const names = answer.cookies.map((c) => c.name);
    expect(names).toContain("next-auth.csrf-token");
    const session = answer.cookies.find((c) => c.name === SESSION);
    expect(session).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/" });
    const user = await signedInUserFromToken(db, session!.value, settings, browser());
    expect(user).toMatchObject({ userId: await userId(db, "teacher@torbay.example") });
    const signIns = (await auditOf(db, ["sign_in"])).filter((e) => e.subjectId === user!.userId);
    expect(signIns).toHaveLength(1);
  });

  it("refuses a wrong password or an unknown address alike, setting no session cookie", async () => {
    for (const email of ["teacher@torbay.example", "nobody-at-all@torbay.example"]) {
      const answer = await post({ email, password: "not-the-right-password", callbackUrl: "/p" });
      expect(answer.status).toBe(401);
      expect(answer.url).toContain("error=CredentialsSignin");
      expect(credentialsAccepted(answer.status, answer.url)).toBe(false);
      expect(answer.cookies.map((c) => c.name)).not.toContain(SESSION);
    }
  });

  it("uses the browser's own CSRF cookie when it has one, and ends the session its cookie carried", async () => {
    const first = await post({ email: "headteacher@torbay.example", password: DEMO_PASSWORD, callbackUrl: "/p" });
    const jar = Object.fromEntries(first.cookies.map((c) => [c.name, c.value]));
    const second = await post({ email: "headteacher@torbay.example", password: DEMO_PASSWORD, callbackUrl: "/p" }, jar);
    expect(credentialsAccepted(second.status, second.url)).toBe(true);
    // The CSRF cookie the browser has is still good: next-auth sets no new one.
    expect(second.cookies.map((c) => c.name)).not.toContain("next-auth.csrf-token");
    const newer = second.cookies.find((c) => c.name === SESSION)!.value;
    expect(await signedInUserFromToken(db, jar[SESSION], settings, browser())).toBeNull();
    expect(await signedInUserFromToken(db, newer, settings, browser())).toMatchObject({ userId: await userId(db, "headteacher@torbay.example") });
  });

  it("follows only paths on this site after signing in", async () => {
    const answer = await post({ email: "social-worker@torbay.example", password: DEMO_PASSWORD, callbackUrl: "https://evil.example/" });
    expect(credentialsAccepted(answer.status, answer.url)).toBe(true);
    expect(answer.url).toBe(ORIGIN);
  });

  describe("OpenID Connect", () => {
    let issuer: Server;
    let issuerUrl: string;

    beforeAll(async () => {
      issuer = createServer((req, res) => {
        if (req.url === "/tenant/v2.0/.well-known/openid-configuration") {
          res.setHeader("Content-Type", "application/json");
          res.end(
            JSON.stringify({
              issuer: `${issuerUrl}/tenant/v2.0`,
              authorization_endpoint: `${issuerUrl}/tenant/oauth2/v2.0/authorize`,
              token_endpoint: `${issuerUrl}/tenant/oauth2/v2.0/token`,
              jwks_uri: `${issuerUrl}/tenant/discovery/v2.0/keys`,
              response_types_supported: ["code"],
              subject_types_supported: ["pairwise"],
              id_token_signing_alg_values_supported: ["RS256"],
            }),
          );
          return;
        }
        res.statusCode = 404;
        res.end();
      });
      await new Promise<void>((resolve) => issuer.listen(0, "127.0.0.1", resolve));
      issuerUrl = `http://127.0.0.1:${(issuer.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise((resolve) => issuer.close(resolve));
    });

    const oidcConfig = (issuerBase: string) =>
      configWith({ OIDC_ISSUER: `${issuerBase}/tenant/v2.0`, OIDC_CLIENT_ID: "client-id", OIDC_CLIENT_SECRET: "client-secret-value" });
    const start = (c: Config) =>
      postToNextAuth(
        authOptions(browser(), c, async () => db),
        request(),
        { action: "signin", provider: "oidc" },
        { callbackUrl: "/p/torbay" },
      );

    it("sends the browser to the provider, with next-auth's state, nonce and PKCE cookies", async () => {
      const answer = await start(oidcConfig(issuerUrl));
      const destination = oidcDestination(answer.url, "/p/torbay");
      const url = new URL(destination);
      expect(`${url.origin}${url.pathname}`).toBe(`${issuerUrl}/tenant/oauth2/v2.0/authorize`);
      expect(url.searchParams.get("client_id")).toBe("client-id");
      expect(url.searchParams.get("redirect_uri")).toBe(`${ORIGIN}/api/auth/callback/oidc`);
      for (const name of ["state", "nonce", "code_challenge"]) expect(url.searchParams.get(name)).toBeTruthy();
      const names = answer.cookies.map((c) => c.name);
      for (const name of ["next-auth.state", "next-auth.nonce", "next-auth.pkce.code_verifier"]) expect(names).toContain(name);
    });

    it("comes back to the sign-in page with next-auth's error when the provider cannot be reached", async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));
      // next-auth's logger (lib/auth/next-auth.ts) reports the refused connection.
      expectConsoleError(/\[next-auth\] SIGNIN_OAUTH_ERROR \(oidc\): connect ECONNREFUSED/);
      const answer = await start(oidcConfig(`http://127.0.0.1:${port}`));
      expect(oidcDestination(answer.url, "/p/torbay")).toBe("/sign-in?error=OAuthSignin&next=%2Fp%2Ftorbay");
    });
  });
});
