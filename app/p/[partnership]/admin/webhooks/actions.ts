"use server";

import { redirect } from "next/navigation";
import { currentRequestContext, requireActor } from "@/lib/auth/server";
import { config } from "@/lib/config";
import { getDatabase } from "@/lib/db/client";
import { listAgencies } from "@/lib/users/members";
import { failedState } from "@/lib/views/admin";
import { webhookFields, webhookInput } from "@/lib/views/admin-webhooks";
import { formValuesOf, type FormState } from "@/lib/views/form-spec";
import { unstorableTextErrors } from "@/lib/views/form-text";
import { createWebhookEndpoint, disableWebhookEndpoint, retryFailedDeliveries } from "@/lib/webhooks/admin";
import { endpointPath, flashNewSecret } from "./_lib";

export async function createWebhookAction(partnershipId: string, previous: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(partnershipId);
  const db = await getDatabase();
  const values = formValuesOf(form);
  const unstorable = unstorableTextErrors(values, webhookFields([]));
  if (unstorable) return { attempt: previous.attempt + 1, values, ...unstorable };
  let created: { id: string; secret: string };
  try {
    created = await createWebhookEndpoint(db, actor, webhookInput(values), await currentRequestContext(), config().webhooks.allowPrivateNetwork);
  } catch (error) {
    return failedState(error, previous, values, webhookFields(await listAgencies(db, actor)));
  }
  await flashNewSecret(actor, created.id, created.secret);
  redirect(`${endpointPath(actor, created.id)}?done=created`);
}

export async function disableWebhookAction(partnershipId: string, endpointId: string, previous: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(partnershipId);
  try {
    await disableWebhookEndpoint(await getDatabase(), actor, endpointId, await currentRequestContext());
  } catch (error) {
    return failedState(error, previous, formValuesOf(form), []);
  }
  redirect(`${endpointPath(actor, endpointId)}?done=disabled`);
}

export async function retryFailedAction(partnershipId: string, endpointId: string, previous: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(partnershipId);
  try {
    await retryFailedDeliveries(await getDatabase(), actor, endpointId, await currentRequestContext());
  } catch (error) {
    return failedState(error, previous, formValuesOf(form), []);
  }
  redirect(`${endpointPath(actor, endpointId)}?done=retried`);
}
