import { appNow } from "../clock";
import { createHash, randomBytes } from "node:crypto";
import type { SystemTx } from "../db/scope";
import { formatDateTime } from "../policy/format";

/**
 * One-time links to choose a password (/set-password?token=…). The token is 32
 * random bytes; only its SHA-256 is stored, so the table cannot be used to sign
 * in. Valid for 72 hours and once.
 */

export const SETUP_TOKEN_HOURS = 72;

export function hashSetupToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * A new one-time link for the user, e-mailed to them in the same transaction
 * (the outbox; the link is removed from the stored message once it is sent).
 * `partnershipId` names the partnership whose administrator asked, if any.
 */
export async function issueSetupToken(
  tx: SystemTx,
  userId: string,
  createdById: string | null,
  now: Date = appNow(),
  partnershipId: string | null = null,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SETUP_TOKEN_HOURS * 3_600_000);
  const created = await tx.passwordSetupToken.create({
    data: { userId, tokenHash: hashSetupToken(token), createdAt: now, createdById, expiresAt },
    select: { id: true, user: { select: { name: true, email: true } } },
  });
  const partnership = partnershipId ? await tx.partnership.findUnique({ where: { id: partnershipId }, select: { name: true } }) : null;
  await tx.notice.createMany({
    data: [
      {
        partnershipId,
        trigger: PASSWORD_LINK_TRIGGER,
        dedupeKey: `account:${PASSWORD_LINK_TRIGGER}:${created.id}`,
        recipientUserId: userId,
        recipientEmail: created.user.email,
        recipientName: created.user.name,
        recipientReason: "A new password link",
        subject: "Choose your password for Parley",
        content: {
          partnership: partnership?.name ?? "Parley",
          headline: `${created.user.name}, choose a password to start using Parley.`,
          lines: [
            `The link below works once, until ${formatDateTime(expiresAt, "Europe/London")}. If it has run out, ask your partnership administrator for a new one.`,
            "If you did not expect this e-mail, ignore it: nothing happens unless the link is used.",
          ],
          link: setPasswordPath(token),
          linkText: "Choose your password",
        },
        createdAt: now,
        notBefore: now,
        nextAttemptAt: now,
      },
    ],
  });
  return { token, expiresAt };
}

export const PASSWORD_LINK_TRIGGER = "password_link";

export function setPasswordPath(token: string): string {
  return `/set-password?token=${encodeURIComponent(token)}`;
}
