/** Step "emergency" (only after "yes" to immediate risk): what the raiser has done about it. */
import { LIMITS } from "../../escalations/schemas";
import { optional } from "../form-spec";
import { shown, whoWord } from "./context";
import type { RaiseStepModule } from "./step";

export const emergencyStep: RaiseStepModule<"emergency"> = {
  step: "emergency",
  paths: ["immediateRiskNote"],
  heading: (policy) => `A ${whoWord(policy)} is at immediate risk of harm`,
  fields: () => [
    {
      kind: "textarea",
      name: "immediateRiskNote",
      label: "What have you done about the immediate risk?",
      hint: "For example, who you told, when, and what they are doing. Raising a disagreement is not a child protection referral.",
      maxLength: LIMITS.long,
    },
  ],
  values: ({ answers: a }) => ({ values: { immediateRiskNote: shown(a.immediateRiskNote) } }),
  input: (values) => ({ input: { immediateRiskNote: optional(values, "immediateRiskNote") }, aliases: {} }),
  isComplete: (a) => !!a.immediateRiskNote,
};
