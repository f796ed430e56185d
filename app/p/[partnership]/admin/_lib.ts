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
import { appNow } from "@/lib/clock";
import { config } from "@/lib/config";
import { policyRegistry } from "@/lib/server/policies";

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
 * A secret shown once on the next page (a set-password link, an API token, a
 * webhook's signing secret) travels there in a short-lived, httpOnly cookie that
 * only `path` receives, never in a URL, and is read back only for the subject it
 * was made for.
 */
export async function flashSecret(name: string, path: string, subjectId: string, secret: string, maxAgeSeconds: number): Promise<void> {
  (await cookies()).set(name, JSON.stringify({ subjectId, secret }), {
    httpOnly: true,
    secure: config().secureCookies,
    sameSite: "strict",
    maxAge: maxAgeSeconds,
    path,
  });
}

export async function flashedSecret(name: string, subjectId: string): Promise<string | null> {
  const raw = (await cookies()).get(name)?.value;
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as { subjectId?: string; secret?: string };
    return parsed.subjectId === subjectId && typeof parsed.secret === "string" ? parsed.secret : null;
  } catch {
    return null;
  }
}

/** The set-password link: any of this partnership's admin pages may show it, for two minutes. */
const LINK_COOKIE = "parley-setup-link";

export const flashSetupLink = (actor: Actor, userId: string, token: string) => flashSecret(LINK_COOKIE, adminPath(actor), userId, token, 120);

export const flashedSetupLink = (userId: string) => flashedSecret(LINK_COOKIE, userId);

/** The partnership's time zone (of its policy in force), in which dates on the admin pages are given. */
export function partnershipTimeZone(partnershipId: string, now: Date = appNow()): string {
  const policies = policyRegistry();
  return (policies.inForce(partnershipId, now) ?? policies.get(partnershipId))?.timeZone ?? "Europe/London";
}
