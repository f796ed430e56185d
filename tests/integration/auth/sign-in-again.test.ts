import { describe, expect, it } from "vitest";
import type { AuthOptions } from "next-auth";
import { parseConfig } from "../../../lib/config";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import { authOptions, OIDC_PROVIDER_ID } from "../../../lib/auth/next-auth";
import { matchOidcUser } from "../../../lib/auth/oidc";
import { encodeSessionToken, sessionCookieName, signedInUserFromToken, type SessionSettings } from "../../../lib/auth/request-auth";
import { endSession, startSession, validateSession } from "../../../lib/auth/sessions";
import { DEMO_PASSWORD } from "../../../lib/seed/demo-data";
import { auditOf, browser, clock, userId } from "./helpers";
import { withTestDatabase } from "../../support/test-database";

const config = parseConfig(
  {
    AUTH_SECRET: "a-test-secret-that-is-long-enough-0123456789",
    OIDC_ISSUER: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0",
    OIDC_CLIENT_ID: "client-id",
    OIDC_CLIENT_SECRET: "client-secret-value",
  },
  "/srv/parley",
);
const settings: SessionSettings = { secret: config.authSecret!, secure: false, rules: config.session };
const cookieOf = (token: string) => `other=1; ${sessionCookieName(false)}=${token}`;

type Authorize = (credentials: Record<string, string>, request?: { headers: Record<string, string> }) => Promise<{ id: string } | null>;
type Jwt = (arg: object) => Promise<{ sid?: unknown }>;

/**
 * One sign-in as next-auth runs it: options built for the request, then (for a
 * password) authorize with the request's headers, then the jwt callback that
 * opens the session. Returns the cookie value the browser would keep.
 */
