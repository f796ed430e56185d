"use server";

import { redirect } from "next/navigation";
import { currentRequestContext, requireActor } from "@/lib/auth/server";
import { getDatabase } from "@/lib/db/client";
import { addMember, changeMember, endMembership, issueMemberPasswordLink, listAgencies, restoreMembership } from "@/lib/users/members";
import { failedState, memberFields, memberInput, newPersonFields, newPersonInput } from "@/lib/views/admin";
import { formValuesOf, type FormState } from "@/lib/views/form-spec";
import { adminPath, flashSetupLink } from "./_lib";

export async function addPersonAction(partnershipId: string, previous: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(partnershipId);
  const db = await getDatabase();
  const values = formValuesOf(form);
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
