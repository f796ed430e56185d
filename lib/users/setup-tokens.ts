import { appNow } from "../clock";
import { createHash, randomBytes } from "node:crypto";
import type { SystemTx } from "../db/scope";

/**
 * One-time links to choose a password (/set-password?token=…). The token is 32
 * random bytes; only its SHA-256 is stored, so the table cannot be used to sign
 * in. Valid for 72 hours and once.
 */

export const SETUP_TOKEN_HOURS = 72;

export function hashSetupToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export async function issueSetupToken(
  tx: SystemTx,
  userId: string,
  createdById: string | null,
  now: Date = appNow(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SETUP_TOKEN_HOURS * 3_600_000);
  await tx.passwordSetupToken.create({
    data: { userId, tokenHash: hashSetupToken(token), createdAt: now, createdById, expiresAt },
    select: { id: true },
  });
  return { token, expiresAt };
}

export function setPasswordPath(token: string): string {
  return `/set-password?token=${encodeURIComponent(token)}`;
}
