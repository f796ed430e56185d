/** Recording that something the policy counts deadlines from has happened: its API command, page, link and form (the use case is record-milestone.ts). */
import { defineAction, oneLink, type FormInputOf } from "./action-descriptor";
import { disputeFacts, milestonesAt } from "./policy-facts";
import { recordMilestone, RecordMilestoneInput } from "./record-milestone";
import { LIMITS } from "./schemas";
import { capitalise, DATE_SUBJECTS, dateExample } from "../views/dispute-form-parts";

export const recordMilestoneAction = defineAction({
  name: "record_milestone",
  run: recordMilestone,
  input: RecordMilestoneInput,
  api: {
    path: "milestones",
    operationId: "recordMilestone",
    summary: "Record an event the policy counts deadlines from (a meeting held, a decision received)",
    token: "record",
  },
  page: {
    slug: "milestone",
    title: "Record that something has happened",
    links: oneLink("Record that something has happened"),
    done: () => "What happened has been recorded.",
  },
  form: {
    view: (ctx) => {
      const r = ctx.view.record;
      return {
        heading: "Record that something has happened",
        submitLabel: "Record it",
        fields: [
          {
            kind: "radios",
            name: "milestoneId",
            label: "What has happened?",
            options: milestonesAt(ctx.policy, r.routeId, r.stageKey, disputeFacts(r)).map((e) => ({ value: e.id, label: capitalise(e.label) })),
          },
          {
            kind: "datetime",
            name: "occurredAt",
            label: "When did it happen?",
            hint: `Deadlines that count from it are worked out from this date and time. ${dateExample(ctx)}`,
          },
          { kind: "textarea", name: "note", label: "Note (optional)", maxLength: LIMITS.long },
        ],
      };
    },
    toInput: (f): FormInputOf<typeof RecordMilestoneInput> => ({
      milestoneId: f.optional("milestoneId"),
      occurredAt: f.date("occurredAt", true, DATE_SUBJECTS.milestone),
      note: f.optional("note"),
    }),
  },
});
