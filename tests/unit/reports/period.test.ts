import { describe, expect, it } from "vitest";
import { monthsOf, periodQuery, readPeriod } from "../../../lib/reports/period";
import { percentiles } from "../../../lib/reports/report";

const LONDON = "Europe/London";
const at = (iso: string) => new Date(iso);
const read = (query: Record<string, string>, now = "2026-11-29T12:00:00Z") => {
  const r = readPeriod(query, at(now), LONDON);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.period;
};

describe("a report's period", () => {
  it("reads the named periods from today in the partnership's time zone", () => {
    expect(read({ period: "this-quarter" })).toMatchObject({ firstDay: "2026-10-01", lastDay: "2026-12-31", label: "1 October 2026 to 31 December 2026" });
    expect(read({ period: "last-quarter" })).toMatchObject({ firstDay: "2026-07-01", lastDay: "2026-09-30" });
    expect(read({ period: "last-quarter" }, "2026-02-10T12:00:00Z")).toMatchObject({ firstDay: "2025-10-01", lastDay: "2025-12-31" });
    expect(read({ period: "this-year" })).toMatchObject({ firstDay: "2026-01-01", lastDay: "2026-12-31" });
    expect(read({ period: "reporting-year" })).toMatchObject({ firstDay: "2026-04-01", lastDay: "2027-03-31" });
    // 11:30pm BST on 31 March is still last year; half past midnight on 1 April is the new one.
    expect(read({ period: "reporting-year" }, "2026-03-31T22:30:00Z")).toMatchObject({ firstDay: "2025-04-01" });
    expect(read({ period: "reporting-year" }, "2026-03-31T23:30:00Z")).toMatchObject({ firstDay: "2026-04-01" });
    expect(read({ period: "last-reporting-year" })).toMatchObject({ firstDay: "2025-04-01", lastDay: "2026-03-31" });
  });

  it("is this reporting year when the address names none, or one it does not know", () => {
    expect(read({}).kind).toBe("reporting-year");
    expect(read({ period: "fortnight" }).kind).toBe("reporting-year");
  });

  it("runs from local midnight to local midnight, across the clock change", () => {
    const summer = read({ period: "dates", "from.day": "1", "from.month": "4", "from.year": "2026", "to.day": "31", "to.month": "10", "to.year": "2026" });
    expect(summer.from.toISOString()).toBe("2026-03-31T23:00:00.000Z"); // midnight BST
    expect(summer.to.toISOString()).toBe("2026-11-01T00:00:00.000Z"); // midnight GMT
  });

  it("refuses dates it cannot use, saying which and why", () => {
    const bad = (q: Record<string, string>) => {
      const r = readPeriod({ period: "dates", ...q }, at("2026-11-29T12:00:00Z"), LONDON);
      return r.ok ? null : r.errors;
    };
    expect(bad({})).toEqual([
      { field: "from", message: "Enter the start date" },
      { field: "to", message: "Enter the end date" },
    ]);
    expect(bad({ "from.day": "31", "from.month": "2", "from.year": "2026", "to.day": "1", "to.month": "3", "to.year": "2026" })).toEqual([
      { field: "from", message: "Start date must be a real date" },
    ]);
    expect(bad({ "from.day": "2", "from.month": "3", "from.year": "2026", "to.day": "1", "to.month": "3", "to.year": "2026" })).toEqual([
      { field: "to", message: "End date must be the same as or after the start date" },
    ]);
    expect(bad({ "from.day": "1", "from.month": "1", "from.year": "2015", "to.day": "1", "to.month": "3", "to.year": "2026" })).toEqual([
      { field: "to", message: "End date must be within 5 years of the start date" },
    ]);
  });

  it("writes a period back into an address, and lists its months", () => {
    const p = read({ period: "dates", "from.day": "15", "from.month": "11", "from.year": "2025", "to.day": "3", "to.month": "2", "to.year": "2026" });
    expect(periodQuery(p).toString()).toBe("period=dates&from.day=15&from.month=11&from.year=2025&to.day=3&to.month=2&to.year=2026");
    expect(read(Object.fromEntries(periodQuery(p)))).toEqual(p);
    expect(monthsOf(p).map((m) => m.label)).toEqual(["November 2025", "December 2025", "January 2026", "February 2026"]);
  });
});

describe("median and 90th percentile", () => {
  it("take the nearest rank of a weighted list", () => {
    expect(percentiles([])).toEqual({ count: 0, median: null, p90: null });
    expect(
      percentiles([
        { days: 3, count: 1 },
        { days: 14, count: 1 },
      ]),
    ).toEqual({ count: 2, median: 3, p90: 14 });
    expect(
      percentiles([
        { days: 10, count: 1 },
        { days: 1, count: 9 },
      ]),
    ).toEqual({ count: 10, median: 1, p90: 1 });
    expect(
      percentiles([
        { days: 10, count: 2 },
        { days: 1, count: 9 },
      ]),
    ).toEqual({ count: 11, median: 1, p90: 10 });
  });
});
