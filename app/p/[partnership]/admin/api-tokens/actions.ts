"use server";

import { redirect } from "next/navigation";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/admin";
import { currentRequestContext, requireActor } from "@/lib/auth/server";
import { appNow } from "@/lib/clock";
import { getDatabase } from "@/lib/db/client";
import { listAgencies } from "@/lib/users/members";
import { failedState } from "@/lib/views/admin";
import { apiTokenFields, apiTokenInput, todayIn, withDateProblem } from "@/lib/views/admin-api-tokens";
import { formValuesOf, type FormState } from "@/lib/views/form-spec";
import { unstorableTextErrors } from "@/lib/views/form-text";
import { adminPath, partnershipTimeZone } from "../_lib";
import { flashNewToken, tokenPath } from "./_lib";

export async function createApiTokenAction(partnershipId: string, previous: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(partnershipId);
  const db = await getDatabase();
  const now = appNow();
  const timeZone = partnershipTimeZone(actor.partnershipId, now);
  const values = formValuesOf(form);
  // The fields' names and labels do not depend on the agencies offered.
  const fields = (agencies: { id: string; name: string }[]) => apiTokenFields(agencies, todayIn(now, timeZone));
  const unstorable = unstorableTextErrors(values, fields([]));
  if (unstorable) return { attempt: previous.attempt + 1, values, ...unstorable };
  const { input, dateProblem } = apiTokenInput(values);
  let created: { id: string; token: string };
  try {
    created = await createApiToken(db, actor, input, await currentRequestContext(), timeZone, now);
  } catch (error) {
    return failedState(withDateProblem(error, dateProblem), previous, values, fields(await listAgencies(db, actor)));
  }
  await flashNewToken(actor, created.id, created.token);
  redirect(`${tokenPath(actor, created.id)}?done=created`);
}

export async function revokeApiTokenAction(partnershipId: string, tokenId: string, previous: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(partnershipId);
  const values = formValuesOf(form);
  try {
    await revokeApiToken(await getDatabase(), actor, tokenId, await currentRequestContext());
  } catch (error) {
    return failedState(error, previous, values, []);
  }
  redirect(adminPath(actor, `/api-tokens?done=revoked&token=${encodeURIComponent(tokenId)}`));
}
