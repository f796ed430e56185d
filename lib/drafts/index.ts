/** Drafts of a disagreement being raised: answers kept between the steps of the raise flow. */
export { RAISE_STEPS, isRaiseStep, readAnswers, toRaiseInput, type Draft, type DraftAnswers, type RaiseStep } from "./answers";
export { checkStep, mergeAnswers, urgentStartOptions, type StepContext } from "./steps";
export { deleteDraft, loadDraft, raiseFromDraft, saveDraftStep } from "./store";
