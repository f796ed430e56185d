import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayFromIso, isWeekend, isoFromDay } from "@/lib/calendar/days";
import { WorkingCalendar } from "@/lib/calendar/working-calendar";
import { realCalendar } from "./helpers";

const ew = new WorkingCalendar(realCalendar("england-and-wales"));
const scotland = new WorkingCalendar(realCalendar("scotland"));

describe("WorkingCalendar", () => {
  it("skips Christmas Day and Boxing Day, naming them, and the weekend", () => {
    const r = ew.addWorkingDays("2025-12-22", 5);
    expect(r.date).toBe("2025-12-31");
    expect(r.skipped).toEqual([
      { date: "2025-12-25", reason: "Christmas Day" },
      { date: "2025-12-26", reason: "Boxing Day" },
      { date: "2025-12-27", reason: "weekend" },
      { date: "2025-12-28", reason: "weekend" },
    ]);
    expect(r.warnings).toEqual([]);
  });

  it("skips New Year's Day across the year end", () => {
    expect(ew.addWorkingDays("2025-12-31", 1).date).toBe("2026-01-02");
  });

  it("skips Good Friday and Easter Monday", () => {
    const r = ew.addWorkingDays("2026-04-02", 1);
    expect(r.date).toBe("2026-04-07");
    expect(r.skipped.filter((s) => s.reason !== "weekend").map((s) => s.reason)).toEqual(["Good Friday", "Easter Monday"]);
  });

  it("skips substitute days when Christmas falls at a weekend", () => {
    expect(ew.addWorkingDays("2026-12-24", 1).date).toBe("2026-12-29"); // 28th: Boxing Day (substitute day)
    expect(ew.addWorkingDays("2027-12-24", 1).date).toBe("2027-12-29"); // 27th and 28th: substitutes
    expect(ew.nonWorkingReason("2027-12-27")).toBe("Christmas Day (substitute day)");
  });

  it("uses each jurisdiction's own holidays (Scotland's 2 January substitute)", () => {
    expect(ew.addWorkingDays("2026-12-31", 1).date).toBe("2027-01-04");
    expect(scotland.addWorkingDays("2026-12-31", 1).date).toBe("2027-01-05");
  });

  it("never counts the starting day, working or not", () => {
    expect(ew.addWorkingDays("2026-01-05", 1).date).toBe("2026-01-06"); // Monday → Tuesday
    expect(ew.addWorkingDays("2026-01-03", 1).date).toBe("2026-01-05"); // Saturday → Monday
    expect(ew.addWorkingDays("2026-01-04", 1).date).toBe("2026-01-05"); // Sunday → Monday
  });

  it("counts backwards and by zero", () => {
    expect(ew.addWorkingDays("2026-01-05", -1).date).toBe("2026-01-02");
    expect(ew.addWorkingDays("2026-01-03", -1).date).toBe("2026-01-02");
    expect(ew.addWorkingDays("2026-01-05", 0)).toEqual({ date: "2026-01-05", skipped: [], warnings: [] });
  });

  it("counts working days between two dates, signed", () => {
    expect(ew.workingDaysBetween("2025-12-22", "2025-12-31")).toBe(5);
    expect(ew.workingDaysBetween("2025-12-31", "2025-12-22")).toBe(-5);
    expect(ew.workingDaysBetween("2026-01-05", "2026-01-05")).toBe(0);
  });

  it("takes partnership closures off as well, with their reasons", () => {
    const withClosures = new WorkingCalendar(realCalendar("england-and-wales"), [
      { date: "2026-12-29", reason: "Council offices closed" },
      { date: "2026-12-25", reason: "Also closed" },
    ]);
    const r = withClosures.addWorkingDays("2026-12-24", 1);
    expect(r.date).toBe("2026-12-30");
    expect(r.skipped.map((s) => s.reason)).toEqual(["Christmas Day", "weekend", "weekend", "Boxing Day (substitute day)", "Council offices closed"]);
    expect(withClosures.isWorkingDay("2026-12-29")).toBe(false);
    expect(ew.isWorkingDay("2026-12-29")).toBe(true);
  });

  it("knows which years it covers and warns, never silently, outside them", () => {
    expect(ew.covers(2028)).toBe(true);
    expect(ew.covers(2029)).toBe(false);
    expect(ew.addWorkingDays("2028-12-28", 5).warnings).toEqual([
      "No holiday data for England and Wales in 2029: the due date assumes no public holidays that year; check it.",
    ]);
    expect(ew.addWorkingDays("2019-12-30", 1).warnings).toEqual([
      "No holiday data for England and Wales in 2019: the due date assumes no public holidays that year; check it.",
    ]);
    expect(ew.addWorkingDays("2029-06-01", 1).warnings).toHaveLength(1);
    expect(ew.addWorkingDays("2028-06-01", 1).warnings).toEqual([]);
  });

  it("refuses dates it cannot count, with a reason", () => {
    expect(() => ew.addWorkingDays("2101-01-03", 1)).toThrow(/outside the years this calendar can count/);
    expect(() => ew.addWorkingDays("2026-01-05", 1.5)).toThrow(/whole number/);
  });

  it("agrees with a day-by-day count for any date, count and closures", () => {
    const data = realCalendar("isle-of-man");
    fc.assert(
      fc.property(
        fc.integer({ min: dayFromIso("2018-01-01"), max: dayFromIso("2030-12-31") }),
        fc.integer({ min: -25, max: 25 }),
        fc.uniqueArray(fc.integer({ min: dayFromIso("2018-01-01"), max: dayFromIso("2031-03-31") }), { maxLength: 10 }),
        (start, n, closureDays) => {
          const closures = closureDays.map((d) => ({ date: isoFromDay(d), reason: "closed" }));
          const cal = new WorkingCalendar(data, closures);
          const off = new Set([...data.holidays.map((h) => dayFromIso(h.date)), ...closureDays]);
          const working = (d: number) => !isWeekend(d) && !off.has(d);
          let day = start;
          const step = n >= 0 ? 1 : -1;
          for (let counted = 0; counted < Math.abs(n);) {
            day += step;
            if (working(day)) counted++;
          }
          const result = cal.addWorkingDays(isoFromDay(start), n);
          expect(result.date).toBe(isoFromDay(day));
          const [lo, hi] = start <= day ? [start, day] : [day, start];
          const expectedSkipped = [];
          for (let d = lo + 1; d < hi; d++) if (!working(d)) expectedSkipped.push(isoFromDay(d));
          expect(result.skipped.map((s) => s.date)).toEqual(expectedSkipped);
          // Signed count of working days in (from, to], or minus those in (to, from].
          let between = 0;
          for (let d = lo + 1; d <= hi; d++) if (working(d)) between++;
          expect(cal.workingDaysBetween(isoFromDay(start), isoFromDay(day))).toBe(start <= day ? between : 0 - between);
          if (n >= 0) expect(between).toBe(n);
        },
      ),
      { numRuns: 300 },
    );
  });
});
