import { appNow } from "../clock";
import type { Database } from "../db/connect";
import { asSystem } from "../db/scope";
import { audit, type RequestContext } from "../auth/audit";
import { endSessionsOfUser } from "../auth/sessions";

/**
 * Deactivating a user: they can no longer sign in, and every session they have
 * open ends at once (the next request from any of their browsers is signed out).
 * Their memberships and history stay, for the record.
 */
export async function deactivateUser(
  db: Database,
  userId: string,
  context: RequestContext,
  byUserId: string | null = null,
  now: Date = appNow(),
): Promise<{ deactivated: boolean; sessionsEnded: number }> {
  // Installation-level: a user spans partnerships; their sessions are not partnership-owned.
  return asSystem(db, async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: userId, active: true }, data: { active: false, deactivatedAt: now } });
    const sessionsEnded = await endSessionsOfUser(tx, userId, "deactivated", context, now, byUserId);
    if (count === 1) {
      await audit(tx, context, [
        { type: "user_deactivated", at: now, actorId: byUserId, subjectType: "user", subjectId: userId, details: { sessionsEnded } },
      ]);
    }
    return { deactivated: count === 1, sessionsEnded };
  });
}

export async function reactivateUser(
  db: Database,
  userId: string,
  context: RequestContext,
  byUserId: string | null = null,
  now: Date = appNow(),
): Promise<boolean> {
  // Installation-level: as deactivateUser.
  return asSystem(db, async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: userId, active: false }, data: { active: true, deactivatedAt: null } });
    if (count === 1) {
      await audit(tx, context, [{ type: "user_reactivated", at: now, actorId: byUserId, subjectType: "user", subjectId: userId }]);
    }
    return count === 1;
  });
}
