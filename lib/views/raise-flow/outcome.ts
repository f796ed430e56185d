/** Step "outcome": the outcome the raiser wants, and by when. */
import { LIMITS } from "../../escalations/schemas";
import { optional } from "../form-spec";
import { shown } from "./context";
import type { RaiseStepModule } from "./step";

export const outcomeStep: RaiseStepModule<"outcome"> = {
  step: "outcome",
  paths: ["outcomeSought", "timescaleSought"],
  heading: () => "What outcome do you want?",
  fields: () => [
    { kind: "textarea", name: "outcomeSought", label: "The outcome you want", hint: "For example, a child and family assessment.", maxLength: LIMITS.long },
    {
      kind: "text",
      name: "timescaleSought",
      label: "By when? (optional)",
      hint: "For example, within 2 working days. The policy's own deadlines still apply.",
    },
  ],
  values: ({ answers: a }) => ({ values: { outcomeSought: shown(a.outcomeSought), timescaleSought: shown(a.timescaleSought) } }),
  input: (values) => ({ input: { outcomeSought: optional(values, "outcomeSought"), timescaleSought: optional(values, "timescaleSought") }, aliases: {} }),
  isComplete: (a) => !!a.outcomeSought,
};
