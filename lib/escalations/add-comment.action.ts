/** Adding a comment: its API command, page, link and form (the use case is add-comment.ts). */
import { defineAction, oneLink, type FormInputOf } from "./action-descriptor";
import { addComment, AddCommentInput } from "./add-comment";
import { LIMITS } from "./schemas";

export const addCommentAction = defineAction({
  name: "comment",
  run: addComment,
  input: AddCommentInput,
  api: { path: "comments", operationId: "addComment", summary: "Add a comment (or a correction of an earlier entry)", token: "comment" },
  page: {
    slug: "comment",
    title: "Add a comment",
    links: oneLink("Add a comment"),
    done: () => "Your comment has been added.",
  },
  form: {
    view: () => ({
      heading: "Add a comment",
      submitLabel: "Add the comment",
      fields: [{ kind: "textarea", name: "text", label: "Your comment", hint: "Everyone who can see this dispute can read it.", maxLength: LIMITS.long }],
    }),
    toInput: (f): FormInputOf<typeof AddCommentInput> => ({ text: f.optional("text") }),
  },
});
