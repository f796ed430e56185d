/** Recording that the dispute is resolved: its API command, page, link and form (the use case is resolve-escalation.ts). */
import type { FieldSpec } from "../views/form-spec";
import { DATE_PARTS, datePartName } from "../views/date-input";
import { agencyOfSide, agreedActionFields, capitalise, DATE_SUBJECTS } from "../views/dispute-form-parts";
import { methodWords } from "../views/dispute-history";
import { defineAction, oneLink, type FormInputOf } from "./action-descriptor";
import { resolveEscalation, ResolveEscalationInput } from "./resolve-escalation";
import { CONFIRMATION_METHODS, LIMITS } from "./schemas";

export const resolveAction = defineAction({
  name: "resolve",
  run: resolveEscalation,
  input: ResolveEscalationInput,
  api: { path: "resolve", operationId: "resolveEscalation", summary: "Resolve: outcome, agreed actions, how each side confirmed" },
  page: {
    slug: "resolve",
    title: "Record that the dispute is resolved",
    links: oneLink("Record that it is resolved"),
    done: () => "The dispute has been recorded as resolved.",
  },
  form: {
    repeats: { actions: { min: 0, max: LIMITS.agreedActions } },
    view: (ctx) => {
      const sides = (["raising", "responding"] as const).flatMap((side): FieldSpec[] => [
        {
          kind: "radios",
          name: `confirmations.${side}.method`,
          label: `How did ${agencyOfSide(ctx, side).name} confirm the outcome?`,
          inline: true,
          options: CONFIRMATION_METHODS.map((m) => ({ value: m, label: capitalise(methodWords(m)) })),
        },
        {
          kind: "text",
          name: `confirmations.${side}.confirmedBy`,
          label: `Who confirmed it for ${agencyOfSide(ctx, side).name}?`,
          hint: "Their name and role.",
        },
      ]);
      return {
        heading: "Record that the dispute is resolved",
        submitLabel: "Record as resolved",
        counts: { actions: 0 },
        fields: [
          { kind: "textarea", name: "outcome", label: "What was decided, and why?", maxLength: LIMITS.long },
          {
            kind: "textarea",
            name: "learning",
            label: "What could the partnership learn from this? (optional)",
            hint: "For example, a gap in the policy, thresholds that were unclear, or training that would help. The board reads this in its reports, with the dispute's reference. Do not name the child, the family or anyone involved.",
            rows: 3,
            maxLength: LIMITS.long,
          },
          { kind: "heading", text: "Agreed actions", hint: "Anything the agencies agreed to do, each with who will do it and by when." },
          {
            kind: "repeat",
            name: "actions",
            itemLabel: "Agreed action",
            fields: agreedActionFields(ctx, "", true),
            min: 0,
            max: LIMITS.agreedActions,
            addLabel: "Add an agreed action",
          },
          { kind: "heading", text: "How each side confirmed the outcome" },
          ...sides,
        ],
      };
    },
    toInput: (f): FormInputOf<typeof ResolveEscalationInput> => {
      // Agreed actions left wholly blank are dropped; the use case's errors for the rest are placed on the items as posted.
      const actions = f
        .repeatIndexes("actions")
        .filter((i) => ["description", "ownerName", ...DATE_PARTS.map((p) => datePartName("dueDate", p))].some((name) => f.optional(`actions.${i}.${name}`)))
        .map((i, position) => {
          for (const name of ["description", "ownerName", "dueDate"]) f.alias(`actions.${position}.${name}`, `actions.${i}.${name}`);
          f.alias(`actions.${position}`, `actions.${i}.description`);
          return {
            description: f.optional(`actions.${i}.description`),
            ownerName: f.optional(`actions.${i}.ownerName`),
            dueDate: f.date(`actions.${i}.dueDate`, false, DATE_SUBJECTS.action, `actions.${position}.dueDate`),
          };
        });
      const confirmation = (side: "raising" | "responding") => ({
        method: f.optional(`confirmations.${side}.method`),
        confirmedBy: f.optional(`confirmations.${side}.confirmedBy`),
      });
      return {
        outcome: f.optional("outcome"),
        learning: f.optional("learning"),
        actions,
        confirmations: { raising: confirmation("raising"), responding: confirmation("responding") },
      };
    },
  },
});
