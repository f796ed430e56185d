import { describe, expect, it } from "vitest";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import { signInWithPassword, SIGN_IN_FAILED_MESSAGE } from "../../../lib/auth/sign-in";
import { deactivateUser } from "../../../lib/users/deactivate";
import { DEMO_PASSWORD } from "../../../lib/seed/demo-data";
import { auditOf, browser, clock, userId } from "./helpers";
import { withTestDatabase } from "../../support/test-database";

describe("signing in with email and password", () => {
  let db: Database;
  const at = clock();

  withTestDatabase({ disputes: false }, (opened) => (db = opened));

  it("signs a demo user in with the demo password, whatever the case of the address, and records the attempt", async () => {
    const result = await signInWithPassword(db, { email: "  Teacher@Torbay.example ", password: DEMO_PASSWORD }, browser(), at(0));
    expect(result).toEqual({ ok: true, user: { id: await userId(db, "teacher@torbay.example"), name: "Priya Shah", email: "teacher@torbay.example" } });
    const attempts = await asSystem(db, (tx) => tx.signInAttempt.findMany({ where: { email: "teacher@torbay.example" } }));
    expect(attempts).toMatchObject([{ succeeded: true, reason: null, ipAddress: "198.51.100.10" }]);
  });

  it("fails the same way, to the caller, for every reason, and records each reason", async () => {
    const inactive = await userId(db, "chair@eastmoor.example");
    await deactivateUser(db, inactive, browser(), null, at(0));
    await asSystem(db, (tx) => tx.user.update({ where: { email: "admin@eastmoor.example" }, data: { passwordHash: null } }));
    const cases = [
      { email: "nobody@eastmoor.example", password: DEMO_PASSWORD, reason: "unknown_account" },
      { email: "teacher@eastmoor.example", password: "not-the-password", reason: "wrong_password" },
      { email: "chair@eastmoor.example", password: DEMO_PASSWORD, reason: "inactive" },
      { email: "admin@eastmoor.example", password: DEMO_PASSWORD, reason: "no_password" },
      { email: "", password: "", reason: "unknown_account" },
      { email: "teacher@eastmoor.example\u0000", password: DEMO_PASSWORD, reason: "unknown_account" },
    ];
    for (const c of cases) {
      const result = await signInWithPassword(db, { email: c.email, password: c.password }, browser("198.51.100.20"), at(1));
      // The only thing that reaches the person: not signed in. The page shows one message for all.
      expect(result).toEqual({ ok: false, reason: c.reason });
    }
    expect(SIGN_IN_FAILED_MESSAGE).toBe("Enter a correct email address and password.");
    const failed = (await auditOf(db, ["sign_in_failed"])).filter((e) => e.ipAddress === "198.51.100.20");
    expect(failed.map((e) => (e.details as { reason: string }).reason)).toEqual(cases.map((c) => c.reason));
    expect(failed.every((e) => e.partnershipId === null && e.userAgent === "Mozilla/5.0 (test)")).toBe(true);
  });

  it("locks an account after 5 failures, even with the right password, and lifts the lock after 15 minutes", async () => {
    const email = "social-worker@torbay.example";
    for (let i = 0; i < 5; i++) {
      expect(await signInWithPassword(db, { email, password: `wrong-guess-${i}-xxxx` }, browser(`203.0.113.${i}`), at(10 + i))).toMatchObject({
        ok: false,
        reason: "wrong_password",
      });
    }
    // Locked: from any address, with the right password.
    expect(await signInWithPassword(db, { email, password: DEMO_PASSWORD }, browser("203.0.113.99"), at(15))).toEqual({
      ok: false,
      reason: "account_locked",
    });
    expect(await signInWithPassword(db, { email, password: DEMO_PASSWORD }, browser("203.0.113.99"), at(28.9))).toMatchObject({ ok: false });
    // The lock ran from the fifth failure (minute 14) for 15 minutes.
    expect(await signInWithPassword(db, { email, password: DEMO_PASSWORD }, browser("203.0.113.99"), at(29))).toMatchObject({ ok: true });

    const lockouts = (await auditOf(db, ["lockout"])).filter((e) => (e.details as { email?: string }).email === email);
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0]).toMatchObject({ actorId: await userId(db, email), details: { scope: "account", until: at(29).toISOString() } });
  });

  it("locks an address that does not exist just the same, so a lockout tells nobody whether an account exists", async () => {
    const email = "no-such-person@torbay.example";
    for (let i = 0; i < 5; i++) await signInWithPassword(db, { email, password: "whatever-guess-1234" }, browser(`192.0.2.${i}`), at(40));
    expect(await signInWithPassword(db, { email, password: "whatever-guess-1234" }, browser("192.0.2.50"), at(41))).toEqual({
      ok: false,
      reason: "account_locked",
    });
  });

  it("throttles an address after 10 failures in 15 minutes, across accounts, and not other addresses", async () => {
    const ip = "192.0.2.200";
    for (let i = 0; i < 10; i++) {
      await signInWithPassword(db, { email: `guess-${i}@westbridge.example`, password: "a-wrong-password-x" }, browser(ip), at(60 + i));
    }
    const good = { email: "teacher@westbridge.example", password: DEMO_PASSWORD };
    expect(await signInWithPassword(db, good, browser(ip), at(70))).toEqual({ ok: false, reason: "address_throttled" });
    expect(await signInWithPassword(db, good, browser("192.0.2.201"), at(70))).toMatchObject({ ok: true });
    // The first failure (minute 60) leaves the window at minute 75.
    expect(await signInWithPassword(db, good, browser(ip), at(75))).toMatchObject({ ok: true });
    const addressLockouts = (await auditOf(db, ["lockout"])).filter((e) => (e.details as { scope?: string }).scope === "address");
    expect(addressLockouts).toHaveLength(1);
    expect(addressLockouts[0]!.ipAddress).toBe(ip);
  });

  it("does not count successful sign-ins from a shared office address", async () => {
    const office = "192.0.2.100";
    for (let i = 0; i < 12; i++) {
      const email = ["teacher", "school-manager", "headteacher", "social-worker"][i % 4]!;
      expect(
        await signInWithPassword(db, { email: `${email}@cambridgeshire-peterborough.example`, password: DEMO_PASSWORD }, browser(office), at(100 + i)),
      ).toMatchObject({
        ok: true,
      });
    }
  });

  it("lets at most 5 of 60 simultaneous wrong passwords reach the password check, and audits the lockout once", async () => {
    const email = "headteacher@torbay.example";
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => signInWithPassword(db, { email, password: `parallel-guess-${i}-xx` }, browser("198.51.100.77"), at(200))),
    );
    const reasons = results.map((r) => (r.ok ? "signed in" : r.reason));
    expect(reasons.filter((r) => r === "wrong_password")).toHaveLength(5);
    expect(reasons.filter((r) => r === "account_locked")).toHaveLength(55);
    const attempts = await asSystem(db, (tx) => tx.signInAttempt.findMany({ where: { email } }));
    expect(attempts.filter((a) => a.reason === "wrong_password")).toHaveLength(5);
    expect(attempts.some((a) => a.reason === "checking")).toBe(false);
    const lockouts = (await auditOf(db, ["lockout"])).filter((e) => (e.details as { email?: string }).email === email);
    expect(lockouts).toHaveLength(1);
  });

  it("does not let the right password through among 29 wrong ones sent at once, unless it is among the first 5 checked", async () => {
    const email = "school-manager@torbay.example";
    const guesses = Array.from({ length: 30 }, (_, i) => (i === 29 ? DEMO_PASSWORD : `parallel-wrong-${i}-xx`));
    const results = await Promise.all(
      guesses.map((password, i) => signInWithPassword(db, { email, password }, browser(`198.51.100.${120 + (i % 5)}`), at(300))),
    );
    const checked = results.filter((r) => r.ok || r.reason === "wrong_password");
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(results.filter((r) => !r.ok && r.reason === "account_locked").length).toBeGreaterThanOrEqual(25);
  });
});
