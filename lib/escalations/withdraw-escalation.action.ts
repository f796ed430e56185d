/** Withdrawing the dispute: its API command, page, link and form (the use case is withdraw-escalation.ts). */
import { defineAction, oneLink, type FormInputOf } from "./action-descriptor";
import { LIMITS } from "./schemas";
import { withdrawEscalation, WithdrawEscalationInput } from "./withdraw-escalation";

export const withdrawAction = defineAction({
  name: "withdraw",
  run: withdrawEscalation,
  input: WithdrawEscalationInput,
  api: { path: "withdraw", operationId: "withdrawEscalation", summary: "Withdraw, with the reason" },
  page: {
    slug: "withdraw",
    title: "Withdraw the dispute",
    links: oneLink("Withdraw the dispute"),
    done: () => "The dispute has been withdrawn.",
  },
  form: {
    view: () => ({
      variant: "warning",
      heading: "Withdraw the dispute",
      submitLabel: "Withdraw the dispute",
      fields: [{ kind: "textarea", name: "reason", label: "Why are you withdrawing it?", maxLength: LIMITS.long }],
    }),
    toInput: (f): FormInputOf<typeof WithdrawEscalationInput> => ({ reason: f.optional("reason") }),
  },
});
