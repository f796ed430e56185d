/** Step "process": which of the policy's routes applies, and confirming this is a disagreement the policy handles. */
import { routesChosenByHand } from "../../policy";
import { list, optional, type FieldSpec } from "../form-spec";
import { whoWord } from "./context";
import type { RaiseStepModule } from "./step";

export const processStep: RaiseStepModule<"process"> = {
  step: "process",
  paths: ["scopeConfirmed", "routeId"],
  heading: () => "Is this the right process?",
  fields: ({ policy }) => {
    const fields: FieldSpec[] = [];
    // Routes the policy chooses from the facts (who it is about, the areas) are not asked about.
    const byHand = routesChosenByHand(policy);
    if (byHand.length > 1) {
      fields.push({
        kind: "radios",
        name: "routeId",
        label: "Which process applies?",
        hint: "Your partnership's policy has a separate process for some disagreements.",
        options: byHand.map((r) => ({ value: r.id, label: r.title, ...(r.appliesWhen ? { hint: r.appliesWhen } : {}) })),
      });
    }
    fields.push({
      kind: "checkboxes",
      name: "scopeConfirmed",
      label: "Confirm what this is",
      options: [{ value: "yes", label: `This is a disagreement with another agency about a decision it made about a ${whoWord(policy)}` }],
    });
    return fields;
  },
  values: ({ answers: a }) => ({ values: { ...(a.routeId ? { routeId: a.routeId } : {}), ...(a.scopeConfirmed ? { scopeConfirmed: "yes" } : {}) } }),
  input: (values) => ({
    input: {
      scopeConfirmed: list(values, "scopeConfirmed").includes("yes") ? true : undefined,
      ...(optional(values, "routeId") ? { routeId: optional(values, "routeId") } : {}),
    },
    aliases: {},
  }),
  isComplete: (a) => a.scopeConfirmed === true,
};
