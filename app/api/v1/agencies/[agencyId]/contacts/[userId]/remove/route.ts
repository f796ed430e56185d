import { removeAgencyContactRoute } from "@/lib/api/v1/handlers";
import { apiContext } from "../../../../../_shared/context";

export const dynamic = "force-dynamic";

/** POST /api/v1/agencies/{agencyId}/contacts/{userId}/remove: stop naming someone as a contact. */
export async function POST(request: Request, { params }: { params: Promise<{ agencyId: string; userId: string }> }): Promise<Response> {
  const { agencyId, userId } = await params;
  return removeAgencyContactRoute(await apiContext(), request, agencyId, userId);
}
