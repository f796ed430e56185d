/** Marking an agreed action as done: its API command, page and form (the use case is complete-agreed-action.ts). */
import { defineAction, type FormInputOf } from "./action-descriptor";
import { completeAgreedAction, CompleteAgreedActionInput } from "./complete-agreed-action";
import { LIMITS } from "./schemas";

export const completeAgreedActionAction = defineAction({
  name: "complete_agreed_action",
  run: completeAgreedAction,
  input: CompleteAgreedActionInput,
  api: { path: "action-completions", operationId: "completeAgreedAction", summary: "Mark an agreed action done", token: "record" },
  page: {
    slug: "complete-action",
    title: "Mark an agreed action as done",
    target: "action",
    // Offered beside each action in the list of agreed actions, not among the dispute's links.
    links: () => [],
    done: () => "The agreed action has been marked as done.",
  },
  form: {
    view: (ctx) => ({
      heading: "Mark an agreed action as done",
      submitLabel: "Mark as done",
      fields: [
        { kind: "hidden", name: "actionId", value: ctx.target ?? "" },
        { kind: "textarea", name: "note", label: "Anything to add? (optional)", maxLength: LIMITS.long },
      ],
    }),
    toInput: (f): FormInputOf<typeof CompleteAgreedActionInput> => ({ actionId: f.target ?? f.optional("actionId"), note: f.optional("note") }),
  },
});
