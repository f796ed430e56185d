import { describe, expect, it } from "vitest";
import { tooLongLimit, tooLongMessage } from "../../../lib/escalations/schemas";
import { nameTooLong, withPlainLineBreaks } from "../../../lib/views/field-messages";
import type { FieldSpec } from "../../../lib/views/form-spec";

const FIELDS: FieldSpec[] = [
  { kind: "textarea", name: "text", label: "Your comment", maxLength: 5000 },
  { kind: "textarea", name: "said", label: "What was discussed?", maxLength: 5000 },
  { kind: "text", name: "with", label: "Who did you speak with?" },
  { kind: "textarea", name: "agreed", label: "What was agreed? (optional)", maxLength: 5000 },
  {
    kind: "repeat",
    name: "actions",
    itemLabel: "Agreed action",
    min: 0,
    max: 5,
    addLabel: "Add an agreed action",
    fields: [{ kind: "textarea", name: "description", label: "What was agreed?", maxLength: 5000 }],
  },
];

describe("the too-long message", () => {
  it("is the use case's, with the limit written as people read it, and reads back", () => {
    expect(tooLongMessage(5000)).toBe("This must be 5,000 characters or fewer.");
    expect(tooLongMessage(200, "Your comment")).toBe("Your comment must be 200 characters or fewer.");
    expect(tooLongLimit("This must be 5,000 characters or fewer.")).toBe(5000);
    expect(tooLongLimit("Enter your comment.")).toBeNull();
  });

  it("on a form, names the field by its label, as the form shows it", () => {
    expect(
      nameTooLong(
        {
          text: "This must be 5,000 characters or fewer.",
          said: "This must be 5,000 characters or fewer.",
          with: "This must be 200 characters or fewer.",
          agreed: "This must be 5,000 characters or fewer.",
          "actions-1-description": "This must be 5,000 characters or fewer.",
        },
        FIELDS,
        { actions: 2 },
      ),
    ).toEqual({
      text: "Your comment must be 5,000 characters or fewer.",
      said: 'Your answer to "What was discussed?" must be 5,000 characters or fewer.',
      with: 'Your answer to "Who did you speak with?" must be 200 characters or fewer.',
      agreed: 'Your answer to "What was agreed?" must be 5,000 characters or fewer.',
      "actions-1-description": 'Your answer to "What was agreed?" must be 5,000 characters or fewer.',
    });
  });

  it("leaves every other message, and an error on no field of the form, as it was", () => {
    const errors = { text: "Enter your comment.", elsewhere: "This must be 5,000 characters or fewer." };
    expect(nameTooLong(errors, FIELDS)).toEqual(errors);
  });
});

describe("line breaks as posted", () => {
  it("become one character each, as the character count counts them", () => {
    expect(withPlainLineBreaks({ text: "one\r\ntwo\rthree\nfour", list: ["a\r\nb", "c"] })).toEqual({ text: "one\ntwo\nthree\nfour", list: ["a\nb", "c"] });
  });
});
