import { addAgencyContactRoute, agencyContactsRoute } from "@/lib/api/v1/handlers";
import { apiContext } from "../../../_shared/context";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ agencyId: string }> };

/** GET /api/v1/agencies/{agencyId}/contacts: the agency's escalation contacts (partnership administrators). */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  return agencyContactsRoute(await apiContext(), request, (await params).agencyId);
}

/** POST /api/v1/agencies/{agencyId}/contacts: name a contact. */
export async function POST(request: Request, { params }: Params): Promise<Response> {
  return addAgencyContactRoute(await apiContext(), request, (await params).agencyId);
}
