import { describe, expect, it } from "vitest";
import { dayFromIso, isoFromDay } from "@/lib/calendar/days";
import { ZoneClock, isValidTimeZone } from "@/lib/calendar/time-zone";

const london = ZoneClock.for("Europe/London");
const at = (iso: string) => Date.parse(iso);

describe("ZoneClock (Europe/London)", () => {
  it("changes offset at 01:00 UTC on the last Sunday of March and of October", () => {
    expect(london.offsetMinutes(at("2026-03-29T00:59:59Z"))).toBe(0);
    expect(london.offsetMinutes(at("2026-03-29T01:00:00Z"))).toBe(60);
    expect(london.offsetMinutes(at("2026-10-25T00:59:59Z"))).toBe(60);
    expect(london.offsetMinutes(at("2026-10-25T01:00:00Z"))).toBe(0);
  });

  it("gives the local date, which in summer runs an hour ahead of UTC", () => {
    expect(isoFromDay(london.localDay(at("2026-06-30T23:30:00Z")))).toBe("2026-07-01");
    expect(isoFromDay(london.localDay(at("2026-12-31T23:30:00Z")))).toBe("2026-12-31");
  });

  it("finds the instant of a local time, on both sides of each clock change", () => {
    expect(london.isoWithOffset(london.instantAt(dayFromIso("2026-03-27"), 17 * 60))).toBe("2026-03-27T17:00:00+00:00");
    expect(london.isoWithOffset(london.instantAt(dayFromIso("2026-03-30"), 17 * 60))).toBe("2026-03-30T17:00:00+01:00");
    expect(london.isoWithOffset(london.instantAt(dayFromIso("2026-10-23"), 17 * 60))).toBe("2026-10-23T17:00:00+01:00");
    expect(london.isoWithOffset(london.instantAt(dayFromIso("2026-10-26"), 17 * 60))).toBe("2026-10-26T17:00:00+00:00");
  });

  it("reads a time in the spring gap with the old offset, and the autumn overlap as the earlier instant", () => {
    expect(new Date(london.instantAt(dayFromIso("2026-03-29"), 90)).toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(new Date(london.instantAt(dayFromIso("2026-10-25"), 90)).toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  it("knows real IANA zones only", () => {
    expect(isValidTimeZone("Europe/London")).toBe(true);
    expect(isValidTimeZone("Europe/Isle_of_Man")).toBe(true);
    expect(isValidTimeZone("Europe/Londn")).toBe(false);
    expect(isValidTimeZone("+01:00")).toBe(false);
    expect(() => ZoneClock.for("Mars/Olympus")).toThrow(RangeError);
  });
});
