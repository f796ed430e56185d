/**
 * Finding a dispute by what someone has to hand: Parley's reference
 * (TSCP-2026-0042, in any case) or an agency's own case reference for the child
 * or adult it concerns, as the raiser recorded it (exactly as typed).
 *
 * A Parley reference is one index lookup. A case reference is in the subjects'
 * JSON, which no index can search under row-level security (jsonb containment
 * is not leakproof), so it is looked for only when no dispute has that Parley
 * reference: the common search stays a lookup.
 */
import { Prisma } from "../db/generated/client";
import type { PartnershipTx } from "../db/scope";

export type ReferenceCondition = { parley: string } | { caseReference: string };

export async function referenceCondition(tx: PartnershipTx, partnershipId: string, typed: string): Promise<ReferenceCondition> {
  const text = typed.trim();
  const upper = text.toUpperCase();
  const found = await tx.$queryRaw<unknown[]>`SELECT 1 FROM "Escalation" e WHERE e."partnershipId" = ${partnershipId} AND e.reference = ${upper} LIMIT 1`;
  return found.length > 0 ? { parley: upper } : { caseReference: text };
}

/** The condition on a dispute row `e`. */
export function referenceSql(c: ReferenceCondition): Prisma.Sql {
  return "parley" in c
    ? Prisma.sql`e.reference = ${c.parley}`
    : Prisma.sql`e.subjects @> ${JSON.stringify([{ caseReferences: [{ reference: c.caseReference }] }])}::jsonb`;
}