async function signInWithPassword(db: Database, email: string, cookie?: string): Promise<string> {
  const options = authOptions(browser(), config, async () => db);
  const authorize = (options.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
  const user = await authorize({ email, password: DEMO_PASSWORD }, { headers: cookie ? { cookie } : {} });
  if (!user) throw new Error(`${email} could not sign in`);
  const token = await jwtOf(options)({
    token: { email, sub: user.id },
    user,
    account: { provider: "credentials", type: "credentials", providerAccountId: user.id },
    trigger: "signIn",
  });
  return encodeSessionToken(String(token.sid), settings);
}

const jwtOf = (options: AuthOptions) => options.callbacks!.jwt as unknown as Jwt;

describe("signing in again on the same browser", () => {
  let db: Database;

  withTestDatabase({ disputes: false }, (opened) => (db = opened));

  const row = (id: string) => asSystem(db, (tx) => tx.session.findUniqueOrThrow({ where: { id } }));
  const sidOf = async (token: string) => (await signedInUserFromToken(db, token, settings, browser()))?.sessionId ?? null;

  it("ends the session the browser's cookie carried: the first token stops working, the second works", async () => {
    const user = await userId(db, "teacher@torbay.example");
    const first = await signInWithPassword(db, "teacher@torbay.example");
    const firstSid = await sidOf(first);
    expect(firstSid).not.toBeNull();
    // The same person on their phone: another browser, no cookie of this one.
    const phone = await signInWithPassword(db, "teacher@torbay.example");

    const second = await signInWithPassword(db, "teacher@torbay.example", cookieOf(first));
    expect(await signedInUserFromToken(db, first, settings, browser())).toBeNull();
    expect(await signedInUserFromToken(db, second, settings, browser())).toMatchObject({ userId: user });
    expect(await signedInUserFromToken(db, phone, settings, browser())).toMatchObject({ userId: user });
    expect(await row(firstSid!)).toMatchObject({ endReason: "signed_out" });
    expect((await row(firstSid!)).endedAt).not.toBeNull();

    // Recorded as sign-out records it, beside the new sign-in.
    const mine = async (type: string) => (await auditOf(db, [type])).filter((e) => e.subjectId === user);
    expect(await mine("sign_in")).toHaveLength(3);
    expect(await mine("sign_out")).toMatchObject([{ actorId: user, ipAddress: "198.51.100.10", details: { replacedBySignIn: true } }]);
  });

  it("does the same for OpenID Connect, given the request's cookie by the route handler", async () => {
    const user = await userId(db, "school-manager@torbay.example");
    expect(await matchOidcUser(db, { sub: "entra-again-1", email: "school-manager@torbay.example", email_verified: true }, browser())).toMatchObject({
      ok: true,
    });
    const account = { provider: OIDC_PROVIDER_ID, type: "oauth", providerAccountId: "entra-again-1" };
    const signIn = async (cookie: string | null) => {
      const token = await jwtOf(authOptions(browser(), config, async () => db, cookie))({
        token: {},
        user: { id: "entra-again-1" },
        account,
        trigger: "signIn",
      });
      return encodeSessionToken(String(token.sid), settings);
    };
    const first = await signIn(null);
    const second = await signIn(cookieOf(first));
    expect(await signedInUserFromToken(db, first, settings, browser())).toBeNull();
    expect(await signedInUserFromToken(db, second, settings, browser())).toMatchObject({ userId: user });
  });

  it("ends the earlier session when someone else signs in on that browser, recording who did", async () => {
    const leftSignedIn = await userId(db, "headteacher@torbay.example");
    const next = await userId(db, "director@torbay.example");
    const first = await signInWithPassword(db, "headteacher@torbay.example");
    const second = await signInWithPassword(db, "director@torbay.example", cookieOf(first));
    expect(await signedInUserFromToken(db, first, settings, browser())).toBeNull();
    expect(await signedInUserFromToken(db, second, settings, browser())).toMatchObject({ userId: next });
    const ended = (await auditOf(db, ["sign_out"])).filter((e) => e.subjectId === leftSignedIn);
    expect(ended).toMatchObject([{ actorId: next, details: { replacedBySignIn: true } }]);
  });

  it("signs in as usual with a cookie that is not a live session of ours, ending nothing else", async () => {
    const user = await userId(db, "social-worker@torbay.example");
    const elsewhere = await signInWithPassword(db, "social-worker@torbay.example");
    const foreign = await encodeSessionToken(String(await sidOf(elsewhere)), { ...settings, secret: "another-installation-secret-0123456789" });
    for (const cookie of [cookieOf("not-a-token"), cookieOf(foreign), "unrelated=1"]) {
      const token = await signInWithPassword(db, "social-worker@torbay.example", cookie);
      expect(await signedInUserFromToken(db, token, settings, browser())).toMatchObject({ userId: user });
    }
    expect(await signedInUserFromToken(db, elsewhere, settings, browser())).toMatchObject({ userId: user });

    // A session already signed out is not ended (or recorded) twice.
    const signedOut = await signInWithPassword(db, "social-worker@torbay.example");
    await endSession(db, String(await sidOf(signedOut)), "signed_out", browser());
    const before = (await auditOf(db, ["sign_out"])).filter((e) => e.subjectId === user).length;
    await signInWithPassword(db, "social-worker@torbay.example", cookieOf(signedOut));
    expect((await auditOf(db, ["sign_out"])).filter((e) => e.subjectId === user)).toHaveLength(before);
  });

  it("startSession: ends the session it replaces in the same step, and only that one", async () => {
    const at = clock("2026-03-02T08:00:00Z");
    const rules = config.session;
    const user = await userId(db, "health-visitor@torbay.example");
    const laptop = await startSession(db, user, "password", browser(), rules, at(0));
    const desktop = await startSession(db, user, "password", browser("198.51.100.20"), rules, at(1));
    const again = await startSession(db, user, "password", browser(), rules, at(2), laptop);
    expect(await row(laptop)).toMatchObject({ endedAt: at(2), endReason: "signed_out" });
    expect(await validateSession(db, laptop, browser(), rules, at(3))).toBeNull();
    expect(await validateSession(db, again, browser(), rules, at(3))).toMatchObject({ sessionId: again });
    expect(await validateSession(db, desktop, browser(), rules, at(3))).toMatchObject({ sessionId: desktop });
  });
});
