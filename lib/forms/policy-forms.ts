/**
 * The forms a policy names on a route: each once, with the stages that name it
 * and, for a dispute at a given stage, the definition that applies (Torbay's
 * Record of Escalation is recommended at stages 1 and 2 and required, with an
 * address to send it to, at stage 3).
 */
import { getRoute, stageName, type Policy, type Stage } from "../policy";

export type Form = NonNullable<Stage["forms"]>[number];

export type PolicyForm = {
  id: string;
  title: string;
  /** The stages that name it, in ladder order. */
  stages: Stage[];
};

/** Every form named on the route, once each, in the order the ladder first names them. */
export function policyForms(policy: Policy, routeId: string): PolicyForm[] {
  const byId = new Map<string, PolicyForm>();
  for (const stage of getRoute(policy, routeId).stages) {
    for (const form of stage.forms ?? []) {
      const known = byId.get(form.id);
      if (known) known.stages.push(stage);
      else byId.set(form.id, { id: form.id, title: form.title, stages: [stage] });
    }
  }
  return [...byId.values()];
}

/**
 * The form's definition for a dispute at `stageKey`: the current stage's if it
 * names the form, else the nearest earlier stage's that does, else the first
 * stage's that does. Undefined when the route names no such form.
 */
export function formDefinition(policy: Policy, routeId: string, formId: string, stageKey: string): { form: Form; stage: Stage } | undefined {
  const stages = getRoute(policy, routeId).stages;
  const at = stages.findIndex((s) => s.key === stageKey);
  const naming = stages.map((stage, i) => ({ stage, i, form: stage.forms?.find((f) => f.id === formId) })).filter((x) => x.form !== undefined);
  const chosen = [...naming].reverse().find((x) => x.i <= at) ?? naming[0];
  return chosen ? { form: chosen.form as Form, stage: chosen.stage } : undefined;
}

/** "stages 1, 2 and 3", "stage 4", or an unnumbered step's title. */
export function stagesWords(stages: readonly Stage[]): string {
  const numbers = stages.map((s) => s.number);
  if (numbers.every((n) => n !== undefined)) {
    if (numbers.length === 1) return `stage ${numbers[0]}`;
    return `stages ${numbers.slice(0, -1).join(", ")} and ${numbers[numbers.length - 1]}`;
  }
  return stages.map(stageName).join(", ");
}

/** The address of a form produced from a dispute's record (`version`: as the record stood then). */
export function formPath(partnershipId: string, disputeId: string, formId: string, options: { pdf?: boolean; version?: number } = {}): string {
  const base = `/p/${encodeURIComponent(partnershipId)}/disputes/${disputeId}/forms/${encodeURIComponent(formId)}${options.pdf ? "/pdf" : ""}`;
  return options.version !== undefined ? `${base}?version=${options.version}` : base;
}
