import { config } from "@/lib/config";
import { getDatabase } from "@/lib/db/client";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const engine = config().database.engine;
  const report = await checkHealth(engine, getDatabase);
  return Response.json(report.body, {
    status: report.httpStatus,
    headers: { "Cache-Control": "no-store" },
  });
}
