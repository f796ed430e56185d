import { appNow } from "../clock";
import type { Database } from "../db/connect";
import { asSystem } from "../db/scope";
import { audit, truncate, type AuditEntry, type RequestContext } from "./audit";
import { verifyAgainstNothing, verifyPassword } from "./password-hash";
import {
  accountLockedUntil,
  addressThrottledUntil,
  lookback,
  SIGN_IN_RULES,
  throttleDecision,
  type AttemptReason,
  type SignInRules,
} from "./throttle";

/**
 * Signing in with an e-mail address and password. Every attempt is recorded in
 * SignInAttempt (the throttle's only memory) and in the audit trail. The caller
 * learns only "signed in" or "not": every failure, whatever its reason, must be
 * shown to the person as the same message (SIGN_IN_FAILED_MESSAGE).
 */

export const SIGN_IN_FAILED_MESSAGE = "Enter a correct email address and password.";

/** Shown beside the form to everyone, before and after any attempt: it discloses nothing. */
export const SIGN_IN_LOCKOUT_HINT =
  "If the email address and password are entered wrongly 5 times, signing in with that email address is paused for 15 minutes.";

export type SignInResult =
  | { ok: true; user: { id: string; name: string; email: string } }
  | { ok: false; reason: AttemptReason };

const MAX_EMAIL_LENGTH = 254;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function signInWithPassword(
  db: Database,
  credentials: { email: string; password: string },
  context: RequestContext,
  now: Date = appNow(),
  rules: SignInRules = SIGN_IN_RULES,
): Promise<SignInResult> {
  const email = truncate(normaliseEmail(credentials.email), MAX_EMAIL_LENGTH) ?? "";
  const password = credentials.password;
  const ipAddress = context.ipAddress ?? "unknown";
  const since = new Date(now.getTime() - lookback(rules));

  // Installation-level: sign-in bookkeeping, before anyone is signed in.
  const before = await asSystem(db, async (tx) => {
    const [account, address, user] = await Promise.all([
      tx.signInAttempt.findMany({ where: { email, at: { gte: since } }, select: { at: true, succeeded: true, reason: true } }),
      tx.signInAttempt.findMany({ where: { ipAddress, at: { gte: since } }, select: { at: true, succeeded: true, reason: true } }),
      email ? tx.user.findUnique({ where: { email }, select: { id: true, name: true, email: true, active: true, passwordHash: true } }) : null,
    ]);
    return { account, address, user };
  });

  const decision = throttleDecision({ account: before.account, address: before.address }, now, rules);
  let outcome: SignInResult;
  if (!decision.allowed) {
    // A locked account costs the same time as any other failure; a throttled address gets a cheap refusal.
    if (decision.reason === "account_locked") await verifyAgainstNothing(password);
    outcome = { ok: false, reason: decision.reason };
  } else if (!before.user) {
    outcome = { ok: false, reason: await verifyAgainstNothing(password).then(() => "unknown_account" as const) };
  } else if (!before.user.passwordHash) {
    outcome = { ok: false, reason: await verifyAgainstNothing(password).then(() => "no_password" as const) };
  } else if (!(await verifyPassword(before.user.passwordHash, password))) {
    outcome = { ok: false, reason: "wrong_password" };
  } else if (!before.user.active) {
    // Checked after the password so that an inactive account takes as long as an active one.
    outcome = { ok: false, reason: "inactive" };
  } else {
    const { id, name, email: userEmail } = before.user;
    outcome = { ok: true, user: { id, name, email: userEmail } };
  }

  const attempt = { at: now, succeeded: outcome.ok, reason: outcome.ok ? null : outcome.reason };
  const entries: AuditEntry[] = [];
  if (!outcome.ok) {
    entries.push({
      type: "sign_in_failed",
      at: now,
      actorId: before.user?.id ?? null,
      subjectType: before.user ? "user" : undefined,
      subjectId: before.user?.id,
      details: { method: "password", email, reason: outcome.reason },
    });
    if (decision.allowed) {
      // Did this failure start a lockout? Say so in the audit trail (never to the person).
      const lockedUntil = accountLockedUntil([...before.account, attempt], now, rules);
      if (lockedUntil) {
        entries.push({
          type: "lockout",
          at: now,
          actorId: before.user?.id ?? null,
          subjectType: before.user ? "user" : undefined,
          subjectId: before.user?.id,
          details: { scope: "account", email, until: lockedUntil.toISOString() },
        });
      }
      const throttledUntil = addressThrottledUntil([...before.address, attempt], now, rules);
      if (throttledUntil && !addressThrottledUntil(before.address, now, rules)) {
        entries.push({ type: "lockout", at: now, details: { scope: "address", until: throttledUntil.toISOString() } });
      }
    }
  }

  // Installation-level: the attempt and its audit are recorded whatever the outcome.
  await asSystem(db, async (tx) => {
    await tx.signInAttempt.create({ data: { email, ipAddress, ...attempt }, select: { id: true } });
    await audit(tx, context, entries);
  });
  return outcome;
}
