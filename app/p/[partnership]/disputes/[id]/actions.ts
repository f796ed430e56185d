"use server";

import { notFound, redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/server";
import { getDatabase } from "@/lib/db/client";
import { descriptorBySlug, type ActionSlug } from "@/lib/escalations/action-registry";
import { formFailure } from "@/lib/errors";
import { disputePath, historyContext } from "@/lib/views/dispute";
import { actionInput } from "@/lib/views/dispute-forms";
import { changesSince } from "@/lib/views/dispute-history";
import { errorsByField, fieldNames, formValuesOf, intentOf, repeatIndexes, repeatIntent, type FieldSpec, type FormState } from "@/lib/views/form-spec";
import { unstorableTextErrors } from "@/lib/views/form-text";
import { nameTooLong, withPlainLineBreaks } from "@/lib/views/field-messages";
import { disputeSetting, escalationDeps } from "../_lib/server";

/**
 * Every form on a dispute posts here: the action's use case (from its
 * descriptor) decides; on success, back to the dispute with a banner. On failure the form comes back with what was typed:
 * field errors, a reason the policy does not allow it now, or (someone else
 * changed the dispute) what changed, ready to send again against the new version.
 */
export async function submitDisputeAction(
  partnershipId: string,
  escalationId: string,
  slug: ActionSlug,
  target: string | undefined,
  fields: FieldSpec[],
  previous: FormState,
  form: FormData,
): Promise<FormState> {
  const actor = await requireActor(partnershipId);
  const values = withPlainLineBreaks(formValuesOf(form));
  const action = descriptorBySlug(slug);
  const repeats = action.form.repeats ?? {};
  const counts: Record<string, number> = Object.fromEntries(Object.keys(repeats).map((name) => [name, repeatIndexes(values, name).length]));
  const base = {
    attempt: previous.attempt + 1,
    values,
    counts,
    ...(previous.expectedVersion !== undefined ? { expectedVersion: previous.expectedVersion } : {}),
  };

  const intent = intentOf(form);
  if (intent) {
    const changed = repeatIntent(intent, { values, counts }, repeats);
    if (changed) return { ...base, errors: {}, ...changed };
  }

  const unstorable = unstorableTextErrors(values, fields, counts);
  if (unstorable) return { ...base, ...unstorable };

  // A date that cannot be read is left out of the input, so the use case refuses it; what is wrong with it is in dateErrors.
  const { input, aliases, errors: dateErrors } = actionInput(slug, values, target);
  const placed = (fromUseCase: Record<string, string>) => {
    const { errors, message } = errorsByField({ ...fromUseCase, ...dateErrors }, fieldNames(fields, counts), aliases);
    return { errors: nameTooLong(errors, fields, counts), ...(message ? { message } : {}) };
  };
  try {
    await action.run(await getDatabase(), actor, escalationId, input, escalationDeps());
  } catch (error) {
    const failure = formFailure(error);
    if (!failure) throw error;
    if (failure.kind === "not_found") notFound();
    if (failure.kind === "conflict") {
      const setting = await disputeSetting(partnershipId, escalationId);
      const since = input.expectedVersion ?? 0;
      return {
        ...base,
        errors: {},
        conflict: { changes: changesSince(setting.view.history, since, historyContext(setting)) },
        expectedVersion: setting.view.record.version,
      };
    }
    if (failure.kind === "fields") return { ...base, ...placed(failure.fields) };
    return { ...base, errors: placed({}).errors, message: failure.message };
  }
  redirect(`${disputePath(partnershipId, escalationId)}?done=${slug}`);
}
