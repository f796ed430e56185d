import { describe, expect, it } from "vitest";
import { dateFieldsOf, datePartsInError, minuteOfDay, monthNumber, readDateParts } from "../../../lib/views/date-input";
import type { FieldSpec, FormValues } from "../../../lib/views/form-spec";

const SUBJECT = "Date of the discussion";

/** The boxes of "occurredAt" as posted. */
function posted(day: string, month: string, year: string, time?: string): FormValues {
  return {
    "occurredAt.day": day,
    "occurredAt.month": month,
    "occurredAt.year": year,
    ...(time === undefined ? {} : { "occurredAt.time": time }),
  };
}

const read = (day: string, month: string, year: string, time?: string) =>
  readDateParts(posted(day, month, year, time), "occurredAt", time !== undefined, SUBJECT);

describe("reading a date from its Day, Month and Year boxes", () => {
  it("gives the date as YYYY-MM-DD, with or without leading zeros and spaces, or with the month as a word", () => {
    expect(read("4", "6", "2026")).toEqual({ kind: "ok", value: "2026-06-04" });
    expect(read(" 04 ", "06", "2026")).toEqual({ kind: "ok", value: "2026-06-04" });
    expect(read("4", "June", "2026")).toEqual({ kind: "ok", value: "2026-06-04" });
    expect(read("29", "feb", "2028")).toEqual({ kind: "ok", value: "2028-02-29" });
    expect(read("1", "Sept", "2026")).toEqual({ kind: "ok", value: "2026-09-01" });
  });

  it("asks for the date when nothing was typed", () => {
    expect(read("", "", "")).toEqual({ kind: "problem", message: "Enter the date of the discussion", parts: ["day", "month", "year"] });
  });

  it("names each part that is missing, and marks only those boxes", () => {
    expect(read("4", "", "2026")).toEqual({ kind: "problem", message: "Date of the discussion must include a month", parts: ["month"] });
    expect(read("", "6", "2026")).toEqual({ kind: "problem", message: "Date of the discussion must include a day", parts: ["day"] });
    expect(read("4", "6", "")).toEqual({ kind: "problem", message: "Date of the discussion must include a year", parts: ["year"] });
    expect(read("", "", "2026")).toEqual({ kind: "problem", message: "Date of the discussion must include a day and month", parts: ["day", "month"] });
    expect(read("4", "", "")).toEqual({ kind: "problem", message: "Date of the discussion must include a month and year", parts: ["month", "year"] });
  });

  it("says it must be a real date when a part is not a number in range, or the day is not in that month", () => {
    expect(read("32", "6", "2026")).toEqual({ kind: "problem", message: "Date of the discussion must be a real date", parts: ["day"] });
    expect(read("4", "13", "2026")).toEqual({ kind: "problem", message: "Date of the discussion must be a real date", parts: ["month"] });
    expect(read("four", "Junuary", "2026")).toEqual({ kind: "problem", message: "Date of the discussion must be a real date", parts: ["day", "month"] });
    expect(read("31", "6", "2026")).toEqual({ kind: "problem", message: "Date of the discussion must be a real date", parts: ["day", "month", "year"] });
    expect(read("29", "2", "2027")).toEqual({ kind: "problem", message: "Date of the discussion must be a real date", parts: ["day", "month", "year"] });
  });

  it("wants a year of 4 numbers", () => {
    expect(read("4", "6", "26")).toEqual({ kind: "problem", message: "Date of the discussion must include a year with 4 numbers", parts: ["year"] });
    expect(read("4", "6", "20266")).toEqual({ kind: "problem", message: "Date of the discussion must include a year with 4 numbers", parts: ["year"] });
  });

  it("words the messages from the subject it is given", () => {
    const values = { "dueDate.day": "8", "dueDate.month": "", "dueDate.year": "2026" };
    expect(readDateParts(values, "dueDate", false, "Date the action is due")).toMatchObject({ message: "Date the action is due must include a month" });
    expect(readDateParts({}, "dueDate", false, "Date the action is due")).toMatchObject({ message: "Enter the date the action is due" });
  });
});

