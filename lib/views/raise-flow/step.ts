/**
 * What one step of the raise flow is, as data: the use case's fields it asks
 * for, its heading, the fields it shows, the saved answers as those fields'
 * values, a posted form as the use case's input, and when it is answered.
 * Each step is one module beside this file; steps.ts lists them.
 * (The checks of a posted step, with the use case's schemas, are lib/drafts/steps.ts.)
 */
import type { DraftAnswers, RaiseStep } from "../../drafts/answers";
import type { Policy } from "../../policy";
import type { FieldSpec, FormValues } from "../form-spec";
import type { RaiseContext } from "./context";

export type StepInput = { input: Record<string, unknown>; aliases: Record<string, string> };

export type RaiseStepModule<S extends RaiseStep = RaiseStep> = {
  step: S;
  /** The first segment of each use case field path this step asks for ("subjects" for "subjects.0.initials"). */
  paths: readonly string[];
  /** The step's heading, also its page title. */
  heading(policy: Policy): string;
  /** The fields the step shows. */
  fields(ctx: RaiseContext): FieldSpec[];
  /** What the fields show before anything is posted: the saved answers, as text. */
  values(ctx: RaiseContext): { values: FormValues; counts?: Record<string, number> };
  /**
   * A posted step as the use case's input (its field paths), and where an error
   * on a path the form does not have directly belongs ("subjects.0.caseReferences.1.reference").
   */
  input(values: FormValues, ctx: RaiseContext): StepInput;
  /** Whether the saved answers answer this step. */
  isComplete(answers: DraftAnswers): boolean;
};
