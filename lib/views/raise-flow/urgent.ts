/** Step "urgent" (only after "yes" to immediate risk): why it is urgent, and which stage the dispute starts at. */
import type { DraftAnswers } from "../../drafts/answers";
import { expediteTargets, startStage, stagesBetween } from "../../escalations/policy-facts";
import { LIMITS } from "../../escalations/schemas";
import { joinWithAnd, stageName, stageTitle, type Policy, type Stage } from "../../policy";
import { optional, type FieldSpec, type Option } from "../form-spec";
import { routeOf, shown } from "./context";
import type { RaiseStepModule } from "./step";

/** The stages an urgent dispute may start at, each with what it passes over. */
export function urgentStartChoices(policy: Policy, answers: DraftAnswers): Option[] {
  const route = routeOf(policy, answers);
  const start = startStage(route);
  const targets = expediteTargets(policy, route.id, start.key, true);
  if (targets.length === 0) return [];
  return [
    { value: "", label: `${stageTitle(start)}, where disputes usually start` },
    ...targets.map((key) => {
      const stage = route.stages.find((s) => s.key === key) as Stage;
      const skipped = stagesBetween(route, start.key, key, true).map((k) => stageName(route.stages.find((s) => s.key === k) as Stage));
      return { value: key, label: `Go straight to ${stageTitle(stage)}`, hint: `Skips ${joinWithAnd(skipped)}.` };
    }),
  ];
}

export const urgentStep: RaiseStepModule<"urgent"> = {
  step: "urgent",
  paths: ["urgent"],
  heading: () => "Urgent: where should this dispute start?",
  fields: ({ policy, answers }) => {
    const fields: FieldSpec[] = [
      {
        kind: "textarea",
        name: "urgent.grounds",
        label: "Why is this urgent?",
        hint: "The grounds for treating this dispute as urgent, for example the immediate risk to the child.",
        maxLength: LIMITS.long,
      },
    ];
    const choices = urgentStartChoices(policy, answers);
    if (choices.length > 0) {
      fields.push({ kind: "radios", name: "urgent.startAtStageKey", label: "Where should the dispute start?", options: choices });
    }
    return fields;
  },
  values: ({ answers: a }) => ({ values: { "urgent.grounds": shown(a.urgentGrounds), "urgent.startAtStageKey": shown(a.startAtStageKey) } }),
  input: (values) => ({
    input: {
      urgent: {
        grounds: optional(values, "urgent.grounds"),
        ...(optional(values, "urgent.startAtStageKey") ? { startAtStageKey: optional(values, "urgent.startAtStageKey") } : {}),
      },
    },
    aliases: {},
  }),
  isComplete: (a) => !!a.urgentGrounds,
};
