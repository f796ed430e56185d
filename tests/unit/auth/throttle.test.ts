import { describe, expect, it } from "vitest";
import { accountLockedUntil, addressThrottledUntil, SIGN_IN_RULES, throttleDecision, type RecordedAttempt } from "../../../lib/auth/throttle";

const T0 = new Date("2026-03-02T09:00:00Z").getTime();
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const fail = (minutes: number, reason = "wrong_password"): RecordedAttempt => ({ at: at(minutes), succeeded: false, reason });
const ok = (minutes: number): RecordedAttempt => ({ at: at(minutes), succeeded: true, reason: null });

describe("account lockout", () => {
  it("is not locked by four failures", () => {
    const attempts = [0, 1, 2, 3].map((m) => fail(m));
    expect(accountLockedUntil(attempts, at(4))).toBeNull();
  });

  it("locks for 15 minutes from the fifth failure within 15 minutes", () => {
    const attempts = [0, 1, 2, 3, 4].map((m) => fail(m));
    expect(accountLockedUntil(attempts, at(4))).toEqual(at(19));
    expect(accountLockedUntil(attempts, at(18.9))).toEqual(at(19));
    expect(accountLockedUntil(attempts, at(19))).toBeNull();
  });

  it("counts only failures less than 15 minutes apart", () => {
    const attempts = [0, 5, 10, 16, 20].map((m) => fail(m));
    expect(accountLockedUntil(attempts, at(20))).toBeNull();
    expect(accountLockedUntil([...attempts, fail(21)], at(21))).toBeNull();
    expect(accountLockedUntil([...attempts, fail(21), fail(22)], at(22))).toEqual(at(37));
  });

  it("starts counting again after a successful sign-in", () => {
    const attempts = [fail(0), fail(1), fail(2), fail(3), ok(4), fail(5)];
    expect(accountLockedUntil(attempts, at(5))).toBeNull();
  });

  it("does not extend the lockout for attempts refused while locked, and starts afresh once it lifts", () => {
    const locked = [0, 1, 2, 3, 4].map((m) => fail(m));
    const refused = [5, 10, 18].map((m) => fail(m, "account_locked"));
    expect(accountLockedUntil([...locked, ...refused], at(18))).toEqual(at(19));
    expect(accountLockedUntil([...locked, ...refused, fail(20)], at(20))).toBeNull();
  });

  it("treats every kind of failure alike: unknown account, inactive, no password", () => {
    const attempts = ["unknown_account", "inactive", "no_password", "wrong_password", "unknown_account"].map((r, i) => fail(i, r));
    expect(accountLockedUntil(attempts, at(5))).toEqual(at(19));
  });
});

describe("address throttling", () => {
  it("allows nine failures and refuses from the tenth within 15 minutes, until enough age out", () => {
    const nine = Array.from({ length: 9 }, (_, i) => fail(i));
    expect(addressThrottledUntil(nine, at(9))).toBeNull();
    const ten = [...nine, fail(9)];
    expect(addressThrottledUntil(ten, at(9))).toEqual(at(15));
    expect(addressThrottledUntil(ten, at(15))).toBeNull();
  });

  it("does not count successful sign-ins or refused attempts", () => {
    const attempts = [...Array.from({ length: 9 }, (_, i) => fail(i)), ok(9), ok(10), fail(11, "address_throttled")];
    expect(addressThrottledUntil(attempts, at(11))).toBeNull();
  });
});

describe("throttle decision", () => {
  it("refuses a throttled address before looking at the account", () => {
    const address = Array.from({ length: 10 }, (_, i) => fail(i));
    expect(throttleDecision({ account: [], address }, at(10))).toEqual({ allowed: false, reason: "address_throttled", until: at(15) });
  });

  it("refuses a locked account from any address", () => {
    const account = [0, 1, 2, 3, 4].map((m) => fail(m));
    expect(throttleDecision({ account, address: [] }, at(6))).toEqual({ allowed: false, reason: "account_locked", until: at(19) });
  });

  it("allows everything else", () => {
    expect(throttleDecision({ account: [fail(0)], address: [fail(0)] }, at(1))).toEqual({ allowed: true });
  });

  it("uses the documented limits", () => {
    expect(SIGN_IN_RULES).toEqual({
      accountMaxFailures: 5,
      accountWindowMs: 15 * 60_000,
      accountLockoutMs: 15 * 60_000,
      addressMaxFailures: 10,
      addressWindowMs: 15 * 60_000,
    });
  });
});
