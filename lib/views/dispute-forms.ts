/**
 * The forms on a dispute, one per action: each action's descriptor (beside its
 * use case, lib/escalations/*.action.ts) gives the fields its page shows and how
 * a posted form becomes the use case's input; this module puts them on a page
 * (whether the reader may take the action now, the form's initial state) and
 * reads a posted form for them. What the escalate and expedite pages say before
 * anyone confirms is in dispute-form-parts.ts.
 */
import type { ActionName } from "../escalations";
import { descriptorBySlug, type ActionSlug, type DescriptorAt } from "../escalations/action-registry";
import type { FormInputOf, PostedForm } from "../escalations/action-descriptor";
import { available, type ActionFormContext } from "./dispute-form-parts";
import { deadlineItems } from "./dispute";
import { readDateParts } from "./date-input";
import { list, optional, repeatIndexes, text, type FieldSpec, type FormValues } from "./form-spec";

export {
  DATE_SUBJECTS,
  eligibleOwners,
  escalatePreview,
  expediteChoices,
  type ActionFormContext,
  type EscalatePreview,
  type ExpediteChoice,
} from "./dispute-form-parts";

export type ActionFormView = {
  slug: ActionSlug;
  action: ActionName;
  /** Why the reader may not do this now, or null when they may. */
  unavailable: string | null;
  heading: string;
  fields: FieldSpec[];
  values: FormValues;
  counts?: Record<string, number>;
  submitLabel: string;
  variant: "primary" | "warning";
  /** Repeated groups and their limits ("Add another"). */
  repeats: Record<string, { min: number; max: number }>;
};

function unavailableReason(ctx: ActionFormContext, slug: ActionSlug): string | null {
  const action = descriptorBySlug(slug).name;
  const a = available(ctx, action);
  const closed = ctx.view.record.status !== "open";
  const generic = closed
    ? `This dispute has been ${ctx.view.record.status}, so this cannot be done now.`
    : "You cannot do this on this dispute now: it is not one of the actions open to you at this stage.";
  if (!a) return generic;
  if (a.action === "assign_owner" && !(a.sides as string[]).includes(ctx.target ?? "")) return generic;
  if (a.action === "complete_agreed_action" && !a.actionIds.includes(ctx.target ?? ""))
    return "That agreed action is already done, or is not one you may mark as done.";
  return null;
}

/** The form for one action on a dispute. */
export function actionFormView(slug: ActionSlug, ctx: ActionFormContext): ActionFormView {
  const d = descriptorBySlug(slug);
  const { values, variant, ...form } = d.form.view(ctx);
  return {
    slug,
    action: d.name,
    unavailable: unavailableReason(ctx, slug),
    values: values ?? {},
    variant: variant ?? "primary",
    repeats: { ...d.form.repeats },
    ...form,
  };
}

/** What a posted form gives the use case of the action at `S`: the version the form was based on, and the action's own fields. */
export type ActionInput<S extends ActionSlug = ActionSlug> = { expectedVersion: number | undefined } & FormInputOf<DescriptorAt<S>["input"]>;

/**
 * The posted form as the use case's input, and where errors on paths the form does not have belong.
 * A date is read from its Day, Month, Year (and Time) boxes into the text the use case accepts; one
 * that cannot be read is left out of the input (every date a use case takes is required, so it refuses
 * the input) and what is wrong with it is in `errors`, by the input's path, to show instead of the use
 * case's message for that path.
 */
export function actionInput<S extends ActionSlug>(
  slug: S,
  values: FormValues,
  target?: string,
): { input: ActionInput<S>; aliases: Record<string, string>; errors: Record<string, string> } {
  const v = text(values, "expectedVersion");
  const expectedVersion = /^\d+$/.test(v) ? Number(v) : undefined;
  const aliases: Record<string, string> = {};
  const errors: Record<string, string> = {};
  const posted: PostedForm = {
    target,
    optional: (name) => optional(values, name),
    list: (name) => list(values, name),
    repeatIndexes: (name) => repeatIndexes(values, name),
    date: (name, withTime, subject, path = name) => {
      const reading = readDateParts(values, name, withTime, subject);
      if (reading.kind === "ok") return reading.value;
      errors[path] = reading.message;
      return undefined;
    },
    alias: (inputPath, field) => {
      aliases[inputPath] = field;
    },
  };
  // The registry pairs each slug with its descriptor, so its toInput gives that action's input.
  const fields = descriptorBySlug(slug).form.toInput(posted) as FormInputOf<DescriptorAt<S>["input"]>;
  return { input: Object.assign({ expectedVersion }, fields), aliases, errors };
}

/** The current stage's deadlines in words, for pages that move the dispute. */
export { deadlineItems };
