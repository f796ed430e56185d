/** Skipping stages where the policy's urgent route allows: its API command, page, link and form (the use case is expedite-escalation.ts). */
import { expediteChoices } from "../views/dispute-form-parts";
import { defineAction, oneLink, type FormInputOf } from "./action-descriptor";
import { expediteEscalation, ExpediteEscalationInput } from "./expedite-escalation";
import { LIMITS } from "./schemas";

export const expediteAction = defineAction({
  name: "expedite",
  run: expediteEscalation,
  input: ExpediteEscalationInput,
  api: { path: "expedite", operationId: "expediteEscalation", summary: "Skip stages where the policy's urgent route allows, with grounds" },
  page: {
    slug: "expedite",
    title: "Skip stages",
    links: oneLink("Skip stages (expedite)"),
    done: (here) => `Stages have been skipped. The dispute is now at ${here}.`,
  },
  form: {
    view: (ctx) => ({
      heading: "Skip stages (expedite)",
      submitLabel: "Skip stages",
      fields: [
        { kind: "radios", name: "toStageKey", label: "Which stage should the dispute go to?", options: expediteChoices(ctx).map(({ skipped: _s, ...o }) => o) },
        {
          kind: "textarea",
          name: "grounds",
          label: "Why must stages be skipped?",
          hint: "The grounds, for example the immediate risk to the child. This is kept with the record.",
          maxLength: LIMITS.long,
        },
      ],
    }),
    toInput: (f): FormInputOf<typeof ExpediteEscalationInput> => ({ toStageKey: f.optional("toStageKey"), grounds: f.optional("grounds") }),
  },
});
