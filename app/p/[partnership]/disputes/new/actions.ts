"use server";

import { notFound, redirect } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/server";
import { getDatabase } from "@/lib/db/client";
import type { Database } from "@/lib/db/connect";
import { deleteDraft, loadDraft, raiseFromDraft, saveDraftStep, type RaiseStep } from "@/lib/drafts";
import { formFailure, ValidationError } from "@/lib/errors";
import { partnershipDirectory } from "@/lib/escalations/directory";
import { appNow } from "@/lib/clock";
import { errorsByField, fieldNames, formValuesOf, intentOf, repeatIndexes, repeatIntent, type FormState } from "@/lib/views/form-spec";
import { unstorableTextErrors } from "@/lib/views/form-text";
import { nameTooLong, withPlainLineBreaks } from "@/lib/views/field-messages";
import { applicableSteps, checkAnswersErrors, nextStepAfter, stepFields, stepInput, stepPath, type RaiseContext } from "@/lib/views/raise-flow";
import { LIMITS } from "@/lib/escalations/schemas";
import { escalationDeps } from "../_lib/server";

/** As the raise flow's pages: someone who may not raise finds nothing here. */
async function requireRaiser(partnershipId: string) {
  const actor = await requireActor(partnershipId);
  if (!can(actor, "escalations.raise")) notFound();
  return actor;
}

/** What the raise flow's fields are built from: the policy in force, the directory, the draft's answers (null: no policy). */
async function raiseContext(db: Database, actor: Actor, partnershipId: string): Promise<RaiseContext | null> {
  const policy = escalationDeps().policies.inForce(partnershipId, appNow());
  if (!policy) return null;
  const [directory, draft] = await Promise.all([partnershipDirectory(db, actor), loadDraft(db, actor)]);
  return { policy, agencyId: actor.agencyId, directory, answers: draft?.answers ?? {} };
}

/** One step of the raise flow: checked, then saved into the draft, then on to the next step. */
export async function saveRaiseStep(partnershipId: string, step: RaiseStep, returnToCheck: boolean, previous: FormState, form: FormData): Promise<FormState> {
  const actor = await requireRaiser(partnershipId);
  const db = await getDatabase();
  const deps = escalationDeps();
  const values = withPlainLineBreaks(formValuesOf(form));
  const counts: Record<string, number> = step === "subjects" ? { subjects: Math.max(1, repeatIndexes(values, "subjects").length) } : {};
  const attempt = previous.attempt + 1;

  const intent = intentOf(form);
  if (intent) {
    const changed = repeatIntent(intent, { values, counts }, { subjects: { min: 1, max: LIMITS.subjects } });
    if (changed) return { attempt, errors: {}, ...changed };
  }

  const ctx = await raiseContext(db, actor, partnershipId);
  if (!ctx)
    return {
      attempt,
      errors: {},
      values,
      counts,
      message: "Your partnership has no escalation policy in force today, so a dispute cannot be raised. Ask your partnership administrator.",
    };
  const unstorable = unstorableTextErrors(values, stepFields(step, ctx), counts);
  if (unstorable) return { attempt, values, counts, ...unstorable };
  const { input, aliases } = stepInput(step, values, ctx);

  let saved;
  try {
    saved = await saveDraftStep(db, actor, step, input, deps);
  } catch (error) {
    if (error instanceof ValidationError) {
      const fields = stepFields(step, ctx);
      const placed = errorsByField(error.fields, fieldNames(fields, counts), aliases);
      return { attempt, values, counts, ...placed, errors: nameTooLong(placed.errors, fields, counts) };
    }
    const failure = formFailure(error);
    if (failure && failure.kind !== "fields") return { attempt, errors: {}, values, counts, message: failure.message };
    throw error;
  }
  const next = nextStepAfter(step, saved.answers, returnToCheck);
  redirect(next === "check" ? stepPath(partnershipId, "check") : `${stepPath(partnershipId, next)}${returnToCheck ? "?return=check" : ""}`);
}

/** "Start again": the draft is deleted. */
export async function startAgain(partnershipId: string): Promise<void> {
  const actor = await requireRaiser(partnershipId);
  await deleteDraft(await getDatabase(), actor);
  redirect(`${stepPath(partnershipId, "start")}?restarted=1`);
}

/** The final submit: raiseEscalation checks every answer again; the draft is deleted once it is raised. */
export async function submitRaise(partnershipId: string, previous: FormState): Promise<FormState> {
  const actor = await requireRaiser(partnershipId);
  const attempt = previous.attempt + 1;
  let id: string;
  try {
    id = (await raiseFromDraft(await getDatabase(), actor, escalationDeps())).id;
  } catch (error) {
    if (error instanceof ValidationError) {
      const ctx = await raiseContext(await getDatabase(), actor, partnershipId);
      if (!ctx) return { attempt, errors: {}, values: {}, message: error.message };
      const placed = checkAnswersErrors(error.fields, ctx, partnershipId);
      // Named by the label each answer has on its own step.
      const counts = { subjects: Math.max(1, ctx.answers.subjects?.length ?? 0) };
      const errors = nameTooLong(
        placed.errors,
        applicableSteps(ctx.answers).flatMap((step) => stepFields(step, ctx)),
        counts,
      );
      return { attempt, values: {}, ...placed, errors, ...(Object.keys(placed.errors).length === 0 && !placed.message ? { message: error.message } : {}) };
    }
    const failure = formFailure(error);
    if (failure && failure.kind !== "fields") return { attempt, errors: {}, values: {}, message: failure.message };
    throw error;
  }
  redirect(`/p/${encodeURIComponent(partnershipId)}/disputes/new/confirmation?id=${id}`);
}
