/** Step "start": is a child (or adult) at immediate risk of harm? */
import { text, type FormValues } from "../form-spec";
import { whoWord } from "./context";
import type { RaiseStepModule } from "./step";

const yesNo = (v: string) => (v === "yes" ? true : v === "no" ? false : undefined);

export const startStep: RaiseStepModule<"start"> = {
  step: "start",
  paths: ["immediateRisk"],
  heading: () => "Before you raise a disagreement",
  fields: ({ policy }) => [
    {
      kind: "radios",
      name: "immediateRisk",
      label: `Is a ${whoWord(policy)} at immediate risk of harm?`,
      inline: true,
      options: [
        { value: "yes", label: "Yes" },
        { value: "no", label: "No" },
      ],
    },
  ],
  values: ({ answers: a }): { values: FormValues } => ({ values: a.immediateRisk === undefined ? {} : { immediateRisk: a.immediateRisk ? "yes" : "no" } }),
  input: (values) => ({ input: { immediateRisk: yesNo(text(values, "immediateRisk")) }, aliases: {} }),
  isComplete: (a) => a.immediateRisk !== undefined,
};
