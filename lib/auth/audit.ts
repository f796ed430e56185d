import type { AuditType } from "../db/generated/enums";
import type { Prisma } from "../db/generated/client";
import type { PartnershipTx, SystemTx, UserTx } from "../db/scope";

/**
 * Writes to the append-only audit trail (AuditEvent). Always createMany: an
 * INSERT … RETURNING would have to read the new row back, and row-level security
 * lets only installation-level scope read installation-level events.
 */

export type RequestContext = {
  ipAddress: string | null;
  userAgent: string | null;
};

export const NO_REQUEST: RequestContext = { ipAddress: null, userAgent: null };

export type AuditEntry = {
  type: AuditType;
  at?: Date;
  /** Omit for installation-level events (sign-in, sign-out, sessions). */
  partnershipId?: string | null;
  actorId?: string | null;
  subjectType?: string;
  subjectId?: string;
  details?: Prisma.InputJsonObject;
};

export async function audit(tx: SystemTx | UserTx | PartnershipTx, context: RequestContext, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.auditEvent.createMany({
    data: entries.map((e) => ({
      type: e.type,
      ...(e.at ? { at: e.at } : {}),
      partnershipId: e.partnershipId ?? null,
      actorId: e.actorId ?? null,
      ipAddress: truncate(context.ipAddress, 100),
      userAgent: truncate(context.userAgent, 500),
      subjectType: e.subjectType ?? null,
      subjectId: e.subjectId ?? null,
      details: e.details ?? {},
    })),
  });
}

export function truncate(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined || value === "") return null;
  return value.length > max ? value.slice(0, max) : value;
}
