import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayFromIso, formatDayLong, isIsoDate, isoFromDay, weekdayOf } from "@/lib/calendar/days";

describe("day numbers", () => {
  it("agree with Date.UTC for any date from 1900 to 2300", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1) / 864e5, max: Date.UTC(2300, 0, 1) / 864e5 }), (day) => {
        const iso = new Date(day * 864e5).toISOString().slice(0, 10);
        expect(isoFromDay(day)).toBe(iso);
        expect(dayFromIso(iso)).toBe(day);
        expect(weekdayOf(day)).toBe((new Date(day * 864e5).getUTCDay() + 6) % 7);
      }),
    );
  });

  it("accept real dates only", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2025-02-29")).toBe(false);
    expect(isIsoDate("2026-13-01")).toBe(false);
    expect(isIsoDate("2026-1-01")).toBe(false);
    expect(() => dayFromIso("2026-02-30")).toThrow(RangeError);
  });

  it("print dates in British English", () => {
    expect(formatDayLong(dayFromIso("2026-01-07"))).toBe("Wednesday 7 January 2026");
    expect(formatDayLong(dayFromIso("2025-12-25"), false)).toBe("Thursday 25 December");
  });
});
