import { can } from "@/lib/auth/permissions";
import { decodeParam, seeOther, signInUrl } from "@/lib/auth/redirects";
import { actorForApi } from "@/lib/auth/server";
import { appNow } from "@/lib/clock";
import { getDatabase } from "@/lib/db/client";
import { readPeriod } from "@/lib/reports/period";
import { loadReport } from "@/lib/reports/report";
import { TABLE_KEYS, reportTables, tableCsv, type TableKey } from "@/lib/reports/tables";
import { policyRegistry } from "@/lib/server/policies";

export const dynamic = "force-dynamic";

const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * GET /p/{partnership}/reports/export?table=<key>&<the report's period>: one
 * of the report's tables as CSV, exactly as the page shows it. Board roles
 * only (a 404 for anyone else, as for the page); someone signed out is sent to
 * sign in, and back to the report for that period.
 */
export async function GET(request: Request, { params }: { params: Promise<{ partnership: string }> }): Promise<Response> {
  const partnershipId = decodeParam((await params).partnership);
  const url = new URL(request.url);
  const auth = await actorForApi(request, partnershipId);
  if (!auth.ok) {
    if (auth.status !== 401) return plain(404, "Not found");
    const back = new URLSearchParams(url.searchParams);
    back.delete("table");
    return seeOther(signInUrl(`/p/${encodeURIComponent(partnershipId)}/reports?${back.toString()}`));
  }
  if (!can(auth.actor, "reports.view")) return plain(404, "Not found");
  const key = url.searchParams.get("table") ?? "";
  if (!(TABLE_KEYS as readonly string[]).includes(key)) return plain(400, `Say which table: table= one of ${TABLE_KEYS.join(", ")}.`);
  const registry = policyRegistry();
  const now = appNow();
  const policy = registry.inForce(partnershipId, now);
  if (!policy) return plain(404, "Your partnership has no escalation policy in force today.");
  const query = Object.fromEntries(url.searchParams);
  const reading = readPeriod(query, now, policy.timeZone);
  if (!reading.ok) return plain(400, reading.errors.map((e) => e.message).join(". ") + ".");
  const report = await loadReport(await getDatabase(), auth.actor, policy, reading.period, { calendar: registry.calendarFor(policy) });
  const table = reportTables(report).find((t) => t.key === (key as TableKey))!;
  const file = `${partnershipId}-${key}-${reading.period.firstDay}-to-${reading.period.lastDay}.csv`;
  return new Response(tableCsv(table, reading.period.label), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file}"`,
      "Cache-Control": "no-store",
    },
  });
}
