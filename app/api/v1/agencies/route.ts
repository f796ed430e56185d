import { agenciesRoute } from "@/lib/api/v1/handlers";
import { apiContext } from "../_shared/context";

export const dynamic = "force-dynamic";

/** GET /api/v1/agencies: the partnership's agencies. */
export async function GET(request: Request): Promise<Response> {
  return agenciesRoute(await apiContext(), request);
}
