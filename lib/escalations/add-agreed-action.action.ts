/** Adding an agreed action: its API command, page, link and form (the use case is add-agreed-action.ts). */
import { agreedActionFields, DATE_SUBJECTS } from "../views/dispute-form-parts";
import { defineAction, oneLink, type FormInputOf } from "./action-descriptor";
import { addAgreedAction, AddAgreedActionInput } from "./add-agreed-action";

export const addAgreedActionAction = defineAction({
  name: "add_agreed_action",
  run: addAgreedAction,
  input: AddAgreedActionInput,
  api: { path: "actions", operationId: "addAgreedAction", summary: "Add an agreed action" },
  page: {
    slug: "agreed-action",
    title: "Add an agreed action",
    links: oneLink("Add an agreed action"),
    done: () => "The agreed action has been added.",
  },
  form: {
    view: (ctx) => ({ heading: "Add an agreed action", submitLabel: "Add the action", fields: agreedActionFields(ctx, "") }),
    toInput: (f): FormInputOf<typeof AddAgreedActionInput> => ({
      description: f.optional("description"),
      ownerName: f.optional("ownerName"),
      ...(f.optional("ownerUserId") ? { ownerUserId: f.optional("ownerUserId") } : {}),
      dueDate: f.date("dueDate", false, DATE_SUBJECTS.action),
    }),
  },
});
