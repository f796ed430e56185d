import "server-only";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import type { Actor } from "@/lib/auth/actor";
import { config } from "@/lib/config";
import { getDatabase } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { getWebhookEndpoint } from "@/lib/webhooks/admin";
import { adminPath, requireAdmin } from "../_lib";

/** The webhook pages: the actor, who must hold webhooks.manage; to anyone else they do not exist. */
export const requireWebhookAdmin = (partnershipParam: string): Promise<Actor> => requireAdmin(partnershipParam, "webhooks.manage");

export const endpointPath = (actor: Pick<Actor, "partnershipId">, endpointId: string) => adminPath(actor, `/webhooks/${endpointId}`);

/** One endpoint with its recent deliveries for its page, or the not-found page; cached per request for the title and the body. */
export const endpointOr404 = cache(async (partnershipParam: string, endpointId: string) => {
  const actor = await requireWebhookAdmin(partnershipParam);
  try {
    return { actor, ...(await getWebhookEndpoint(await getDatabase(), actor, endpointId)) };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});

/**
 * A new endpoint's signing secret travels from the form to its page in a cookie
 * only that page's path receives, for a minute at most; the page shows it only
 * if it is the first to ask (claimSecretShowing).
 */
const SECRET_COOKIE = "parley-new-webhook-secret";

export async function flashNewSecret(actor: Actor, endpointId: string, secret: string): Promise<void> {
  (await cookies()).set(SECRET_COOKIE, JSON.stringify({ endpointId, secret }), {
    httpOnly: true,
    secure: config().secureCookies,
    sameSite: "strict",
    maxAge: 60,
    path: endpointPath(actor, endpointId),
  });
}

export async function flashedNewSecret(endpointId: string): Promise<string | null> {
  const raw = (await cookies()).get(SECRET_COOKIE)?.value;
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as { endpointId?: string; secret?: string };
    return parsed.endpointId === endpointId && typeof parsed.secret === "string" ? parsed.secret : null;
  } catch {
    return null;
  }
}
