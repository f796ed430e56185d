import { getRoute } from "@/lib/api/v1/handlers";
import { apiContext } from "../../_shared/context";

export const dynamic = "force-dynamic";

/** GET /api/v1/escalations/{id}: the record, its history, deadlines and what the caller may do now. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return getRoute(await apiContext(), request, (await params).id);
}
