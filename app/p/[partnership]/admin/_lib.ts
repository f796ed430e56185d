import "server-only";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getAgencyContacts, type AgencyContactsDetail } from "@/lib/agencies/contacts-admin";
import { getDatabase } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { getMember, type MemberSummary } from "@/lib/users/members";
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

/** A read that may not find its subject: its result, or the not-found page. */
async function or404<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

/**
 * An agency's escalation contacts for an admin page, or the not-found page.
 * Cached per request, so a page's title and its body read them once.
 */
export const agencyContactsOr404 = cache(async (partnershipParam: string, agencyId: string): Promise<{ actor: Actor; agency: AgencyContactsDetail }> => {
  const actor = await requireAdmin(partnershipParam);
  return { actor, agency: await or404(getAgencyContacts(await getDatabase(), actor, agencyId)) };
});

/** A person in the partnership for an admin page, or the not-found page; cached per request like agencyContactsOr404. */
export const memberOr404 = cache(async (partnershipParam: string, userId: string): Promise<{ actor: Actor; member: MemberSummary }> => {
  const actor = await requireAdmin(partnershipParam);
  return { actor, member: await or404(getMember(await getDatabase(), actor, userId)) };
});

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
