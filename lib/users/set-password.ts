import { appNow } from "../clock";
import type { Database } from "../db/connect";
import { asSystem } from "../db/scope";
import { audit, type RequestContext } from "../auth/audit";
import { hashPassword } from "../auth/password-hash";
import { passwordMessage } from "../auth/password-rules";
import { endSessionsOfUser } from "../auth/sessions";
import { hashSetupToken } from "./setup-tokens";

/**
 * Choosing a password with a one-time link. The same rules as everywhere
 * (lib/auth/password-rules.ts). Setting it uses the link up, ends the user's
 * other sessions, and is audited.
 */

export type SetupLink = { userId: string; email: string; name: string };

export const LINK_INVALID_MESSAGE = "This link has expired or has already been used.";

/** The user a still-valid link belongs to, or null (unknown, used, expired, or a deactivated user). */
export async function findSetupLink(db: Database, token: string, now: Date = appNow()): Promise<SetupLink | null> {
  if (!token) return null;
  // Installation-level: the person following the link is not signed in.
  return asSystem(db, async (tx) => {
    const row = await tx.passwordSetupToken.findUnique({
      where: { tokenHash: hashSetupToken(token) },
      include: { user: { select: { id: true, email: true, name: true, active: true } } },
    });
    if (!row || row.usedAt || row.expiresAt <= now || !row.user.active) return null;
    return { userId: row.user.id, email: row.user.email, name: row.user.name };
  });
}

export type SetPasswordResult = { ok: true; email: string } | { ok: false; fields: { password?: string; confirmPassword?: string }; linkInvalid?: true };

export async function setPasswordWithLink(
  db: Database,
  input: { token: string; password: string; confirmPassword: string },
  context: RequestContext,
  now: Date = appNow(),
): Promise<SetPasswordResult> {
  const link = await findSetupLink(db, input.token, now);
  if (!link) return { ok: false, fields: {}, linkInvalid: true };
  const fields: { password?: string; confirmPassword?: string } = {};
  if (!input.password) fields.password = "Enter a password";
  else {
    const problem = passwordMessage(input.password, { email: link.email });
    if (problem) fields.password = problem;
  }
  if (!fields.password && input.confirmPassword !== input.password) fields.confirmPassword = "Passwords do not match";
  if (fields.password || fields.confirmPassword) return { ok: false, fields };

  const passwordHash = await hashPassword(input.password);
  // Installation-level: the person is not signed in; the link is their authority.
  return asSystem(db, async (tx) => {
    // Use the link up first: of two submissions racing, only one gets through.
    const used = await tx.passwordSetupToken.updateMany({
      where: { tokenHash: hashSetupToken(input.token), usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (used.count !== 1) return { ok: false, fields: {}, linkInvalid: true } as const;
    // Any other outstanding links for this user are spent too.
    await tx.passwordSetupToken.updateMany({ where: { userId: link.userId, usedAt: null }, data: { usedAt: now } });
    await tx.user.update({ where: { id: link.userId }, data: { passwordHash }, select: { id: true } });
    await endSessionsOfUser(tx, link.userId, "password_changed", context, now, link.userId);
    await audit(tx, context, [{ type: "password_set", at: now, actorId: link.userId, subjectType: "user", subjectId: link.userId, details: { via: "link" } }]);
    return { ok: true, email: link.email } as const;
  });
}
