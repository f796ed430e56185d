import { describe, expect, it } from "vitest";
import type { FieldSpec } from "../../../lib/views/form-spec";
import { labelOf, unstorableTextErrors } from "../../../lib/views/form-text";

const FIELDS: FieldSpec[] = [
  { kind: "hidden", name: "toStageKey", value: "stage-2" },
  { kind: "textarea", name: "outcome", label: "What was decided, and why?" },
  { kind: "heading", text: "Agreed actions" },
  {
    kind: "repeat",
    name: "actions",
    itemLabel: "Agreed action",
    min: 0,
    max: 10,
    addLabel: "Add an agreed action",
    fields: [
      { kind: "textarea", name: "description", label: "What was agreed?" },
      { kind: "text", name: "ownerName", label: "Who will do it?" },
    ],
  },
  { kind: "checkboxes", name: "formsCompleted", label: "Forms completed", options: [{ value: "a", label: "A" }] },
  { kind: "textarea", name: "note", label: "Note (optional)" },
];

describe("labelOf", () => {
  it("finds a field's label, within repeated groups too", () => {
    expect(labelOf("outcome", FIELDS)).toBe("What was decided, and why?");
    expect(labelOf("actions.3.ownerName", FIELDS)).toBe("Who will do it?");
    expect(labelOf("toStageKey", FIELDS)).toBeNull();
    expect(labelOf("nothing", FIELDS)).toBeNull();
  });
});

describe("unstorableTextErrors", () => {
  it("is null when every value can be stored, line breaks and emoji included", () => {
    expect(unstorableTextErrors({ outcome: "Agreed.\r\n\tNext 👍", formsCompleted: ["a", "b"] }, FIELDS)).toBeNull();
  });

  it("puts the error on the field it was typed in, named by its label", () => {
    expect(unstorableTextErrors({ outcome: "Fine", note: "x\u0000" }, FIELDS)).toEqual({
      errors: { note: 'Note contains a character Parley cannot store (a null character, just after "x"). Remove it and try again.' },
    });
    expect(unstorableTextErrors({ outcome: "\ud83d" }, FIELDS)).toEqual({
      errors: {
        outcome:
          'Your answer to "What was decided, and why?" contains a character Parley cannot store (a broken character, such as half of an emoji, at the start). Remove it and try again.',
      },
    });
  });

  it("finds the field of a repeated item (by its id) and of one of several values", () => {
    expect(unstorableTextErrors({ "actions.1.ownerName": "Sam\u0007" }, FIELDS, { actions: 2 })?.errors).toEqual({
      "actions-1-ownerName": expect.stringMatching(/^Your answer to "Who will do it\?" contains .* \(an invisible control character, just after "Sam"\)/),
    });
    expect(unstorableTextErrors({ formsCompleted: ["a", "b\u0000"] }, FIELDS)?.errors).toEqual({
      formsCompleted: expect.stringMatching(/^Forms completed contains/),
    });
  });

  it("makes a value of no field on the form (hidden, unknown, a bad name) a message about the whole form", () => {
    const whole = "Something sent with this form contains a character Parley cannot store (a null character). Remove it and try again.";
    expect(unstorableTextErrors({ toStageKey: "stage-2\u0000" }, FIELDS)).toEqual({ errors: {}, message: whole });
    expect(unstorableTextErrors({ extra: "\u0000" }, FIELDS)).toEqual({ errors: {}, message: whole });
    expect(unstorableTextErrors({ "no\u0000te": "fine" }, FIELDS)).toEqual({ errors: {}, message: whole });
  });
});
