"use server";

import { redirect } from "next/navigation";
import { currentRequestContext, requireActor } from "@/lib/auth/server";
import { appNow } from "@/lib/clock";
import { getDatabase } from "@/lib/db/client";
import { addMember, changeMember, endMembership, issueMemberPasswordLink, listAgencies, restoreMembership } from "@/lib/users/members";
import { failedState, memberFields, memberInput, newPersonFields, newPersonInput } from "@/lib/views/admin";
import { formValuesOf, type FormState } from "@/lib/views/form-spec";
import { unstorableTextErrors } from "@/lib/views/form-text";
import { addAgencyContact, getAgencyContacts, removeAgencyContact } from "@/lib/agencies/contacts-admin";
import { NotFoundError, PreconditionError } from "@/lib/errors";
import { RETRY_REFUSED, retryFailedNotice, saveNoticeSettings } from "@/lib/notices/admin";
import { addContactFields, addContactInput, noticeSettingsFields, noticeSettingsInput } from "@/lib/views/admin-contacts";
import { adminPath, flashSetupLink } from "./_lib";

export async function addPersonAction(partnershipId: string, previous: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(partnershipId);
  const db = await getDatabase();
  const values = formValuesOf(form);
  // The fields' names and labels do not depend on the agencies offered.
  const unstorable = unstorableTextErrors(values, newPersonFields([]));
  if (unstorable) return { attempt: previous.attempt + 1, values, ...unstorable };
  let userId: string;
  try {
    const result = await addMember(db, actor, newPersonInput(values), await currentRequestContext());
    userId = result.userId;
    if (result.setup) await flashSetupLink(actor, userId, result.setup.token);
  } catch (error) {
    return failedState(error, previous, values, newPersonFields(await listAgencies(db, actor)));
  }
  redirect(adminPath(actor, `/people/${userId}?done=added`));
}

export async function changePersonAction(partnershipId: string, userId: string, previous: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(partnershipId);
  const db = await getDatabase();
  const values = formValuesOf(form);
  const unstorable = unstorableTextErrors(values, memberFields([]));
  if (unstorable) return { attempt: previous.attempt + 1, values, ...unstorable };
  try {
    await changeMember(db, actor, userId, memberInput(values), await currentRequestContext());
  } catch (error) {
    return failedState(error, previous, values, memberFields(await listAgencies(db, actor)));
  }
  redirect(adminPath(actor, `/people/${userId}?done=changed`));
}

export async function endAccessAction(partnershipId: string, userId: string, previous: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(partnershipId);
  const values = formValuesOf(form);
  let done: string;
  try {
    const result = await endMembership(await getDatabase(), actor, userId, await currentRequestContext());
    done = result.accountDeactivated ? "ended-account" : "ended";
  } catch (error) {
    return failedState(error, previous, values, []);
  }
  redirect(adminPath(actor, `/people/${userId}?done=${done}`));
}

export async function restoreAccessAction(partnershipId: string, userId: string, previous: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(partnershipId);
  const values = formValuesOf(form);
  let done: string;
  try {
    const result = await restoreMembership(await getDatabase(), actor, userId, await currentRequestContext());
    done = result.accountActive ? "restored" : "restored-account-off";
  } catch (error) {
    return failedState(error, previous, values, []);
  }
  redirect(adminPath(actor, `/people/${userId}?done=${done}`));
}

export async function passwordLinkAction(partnershipId: string, userId: string, previous: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(partnershipId);
  const db = await getDatabase();
  const values = formValuesOf(form);
  try {
    const link = await issueMemberPasswordLink(db, actor, userId, await currentRequestContext());
    await flashSetupLink(actor, userId, link.token);
  } catch (error) {
    return failedState(error, previous, values, []);
  }
  redirect(adminPath(actor, `/people/${userId}?done=link`));
}

export async function addContactAction(partnershipId: string, agencyId: string, previous: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(partnershipId);
  const db = await getDatabase();
  const values = formValuesOf(form);
  // The fields' names and labels do not depend on who is eligible.
  const unstorable = unstorableTextErrors(values, addContactFields([]));
  if (unstorable) return { attempt: previous.attempt + 1, values, ...unstorable };
  const input = addContactInput(agencyId, values);
  try {
    await addAgencyContact(db, actor, input, await currentRequestContext());
  } catch (error) {
    const eligible = await getAgencyContacts(db, actor, agencyId).then(
      (a) => a.eligible,
      () => [],
    );
    return failedState(error, previous, values, addContactFields(eligible));
  }
  redirect(adminPath(actor, `/contacts/${agencyId}?done=added&person=${encodeURIComponent(input.userId)}`));
}

export async function removeContactAction(partnershipId: string, agencyId: string, userId: string, previous: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(partnershipId);
  const values = formValuesOf(form);
  try {
    await removeAgencyContact(await getDatabase(), actor, { agencyId, userId }, await currentRequestContext());
  } catch (error) {
    return failedState(error, previous, values, []);
  }
  redirect(adminPath(actor, `/contacts/${agencyId}?done=removed&person=${encodeURIComponent(userId)}`));
}

export async function saveNoticeSettingsAction(partnershipId: string, timeZone: string, previous: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(partnershipId);
  const values = formValuesOf(form);
  const unstorable = unstorableTextErrors(values, noticeSettingsFields(timeZone));
  if (unstorable) return { attempt: previous.attempt + 1, values, ...unstorable };
  let changed: boolean;
  try {
    changed = await saveNoticeSettings(await getDatabase(), actor, noticeSettingsInput(values), await currentRequestContext());
  } catch (error) {
    return failedState(error, previous, values, noticeSettingsFields(timeZone));
  }
  redirect(adminPath(actor, `/notices?done=${changed ? "saved" : "unchanged"}`));
}

/** "Try again now" on a failed notice: a plain form, so it works without JavaScript; the outcome is shown on the page it returns to. */
export async function retryNoticeAction(partnershipId: string, noticeId: string): Promise<void> {
  const actor = await requireActor(partnershipId);
  let done = "retried";
  try {
    await retryFailedNotice(await getDatabase(), actor, noticeId, appNow(), await currentRequestContext());
  } catch (error) {
    if (!(error instanceof PreconditionError || error instanceof NotFoundError)) throw error;
    done = (Object.keys(RETRY_REFUSED) as (keyof typeof RETRY_REFUSED)[]).find((code) => RETRY_REFUSED[code] === error.message) ?? "not-failed";
  }
  redirect(adminPath(actor, `/notices?done=${done}#deliveries`));
}
