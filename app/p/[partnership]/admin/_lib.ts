import "server-only";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { can, type Capability } from "@/lib/auth/permissions";
import { decodeParam } from "@/lib/auth/redirects";
import { requireActor } from "@/lib/auth/server";
import { config } from "@/lib/config";

/** An administration page: the actor, who must hold the capability; to anyone else the page does not exist. */
export async function requireAdmin(partnershipParam: string, capability: Capability = "users.manage"): Promise<Actor> {
  const actor = await requireActor(decodeParam(partnershipParam));
  if (!can(actor, capability)) notFound();
  return actor;
}

export const adminPath = (actor: Pick<Actor, "partnershipId">, rest = "") => `/p/${encodeURIComponent(actor.partnershipId)}/admin${rest}`;

/**
 * A one-time set-password link is shown once, on the next page: it travels in a
 * short-lived cookie only this partnership's admin pages read, never in a URL.
 */
const LINK_COOKIE = "parley-setup-link";

export async function flashSetupLink(actor: Actor, userId: string, token: string): Promise<void> {
  (await cookies()).set(LINK_COOKIE, JSON.stringify({ userId, token }), {
    httpOnly: true,
    secure: config().secureCookies,
    sameSite: "strict",
    maxAge: 120,
    path: adminPath(actor),
  });
}

export async function flashedSetupLink(userId: string): Promise<string | null> {
  const raw = (await cookies()).get(LINK_COOKIE)?.value;
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as { userId?: string; token?: string };
    return parsed.userId === userId && typeof parsed.token === "string" ? parsed.token : null;
  } catch {
    return null;
  }
}
