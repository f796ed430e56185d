import "server-only";
import { notFound } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { decodeParam } from "@/lib/auth/redirects";
import { requireActor } from "@/lib/auth/server";

/**
 * The raise flow's gate, as raiseSetting applies it: signed in, a member of the
 * partnership, and allowed to raise; to anyone else its pages do not exist. The
 * pages' titles pass through it too, so such a page is titled as not found.
 */
export async function requireRaiserOf(partnershipParam: string): Promise<Actor> {
  const actor = await requireActor(decodeParam(partnershipParam));
  if (!can(actor, "escalations.raise")) notFound();
  return actor;
}
