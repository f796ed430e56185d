"use server";

import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/server";
import { appNow } from "@/lib/clock";
import { getDatabase } from "@/lib/db/client";
import { markAllRead } from "@/lib/notices/whats-new";

/** "Mark all as read" on the dashboard's "What's new for you". */
export async function markAllReadAction(partnershipId: string): Promise<void> {
  const actor = await requireActor(partnershipId);
  await markAllRead(await getDatabase(), actor, appNow());
  redirect(`/p/${encodeURIComponent(actor.partnershipId)}#whats-new-title`);
}