describe("reading a moment in time: the date and a Time box", () => {
  it("gives local date and time, for the use case to read in the partnership's time zone", () => {
    expect(read("4", "6", "2026", "10:30am")).toEqual({ kind: "ok", value: "2026-06-04T10:30" });
    expect(read("4", "6", "2026", "14:30")).toEqual({ kind: "ok", value: "2026-06-04T14:30" });
    expect(read("4", "6", "2026", "midnight")).toEqual({ kind: "ok", value: "2026-06-04T00:00" });
  });

  it("asks for the date and time when nothing was typed, and for the part left out otherwise", () => {
    expect(read("", "", "", "")).toEqual({ kind: "problem", message: "Enter the date and time of the discussion", parts: ["day", "month", "year", "time"] });
    expect(read("", "", "", "9am")).toEqual({ kind: "problem", message: "Enter the date of the discussion", parts: ["day", "month", "year"] });
    expect(read("4", "6", "2026", "")).toEqual({ kind: "problem", message: "Enter the time of the discussion", parts: ["time"] });
  });

  it("says what is wrong with the date before what is wrong with the time", () => {
    expect(read("4", "", "2026", "25:00")).toMatchObject({ message: "Date of the discussion must include a month", parts: ["month"] });
    expect(read("4", "6", "2026", "25:00")).toEqual({
      kind: "problem",
      message: "Time of the discussion must be a real time, for example 10:30am or 14:30",
      parts: ["time"],
    });
  });
});

describe("times as people write them", () => {
  it("reads the 12-hour clock with am or pm, however written", () => {
    for (const [text, minute] of [
      ["10:30am", 630],
      ["10.30 am", 630],
      ["10:30 AM", 630],
      ["10am", 600],
      ["2:30 p.m.", 870],
      ["12pm", 720],
      ["12:15am", 15],
      ["midday", 720],
      ["noon", 720],
      ["12 noon", 720],
      ["midnight", 0],
    ] as const) {
      expect(minuteOfDay(text), text).toBe(minute);
    }
  });

  it("reads the 24-hour clock without am or pm", () => {
    expect(minuteOfDay("14:30")).toBe(870);
    expect(minuteOfDay("09:05")).toBe(545);
    expect(minuteOfDay("1430")).toBe(870);
    expect(minuteOfDay("9")).toBe(540);
    expect(minuteOfDay("0:00")).toBe(0);
  });

  it("refuses what is not a time", () => {
    for (const text of ["", "25:00", "10:60", "13pm", "0am", "teatime", "10:3", "10:30:15", "-1"]) expect(minuteOfDay(text), text).toBeNull();
  });
});

describe("months as people write them", () => {
  it("takes a number or the name, in full or its first three letters", () => {
    expect(monthNumber("1")).toBe(1);
    expect(monthNumber("012")).toBeNull();
    expect(monthNumber("December")).toBe(12);
    expect(monthNumber("dec")).toBe(12);
    expect(monthNumber("Dec.")).toBe(12);
    expect(monthNumber("de")).toBeNull();
    expect(monthNumber("0")).toBeNull();
  });
});

describe("which boxes to mark when the form comes back with an error", () => {
  it("the boxes the reading finds wrong", () => {
    expect(datePartsInError(posted("4", "", "2026", "9am"), "occurredAt", true, "Date of the discussion must include a month")).toEqual(["month"]);
  });

  it("for a readable date the use case refused: the time's box for the time, else the date's boxes", () => {
    const values = posted("4", "6", "2026", "9am");
    expect(datePartsInError(values, "occurredAt", true, "Time of the discussion must be now or earlier: it is 8am now.")).toEqual(["time"]);
    expect(datePartsInError(values, "occurredAt", true, "Date of the discussion must be today or in the past.")).toEqual(["day", "month", "year"]);
  });

  it("none without an error", () => {
    expect(datePartsInError(posted("", "", ""), "occurredAt", false, undefined)).toEqual([]);
  });
});

describe("the date questions of a form", () => {
  it("are found, within each item of a repeated group too", () => {
    const fields: FieldSpec[] = [
      { kind: "datetime", name: "occurredAt", label: "When?" },
      {
        kind: "repeat",
        name: "actions",
        itemLabel: "Agreed action",
        min: 0,
        max: 5,
        addLabel: "Add",
        fields: [{ kind: "date", name: "dueDate", label: "When is it due?" }],
      },
    ];
    expect(dateFieldsOf(fields, { actions: 2 })).toEqual([
      { name: "occurredAt", id: "occurredAt", withTime: true },
      { name: "actions.0.dueDate", id: "actions-0-dueDate", withTime: false },
      { name: "actions.1.dueDate", id: "actions-1-dueDate", withTime: false },
    ]);
  });
});
