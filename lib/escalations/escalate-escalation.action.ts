/** Escalating to the next stage: its API command, page, link and form (the use case is escalate-escalation.ts). */
import { getStage, nextStage, stageName, stageTitle } from "../policy";
import type { FieldSpec } from "../views/form-spec";
import { escalatePreview } from "../views/dispute-form-parts";
import { defineAction, type FormInputOf } from "./action-descriptor";
import { escalateEscalation, EscalateEscalationInput } from "./escalate-escalation";
import { LIMITS } from "./schemas";

export const escalateAction = defineAction({
  name: "escalate",
  run: escalateEscalation,
  input: EscalateEscalationInput,
  api: { path: "escalate", operationId: "escalateEscalation", summary: "Escalate to the next stage of the policy" },
  page: {
    slug: "escalate",
    title: "Escalate the dispute",
    links: (_a, { view, policy }) => {
      const next = nextStage(policy, view.record.stageKey, view.record.routeId);
      return [{ label: `Escalate to ${next ? stageName(next) : "the next stage"}` }];
    },
    done: (here) => `The dispute has been escalated. It is now at ${here}.`,
  },
  form: {
    view: (ctx) => {
      const { policy } = ctx;
      const r = ctx.view.record;
      const stage = getStage(policy, r.stageKey, r.routeId);
      const preview = escalatePreview(ctx);
      const next = preview?.to;
      // "stage 3: Senior manager to senior manager", in the middle of a sentence.
      const nextInWords = next ? stageTitle(getStage(policy, next.key, r.routeId), "mid-sentence") : "the next stage";
      const fields: FieldSpec[] = [
        { kind: "hidden", name: "toStageKey", value: next?.key ?? "" },
        {
          kind: "textarea",
          name: "reason",
          label: `Why does the dispute need to go to ${nextInWords}?`,
          hint: "For example, what was tried at this stage and why it did not resolve the disagreement.",
          maxLength: LIMITS.long,
        },
      ];
      for (const o of preview?.owners ?? []) {
        fields.push({
          kind: "select",
          name: `owners.${o.side}.userId`,
          label: `Who will own it for ${o.agency}? (optional)`,
          hint: `The policy expects: ${o.expects}. ${o.keeps ? `If you leave this, ${o.keeps} keeps it.` : "If you leave this, someone can be chosen later."}`,
          placeholder: o.keeps ? `Leave it with ${o.keeps}` : "Choose later",
          options: o.options,
        });
      }
      if (preview && preview.formsNow.length > 0) {
        fields.push({
          kind: "checkboxes",
          name: "formsCompleted",
          label: `Forms the policy requires before leaving ${stageName(stage)}`,
          options: preview.formsNow.map((f) => ({ value: f.id, label: `I have completed the ${f.title}` })),
        });
      }
      if (preview && preview.formsOnEntry.length > 0) {
        fields.push({
          kind: "checkboxes",
          name: "formsOnEntry",
          label: `Forms for ${nextInWords}`,
          hint: "Tick any you have already completed. You can also record them later.",
          options: preview.formsOnEntry.map((f) => ({
            value: f.id,
            label: `I have completed the ${f.title}${f.sendTo ? ` and sent it to ${f.sendTo}` : ""}`,
            hint: `${f.use} by the policy.`,
          })),
        });
      }
      return {
        heading: `Escalate to ${nextInWords}`,
        submitLabel: `Escalate to ${next ? stageName(getStage(policy, next.key, r.routeId)) : "the next stage"}`,
        fields,
      };
    },
    toInput: (f): FormInputOf<typeof EscalateEscalationInput> => {
      const owners: { raising?: { userId: string }; responding?: { userId: string } } = {};
      for (const side of ["raising", "responding"] as const) {
        const userId = f.optional(`owners.${side}.userId`);
        if (userId) owners[side] = { userId };
      }
      const now = f.list("formsCompleted");
      const entry = f.list("formsOnEntry");
      return {
        reason: f.optional("reason"),
        ...(f.optional("toStageKey") ? { toStageKey: f.optional("toStageKey") } : {}),
        ...(Object.keys(owners).length > 0 ? { owners } : {}),
        ...(now.length > 0 ? { formsCompleted: now.map((formId) => ({ formId })) } : {}),
        ...(entry.length > 0 ? { formsOnEntry: entry.map((formId) => ({ formId })) } : {}),
      };
    },
  },
});
