import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import type { Actor } from "@/lib/auth/actor";
import { getDatabase } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { getWebhookEndpoint } from "@/lib/webhooks/admin";
import { adminPath, flashedSecret, flashSecret, requireAdmin } from "../_lib";

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
 * A new endpoint's signing secret travels from the form to its page for a minute
 * at most (flashSecret); the page shows it only if it is the first to ask
 * (claimSecretShowing).
 */
const SECRET_COOKIE = "parley-new-webhook-secret";

export const flashNewSecret = (actor: Actor, endpointId: string, secret: string) =>
  flashSecret(SECRET_COOKIE, endpointPath(actor, endpointId), endpointId, secret, 60);

export const flashedNewSecret = (endpointId: string) => flashedSecret(SECRET_COOKIE, endpointId);
