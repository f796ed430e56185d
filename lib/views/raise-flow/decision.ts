/** Step "decision": the decision disagreed with, and why it is unsafe. */
import { LIMITS } from "../../escalations/schemas";
import { optional } from "../form-spec";
import { shown, whoWord } from "./context";
import type { RaiseStepModule } from "./step";

export const decisionStep: RaiseStepModule<"decision"> = {
  step: "decision",
  paths: ["decisionDisputed", "whyUnsafe"],
  heading: () => "The decision you disagree with",
  fields: ({ policy }) => [
    {
      kind: "textarea",
      name: "decisionDisputed",
      label: "What decision do you disagree with?",
      hint: "Say who made it and when, as far as you know.",
      maxLength: LIMITS.long,
    },
    {
      kind: "textarea",
      name: "whyUnsafe",
      label: `Why do you think the decision is unsafe for the ${whoWord(policy)}?`,
      maxLength: LIMITS.long,
    },
  ],
  values: ({ answers: a }) => ({ values: { decisionDisputed: shown(a.decisionDisputed), whyUnsafe: shown(a.whyUnsafe) } }),
  input: (values) => ({ input: { decisionDisputed: optional(values, "decisionDisputed"), whyUnsafe: optional(values, "whyUnsafe") }, aliases: {} }),
  isComplete: (a) => !!a.decisionDisputed && !!a.whyUnsafe,
};
