/**
 * Every action on a dispute, by name, each with its descriptor (its use case,
 * input, API command, page and form: action-descriptor.ts). The API's commands
 * and the OpenAPI document (lib/api/v1/commands.ts), the action pages and their
 * titles, the links on a dispute and the banner after an action
 * (lib/views/dispute.ts, dispute-forms.ts), the form's server action and the
 * permissions document are all derived from it. Who may take each action when
 * is the table in actions.ts.
 *
 * Declared in the order the API documents its commands.
 *
 * Adding an action (say "reopen"): the compiler leads from step 2 on.
 * 1. The use case and its zod input, reopen-escalation.ts, as the others are:
 *    parseInput, runCommand, requireAction(…, "reopen").
 * 2. "reopen" in ACTIONS in actions.ts, then who may take it and when: the
 *    compiler asks for its case in mayTake, blockedBecause and availableActions,
 *    and its WHO sentence (and the table in that file's comment).
 * 3. Its descriptor beside the use case, reopen-escalation.action.ts
 *    (defineAction: API path and summary, page slug, title, links, banner, form
 *    fields and toInput, typed by the input schema), and its line here, which
 *    the `satisfies` below asks for.
 * 4. If it records a new kind of event: its payload schema in events.ts, then
 *    the compiler asks for it in projection.ts and dispute-history.ts.
 * Then a row for it in docs/api.md (tests/unit/api/api-doc.test.ts checks) and
 * `npm run docs:permissions` (tests/unit/permissions-doc.test.ts checks). A
 * page that says more before its form than the fields do adds that to
 * app/p/[partnership]/disputes/[id]/[action]/page.tsx.
 */
import type { z } from "zod";
import type { ActionDescriptor } from "./action-descriptor";
import type { ActionName } from "./actions";
import { addAgreedActionAction } from "./add-agreed-action.action";
import { addCommentAction } from "./add-comment.action";
import { assignOwnerAction } from "./assign-owner.action";
import { completeAgreedActionAction } from "./complete-agreed-action.action";
import { completeFormAction } from "./complete-form.action";
import { escalateAction } from "./escalate-escalation.action";
import { expediteAction } from "./expedite-escalation.action";
import { recordDiscussionAction } from "./record-discussion.action";
import { recordMilestoneAction } from "./record-milestone.action";
import { resolveAction } from "./resolve-escalation.action";
import { setDeadlineAction } from "./set-deadline.action";
import { withdrawAction } from "./withdraw-escalation.action";

export const ACTION_REGISTRY = {
  record_discussion: recordDiscussionAction,
  escalate: escalateAction,
  expedite: expediteAction,
  assign_owner: assignOwnerAction,
  set_deadline: setDeadlineAction,
  record_milestone: recordMilestoneAction,
  complete_form: completeFormAction,
  add_agreed_action: addAgreedActionAction,
  complete_agreed_action: completeAgreedActionAction,
  resolve: resolveAction,
  withdraw: withdrawAction,
  comment: addCommentAction,
} satisfies { [N in ActionName]: ActionDescriptor<N, string, z.ZodType> };

/** The address of each action's page under /disputes/[id]/. */
export type ActionSlug = (typeof ACTION_REGISTRY)[ActionName]["page"]["slug"];

/** The descriptor of the action whose page is at `S`, with its own input schema. */
export type DescriptorAt<S extends ActionSlug> = Extract<(typeof ACTION_REGISTRY)[ActionName], { page: { slug: S } }>;

/** Every descriptor, in the registry's order. */
export const ACTION_DESCRIPTORS: readonly ActionDescriptor[] = Object.values(ACTION_REGISTRY);

/** One action's descriptor, for code that handles any action alike. */
export const actionDescriptor = (name: ActionName): ActionDescriptor => ACTION_REGISTRY[name];

const BY_SLUG = new Map<string, ActionDescriptor>(ACTION_DESCRIPTORS.map((d) => [d.page.slug, d]));

export const isActionSlug = (s: string): s is ActionSlug => BY_SLUG.has(s);

/** The descriptor of the action whose page is at `slug`. */
export const descriptorBySlug = (slug: ActionSlug): ActionDescriptor => BY_SLUG.get(slug) as ActionDescriptor;
