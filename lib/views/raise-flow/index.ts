/**
 * The raise flow as data: which steps apply, in what order, the fields each
 * asks for, how a posted form becomes the use case's input, and "Check your
 * answers". Pages render this; lib/drafts checks and keeps the answers.
 *
 * One module per step (start.ts … urgent.ts, each a RaiseStepModule: step.ts),
 * listed once in steps.ts, which also finds the way through them.
 */
export { agencyName, raiseRiskSetting, riskSetting, routeOf, whoWord, type RaiseContext, type StepTarget } from "./context";
export type { RaiseStepModule, StepInput } from "./step";
export {
  RAISE_STEP_MODULES,
  applicableSteps,
  firstIncompleteStep,
  isStepComplete,
  nextStepAfter,
  previousStep,
  stepFields,
  stepHeading,
  stepInput,
  stepOfPath,
  stepPath,
  stepValues,
} from "./steps";
export { otherAgencies } from "./agency";
export { respondingPeople } from "./person";
export { urgentStartChoices } from "./urgent";
export { agencyOnParley, notOnParleyAdvice } from "./not-on-parley";
export { checkAnswers, checkAnswersErrors, type CheckRow, type CheckSection } from "./check-answers";
export { raisedConfirmation, type RaisedConfirmation } from "./confirmation";
