/** Step "areas": the policy's areas of disagreement this one is about, or something else. */
import { AREA_OTHER } from "../../escalations/raise-escalation";
import { list, optional } from "../form-spec";
import { shown } from "./context";
import type { RaiseStepModule } from "./step";

export const areasStep: RaiseStepModule<"areas"> = {
  step: "areas",
  paths: ["areas", "areaOther"],
  heading: () => "What is the disagreement about?",
  fields: ({ policy }) =>
    // The policy does not list its areas: the person raising it says in their own words.
    policy.areas.notStated
      ? [{ kind: "text", name: "areaOther", label: "The policy does not say what the areas of disagreement are. In a few words, what is it about?" }]
      : [
          {
            kind: "checkboxes",
            name: "areas",
            label: "Choose all that apply",
            options: [...policy.areas.items.map((a) => ({ value: a.id, label: a.label })), { value: AREA_OTHER, label: "Something else" }],
          },
          { kind: "text", name: "areaOther", label: "If something else, what is it?" },
        ],
  values: ({ answers: a }) => ({ values: { areas: a.areas ?? [], areaOther: shown(a.areaOther) } }),
  input: (values, { policy }) => ({
    input: { areas: policy.areas.notStated ? [AREA_OTHER] : list(values, "areas"), areaOther: optional(values, "areaOther") },
    aliases: {},
  }),
  isComplete: (a) => (a.areas?.length ?? 0) > 0,
};
