/** Step "evidence": a summary of the raiser's evidence. */
import { LIMITS } from "../../escalations/schemas";
import { optional } from "../form-spec";
import { shown } from "./context";
import type { RaiseStepModule } from "./step";

export const evidenceStep: RaiseStepModule<"evidence"> = {
  step: "evidence",
  paths: ["evidenceSummary"],
  heading: () => "Your evidence",
  fields: () => [
    {
      kind: "textarea",
      name: "evidenceSummary",
      label: "Summarise your evidence",
      hint: "What you know, how you know it and where it is recorded (for example, your agency's safeguarding log). Do not copy in whole records.",
      maxLength: LIMITS.long,
    },
  ],
  values: ({ answers: a }) => ({ values: { evidenceSummary: shown(a.evidenceSummary) } }),
  input: (values) => ({ input: { evidenceSummary: optional(values, "evidenceSummary") }, aliases: {} }),
  isComplete: (a) => !!a.evidenceSummary,
};
