import { beforeAll, describe, expect, it } from "vitest";
import type { AuthOptions } from "next-auth";
import { parseConfig } from "../../../lib/config";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import { authOptions, OIDC_PROVIDER_ID } from "../../../lib/auth/next-auth";
import { matchOidcUser } from "../../../lib/auth/oidc";
import { validateSession } from "../../../lib/auth/sessions";
import { deactivateUser } from "../../../lib/users/deactivate";
import { DEMO_PASSWORD } from "../../../lib/seed/demo-data";
import { auditOf, browser, userId } from "./helpers";
import { withTestDatabase } from "../../support/test-database";

const config = parseConfig(
  {
    AUTH_SECRET: "a-test-secret-that-is-long-enough-0123456789",
    OIDC_ISSUER: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0",
    OIDC_CLIENT_ID: "client-id",
    OIDC_CLIENT_SECRET: "client-secret-value",
    OIDC_DISPLAY_NAME: "Torbay Council account",
  },
  "/srv/parley",
);

describe("OpenID Connect: matching a verified e-mail to an invited user", () => {
  let db: Database;

  withTestDatabase({ disputes: false }, (opened) => (db = opened));

  const subjectOf = (email: string) => asSystem(db, async (tx) => (await tx.user.findUniqueOrThrow({ where: { email } })).oidcSubject);

  it("matches an invited, active user by verified e-mail (email_verified) and records the subject", async () => {
    const match = await matchOidcUser(db, { sub: "entra-sub-1", email: "Teacher@Torbay.example", email_verified: true }, browser());
    expect(match).toEqual({ ok: true, userId: await userId(db, "teacher@torbay.example"), linked: true });
    expect(await subjectOf("teacher@torbay.example")).toBe("entra-sub-1");
  });

  it("accepts Entra's xms_edov as the verification", async () => {
    const match = await matchOidcUser(db, { sub: "entra-sub-2", email: "school-manager@torbay.example", xms_edov: true }, browser());
    expect(match).toMatchObject({ ok: true, linked: true });
  });

  it("knows a linked subject again, whatever the token says about e-mail", async () => {
    const match = await matchOidcUser(db, { sub: "entra-sub-1" }, browser());
    expect(match).toEqual({ ok: true, userId: await userId(db, "teacher@torbay.example"), linked: false });
  });

  it("refuses an e-mail the provider does not vouch for", async () => {
    expect(await matchOidcUser(db, { sub: "entra-sub-3", email: "headteacher@torbay.example" }, browser())).toEqual({
      ok: false,
      reason: "unverified_email",
    });
    expect(await matchOidcUser(db, { sub: "entra-sub-3", email: "headteacher@torbay.example", email_verified: false }, browser())).toMatchObject({
      ok: false,
    });
    expect(await subjectOf("headteacher@torbay.example")).toBeNull();
  });

  it("never creates a user: an unknown verified e-mail is refused", async () => {
    expect(await matchOidcUser(db, { sub: "entra-sub-4", email: "stranger@torbay.gov.uk", email_verified: true }, browser())).toEqual({
      ok: false,
      reason: "no_account",
    });
    expect(await asSystem(db, (tx) => tx.user.count({ where: { email: "stranger@torbay.gov.uk" } }))).toBe(0);
  });

  it("refuses a deactivated user, linked or not", async () => {
    const user = await userId(db, "director@torbay.example");
    await deactivateUser(db, user, browser());
    expect(await matchOidcUser(db, { sub: "entra-sub-5", email: "director@torbay.example", email_verified: true }, browser())).toEqual({
      ok: false,
      reason: "inactive",
    });
    await deactivateUser(db, await userId(db, "school-manager@torbay.example"), browser());
    expect(await matchOidcUser(db, { sub: "entra-sub-2" }, browser())).toEqual({ ok: false, reason: "inactive" });
  });

  it("refuses to move a user's link to a different subject", async () => {
    expect(await matchOidcUser(db, { sub: "someone-else", email: "teacher@torbay.example", email_verified: true }, browser())).toEqual({
      ok: false,
      reason: "linked_elsewhere",
    });
  });

  it("audits every refusal with its reason", async () => {
    const refusals = (await auditOf(db, ["sign_in_failed"])).map((e) => e.details as { method: string; reason: string });
    expect(refusals.every((d) => d.method === "oidc")).toBe(true);
    expect(refusals.map((d) => d.reason)).toEqual(["unverified_email", "unverified_email", "no_account", "inactive", "inactive", "linked_elsewhere"]);
  });
});

