import { describe, expect, it } from "vitest";
import {
  PolicyLookupError,
  findStage,
  formatDue,
  formatIsoWithOffset,
  formatTimeOfDay,
  getRoute,
  getStage,
  joinWithAnd,
  nextStage,
  parseInstant,
  previousStage,
  statusLabel,
  urgentSkippableStages,
} from "@/lib/policy";
import { at, minimal, seed } from "./helpers";

const { policy } = minimal();

describe("stage and route lookups", () => {
  it("finds stages by key or by number, and the next and previous steps", () => {
    expect(getStage(policy, 2).key).toBe("stage-2");
    expect(getStage(policy, "2").key).toBe("stage-2");
    expect(getStage(policy, "consult").number).toBeUndefined();
    expect(nextStage(policy, "consult")?.key).toBe("stage-1");
    expect(nextStage(policy, "stage-4")).toBeNull();
    expect(previousStage(policy, "stage-1")?.key).toBe("consult");
    expect(findStage(policy, 9)).toBeUndefined();
    expect(() => getStage(policy, 9)).toThrow(PolicyLookupError);
    expect(() => getRoute(policy, "nope")).toThrow(/has no route "nope"/);
  });

  it("lists the stages the urgent route may skip, in ladder order", () => {
    expect(urgentSkippableStages(policy).map((s) => s.key)).toEqual(["consult", "stage-1", "stage-2"]);
  });

  it("uses the first route unless told otherwise", () => {
    const { policy: westbridge } = seed("westbridge");
    expect(getRoute(westbridge).id).toBe("general");
    expect(getStage(westbridge, "meeting", "referral-enquiry").title).toBe("Meeting of all parties");
  });
});

describe("plain British English formatting", () => {
  it("writes times the GOV.UK way", () => {
    expect(formatTimeOfDay(17 * 60)).toBe("5pm");
    expect(formatTimeOfDay(9 * 60 + 30)).toBe("9:30am");
    expect(formatTimeOfDay(12 * 60)).toBe("midday");
    expect(formatTimeOfDay(0)).toBe("midnight");
    expect(formatTimeOfDay(12 * 60 + 5)).toBe("12:05pm");
  });

  it("formats a due date in the partnership's zone", () => {
    expect(formatDue(at("2026-01-07T17:00:00Z"), "Europe/London")).toBe("by 5pm on Wednesday 7 January 2026");
    expect(formatDue(at("2026-06-05T16:00:00Z"), "Europe/London")).toBe("by 5pm on Friday 5 June 2026");
    expect(formatIsoWithOffset(at("2026-06-05T16:00:00Z"), "Europe/London")).toBe("2026-06-05T17:00:00+01:00");
  });

  it("names every deadline status", () => {
    expect(["due", "immediate", "asap", "awaiting-set", "awaiting-event"].map((s) => statusLabel(s as Parameters<typeof statusLabel>[0]))).toEqual([
      "Due",
      "Immediately",
      "As soon as possible (no set date)",
      "Waiting for the timescale to be set",
      "Waiting for the event it counts from",
    ]);
  });

  it("joins lists with 'and'", () => {
    expect(joinWithAnd(["a"])).toBe("a");
    expect(joinWithAnd(["a", "b", "c"])).toBe("a, b and c");
  });
});

describe("parseInstant", () => {
  it("reads a time without an offset as local time in the partnership's zone", () => {
    expect(parseInstant("2026-06-05T09:30", "Europe/London")?.toISOString()).toBe("2026-06-05T08:30:00.000Z");
    expect(parseInstant("2026-01-05T09:30", "Europe/London")?.toISOString()).toBe("2026-01-05T09:30:00.000Z");
    expect(parseInstant("2026-01-05", "Europe/London")?.toISOString()).toBe("2026-01-05T00:00:00.000Z");
  });

  it("reads an offset exactly", () => {
    expect(parseInstant("2026-06-05T09:30:00+01:00", "Europe/London")?.toISOString()).toBe("2026-06-05T08:30:00.000Z");
    expect(parseInstant("2026-06-05T09:30:00Z", "Europe/London")?.toISOString()).toBe("2026-06-05T09:30:00.000Z");
  });

  it("rejects what it cannot read", () => {
    for (const bad of ["yesterday", "2026-02-30T10:00", "2026-01-05T25:00", "05/01/2026"]) expect(parseInstant(bad, "Europe/London")).toBeNull();
  });
});
