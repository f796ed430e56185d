/** Recording that a form the policy names has been completed: its API command, page, link and form (the use case is complete-form.ts). */
import { describeParty, getStage, joinWithAnd, stageName } from "../policy";
import { defineAction, oneLink, type ActionFormSpec, type FormInputOf } from "./action-descriptor";
import { completeForm, CompleteFormInput } from "./complete-form";
import { LIMITS } from "./schemas";

export const completeFormAction = defineAction({
  name: "complete_form",
  run: completeForm,
  input: CompleteFormInput,
  api: { path: "forms", operationId: "completeForm", summary: "Record that a form the policy names has been completed", token: "record" },
  page: {
    slug: "form",
    title: "Record a completed form",
    // Arriving from a form's own page (?form=<id>): that form is chosen.
    target: "form",
    links: oneLink("Record a completed form"),
    done: () => "The form has been recorded as completed.",
  },
  form: {
    view: (ctx): ActionFormSpec => {
      const { policy } = ctx;
      const r = ctx.view.record;
      const stage = getStage(policy, r.stageKey, r.routeId);
      const forms = stage.forms ?? [];
      const chosen = ctx.target && forms.some((f) => f.id === ctx.target) ? ctx.target : undefined;
      return {
        heading: "Record a completed form",
        submitLabel: "Record the form",
        values: chosen ? { formId: chosen } : {},
        fields: [
          {
            kind: "radios",
            name: "formId",
            label: "Which form have you completed?",
            options: forms.map((f) => ({
              value: f.id,
              label: f.title,
              hint: `${f.use === "required" ? "Required" : "Recommended"} by the policy at ${stageName(stage)}.${
                f.sendTo?.length ? ` Send it to ${joinWithAnd(f.sendTo.map((p) => describeParty(p, policy)))}${f.email ? ` (${f.email})` : ""}.` : ""
              }${f.marking ? ` Mark it "${f.marking}".` : ""}`,
            })),
          },
          { kind: "text", name: "sentTo", label: "Who did you send it to? (optional)", hint: "Leave blank if you sent it where the policy says." },
          {
            kind: "checkboxes",
            name: "attachDocument",
            label: "What did you send? (optional)",
            options: [
              {
                value: "yes",
                label: `The form Parley produced from this record, as it stands now (version ${r.version})`,
                hint: "Parley then keeps that version and a fingerprint of the document with this entry, so the history shows exactly what was sent. Leave it unticked if you sent a form completed another way.",
              },
            ],
          },
          { kind: "textarea", name: "note", label: "Note (optional)", maxLength: LIMITS.long },
        ],
      };
    },
    toInput: (f): FormInputOf<typeof CompleteFormInput> => ({
      formId: f.optional("formId"),
      ...(f.optional("sentTo") ? { sentTo: [f.optional("sentTo")] } : {}),
      note: f.optional("note"),
      ...(f.list("attachDocument").includes("yes") ? { attachDocument: true } : {}),
    }),
  },
});
