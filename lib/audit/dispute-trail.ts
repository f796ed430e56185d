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
import { NotFoundError, ValidationError } from "../escalations/errors";
import { formatIsoWithOffset } from "../policy/format";

export type TrailRow = {
  at: Date;
  what: string;
  stage: string;
  person: string;
  personId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
};

const REFERENCE = /^[A-Z][A-Z0-9]{1,9}-\d{4}-\d{4,}$/;

/** "discussion_recorded" → "Discussion recorded" */
const words = (type: string) => type.charAt(0).toUpperCase() + type.slice(1).replaceAll("_", " ");

export async function disputeAuditTrail(
  db: Database,
  actor: Actor,
  referenceInput: string,
  context: RequestContext,
  now: Date = appNow(),
): Promise<{ reference: string; rows: TrailRow[] }> {
  if (!can(actor, "audit.export")) throw new NotFoundError("We could not find that page.");
  const reference = referenceInput.trim().toUpperCase();
  if (!REFERENCE.test(reference)) throw ValidationError.field("reference", "Enter a dispute reference like TSCP-2026-0042.");
  return inPartnership(db, actor, async (tx) => {
    const escalation = await tx.escalation.findUnique({
      where: { partnershipId_reference: { partnershipId: actor.partnershipId, reference } },
      select: { id: true },
    });
    if (!escalation) throw ValidationError.field("reference", `There is no dispute ${reference} in this partnership.`);
    const [events, views] = await Promise.all([
      tx.escalationEvent.findMany({ where: { escalationId: escalation.id }, orderBy: { sequence: "asc" }, include: { actor: { select: { name: true } } } }),
      tx.auditEvent.findMany({ where: { subjectType: "escalation", subjectId: escalation.id }, orderBy: { at: "asc" } }),
    ]);
    const viewers = await tx.user.findMany({
      where: { id: { in: views.flatMap((v) => (v.actorId ? [v.actorId] : [])) } },
      select: { id: true, name: true },
    });
    const nameOf = (id: string | null) => (id ? (viewers.find((u) => u.id === id)?.name ?? "(unknown user)") : "(nobody signed in)");
    const rows: TrailRow[] = [
      ...events.map((e) => ({ at: e.at, what: words(e.type), stage: e.stageKey, person: e.actor.name, personId: e.actorId, ipAddress: null, userAgent: null })),
      ...views.map((v) => ({
        at: v.at,
        what: v.type === "escalation_viewed" ? "Viewed" : words(v.type),
        stage: "",
        person: v.actorId === null && v.type === "deadlines_recomputed" ? "Parley (a calendar changed)" : nameOf(v.actorId),
        personId: v.actorId,
        ipAddress: v.ipAddress,
        userAgent: v.userAgent,
      })),
    ].sort((a, b) => a.at.getTime() - b.at.getTime());
    await audit(tx, context, [
      { type: "audit_exported", at: now, partnershipId: actor.partnershipId, actorId: actor.userId, subjectType: "escalation", subjectId: escalation.id, details: { reference, rows: rows.length } },
    ]);
    return { reference, rows };
  });
}

function csvCell(value: string): string {
  // Quote everything; neutralise spreadsheet formulas (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function trailToCsv(rows: readonly TrailRow[], timeZone: string): string {
  const header = ["When", "What", "Stage", "Who", "User id", "IP address", "Browser"];
  const lines = rows.map((r) =>
    [formatIsoWithOffset(r.at, timeZone), r.what, r.stage, r.person, r.personId ?? "", r.ipAddress ?? "", r.userAgent ?? ""].map(csvCell).join(","),
  );
  return `${[header.map(csvCell).join(","), ...lines].join("\r\n")}\r\n`;
}