describe("next-auth callbacks", () => {
  let db: Database;
  let options: AuthOptions;
  const callbacks = () => options.callbacks as Required<NonNullable<AuthOptions["callbacks"]>>;
  const call = <T>(fn: (arg: never) => T, arg: object) => fn(arg as never);

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  beforeAll(async () => {
    options = authOptions(browser("198.51.100.77"), config, async () => db);
  });

  it("offers email and password, and OpenID Connect when configured, with Parley's cookie and pages", () => {
    expect(options.providers.map((p) => p.id)).toEqual(["credentials", OIDC_PROVIDER_ID]);
    expect(options.providers[1]).toMatchObject({
      name: "Torbay Council account",
      wellKnown: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0/.well-known/openid-configuration",
      idToken: true,
      checks: ["pkce", "state", "nonce"],
    });
    expect(options.session).toEqual({ strategy: "jwt", maxAge: 36_000 });
    expect(options.cookies?.sessionToken).toEqual({
      name: "parley.session",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: false },
    });
    expect(options.pages).toMatchObject({ signIn: "/sign-in", error: "/sign-in" });
    expect(
      authOptions(
        browser(),
        parseConfig({ NODE_ENV: "production", DATABASE_URL: "postgres://u:p@db/parley", AUTH_SECRET: config.authSecret! }, "/srv"),
        async () => db,
      ).cookies?.sessionToken,
    ).toMatchObject({
      name: "__Host-parley.session",
      options: { secure: true },
    });
  });

  it("authorize: the user on the right password, and nothing (one error for all) otherwise", async () => {
    const authorize = (options.providers[0] as unknown as { options: { authorize: (c: Record<string, string>) => Promise<unknown> } }).options.authorize;
    expect(await authorize({ email: "teacher@isle-of-man.example", password: DEMO_PASSWORD })).toMatchObject({ email: "teacher@isle-of-man.example" });
    expect(await authorize({ email: "teacher@isle-of-man.example", password: "wrong-password-here" })).toBeNull();
    expect(await authorize({ email: "nobody@isle-of-man.example", password: DEMO_PASSWORD })).toBeNull();
  });

  it("jwt: opens a Session row on sign-in and puts only its id in the token", async () => {
    const user = await userId(db, "teacher@isle-of-man.example");
    const token = await call(callbacks().jwt, {
      token: { name: "Priya Shah", email: "teacher@isle-of-man.example", sub: user },
      user: { id: user },
      account: { provider: "credentials", type: "credentials", providerAccountId: user },
      trigger: "signIn",
    });
    expect(Object.keys(token)).toEqual(["sid"]);
    const session = await validateSession(db, String(token.sid), browser(), config.session);
    expect(session).toMatchObject({ userId: user });
    const later = await call(callbacks().jwt, { token: { ...token, iat: 1, exp: 2, jti: "x", name: "smuggled" } });
    expect(later).toEqual({ sid: token.sid });
    const signIn = (await auditOf(db, ["sign_in"])).find((e) => e.actorId === user);
    expect(signIn).toMatchObject({ ipAddress: "198.51.100.77", details: { method: "password" } });
  });

  it("signIn and jwt for OpenID Connect: a matched user gets a session, anyone else is refused", async () => {
    const account = (sub: string) => ({ provider: OIDC_PROVIDER_ID, type: "oauth", providerAccountId: sub });
    const refused = await call(callbacks().signIn, {
      user: { id: "stranger-sub" },
      account: account("stranger-sub"),
      profile: { sub: "stranger-sub", email: "stranger@example.org", email_verified: true },
    });
    expect(refused).toBe(false);
    const unverified = await call(callbacks().signIn, {
      user: { id: "sub-a" },
      account: account("sub-a"),
      profile: { sub: "sub-a", email: "headteacher@isle-of-man.example" },
    });
    expect(unverified).toBe(false);

    const accepted = await call(callbacks().signIn, {
      user: { id: "sub-b" },
      account: account("sub-b"),
      profile: { sub: "sub-b", email: "headteacher@isle-of-man.example", xms_edov: true },
    });
    expect(accepted).toBe(true);
    const token = await call(callbacks().jwt, { token: {}, user: { id: "sub-b" }, account: account("sub-b"), trigger: "signIn" });
    const session = await validateSession(db, String(token.sid), browser(), config.session);
    expect(session).toMatchObject({ userId: await userId(db, "headteacher@isle-of-man.example") });
  });

  it("session: answers for a live session, and refuses (so next-auth clears the cookie) for an ended one", async () => {
    const user = await userId(db, "social-worker@isle-of-man.example");
    const token = await call(callbacks().jwt, { token: {}, user: { id: user }, account: { provider: "credentials" }, trigger: "signIn" });
    const live = await call(callbacks().session, { session: { expires: "2026-03-02T18:00:00.000Z" }, token });
    expect(live).toEqual({ expires: "2026-03-02T18:00:00.000Z", user: { name: "Sam Riley", email: "social-worker@isle-of-man.example" } });
    await options.events!.signOut!({ token, session: undefined as never });
    await expect(call(callbacks().session, { session: { expires: "x" }, token })).rejects.toThrow(/Session ended/);
    expect((await auditOf(db, ["sign_out"])).filter((e) => e.actorId === user)).toHaveLength(1);
  });

  it("redirect: only to Parley's own pages", async () => {
    const redirect = (url: string) => call(callbacks().redirect, { url, baseUrl: "https://parley.example.gov.uk" });
    expect(await redirect("/p/torbay")).toBe("https://parley.example.gov.uk/p/torbay");
    expect(await redirect("https://parley.example.gov.uk/p")).toBe("https://parley.example.gov.uk/p");
    expect(await redirect("https://evil.example/p")).toBe("https://parley.example.gov.uk");
    expect(await redirect("//evil.example/p")).toBe("https://parley.example.gov.uk");
  });
});
