/** The escalation record's domain layer: use cases, queries, the projection and the rules behind them. */
export * from "../errors";
export type { EscalationDeps } from "./deps";
export type { CommandResult } from "./command";
export { EVENT_TYPES, EventPayloadSchemas, eventFromRow, parsePayload } from "./events";
export type { EscalationEvent, EventType, PayloadOf, NewEvent } from "./events";
export type { EscalationState, EscalationRow, DeadlineRow, ParticipantRow, ActionRow, EscalationSnapshot } from "./state";
export { project, type ProjectionContext } from "./projection";
export { loadStoredProjection, canonical, type StoredProjection } from "./records";
export { ACTIONS, availableActions, requireAction, type ActionName, type AvailableAction } from "./actions";
export { accessFacts, accessTo, canSee, relationsOf } from "./access";
export { stageLadder, type LadderStage, type LadderStatus } from "./ladder";
export { LIMITS } from "./schemas";

export { raiseEscalation, RaiseEscalationInput } from "./raise-escalation";
export { recordDiscussion, RecordDiscussionInput } from "./record-discussion";
export { escalateEscalation, EscalateEscalationInput } from "./escalate-escalation";
export { expediteEscalation, ExpediteEscalationInput } from "./expedite-escalation";
export { assignOwner, AssignOwnerInput } from "./assign-owner";
export { setDeadline, SetDeadlineInput } from "./set-deadline";
export { recordMilestone, RecordMilestoneInput } from "./record-milestone";
export { completeForm, CompleteFormInput } from "./complete-form";
export { addAgreedAction, AddAgreedActionInput } from "./add-agreed-action";
export { completeAgreedAction, CompleteAgreedActionInput } from "./complete-agreed-action";
export { resolveEscalation, ResolveEscalationInput } from "./resolve-escalation";
export { withdrawEscalation, WithdrawEscalationInput } from "./withdraw-escalation";
export { addComment, AddCommentInput } from "./add-comment";

export { getEscalation, type EscalationView, type HistoryEntry, type ViewAudit } from "./get-escalation";
export { listEscalations, ListEscalationsInput, type EscalationListItem, type EscalationPage } from "./list-escalations";
