import "server-only";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getApiToken, type ApiTokenSummary } from "@/lib/api-tokens/admin";
import type { Actor } from "@/lib/auth/actor";
import { appNow } from "@/lib/clock";
import { config } from "@/lib/config";
import { getDatabase } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { policyRegistry } from "@/lib/server/policies";
import { adminPath, requireAdmin } from "../_lib";

/** The API token pages: the actor, who must hold tokens.manage; to anyone else they do not exist. */
export const requireTokenAdmin = (partnershipParam: string): Promise<Actor> => requireAdmin(partnershipParam, "tokens.manage");

/** The partnership's time zone, in which a token's expiry is its last day. */
export function partnershipTimeZone(partnershipId: string, now: Date = appNow()): string {
  const policies = policyRegistry();
  return (policies.inForce(partnershipId, now) ?? policies.get(partnershipId))?.timeZone ?? "Europe/London";
}

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
 * A new token travels from the form to its page in a cookie that only that
 * page's path receives, for a minute at most; the page shows it only if it is
 * the first to ask (claimShowing), so a reload or the back button shows nothing.
 */
const TOKEN_COOKIE = "parley-new-api-token";

export const tokenPath = (actor: Pick<Actor, "partnershipId">, tokenId: string) => adminPath(actor, `/api-tokens/${tokenId}`);

export async function flashNewToken(actor: Actor, tokenId: string, token: string): Promise<void> {
  (await cookies()).set(TOKEN_COOKIE, JSON.stringify({ tokenId, token }), {
    httpOnly: true,
    secure: config().secureCookies,
    sameSite: "strict",
    maxAge: 60,
    path: tokenPath(actor, tokenId),
  });
}

export async function flashedNewToken(tokenId: string): Promise<string | null> {
  const raw = (await cookies()).get(TOKEN_COOKIE)?.value;
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as { tokenId?: string; token?: string };
    return parsed.tokenId === tokenId && typeof parsed.token === "string" ? parsed.token : null;
  } catch {
    return null;
  }
}
