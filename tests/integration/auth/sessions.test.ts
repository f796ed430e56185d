import { describe, expect, it } from "vitest";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import { actorForRequest, encodeSessionToken, sessionCookieName, type SessionSettings } from "../../../lib/auth/request-auth";
import { loadMemberships } from "../../../lib/auth/actor";
import { endSession, startSession, validateSession } from "../../../lib/auth/sessions";
import { deactivateUser } from "../../../lib/users/deactivate";
import { auditOf, browser, clock, userId } from "./helpers";
import { withTestDatabase } from "../../support/test-database";

const rules = { maxHours: 10, idleMinutes: 30 };
const settings: SessionSettings = { secret: "a-test-secret-that-is-long-enough-0123456789", secure: false, rules };

describe("sessions", () => {
  let db: Database;
  const at = clock("2026-03-02T08:00:00Z");
  const row = (id: string) => asSystem(db, (tx) => tx.session.findUniqueOrThrow({ where: { id } }));

  withTestDatabase({ disputes: false }, (opened) => (db = opened));

  it("starts a session row that is valid at once, records the sign-in, and notes activity at most once a minute", async () => {
    const user = await userId(db, "teacher@torbay.example");
    const id = await startSession(db, user, "password", browser(), rules, at(0));
    expect(await row(id)).toMatchObject({ userId: user, createdAt: at(0), lastSeenAt: at(0), expiresAt: at(600), endedAt: null, ipAddress: "198.51.100.10" });
    const signedIn = await validateSession(db, id, browser(), rules, at(0.5));
    expect(signedIn).toMatchObject({ sessionId: id, userId: user, name: "Priya Shah" });
    // With her active memberships, read in the same statement: the same as the membership read on its own.
    expect(signedIn!.memberships).toEqual(await loadMemberships(db, user));
    expect(signedIn!.memberships).toEqual([expect.objectContaining({ partnershipId: "torbay", agencyName: expect.any(String), roles: ["practitioner"] })]);
    expect((await row(id)).lastSeenAt).toEqual(at(0));
    await validateSession(db, id, browser(), rules, at(1.5));
    expect((await row(id)).lastSeenAt).toEqual(at(1.5));
    const signIns = (await auditOf(db, ["sign_in"])).filter((e) => e.actorId === user);
    expect(signIns).toMatchObject([{ partnershipId: null, ipAddress: "198.51.100.10", userAgent: "Mozilla/5.0 (test)", details: { method: "password" } }]);
  });

  it("reads a session with a database function that shows only that user's own memberships, and leaves the caller's scope as it was", async () => {
    const shared = await userId(db, "shared-police@parley.example");
    const id = await startSession(db, shared, "password", browser(), rules, at(0));
    const signedIn = await validateSession(db, id, browser(), rules, at(0.5));
    expect(signedIn!.memberships.map((m) => m.partnershipId).sort()).toEqual(["torbay", "westbridge"]);
    expect(signedIn!.memberships).toEqual(await loadMemberships(db, shared));
    expect(await validateSession(db, "not-a-session", browser(), rules, at(0.5))).toBeNull();
    // Inside a transaction (which validateSession does not need), the caller's settings survive it.
    const after = await asSystem(db, async (tx) => {
      await tx.$queryRaw`select * from parley_session(${id})`;
      return tx.$queryRaw<
        { system: string; user: string }[]
      >`select current_setting('parley.system', true) as system, current_setting('parley.user_id', true) as user`;
    });
    expect(after).toEqual([{ system: "on", user: "" }]);
    // Only Parley's own roles may call it.
    const grantees = await asSystem(
      db,
      (tx) =>
        tx.$queryRaw<{ grantee: string }[]>`select coalesce(r.rolname, 'PUBLIC') as grantee
        from pg_proc p cross join lateral aclexplode(p.proacl) a left join pg_roles r on r.oid = a.grantee
        where p.proname = 'parley_session' and a.privilege_type = 'EXECUTE'`,
    );
    expect(grantees.map((g) => g.grantee)).not.toContain("PUBLIC");
    expect(grantees.map((g) => g.grantee)).toEqual(expect.arrayContaining(["parley_app", "parley_system"]));
  });

  it("ends after 30 minutes without a request, and says so in the audit trail", async () => {
    const user = await userId(db, "school-manager@torbay.example");
    const id = await startSession(db, user, "password", browser(), rules, at(0));
    expect(await validateSession(db, id, browser(), rules, at(29))).not.toBeNull();
    expect(await validateSession(db, id, browser(), rules, at(59))).toBeNull();
    expect(await row(id)).toMatchObject({ endedAt: at(59), endReason: "idle" });
    // Once ended, always ended, and audited once.
    expect(await validateSession(db, id, browser(), rules, at(60))).toBeNull();
    const ended = (await auditOf(db, ["session_ended"])).filter((e) => e.actorId === user);
    expect(ended).toMatchObject([{ details: { reason: "idle" } }]);
  });

  it("ends after a working day however busy, with a controlled clock", async () => {
    const user = await userId(db, "headteacher@torbay.example");
    const id = await startSession(db, user, "password", browser(), rules, at(0));
    for (let minute = 20; minute < 600; minute += 20) {
      expect(await validateSession(db, id, browser(), rules, at(minute)), `at minute ${minute}`).not.toBeNull();
    }
    expect(await validateSession(db, id, browser(), rules, at(600))).toBeNull();
    expect(await row(id)).toMatchObject({ endReason: "expired" });
  });

  it("follows SESSION_MAX_HOURS and SESSION_IDLE_MINUTES", async () => {
    const short = { maxHours: 1, idleMinutes: 5 };
    const user = await userId(db, "director@torbay.example");
    const idle = await startSession(db, user, "password", browser(), short, at(0));
    expect(await validateSession(db, idle, browser(), short, at(5))).toBeNull();
    const busy = await startSession(db, user, "password", browser(), short, at(0));
    for (const minute of [4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56]) {
      expect(await validateSession(db, busy, browser(), short, at(minute))).not.toBeNull();
    }
    expect(await validateSession(db, busy, browser(), short, at(60))).toBeNull();
  });

  it("ends every session of a deactivated user at once", async () => {
    const user = await userId(db, "social-worker@torbay.example");
    const laptop = await startSession(db, user, "password", browser("198.51.100.1"), rules, at(0));
    const phone = await startSession(db, user, "oidc", browser("198.51.100.2"), rules, at(1));
    const admin = await userId(db, "admin@torbay.example");
    expect(await deactivateUser(db, user, browser("198.51.100.3"), admin, at(2))).toEqual({ deactivated: true, sessionsEnded: 2 });
    // The very next request, a second later, is signed out.
    expect(await validateSession(db, laptop, browser(), rules, at(2.01))).toBeNull();
    expect(await validateSession(db, phone, browser(), rules, at(2.01))).toBeNull();
    expect(await row(laptop)).toMatchObject({ endReason: "deactivated", endedAt: at(2) });
    const events = (await auditOf(db, ["user_deactivated", "session_ended"])).filter((e) => e.subjectId === user);
    expect(events).toMatchObject([
      { type: "session_ended", actorId: admin, details: { reason: "deactivated", sessions: 2 } },
      { type: "user_deactivated", actorId: admin, details: { sessionsEnded: 2 } },
    ]);
  });

  it("treats a user deactivated behind its back (no session ended yet) as signed out too", async () => {
    const user = await userId(db, "health-visitor@torbay.example");
    const id = await startSession(db, user, "password", browser(), rules, at(0));
    await asSystem(db, (tx) => tx.user.update({ where: { id: user }, data: { active: false } }));
    expect(await validateSession(db, id, browser(), rules, at(1))).toBeNull();
    expect(await row(id)).toMatchObject({ endReason: "deactivated" });
  });

  it("ends the session on sign-out and records it", async () => {
    const user = await userId(db, "named-nurse@torbay.example");
    const id = await startSession(db, user, "password", browser(), rules, at(0));
    expect(await endSession(db, id, "signed_out", browser(), at(3))).toBe(true);
    expect(await endSession(db, id, "signed_out", browser(), at(4))).toBe(false);
    expect(await validateSession(db, id, browser(), rules, at(3.5))).toBeNull();
    expect((await auditOf(db, ["sign_out"])).filter((e) => e.actorId === user)).toHaveLength(1);
  });
});

