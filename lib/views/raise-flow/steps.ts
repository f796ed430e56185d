/**
 * The raise flow's steps, one module each, and the way through them: which
 * steps apply, in what order, where a step's page is, and what comes next.
 */
import type { DraftAnswers, RaiseStep } from "../../drafts/answers";
import type { Policy } from "../../policy";
import type { FieldSpec, FormValues } from "../form-spec";
import type { RaiseContext, StepTarget } from "./context";
import type { RaiseStepModule, StepInput } from "./step";
import { startStep } from "./start";
import { emergencyStep } from "./emergency";
import { processStep } from "./process";
import { agencyStep } from "./agency";
import { personStep } from "./person";
import { subjectsStep } from "./subjects";
import { areasStep } from "./areas";
import { decisionStep } from "./decision";
import { evidenceStep } from "./evidence";
import { outcomeStep } from "./outcome";
import { urgentStep } from "./urgent";

/** Every step, by name: a new step is a module beside this file, named here and in RAISE_STEPS (lib/drafts/answers.ts). */
export const RAISE_STEP_MODULES = {
  start: startStep,
  emergency: emergencyStep,
  process: processStep,
  agency: agencyStep,
  person: personStep,
  subjects: subjectsStep,
  areas: areasStep,
  decision: decisionStep,
  evidence: evidenceStep,
  outcome: outcomeStep,
  urgent: urgentStep,
} as const satisfies { [S in RaiseStep]: RaiseStepModule<S> };

const moduleOf = (step: RaiseStep): RaiseStepModule => RAISE_STEP_MODULES[step];

/** The steps that apply to these answers, in order. */
export function applicableSteps(answers: DraftAnswers): RaiseStep[] {
  const urgent = answers.immediateRisk === true;
  return [
    "start",
    ...(urgent ? (["emergency"] as const) : []),
    "process",
    "agency",
    "person",
    "subjects",
    "areas",
    "decision",
    "evidence",
    "outcome",
    ...(urgent ? (["urgent"] as const) : []),
  ];
}

export function stepPath(partnershipId: string, step: StepTarget): string {
  const base = `/p/${encodeURIComponent(partnershipId)}/disputes/new`;
  return step === "start" ? base : `${base}/${step}`;
}

/** Where to go after saving a step: the next step, or back to "Check your answers" when changing an answer. */
export function nextStepAfter(step: RaiseStep, answers: DraftAnswers, returnToCheck: boolean): StepTarget {
  const steps = applicableSteps(answers);
  if (returnToCheck) {
    // A new agency needs its person; a new "yes" to immediate risk needs what was done and the urgent details.
    if (step === "agency") return "person";
    if (step === "start" && answers.immediateRisk && !answers.immediateRiskNote) return "emergency";
    const missing = firstIncompleteStep(answers);
    return missing ?? "check";
  }
  const i = steps.indexOf(step);
  return steps[i + 1] ?? "check";
}

/** The step before this one (for the "Back" link), or null on the first. */
export function previousStep(step: StepTarget, answers: DraftAnswers): RaiseStep | null {
  const steps = applicableSteps(answers);
  if (step === "check") return steps[steps.length - 1] ?? null;
  const i = steps.indexOf(step);
  return i > 0 ? (steps[i - 1] ?? null) : null;
}

export function isStepComplete(step: RaiseStep, answers: DraftAnswers): boolean {
  return moduleOf(step).isComplete(answers);
}

export function firstIncompleteStep(answers: DraftAnswers): RaiseStep | null {
  return applicableSteps(answers).find((s) => !isStepComplete(s, answers)) ?? null;
}

const STEP_OF_PATH = new Map<string, RaiseStep>(Object.values(RAISE_STEP_MODULES).flatMap((m): [string, RaiseStep][] => m.paths.map((p) => [p, m.step])));

/** Which step asks for a use case's field path ("subjects.0.initials" → subjects). */
export function stepOfPath(path: string): RaiseStep {
  return STEP_OF_PATH.get(path.split(".")[0] ?? "") ?? "start";
}

/** Each step's heading, also its page title. */
export function stepHeading(step: RaiseStep, policy: Policy): string {
  return moduleOf(step).heading(policy);
}

/** The fields a step shows. */
export function stepFields(step: RaiseStep, ctx: RaiseContext): FieldSpec[] {
  return moduleOf(step).fields(ctx);
}

/** What the step's fields show before anything is posted: the saved answers, as text. */
export function stepValues(step: RaiseStep, ctx: RaiseContext): { values: FormValues; counts?: Record<string, number> } {
  return moduleOf(step).values(ctx);
}

/**
 * A posted step as the use case's input (its field paths), and where an error
 * on a path the form does not have directly belongs ("subjects.0.caseReferences.1.reference").
 */
export function stepInput(step: RaiseStep, values: FormValues, ctx: RaiseContext): StepInput {
  return moduleOf(step).input(values, ctx);
}
