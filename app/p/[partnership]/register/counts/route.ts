import { can } from "@/lib/auth/permissions";
import { decodeParam } from "@/lib/auth/redirects";
import { NOT_FOUND } from "@/lib/auth/request-auth";
import { actorForApi, apiErrorResponse } from "@/lib/auth/server";
import { getDatabase } from "@/lib/db/client";
import { policyRegistry } from "@/lib/server/policies";
import { loadRegisterCounts } from "@/lib/views/register-data";

export const dynamic = "force-dynamic";

/**
 * GET /p/{partnership}/register/counts: the register's counts as JSON, for the
 * board's dashboard card to refresh itself. Board roles only; anyone else gets
 * a 404, as for the register page.
 */
export async function GET(request: Request, { params }: { params: Promise<{ partnership: string }> }): Promise<Response> {
  const auth = await actorForApi(request, decodeParam((await params).partnership));
  if (!auth.ok) return apiErrorResponse(auth);
  if (!can(auth.actor, "register.view")) return apiErrorResponse({ ok: false, status: 404, body: NOT_FOUND });
  const counts = await loadRegisterCounts(await getDatabase(), auth.actor, { policies: policyRegistry() });
  return Response.json(counts, { headers: { "Cache-Control": "no-store" } });
}
