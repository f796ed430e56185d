import { describe, expect, it } from "vitest";
import {
  errorsByField,
  fieldId,
  fieldNames,
  formValuesOf,
  intentOf,
  list,
  optional,
  orderedErrors,
  repeatIndexes,
  repeatIntent,
  text,
  wholeNumber,
  type FieldSpec,
} from "../../../lib/views/form-spec";

function form(entries: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

describe("reading a posted form", () => {
  it("keeps the fields, every value of a repeated name, and leaves out Next.js's own entries and the button pressed", () => {
    const values = formValuesOf(
      form([
        ["$ACTION_REF_1", ""],
        ["$ACTION_KEY", "k"],
        ["_intent", "add:subjects"],
        ["with", " Sam Riley "],
        ["areas", "levels-of-need"],
        ["areas", "other"],
      ]),
    );
    expect(values).toEqual({ with: " Sam Riley ", areas: ["levels-of-need", "other"] });
    expect(text(values, "with")).toBe("Sam Riley");
    expect(optional(values, "missing")).toBeUndefined();
    expect(list(values, "areas")).toEqual(["levels-of-need", "other"]);
    expect(list(values, "with")).toEqual(["Sam Riley"]);
  });

  it("says which button was pressed", () => {
    expect(intentOf(form([["_intent", "remove:subjects:1"]]))).toBe("remove:subjects:1");
    expect(intentOf(form([["with", "x"]]))).toBeNull();
  });

  it("reads whole numbers, and leaves anything else as typed so the use case can say what is wrong", () => {
    expect(wholeNumber({ y: "2016" }, "y")).toBe(2016);
    expect(wholeNumber({ y: "twenty" }, "y")).toBe("twenty");
    expect(wholeNumber({ y: "" }, "y")).toBeUndefined();
  });

  it("finds the items of a repeated group", () => {
    expect(repeatIndexes({ "subjects.0.initials": "a", "subjects.2.initials": "b", "subjects.0.kind": "child", other: "x" }, "subjects")).toEqual([0, 2]);
  });
});

describe("field errors", () => {
  const fields: FieldSpec[] = [
    { kind: "radios", name: "areas", label: "Areas", options: [] },
    { kind: "text", name: "areaOther", label: "Other" },
    {
      kind: "repeat",
      name: "subjects",
      itemLabel: "Child",
      min: 1,
      max: 10,
      addLabel: "Add",
      fields: [
        { kind: "hidden", name: "kind", value: "child" },
        { kind: "text", name: "initials", label: "Initials" },
        { kind: "text", name: "yearOfBirth", label: "Year" },
      ],
    },
  ];

  it("lists the names a form posts, repeated groups expanded", () => {
    expect(fieldNames(fields, { subjects: 2 })).toEqual([
      "areas",
      "areaOther",
      "subjects.0.initials",
      "subjects.0.yearOfBirth",
      "subjects.1.initials",
      "subjects.1.yearOfBirth",
    ]);
  });

  it("gives each use-case path to its field, the field it lies within, or the first field of its group", () => {
    const names = fieldNames(fields, { subjects: 2 });
    const { errors, message } = errorsByField(
      {
        "areas.1": "Not an area.",
        "subjects.1.yearOfBirth": "Enter a year.",
        subjects: "Add the child.",
        _: "Reload the page.",
      },
      names,
    );
    expect(errors).toEqual({ areas: "Not an area.", "subjects-1-yearOfBirth": "Enter a year.", "subjects-0-initials": "Add the child." });
    expect(message).toBe("Reload the page.");
  });

  it("follows aliases for paths the form does not have", () => {
    const { errors } = errorsByField({ "subjects.0.caseReferences.0.reference": "Too long." }, ["subjects.0.refRaising"], {
      "subjects.0.caseReferences.0.reference": "subjects.0.refRaising",
    });
    expect(errors).toEqual({ "subjects-0-refRaising": "Too long." });
  });

  it("orders errors as the fields appear on the page", () => {
    expect(orderedErrors({ areaOther: "b", areas: "a", elsewhere: "c" }, ["areas", "areaOther"])).toEqual([
      { field: "areas", message: "a" },
      { field: "areaOther", message: "b" },
      { field: "elsewhere", message: "c" },
    ]);
    expect(fieldId("owners.raising.userId")).toBe("owners-raising-userId");
  });
});

describe("add another and remove", () => {
  const limits = { subjects: { min: 1, max: 3 } };

  it("adds an item up to the limit, keeping what was typed", () => {
    const values = { "subjects.0.initials": "JS" };
    expect(repeatIntent("add:subjects", { values, counts: { subjects: 1 } }, limits)).toEqual({ values, counts: { subjects: 2 }, focus: "subjects-item-1" });
    expect(repeatIntent("add:subjects", { values, counts: { subjects: 3 } }, limits)?.counts).toEqual({ subjects: 3 });
  });

  it("removes an item, moving the later ones up", () => {
    const values = { "subjects.0.initials": "AA", "subjects.1.initials": "BB", "subjects.2.initials": "CC", other: "x" };
    expect(repeatIntent("remove:subjects:1", { values, counts: { subjects: 3 } }, limits)).toEqual({
      values: { "subjects.0.initials": "AA", "subjects.1.initials": "CC", other: "x" },
      counts: { subjects: 2 },
      focus: "subjects-item-1",
    });
    // Removing the last item sends focus to the item before it; removing the only one, to "Add another".
    expect(repeatIntent("remove:subjects:2", { values, counts: { subjects: 3 } }, limits)?.focus).toBe("subjects-item-1");
    expect(repeatIntent("remove:actions:0", { values: {}, counts: { actions: 1 } }, { actions: { min: 0, max: 5 } })?.focus).toBe("actions-add");
  });

  it("never goes below the minimum, and ignores what it does not know", () => {
    const values = { "subjects.0.initials": "AA" };
    expect(repeatIntent("remove:subjects:0", { values, counts: { subjects: 1 } }, limits)).toEqual({ values, counts: { subjects: 1 } });
    expect(repeatIntent("add:unknown", { values, counts: {} }, limits)).toBeNull();
  });
});
