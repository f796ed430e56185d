import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { JURISDICTIONS } from "@/lib/calendar/jurisdictions";
import { loadJurisdictionCalendars, loadJurisdictionCalendarsWithErrors, parseClosuresFile, parseHolidayData } from "@/lib/calendar/holiday-data";
import { FIXTURES, realCalendars } from "./helpers";

describe("holiday calendars", () => {
  it("loads all six real calendars, each complete for 2020-2028", () => {
    const calendars = realCalendars();
    expect([...calendars.keys()].sort()).toEqual([...JURISDICTIONS].sort());
    for (const data of calendars.values()) expect(data.years).toEqual({ from: 2020, to: 2028 });
  });

  it("reports each problem in an invalid calendar with its path", () => {
    const result = parseHolidayData(fs.readFileSync(path.join(FIXTURES, "calendars/bad-calendar.yaml"), "utf8"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.messages).toEqual(
      expect.arrayContaining([
        "sources: must list at least 1 item",
        'holidays[0].date: expected a real date written YYYY-MM-DD, found "2026-02-30"',
        'holidays[2].colour: unknown field "colour" (check the spelling; field names are case-sensitive)',
      ]),
    );
  });

  it("reports the cross-field rules once the shape is right", () => {
    const result = parseHolidayData(
      "jurisdiction: x\nname: X\nsources: [a]\nyears: { from: 2026, to: 2025 }\nholidays:\n  - { date: 2026-01-01, name: A }\n  - { date: 2026-01-01, name: B }\n",
    );
    expect(result.ok ? [] : result.messages).toEqual([
      "years.to: must not be before years.from (2026)",
      "holidays[1].date: 2026-01-01 is listed twice (also holidays[0]); list each date once",
    ]);
  });

  it("keeps loading the good files when one is invalid, and names the bad one", () => {
    const { calendars, errors } = loadJurisdictionCalendarsWithErrors(path.join(FIXTURES, "calendars"));
    expect([...calendars.keys()]).toEqual(["england-and-wales"]);
    expect(errors.map((e) => path.basename(e.file))).toEqual(["bad-calendar.yaml"]);
    expect(() => loadJurisdictionCalendars(path.join(FIXTURES, "calendars"))).toThrow(/bad-calendar\.yaml: sources/);
  });

  it("rejects a file whose jurisdiction does not match its name", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-cal-"));
    fs.copyFileSync(path.join(FIXTURES, "calendars/england-and-wales.yaml"), path.join(dir, "scotland.yaml"));
    const { errors } = loadJurisdictionCalendarsWithErrors(dir);
    expect(errors[0]?.messages).toEqual(['jurisdiction: expected "scotland" to match the file name, found "england-and-wales"']);
  });

  it("validates closures files", () => {
    expect(parseClosuresFile("partnership: alpha\nclosures:\n  - { date: 2026-12-29, reason: Closed }\n").ok).toBe(true);
    const bad = parseClosuresFile("partnership: alpha\nclosures:\n  - { date: 2026-12-29 }\n  - { date: 2026-12-29, reason: Again }\n");
    expect(bad.ok ? [] : bad.messages).toEqual(["closures[0].reason: required, but missing"]);
  });
});
