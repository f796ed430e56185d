import { can } from "@/lib/auth/permissions";
import { decodeParam, seeOther, signInUrl } from "@/lib/auth/redirects";
import { actorForApi, currentRequestContext } from "@/lib/auth/server";
import { getDatabase } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { registerExportResponse, startRegisterExport } from "@/lib/register/export";
import { policyRegistry } from "@/lib/server/policies";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * GET /p/{partnership}/register/export?<the register's filters>: the register,
 * filtered as the page with the same query string shows it, as a CSV file,
 * streamed (lib/register/export.ts). Board roles only; anyone else gets a 404,
 * as for the register page; someone signed out is sent to sign in, and back to
 * the register with these filters.
 */
export async function GET(request: Request, { params }: { params: Promise<{ partnership: string }> }): Promise<Response> {
  const partnershipId = decodeParam((await params).partnership);
  const url = new URL(request.url);
  const auth = await actorForApi(request, partnershipId);
  if (!auth.ok) {
    return auth.status === 401 ? seeOther(signInUrl(`/p/${encodeURIComponent(partnershipId)}/register${url.search}`)) : notFound();
  }
  if (!can(auth.actor, "register.view")) return notFound();
  const query: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) (query[key] ??= []).push(value);
  try {
    const started = await startRegisterExport(await getDatabase(), auth.actor, query, { policies: policyRegistry() }, await currentRequestContext());
    return registerExportResponse(started);
  } catch (error) {
    if (error instanceof NotFoundError) return notFound();
    throw error;
  }
}
