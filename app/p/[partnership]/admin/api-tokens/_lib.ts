import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getApiToken, type ApiTokenSummary } from "@/lib/api-tokens/admin";
import type { Actor } from "@/lib/auth/actor";
import { getDatabase } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { adminPath, flashedSecret, flashSecret, requireAdmin } from "../_lib";

/** The API token pages: the actor, who must hold tokens.manage; to anyone else they do not exist. */
export const requireTokenAdmin = (partnershipParam: string): Promise<Actor> => requireAdmin(partnershipParam, "tokens.manage");

/** One token of the partnership for its page, or the not-found page; cached per request for the title and the body. */
export const tokenOr404 = cache(async (partnershipParam: string, tokenId: string): Promise<{ actor: Actor; token: ApiTokenSummary }> => {
  const actor = await requireTokenAdmin(partnershipParam);
  try {
    return { actor, token: await getApiToken(await getDatabase(), actor, tokenId) };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});

/**
 * A new token travels from the form to its page for a minute at most (flashSecret);
 * the page shows it only if it is the first to ask (claimShowing), so a reload or
 * the back button shows nothing.
 */
const TOKEN_COOKIE = "parley-new-api-token";

export const tokenPath = (actor: Pick<Actor, "partnershipId">, tokenId: string) => adminPath(actor, `/api-tokens/${tokenId}`);

export const flashNewToken = (actor: Actor, tokenId: string, token: string) => flashSecret(TOKEN_COOKIE, tokenPath(actor, tokenId), tokenId, token, 60);

export const flashedNewToken = (tokenId: string) => flashedSecret(TOKEN_COOKIE, tokenId);
