import { listRoute, raiseRoute } from "@/lib/api/v1/handlers";
import { apiContext } from "../_shared/context";

export const dynamic = "force-dynamic";

/** GET /api/v1/escalations: the disputes the caller may see, filtered, soonest due first. */
export async function GET(request: Request): Promise<Response> {
  return listRoute(await apiContext(), request);
}

/** POST /api/v1/escalations: raise a disagreement. */
export async function POST(request: Request): Promise<Response> {
  return raiseRoute(await apiContext(), request);
}
