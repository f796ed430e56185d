import { AuditReferenceError, disputeAuditTrail, trailToCsv } from "@/lib/audit/dispute-trail";
import { decodeParam, seeOther, signInUrl } from "@/lib/auth/redirects";
import { actorForApi, currentRequestContext } from "@/lib/auth/server";
import { appNow } from "@/lib/clock";
import { getDatabase } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { policyRegistry } from "@/lib/server/policies";

export const dynamic = "force-dynamic";

/**
 * POST from the audit page: the dispute's audit trail as a CSV download, or back
 * to the page (303) with the reference and what was wrong with it
 * (`?reference=…&error=missing|format|unknown`), which the page words; with or
 * without JavaScript the form is an ordinary one, so both come back the same way.
 */
export async function POST(request: Request, { params }: { params: Promise<{ partnership: string }> }): Promise<Response> {
  const partnershipId = decodeParam((await params).partnership);
  const page = `/p/${encodeURIComponent(partnershipId)}/admin/audit`;
  const auth = await actorForApi(request, partnershipId);
  if (!auth.ok) {
    return auth.status === 401 ? seeOther(signInUrl(page)) : new Response("Not found", { status: 404 });
  }
  const form = await request.formData().catch(() => null);
  const value = form?.get("reference");
  const reference = typeof value === "string" ? value : "";
  try {
    const trail = await disputeAuditTrail(await getDatabase(), auth.actor, reference, await currentRequestContext(), {
      policies: policyRegistry(),
      now: appNow(),
    });
    return new Response(trailToCsv(trail.rows, trail.timeZone), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${trail.reference}-audit-trail.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof AuditReferenceError) {
      // What they typed comes back into the field, as they typed it (cut to a sensible length).
      const typed = reference.trim().slice(0, 40);
      const query = new URLSearchParams({ ...(typed ? { reference: typed } : {}), error: error.problem });
      return seeOther(`${page}?${query}`);
    }
    if (error instanceof NotFoundError) return new Response("Not found", { status: 404 });
    throw error;
  }
}
