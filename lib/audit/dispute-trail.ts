/**
 * The audit trail of one dispute, for a partnership administrator to export:
 * every step taken on it and every time someone opened it — who, when, from
 * which address — without the case details themselves (an administrator does
 * not read those). Exporting is itself recorded, in the same transaction.
 */
import type { Actor } from "../auth/actor";
import { audit, type RequestContext } from "../auth/audit";
import { can } from "../auth/permissions";
import { appNow } from "../clock";
import type { Database } from "../db/connect";
import { inPartnership } from "../db/scope";
import { NotFoundError, ValidationError } from "../errors";
import type { Policy } from "../policy";
import { trailRows, type TrailRow } from "./trail-rows";

export { NOT_RECORDED, trailToCsv, type TrailRow } from "./trail-rows";

const REFERENCE = /^[A-Z][A-Z0-9]{1,9}-\d{4}-\d{4,}$/;
const MAX_REFERENCE = 40;

/** Why a reference could not be used: the page shows the message for each (never text from the address bar). */
export const REFERENCE_PROBLEMS = ["missing", "format", "unknown"] as const;
export type ReferenceProblem = (typeof REFERENCE_PROBLEMS)[number];
export const isReferenceProblem = (value: unknown): value is ReferenceProblem =>
  typeof value === "string" && (REFERENCE_PROBLEMS as readonly string[]).includes(value);

/** The partnership as the messages name it: its name, and the prefix of its references. */
export type PartnershipNaming = { name: string; code: string };

/** A reference like this partnership's, for hints and messages ("TSCP-2026-0042"). */
export const exampleReference = (p: Pick<PartnershipNaming, "code">, year: number): string => `${p.code}-${year}-0042`;

/** What the reference field says for each problem, as the GOV.UK patterns word it. */
export function referenceProblemMessage(problem: ReferenceProblem, reference: string, partnership: PartnershipNaming, year: number): string {
  const example = exampleReference(partnership, year);
  switch (problem) {
    case "missing":
      return `Enter a dispute reference, like ${example}`;
    case "format":
      return `Enter the dispute reference as it is shown on the dispute, like ${example}`;
    case "unknown":
      return `There is no dispute ${reference} in ${partnership.name}`;
    default: {
      const never: never = problem;
      throw new Error(`unknown problem ${String(never)}`);
    }
  }
}

/** A reference that was empty, malformed or not one of this partnership's disputes. */
export class AuditReferenceError extends ValidationError {
  constructor(
    readonly problem: ReferenceProblem,
    /** The reference as tidied (upper case, no spaces), cut to a sensible length. */
    readonly reference: string,
    message: string,
  ) {
    super({ reference: message });
  }
}

/** "tscp – 2026 – 0042 " → "TSCP-2026-0042": case, spaces and dash-like characters do not matter. */
export function tidyReference(input: string): string {
  return input
    .normalize("NFKC")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\s+/g, "")
    .toUpperCase()
    .slice(0, MAX_REFERENCE);
}

export type PolicyLookup = { get(id: string, version?: string): Policy | undefined };

export type TrailOptions = { policies: PolicyLookup; now?: Date };

export async function disputeAuditTrail(
  db: Database,
  actor: Actor,
  referenceInput: string,
  context: RequestContext,
  options: TrailOptions,
): Promise<{ reference: string; rows: TrailRow[]; timeZone: string }> {
  if (!can(actor, "audit.export")) throw new NotFoundError("We could not find that page.");
  const now = options.now ?? appNow();
  const reference = tidyReference(referenceInput);
  return inPartnership(db, actor, async (tx) => {
    const partnership = await tx.partnership.findUnique({ where: { id: actor.partnershipId }, select: { name: true, code: true } });
    const naming = partnership ?? { name: actor.partnershipId, code: "REF" };
    const year = Number(now.toISOString().slice(0, 4));
    const problem = (kind: ReferenceProblem) => new AuditReferenceError(kind, reference, referenceProblemMessage(kind, reference, naming, year));
    if (reference === "") throw problem("missing");
    if (!REFERENCE.test(reference)) throw problem("format");
    const escalation = await tx.escalation.findUnique({
      where: { partnershipId_reference: { partnershipId: actor.partnershipId, reference } },
      select: {
        id: true,
        policyId: true,
        policyVersion: true,
        routeId: true,
        raisingAgency: { select: { name: true } },
        respondingAgency: { select: { name: true } },
      },
    });
    if (!escalation) throw problem("unknown");
    const [events, audits] = await Promise.all([
      tx.escalationEvent.findMany({ where: { escalationId: escalation.id }, orderBy: { sequence: "asc" }, include: { actor: { select: { name: true } } } }),
      tx.auditEvent.findMany({ where: { subjectType: "escalation", subjectId: escalation.id }, orderBy: { at: "asc" } }),
    ]);
    const ownerIds = events.flatMap((e) => {
      const userId = e.type === "owner_assigned" ? (e.payload as { userId?: unknown } | null)?.userId : undefined;
      return typeof userId === "string" ? [userId] : [];
    });
    const ids = [...new Set([...audits.flatMap((a) => (a.actorId ? [a.actorId] : [])), ...ownerIds])];
    const users = ids.length > 0 ? await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
    const people: Record<string, string> = Object.fromEntries([...users.map((u) => [u.id, u.name]), ...events.map((e) => [e.actorId, e.actor.name])]);
    const pinned = options.policies.get(escalation.policyId, escalation.policyVersion);
    const rows = trailRows(
      events.map((e) => ({
        at: e.at,
        type: e.type,
        stageKey: e.stageKey,
        policyVersion: e.policyVersion,
        actorId: e.actorId,
        actorName: e.actor.name,
        payload: e.payload,
      })),
      audits,
      {
        policyFor: (version) => (version === escalation.policyVersion ? pinned : options.policies.get(escalation.policyId, version)),
        routeId: escalation.routeId,
        people,
        raisingAgency: escalation.raisingAgency.name,
        respondingAgency: escalation.respondingAgency.name,
      },
    );
    await audit(tx, context, [
      {
        type: "audit_exported",
        at: now,
        partnershipId: actor.partnershipId,
        actorId: actor.userId,
        subjectType: "escalation",
        subjectId: escalation.id,
        details: { reference, rows: rows.length },
      },
    ]);
    return { reference, rows, timeZone: pinned?.timeZone ?? "Europe/London" };
  });
}

/** The partnership's name and reference prefix, for the audit page's hint and messages. */
export async function partnershipNaming(db: Database, actor: Actor): Promise<PartnershipNaming> {
  const row = await inPartnership(db, actor, (tx) => tx.partnership.findUnique({ where: { id: actor.partnershipId }, select: { name: true, code: true } }));
  return row ?? { name: actor.partnershipId, code: "REF" };
}
