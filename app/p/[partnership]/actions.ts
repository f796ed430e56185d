"use server";

import { redirect } from "next/navigation";
import { currentRequestContext, requireActor } from "@/lib/auth/server";
import { appNow } from "@/lib/clock";
import { getDatabase } from "@/lib/db/client";
import { markAllRead } from "@/lib/notices/whats-new";
import { saveNoticePreferences } from "@/lib/notices/preferences";
import { failedState } from "@/lib/views/admin";
import { formValuesOf, type FormState } from "@/lib/views/form-spec";
import { unstorableTextErrors } from "@/lib/views/form-text";
import { noticePreferenceFields, noticePreferenceInput } from "@/lib/views/notice-preferences";

/** "Mark all as read" on the dashboard's "What's new for you". */
export async function markAllReadAction(partnershipId: string): Promise<void> {
  const actor = await requireActor(partnershipId);
  await markAllRead(await getDatabase(), actor, appNow());
  redirect(`/p/${encodeURIComponent(actor.partnershipId)}#whats-new-title`);
}

/** "Your notice settings": the person's own choices. */
export async function saveNoticePreferencesAction(partnershipId: string, previous: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(partnershipId);
  const values = formValuesOf(form);
  const unstorable = unstorableTextErrors(values, noticePreferenceFields());
  if (unstorable) return { attempt: previous.attempt + 1, values, ...unstorable };
  let changed: boolean;
  try {
    changed = await saveNoticePreferences(await getDatabase(), actor, noticePreferenceInput(values), await currentRequestContext(), appNow());
  } catch (error) {
    return failedState(error, previous, values, noticePreferenceFields());
  }
  redirect(`/p/${encodeURIComponent(actor.partnershipId)}/settings?done=${changed ? "saved" : "unchanged"}`);
}
