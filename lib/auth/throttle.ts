/**
 * Sign-in throttling, decided from the recorded attempts alone (SignInAttempt),
 * so it survives restarts and holds across processes. Pure functions of the
 * attempts and a clock.
 *
 * - Per account (the e-mail address as typed, whether or not such an account
 *   exists, so a lockout says nothing about existence): 5 failures within 15
 *   minutes lock it for 15 minutes from the fifth. A success clears the count.
 * - Per address: 10 failures within 15 minutes refuse every attempt from that
 *   address until the oldest of them is 15 minutes old. Only failures count, so
 *   a council office behind one address is not locked out by its own sign-ins.
 *
 * Attempts refused by the throttle are recorded too (with their reason) but do
 * not count as failures: they never reached the password check. An attempt let
 * through and not yet settled (reason "checking") counts as a failure, so that
 * attempts arriving together cannot all pass (lib/auth/sign-in.ts).
 */

export type SignInRules = {
  accountMaxFailures: number;
  accountWindowMs: number;
  accountLockoutMs: number;
  addressMaxFailures: number;
  addressWindowMs: number;
};

const MINUTE = 60_000;

export const SIGN_IN_RULES: SignInRules = {
  accountMaxFailures: 5,
  accountWindowMs: 15 * MINUTE,
  accountLockoutMs: 15 * MINUTE,
  addressMaxFailures: 10,
  addressWindowMs: 15 * MINUTE,
};

/** Why an attempt failed or was refused; stored in SignInAttempt.reason. */
export type AttemptReason = "unknown_account" | "wrong_password" | "no_password" | "inactive" | "account_locked" | "address_throttled";

export const REFUSALS: readonly AttemptReason[] = ["account_locked", "address_throttled"];

export type RecordedAttempt = { at: Date; succeeded: boolean; reason: string | null };

export type ThrottleDecision = { allowed: true } | { allowed: false; reason: "account_locked" | "address_throttled"; until: Date };

const counts = (a: RecordedAttempt) => !a.succeeded && !REFUSALS.includes(a.reason as AttemptReason);

/** How far back the attempts must go for these decisions to be exact. */
export function lookback(rules: SignInRules = SIGN_IN_RULES): number {
  return 2 * Math.max(rules.accountWindowMs + rules.accountLockoutMs, rules.addressWindowMs);
}

/** When the account's current lockout ends, or null if it is not locked at `now`. */
export function accountLockedUntil(attempts: readonly RecordedAttempt[], now: Date, rules: SignInRules = SIGN_IN_RULES): Date | null {
  const sorted = [...attempts].sort((a, b) => a.at.getTime() - b.at.getTime());
  let failures: number[] = [];
  let lockedUntil: number | null = null;
  for (const attempt of sorted) {
    const t = attempt.at.getTime();
    if (t > now.getTime()) break;
    if (lockedUntil !== null && t < lockedUntil) continue; // refused while locked
    if (attempt.succeeded) {
      failures = [];
      continue;
    }
    if (!counts(attempt)) continue;
    failures = failures.filter((f) => t - f < rules.accountWindowMs);
    failures.push(t);
    if (failures.length >= rules.accountMaxFailures) {
      lockedUntil = t + rules.accountLockoutMs;
      failures = [];
    }
  }
  return lockedUntil !== null && now.getTime() < lockedUntil ? new Date(lockedUntil) : null;
}

/** When the address may try again, or null if it is not throttled at `now`. */
export function addressThrottledUntil(attempts: readonly RecordedAttempt[], now: Date, rules: SignInRules = SIGN_IN_RULES): Date | null {
  const recent = attempts
    .filter((a) => counts(a) && a.at.getTime() <= now.getTime() && now.getTime() - a.at.getTime() < rules.addressWindowMs)
    .map((a) => a.at.getTime())
    .sort((a, b) => a - b);
  if (recent.length < rules.addressMaxFailures) return null;
  // Throttled until enough of them have aged out of the window to go below the limit.
  const releasing = recent[recent.length - rules.addressMaxFailures]!;
  return new Date(releasing + rules.addressWindowMs);
}

/** May this attempt go ahead to the password check? */
export function throttleDecision(
  history: { account: readonly RecordedAttempt[]; address: readonly RecordedAttempt[] },
  now: Date,
  rules: SignInRules = SIGN_IN_RULES,
): ThrottleDecision {
  const addressUntil = addressThrottledUntil(history.address, now, rules);
  if (addressUntil) return { allowed: false, reason: "address_throttled", until: addressUntil };
  const accountUntil = accountLockedUntil(history.account, now, rules);
  if (accountUntil) return { allowed: false, reason: "account_locked", until: accountUntil };
  return { allowed: true };
}
