/** The commands of the JSON API: path segment, use case, input schema and what it does. */
import type { z } from "zod";
import type { Actor } from "../../auth/actor";
import type { Database } from "../../db/connect";
import type { ApiTokenPermission } from "../../db/generated/enums";
import {
  AddAgreedActionInput,
  AddCommentInput,
  addAgreedAction,
  addComment,
  AssignOwnerInput,
  assignOwner,
  CompleteAgreedActionInput,
  completeAgreedAction,
  CompleteFormInput,
  completeForm,
  EscalateEscalationInput,
  escalateEscalation,
  ExpediteEscalationInput,
  expediteEscalation,
  RecordDiscussionInput,
  recordDiscussion,
  RecordMilestoneInput,
  recordMilestone,
  ResolveEscalationInput,
  resolveEscalation,
  SetDeadlineInput,
  setDeadline,
  WithdrawEscalationInput,
  withdrawEscalation,
  type ActionName,
  type CommandResult,
  type EscalationDeps,
} from "../../escalations";

type UseCase = (db: Database, actor: Actor, escalationId: string, input: unknown, deps: EscalationDeps) => Promise<CommandResult>;

export type CommandSpec = {
  path: string;
  operationId: string;
  summary: string;
  input: z.ZodType;
  run: UseCase;
  /** The API token permission that allows it; none: only people may (lib/auth/permissions.ts, TOKEN_PERMISSIONS). */
  token?: ApiTokenPermission;
};

export const COMMANDS: readonly CommandSpec[] = [
  { path: "discussions", operationId: "recordDiscussion", summary: "Record a discussion (with whom, how, what was agreed)", input: RecordDiscussionInput, run: recordDiscussion, token: "record" },
  { path: "escalate", operationId: "escalateEscalation", summary: "Escalate to the next stage of the policy", input: EscalateEscalationInput, run: escalateEscalation },
  { path: "expedite", operationId: "expediteEscalation", summary: "Skip stages where the policy's urgent route allows, with grounds", input: ExpediteEscalationInput, run: expediteEscalation },
  { path: "owners", operationId: "assignOwner", summary: "Assign the owner of one side at the current stage", input: AssignOwnerInput, run: assignOwner },
  { path: "deadlines", operationId: "setDeadline", summary: "Set a deadline the policy leaves to a named role", input: SetDeadlineInput, run: setDeadline },
  { path: "milestones", operationId: "recordMilestone", summary: "Record an event the policy counts deadlines from (a meeting held, a decision received)", input: RecordMilestoneInput, run: recordMilestone, token: "record" },
  { path: "forms", operationId: "completeForm", summary: "Record that a form the policy names has been completed", input: CompleteFormInput, run: completeForm, token: "record" },
  { path: "actions", operationId: "addAgreedAction", summary: "Add an agreed action", input: AddAgreedActionInput, run: addAgreedAction },
  { path: "action-completions", operationId: "completeAgreedAction", summary: "Mark an agreed action done", input: CompleteAgreedActionInput, run: completeAgreedAction, token: "record" },
  { path: "resolve", operationId: "resolveEscalation", summary: "Resolve: outcome, agreed actions, how each side confirmed", input: ResolveEscalationInput, run: resolveEscalation },
  { path: "withdraw", operationId: "withdrawEscalation", summary: "Withdraw, with the reason", input: WithdrawEscalationInput, run: withdrawEscalation },
  { path: "comments", operationId: "addComment", summary: "Add a comment (or a correction of an earlier entry)", input: AddCommentInput, run: addComment, token: "comment" },
];

export const commandByPath = (path: string): CommandSpec | undefined => COMMANDS.find((c) => c.path === path);

/** The token permission each of availableActions needs, so that a token is offered only what it may do. */
export const ACTION_TOKEN_PERMISSION: Record<ActionName, ApiTokenPermission | null> = {
  comment: "comment",
  record_discussion: "record",
  record_milestone: "record",
  complete_form: "record",
  complete_agreed_action: "record",
  escalate: null,
  expedite: null,
  assign_owner: null,
  set_deadline: null,
  add_agreed_action: null,
  resolve: null,
  withdraw: null,
};
