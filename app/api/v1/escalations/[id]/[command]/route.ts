import { commandRoute } from "@/lib/api/v1/handlers";
import { apiContext } from "../../../_shared/context";

export const dynamic = "force-dynamic";

/** POST /api/v1/escalations/{id}/{command}: discussions, escalate, resolve… (lib/api/v1/commands.ts). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string; command: string }> }): Promise<Response> {
  const { id, command } = await params;
  return commandRoute(await apiContext(), request, id, command);
}
