import { describe, expect, it } from "vitest";
import { contactsSourceOf, CONTACTS_SOURCE_LABELS, explainContacts } from "../../lib/agencies/contacts-explained";
import { normaliseTimeOfDay } from "../../lib/notices/admin";
import { addContactFields, addContactInput, noticeSettingsFields, noticeSettingsInput, noticeSettingsValues } from "../../lib/views/admin-contacts";
import { fieldNames } from "../../lib/views/form-spec";

describe("who an agency's escalation contacts are, in words", () => {
  it("takes the source from the effective contacts; none at all is an agency not on Parley", () => {
    expect(contactsSourceOf([{ source: "managers" }, { source: "managers" }])).toBe("managers");
    expect(contactsSourceOf([])).toBe("nobody");
    expect(CONTACTS_SOURCE_LABELS.nobody).toBe("nobody on Parley: disputes raised against it go to the business manager");
  });

  it("says why the defaults apply, including when named contacts no longer count", () => {
    expect(explainContacts("named", 2)).toMatch(/go to its named contacts/);
    expect(explainContacts("managers", 0)).toBe("Nobody is named, so disputes raised against this agency go to its managers.");
    expect(explainContacts("managers", 1)).toBe("None of its named contacts can take disputes now, so they go to its managers.");
    expect(explainContacts("members", 0)).toMatch(/^Nobody is named and it has no managers on Parley, so .* all its members\.$/);
    expect(explainContacts("members", 1)).toMatch(/^None of its named contacts can take disputes now, and it has no managers/);
    expect(explainContacts("nobody", 0)).toMatch(/business manager/);
  });
});

describe("notice hours as typed", () => {
  it.each([
    ["8:00", "08:00"],
    ["08:00", "08:00"],
    ["8.30", "08:30"],
    ["0830", "08:30"],
    [" 17:45 ", "17:45"],
    ["25:00", "25:00"],
    ["8am", "8am"],
    ["", ""],
  ])("%j is stored as %j", (typed, stored) => {
    expect(normaliseTimeOfDay(typed)).toBe(stored);
  });
});

describe("the administration forms", () => {
  it("offers each eligible person with their roles, and posts the agency from the page", () => {
    const fields = addContactFields([{ userId: "u1", name: "DC Jamie Fraser", email: "j@x", roles: ["practitioner", "manager"] }]);
    expect(fieldNames(fields)).toEqual(["userId", "duty"]);
    expect(fields[0]).toMatchObject({ kind: "select", options: [{ value: "u1", label: "DC Jamie Fraser (Practitioner, Manager)" }] });
    expect(addContactInput("a1", { userId: "u1", duty: " DSL ", agencyId: "elsewhere" })).toEqual({ agencyId: "a1", userId: "u1", duty: "DSL" });
  });

  it("shows the settings as text and posts the number of days as a number, or as typed for validation to name", () => {
    expect(fieldNames(noticeSettingsFields("Europe/London"))).toEqual(["noticeHoursStart", "noticeHoursEnd", "warnWorkingDays"]);
    expect(noticeSettingsValues({ noticeHoursStart: "08:00", noticeHoursEnd: "18:00", warnWorkingDays: 1 })).toEqual({
      noticeHoursStart: "08:00",
      noticeHoursEnd: "18:00",
      warnWorkingDays: "1",
    });
    expect(noticeSettingsInput({ noticeHoursStart: "9:00", noticeHoursEnd: "17:00", warnWorkingDays: "2" })).toEqual({
      noticeHoursStart: "9:00",
      noticeHoursEnd: "17:00",
      warnWorkingDays: 2,
    });
    expect(noticeSettingsInput({ noticeHoursStart: "", noticeHoursEnd: "", warnWorkingDays: "two" }).warnWorkingDays).toBe("two");
    expect(noticeSettingsInput({}).warnWorkingDays).toBeUndefined();
  });
});