describe("the actor for a JSON API request", () => {
  let db: Database;
  const now = () => new Date();

  withTestDatabase({ disputes: false }, (opened) => (db = opened));

  const request = (token?: string) =>
    new Request("http://localhost/api/p/torbay/things", {
      headers: token ? { cookie: `other=1; ${sessionCookieName(false)}=${token}` } : {},
    });

  it("is the member's actor in their partnership", async () => {
    const user = await userId(db, "shared-police@parley.example");
    const token = await encodeSessionToken(await startSession(db, user, "password", browser(), rules, now()), settings);
    const torbay = await actorForRequest(db, request(token), "torbay", settings, browser());
    expect(torbay).toMatchObject({ ok: true, actor: { userId: user, partnershipId: "torbay", roles: ["practitioner"] } });
    expect(await actorForRequest(db, request(token), "westbridge", settings, browser())).toMatchObject({ ok: true });
  });

  it("is a 404 for a partnership the user is not in and for one that does not exist, alike", async () => {
    const user = await userId(db, "teacher@torbay.example");
    const token = await encodeSessionToken(await startSession(db, user, "password", browser(), rules, now()), settings);
    const notMine = await actorForRequest(db, request(token), "isle-of-man", settings, browser());
    const nowhere = await actorForRequest(db, request(token), "atlantis", settings, browser());
    expect(notMine).toEqual({ ok: false, status: 404, body: { error: { code: "not_found", message: "Not found.", fields: {} } } });
    expect(nowhere).toEqual(notMine);
  });

  it("is a 401 without a cookie, with a forged or foreign token, and once the session has ended", async () => {
    const unauthenticated = { ok: false, status: 401, body: { error: { code: "unauthenticated", message: "Sign in to use this.", fields: {} } } };
    expect(await actorForRequest(db, request(), "torbay", settings, browser())).toEqual(unauthenticated);
    expect(await actorForRequest(db, request("not-a-token"), "torbay", settings, browser())).toEqual(unauthenticated);
    const user = await userId(db, "director@torbay.example");
    const sessionId = await startSession(db, user, "password", browser(), rules, now());
    const foreign = await encodeSessionToken(sessionId, { ...settings, secret: "another-installation-secret-0123456789" });
    expect(await actorForRequest(db, request(foreign), "torbay", settings, browser())).toEqual(unauthenticated);
    const token = await encodeSessionToken(sessionId, settings);
    expect(await actorForRequest(db, request(token), "torbay", settings, browser())).toMatchObject({ ok: true });
    await endSession(db, sessionId, "signed_out", browser());
    expect(await actorForRequest(db, request(token), "torbay", settings, browser())).toEqual(unauthenticated);
  });
});
