import { appNow } from "../clock";
import { randomBytes } from "node:crypto";
import type { Database } from "../db/connect";
import type { Prisma } from "../db/generated/client";
import { asSystem, selfScopedStatements, type SystemTx } from "../db/scope";
import { byPartnershipName, type MembershipSummary } from "./actor";
import { audit, truncate, type RequestContext } from "./audit";
import { sessionExpiresAt, sessionVerdict, TOUCH_INTERVAL_MS, type SessionEndReason, type SessionFacts, type SessionRules } from "./session-rules";

/**
 * Server-side sessions: the Session table is the truth. The browser's cookie (a
 * next-auth JWT) carries only a Session id; every request looks the row up, and
 * an ended, expired or idle row, or a deactivated user, means signed out.
 *
 * All of this is installation-level bookkeeping (asSystem): a session belongs to
 * a person, not to one partnership, and it is checked before any actor exists.
 */

export type SignInMethod = "password" | "oidc";

/** Who is signed in on this request, with their active memberships (read with the session: one round trip). */
export type SignedInUser = {
  sessionId: string;
  userId: string;
  name: string;
  email: string;
  memberships: MembershipSummary[];
};

/**
 * Opens a session at sign-in. `replacing` is the session this browser's cookie
 * carried until now (signing in again): it ends first, recorded as a sign-out,
 * so the earlier token stops working. Sessions on other browsers are left alone.
 */
export async function startSession(
  db: Database,
  userId: string,
  method: SignInMethod,
  context: RequestContext,
  rules: Pick<SessionRules, "maxHours">,
  now: Date = appNow(),
  replacing: string | null = null,
): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  // Installation-level: sign-in bookkeeping, before any partnership is chosen.
  await asSystem(db, async (tx) => {
    if (replacing) {
      const earlier = await tx.session.findUnique({ where: { id: replacing }, select: { id: true, userId: true } });
      // Whoever it belonged to: the browser is about to drop its cookie for the new one.
      if (earlier) await endSessionRow(tx, earlier.id, earlier.userId, "signed_out", context, now, { actorId: userId, details: { replacedBySignIn: true } });
    }
    await tx.session.create({
      data: {
        id,
        userId,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: sessionExpiresAt(now, rules),
        ipAddress: truncate(context.ipAddress, 100),
        userAgent: truncate(context.userAgent, 500),
      },
    });
    await audit(tx, context, [{ type: "sign_in", at: now, actorId: userId, subjectType: "user", subjectId: userId, details: { method } }]);
  });
  return id;
}

type SessionRow = SessionFacts & { id: string; userId: string; name: string; email: string; memberships: MembershipSummary[] | string };

/**
 * The signed-in user for a session id, or null. Ends the row (and audits why)
 * the first time it is found expired, idle or belonging to a deactivated user;
 * refreshes lastSeenAt at most once a minute.
 */
export async function validateSession(
  db: Database,
  sessionId: string,
  context: RequestContext,
  rules: SessionRules,
  now: Date = appNow(),
): Promise<SignedInUser | null> {
  if (!sessionId) return null;
  // One statement, outside a transaction: the session, its user and their
  // memberships, read by a database function that scopes itself to that user
  // (prisma/migrations/*_session_lookup). This runs on every signed-in request.
  const [row] = await selfScopedStatements(db).$queryRaw<SessionRow[]>`select * from parley_session(${sessionId})`;
  if (!row) return null;
  const verdict = sessionVerdict(row, now, rules);
  if (!verdict.valid) {
    // Installation-level: ending it, and auditing why, in a transaction of its own.
    if (verdict.reason !== "ended") await asSystem(db, (tx) => endSessionRow(tx, row.id, row.userId, verdict.reason, context, now));
    return null;
  }
  if (verdict.touch) {
    await asSystem(db, (tx) =>
      tx.session.updateMany({
        where: { id: row.id, endedAt: null, lastSeenAt: { lt: new Date(now.getTime() - TOUCH_INTERVAL_MS) } },
        data: { lastSeenAt: now },
      }),
    );
  }
  const memberships = typeof row.memberships === "string" ? (JSON.parse(row.memberships) as MembershipSummary[]) : row.memberships;
  return { sessionId: row.id, userId: row.userId, name: row.name, email: row.email, memberships: byPartnershipName(memberships) };
}

/** Sign-out, or any other deliberate end of one session. */
export async function endSession(db: Database, sessionId: string, reason: SessionEndReason, context: RequestContext, now: Date = appNow()): Promise<boolean> {
  if (!sessionId) return false;
  // Installation-level: sessions are not partnership-owned.
  return asSystem(db, async (tx) => {
    const row = await tx.session.findUnique({ where: { id: sessionId }, select: { id: true, userId: true } });
    if (!row) return false;
    return endSessionRow(tx, row.id, row.userId, reason, context, now);
  });
}

/** Ends every open session of a user at once (deactivation, a new password). */
export async function endSessionsOfUser(
  tx: SystemTx,
  userId: string,
  reason: SessionEndReason,
  context: RequestContext,
  now: Date = appNow(),
  actorId: string | null = null,
): Promise<number> {
  const open = await tx.session.findMany({ where: { userId, endedAt: null }, select: { id: true } });
  if (open.length === 0) return 0;
  const { count } = await tx.session.updateMany({
    where: { id: { in: open.map((s) => s.id) }, endedAt: null },
    data: { endedAt: now, endReason: reason },
  });
  await audit(tx, context, [{ type: "session_ended", at: now, actorId, subjectType: "user", subjectId: userId, details: { reason, sessions: count } }]);
  return count;
}

/**
 * Ends one row if it is still open; audits only if this call ended it. The actor
 * is the session's own user unless `by` says otherwise (someone signing in over it).
 */
async function endSessionRow(
  tx: SystemTx,
  id: string,
  userId: string,
  reason: SessionEndReason,
  context: RequestContext,
  now: Date,
  by: { actorId?: string; details?: Prisma.InputJsonObject } = {},
): Promise<boolean> {
  const { count } = await tx.session.updateMany({ where: { id, endedAt: null }, data: { endedAt: now, endReason: reason } });
  if (count === 0) return false;
  const type = reason === "signed_out" ? "sign_out" : "session_ended";
  await audit(tx, context, [
    {
      type,
      at: now,
      actorId: by.actorId ?? userId,
      subjectType: "user",
      subjectId: userId,
      details: { ...(reason === "signed_out" ? {} : { reason }), ...by.details },
    },
  ]);
  return true;
}
