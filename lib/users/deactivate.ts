import { appNow } from "../clock";
import type { Database } from "../db/connect";
import { asSystem } from "../db/scope";
import { audit, type RequestContext } from "../auth/audit";
import { endSessionsOfUser } from "../auth/sessions";
import type { DeactivationReason } from "../db/generated/enums";

/**
 * Deactivating a user: they can no longer sign in, and every session they have
 * open ends at once (the next request from any of their browsers is signed out).
 * Their memberships and history stay, for the record. The reason is kept: an
 * account the installation's administrator deactivated stays so whatever a
 * partnership administrator does; one deactivated because its last membership
 * ended comes back when a membership is restored.
 */
export async function deactivateUser(
  db: Database,
  userId: string,
  context: RequestContext,
  byUserId: string | null = null,
  now: Date = appNow(),
  reason: DeactivationReason = "installation",
): Promise<{ deactivated: boolean; sessionsEnded: number }> {
  // Installation-level: a user spans partnerships; their sessions are not partnership-owned.
  return asSystem(db, async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: userId, active: true },
      data: { active: false, deactivatedAt: now, deactivationReason: reason },
    });
    // The installation's decision outranks a partnership's: it replaces the reason.
    if (count === 0 && reason === "installation") {
      await tx.user.updateMany({ where: { id: userId, active: false }, data: { deactivationReason: reason } });
    }
    const sessionsEnded = await endSessionsOfUser(tx, userId, "deactivated", context, now, byUserId);
    if (count === 1) {
      await audit(tx, context, [
        { type: "user_deactivated", at: now, actorId: byUserId, subjectType: "user", subjectId: userId, details: { sessionsEnded, reason } },
      ]);
    }
    return { deactivated: count === 1, sessionsEnded };
  });
}

/** Reactivates the account if it was deactivated for one of `reasons`. */
export async function reactivateUser(
  db: Database,
  userId: string,
  context: RequestContext,
  byUserId: string | null,
  now: Date,
  reasons: readonly DeactivationReason[],
): Promise<boolean> {
  // Installation-level: as deactivateUser.
  return asSystem(db, async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: userId, active: false, deactivationReason: { in: [...reasons] } },
      data: { active: true, deactivatedAt: null, deactivationReason: null },
    });
    if (count === 1) {
      await audit(tx, context, [{ type: "user_reactivated", at: now, actorId: byUserId, subjectType: "user", subjectId: userId }]);
    }
    return count === 1;
  });
}
