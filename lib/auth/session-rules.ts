/**
 * When a signed-in session stops being valid. Pure: the session row, the user's
 * state and a clock in; a verdict out. lib/auth/sessions.ts applies it on every
 * request.
 */

export type SessionRules = {
  /** Absolute limit from sign-in: a working day (SESSION_MAX_HOURS, default 10). */
  maxHours: number;
  /** Inactivity limit (SESSION_IDLE_MINUTES, default 30). */
  idleMinutes: number;
};

/** lastSeenAt is written at most this often, so a busy page does not write on every request. */
export const TOUCH_INTERVAL_MS = 60_000;

export type SessionEndReason = "signed_out" | "expired" | "idle" | "deactivated" | "password_changed";

export type SessionFacts = {
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  userActive: boolean;
};

export type SessionVerdict =
  { valid: true; touch: boolean } | { valid: false; reason: "ended" } | { valid: false; reason: "expired" | "idle" | "deactivated"; end: true };

export function sessionExpiresAt(createdAt: Date, rules: Pick<SessionRules, "maxHours">): Date {
  return new Date(createdAt.getTime() + rules.maxHours * 3_600_000);
}

export function sessionVerdict(session: SessionFacts, now: Date, rules: SessionRules): SessionVerdict {
  if (session.endedAt) return { valid: false, reason: "ended" };
  if (!session.userActive) return { valid: false, reason: "deactivated", end: true };
  // The row's expiresAt was fixed at sign-in; a lower SESSION_MAX_HOURS applies at once too.
  const absoluteEnd = Math.min(session.expiresAt.getTime(), sessionExpiresAt(session.createdAt, rules).getTime());
  if (now.getTime() >= absoluteEnd) return { valid: false, reason: "expired", end: true };
  if (now.getTime() - session.lastSeenAt.getTime() >= rules.idleMinutes * 60_000) {
    return { valid: false, reason: "idle", end: true };
  }
  return { valid: true, touch: now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS };
}
