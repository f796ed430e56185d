import { appNow } from "../clock";
import { replaceUnsafe } from "../text/safe-text";
import type { Database } from "../db/connect";
import { asSystem, type SystemTx } from "../db/scope";
import { audit, truncate, type AuditEntry, type RequestContext } from "./audit";
import { verifyAgainstNothing, verifyPassword } from "./password-hash";
import { accountLockedUntil, addressThrottledUntil, lookback, SIGN_IN_RULES, throttleDecision, type AttemptReason, type SignInRules } from "./throttle";

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

export type SignInResult = { ok: true; user: { id: string; name: string; email: string } } | { ok: false; reason: AttemptReason };

const MAX_EMAIL_LENGTH = 254;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Check-and-record is atomic per account and per address: the attempt is
 * claimed (recorded as "checking", which counts as a failure until it is
 * settled) under transaction-scoped advisory locks on both, before the password
 * is checked. However many attempts arrive at once, at most the allowed number
 * reach the password check; the rest see the claims and are refused.
 */
export async function signInWithPassword(
  db: Database,
  credentials: { email: string; password: string },
  context: RequestContext,
  now: Date = appNow(),
  rules: SignInRules = SIGN_IN_RULES,
): Promise<SignInResult> {
  // No account's address holds a character PostgreSQL cannot store: such an attempt is on an unknown account.
  const email = truncate(replaceUnsafe(normaliseEmail(credentials.email)), MAX_EMAIL_LENGTH) ?? "";
  const password = credentials.password;
  const ipAddress = context.ipAddress ?? "unknown";
  const since = new Date(now.getTime() - lookback(rules));

  // Installation-level: sign-in bookkeeping, before anyone is signed in.
  const claim = await asSystem(db, async (tx) => {
    await lockAttempts(tx, email, ipAddress);
    const [account, address, user] = await Promise.all([
      tx.signInAttempt.findMany({ where: { email, at: { gte: since } }, select: { at: true, succeeded: true, reason: true } }),
      tx.signInAttempt.findMany({ where: { ipAddress, at: { gte: since } }, select: { at: true, succeeded: true, reason: true } }),
      email ? tx.user.findUnique({ where: { email }, select: { id: true, name: true, email: true, active: true, passwordHash: true } }) : null,
    ]);
    const decision = throttleDecision({ account, address }, now, rules);
    const attempt = decision.allowed ? { at: now, succeeded: false, reason: CHECKING } : { at: now, succeeded: false, reason: decision.reason };
    const { id } = await tx.signInAttempt.create({ data: { email, ipAddress, ...attempt }, select: { id: true } });
    if (!decision.allowed) {
      await audit(tx, context, [failedEntry(now, email, user, decision.reason)]);
    }
    return { id, decision, user };
  });

  const { decision, user } = claim;
  let outcome: SignInResult;
  if (!decision.allowed) {
    // A locked account costs the same time as any other failure; a throttled address gets a cheap refusal.
    if (decision.reason === "account_locked") await verifyAgainstNothing(password);
    return { ok: false, reason: decision.reason };
  } else if (!user) {
    outcome = { ok: false, reason: await verifyAgainstNothing(password).then(() => "unknown_account" as const) };
  } else if (!user.passwordHash) {
    outcome = { ok: false, reason: await verifyAgainstNothing(password).then(() => "no_password" as const) };
  } else if (!(await verifyPassword(user.passwordHash, password))) {
    outcome = { ok: false, reason: "wrong_password" };
  } else if (!user.active) {
    // Checked after the password so that an inactive account takes as long as an active one.
    outcome = { ok: false, reason: "inactive" };
  } else {
    const { id, name, email: userEmail } = user;
    outcome = { ok: true, user: { id, name, email: userEmail } };
  }

  // Installation-level: settle the claimed attempt, and audit a lockout it started (exactly once).
  await asSystem(db, async (tx) => {
    await lockAttempts(tx, email, ipAddress);
    const settledBefore = await Promise.all([
      tx.signInAttempt.findMany({ where: { email, at: { gte: since }, NOT: { reason: CHECKING } }, select: { at: true, succeeded: true, reason: true } }),
      tx.signInAttempt.findMany({ where: { ipAddress, at: { gte: since }, NOT: { reason: CHECKING } }, select: { at: true, succeeded: true, reason: true } }),
    ]);
    const settled = { at: now, succeeded: outcome.ok, reason: outcome.ok ? null : outcome.reason };
    await tx.signInAttempt.update({ where: { id: claim.id }, data: { succeeded: settled.succeeded, reason: settled.reason }, select: { id: true } });
    if (outcome.ok) return;
    const entries: AuditEntry[] = [failedEntry(now, email, user, outcome.reason)];
    // Did this failure start a lockout? Say so in the audit trail (never to the person).
    const [account, address] = settledBefore;
    const lockedUntil = accountLockedUntil([...account, settled], now, rules);
    if (lockedUntil && !accountLockedUntil(account, now, rules)) {
      entries.push({
        type: "lockout",
        at: now,
        actorId: user?.id ?? null,
        subjectType: user ? "user" : undefined,
        subjectId: user?.id,
        details: { scope: "account", email, until: lockedUntil.toISOString() },
      });
    }
    const throttledUntil = addressThrottledUntil([...address, settled], now, rules);
    if (throttledUntil && !addressThrottledUntil(address, now, rules)) {
      entries.push({ type: "lockout", at: now, details: { scope: "address", until: throttledUntil.toISOString() } });
    }
    await audit(tx, context, entries);
  });
  return outcome;
}

/** An attempt that has been let through to the password check and not yet settled. */
const CHECKING = "checking";

/** Serialises sign-in bookkeeping for one account and one address, until the transaction ends (always in this order). */
async function lockAttempts(tx: SystemTx, email: string, ipAddress: string): Promise<void> {
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${"sign-in account " + email}, 0))`;
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${"sign-in address " + ipAddress}, 0))`;
}

function failedEntry(at: Date, email: string, user: { id: string } | null, reason: AttemptReason): AuditEntry {
  return {
    type: "sign_in_failed",
    at,
    actorId: user?.id ?? null,
    subjectType: user ? "user" : undefined,
    subjectId: user?.id,
    details: { method: "password", email, reason },
  };
}
