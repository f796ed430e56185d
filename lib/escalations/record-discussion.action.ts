/** Recording a discussion: its API command, page, link and form (the use case is record-discussion.ts). */
import { defineAction, oneLink, type FormInputOf } from "./action-descriptor";
import { recordDiscussion, RecordDiscussionInput } from "./record-discussion";
import { DISCUSSION_METHODS, LIMITS } from "./schemas";
import { capitalise, DATE_SUBJECTS, dateExample } from "../views/dispute-form-parts";
import { methodWords } from "../views/dispute-history";

export const recordDiscussionAction = defineAction({
  name: "record_discussion",
  run: recordDiscussion,
  input: RecordDiscussionInput,
  api: { path: "discussions", operationId: "recordDiscussion", summary: "Record a discussion (with whom, how, what was agreed)", token: "record" },
  page: {
    slug: "discussion",
    title: "Record a discussion",
    links: oneLink("Record a discussion"),
    done: () => "The discussion has been recorded.",
  },
  form: {
    view: (ctx) => ({
      heading: "Record a discussion",
      submitLabel: "Record the discussion",
      fields: [
        { kind: "text", name: "with", label: "Who did you speak with?", hint: "Their name, role and agency." },
        {
          kind: "radios",
          name: "how",
          label: "How did you speak?",
          options: DISCUSSION_METHODS.map((m) => ({ value: m, label: capitalise(methodWords(m)) })),
        },
        { kind: "datetime", name: "occurredAt", label: "When did it take place?", hint: dateExample(ctx) },
        { kind: "textarea", name: "said", label: "What was discussed?", maxLength: LIMITS.long },
        { kind: "textarea", name: "agreed", label: "What was agreed? (optional)", maxLength: LIMITS.long },
      ],
    }),
    toInput: (f): FormInputOf<typeof RecordDiscussionInput> => ({
      with: f.optional("with"),
      how: f.optional("how"),
      occurredAt: f.date("occurredAt", true, DATE_SUBJECTS.discussion),
      said: f.optional("said"),
      agreed: f.optional("agreed"),
    }),
  },
});
