import "server-only";
import type { ApiContext } from "@/lib/api/v1/handlers";
import { currentRequestContext, sessionSettings } from "@/lib/auth/server";
import { config } from "@/lib/config";
import { getDatabase } from "@/lib/db/client";
import { policyRegistry } from "@/lib/server/policies";

/** What every JSON API handler needs, for this request. */
export async function apiContext(): Promise<ApiContext> {
  return {
    db: await getDatabase(),
    deps: { policies: policyRegistry() },
    session: sessionSettings(),
    requestContext: await currentRequestContext(),
    tokens: config().apiTokens,
  };
}
