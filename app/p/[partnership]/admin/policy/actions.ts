"use server";

import { redirect } from "next/navigation";
import { currentRequestContext, requireActor } from "@/lib/auth/server";
import { getDatabase } from "@/lib/db/client";
import { moveDisputesToVersion, previewPolicyMoves } from "@/lib/escalations/move-version";
import { policyRegistry } from "@/lib/server/policies";
import { failedState } from "@/lib/views/admin";
import { moveFields, moveSelection } from "@/lib/views/admin-policy-move";
import { formValuesOf, type FormState } from "@/lib/views/form-spec";
import { adminPath } from "../_lib";

export async function moveDisputesAction(partnershipId: string, previous: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(partnershipId);
  const db = await getDatabase();
  const deps = { policies: policyRegistry() };
  const values = formValuesOf(form);
  let moved: number;
  try {
    moved = (await moveDisputesToVersion(db, actor, moveSelection(values), deps, await currentRequestContext())).length;
  } catch (error) {
    return failedState(error, previous, values, moveFields(await previewPolicyMoves(db, actor, deps)));
  }
  redirect(`${adminPath(actor, "/policy/move")}?done=${moved}`);
}
