import { disputeAuditTrail, trailToCsv } from "@/lib/audit/dispute-trail";
import { decodeParam, seeOther, signInUrl } from "@/lib/auth/redirects";
import { actorForApi, currentRequestContext } from "@/lib/auth/server";
import { appNow } from "@/lib/clock";
import { getDatabase } from "@/lib/db/client";
import { NotFoundError, ValidationError } from "@/lib/escalations/errors";
import { policyRegistry } from "@/lib/server/policies";

export const dynamic = "force-dynamic";

/** POST from the audit page: the dispute's audit trail as a CSV download, or back to the page with the problem. */
export async function POST(request: Request, { params }: { params: Promise<{ partnership: string }> }): Promise<Response> {
  const partnershipId = decodeParam((await params).partnership);
  const page = `/p/${encodeURIComponent(partnershipId)}/admin/audit`;
  const auth = await actorForApi(request, partnershipId);
  if (!auth.ok) {
    return auth.status === 401 ? seeOther(signInUrl(page)) : new Response("Not found", { status: 404 });
  }
  const reference = String((await request.formData()).get("reference") ?? "");
  try {
    const now = appNow();
    const trail = await disputeAuditTrail(await getDatabase(), auth.actor, reference, await currentRequestContext(), now);
    const timeZone = policyRegistry().inForce(partnershipId, now)?.timeZone ?? "Europe/London";
    return new Response(trailToCsv(trail.rows, timeZone), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${trail.reference}-audit-trail.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return new Response("Not found", { status: 404 });
    if (error instanceof ValidationError) {
      const query = new URLSearchParams({ reference, error: Object.values(error.fields)[0] ?? error.message });
      return seeOther(`${page}?${query}`);
    }
    throw error;
  }
}
