/** Setting a timescale the policy leaves to a named role: its API command, page, link and form (the use case is set-deadline.ts). */
import type { FieldSpec } from "../views/form-spec";
import { available, DATE_SUBJECTS, dateExample } from "../views/dispute-form-parts";
import { defineAction, oneLink, type FormInputOf } from "./action-descriptor";
import { LIMITS } from "./schemas";
import { setDeadline, SetDeadlineInput } from "./set-deadline";

export const setDeadlineAction = defineAction({
  name: "set_deadline",
  run: setDeadline,
  input: SetDeadlineInput,
  api: { path: "deadlines", operationId: "setDeadline", summary: "Set a deadline the policy leaves to a named role" },
  page: {
    slug: "timescale",
    title: "Set the timescale",
    links: oneLink("Set the timescale"),
    done: () => "The timescale has been set.",
  },
  form: {
    view: (ctx) => {
      const a = available(ctx, "set_deadline");
      const ids = a && a.action === "set_deadline" ? a.deadlineIds : [];
      const labels = ctx.view.deadlines.filter((d) => ids.includes(d.deadlineId));
      const fields: FieldSpec[] =
        ids.length === 1
          ? [{ kind: "hidden", name: "deadlineId", value: ids[0] as string }]
          : [{ kind: "radios", name: "deadlineId", label: "Which timescale?", options: labels.map((d) => ({ value: d.deadlineId, label: d.label })) }];
      fields.push(
        {
          kind: "datetime",
          name: "dueAt",
          label: ids.length === 1 ? `When must "${labels[0]?.label ?? "it"}" be done by?` : "When is it due?",
          hint: dateExample(ctx, 7),
        },
        { kind: "textarea", name: "note", label: "Note (optional)", hint: "For example, how the timescale was agreed.", maxLength: LIMITS.long },
      );
      return { heading: "Set the timescale", submitLabel: "Set the timescale", fields };
    },
    toInput: (f): FormInputOf<typeof SetDeadlineInput> => ({
      deadlineId: f.optional("deadlineId"),
      dueAt: f.date("dueAt", true, DATE_SUBJECTS.timescale),
      note: f.optional("note"),
    }),
  },
});
