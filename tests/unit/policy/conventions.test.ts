import { describe, expect, it } from "vitest";
import { WorkingCalendar } from "@/lib/calendar/working-calendar";
import { computeSchedule, computeStageDeadlines, parsePolicyData, type Policy } from "@/lib/policy";
import { at, minimal, minimalData } from "./helpers";

const { policy, calendar } = minimal();

function due(
  stageKey: string,
  entered: string,
  extra: { raised?: string; events?: Record<string, Date>; set?: Record<string, Date>; p?: Policy; cal?: WorkingCalendar } = {},
) {
  const stageEntered = at(entered);
  return computeStageDeadlines({
    policy: extra.p ?? policy,
    stageKey,
    anchors: { raised: extra.raised ? at(extra.raised) : stageEntered, stageEntered, events: extra.events, set: extra.set },
    calendar: extra.cal ?? calendar,
  });
}
const resolve = (entered: string) => due("stage-2", entered).find((d) => d.id === "resolve");

describe("N working days from an event", () => {
  it("falls due at close of business on the Nth working day strictly after the event's date", () => {
    expect(resolve("2026-01-05T09:00:00Z")?.dueAtIso).toBe("2026-01-08T17:00:00+00:00");
  });

  it("ignores the hour of the event: 08:00 and 23:30 on the same Monday give the same due date", () => {
    expect(resolve("2026-01-05T08:00:00Z")?.dueAtIso).toBe(resolve("2026-01-05T23:30:00Z")?.dueAtIso);
  });

  it("does the same after close of business", () => {
    expect(resolve("2026-01-05T18:00:00Z")?.dueAtIso).toBe("2026-01-08T17:00:00+00:00");
  });

  it("counts a weekend event from the next working day", () => {
    expect(resolve("2026-01-03T12:00:00Z")?.dueAtIso).toBe("2026-01-07T17:00:00+00:00"); // Saturday → Mon, Tue, Wed
    expect(resolve("2026-01-04T12:00:00Z")?.dueAtIso).toBe("2026-01-07T17:00:00+00:00"); // Sunday
  });

  it("uses the local date: 23:30 BST on Tuesday is still Tuesday, though UTC says so too late", () => {
    expect(resolve("2026-06-02T22:30:00Z")?.dueAtIso).toBe("2026-06-05T17:00:00+01:00");
    expect(resolve("2026-06-02T23:30:00Z")?.dueAtIso).toBe("2026-06-08T17:00:00+01:00"); // 00:30 Wednesday local
  });

  it("prints close of business with the right offset each side of the clock changes", () => {
    expect(resolve("2026-03-26T10:00:00Z")?.dueAtIso).toBe("2026-03-31T17:00:00+01:00");
    expect(resolve("2026-03-24T10:00:00Z")?.dueAtIso).toBe("2026-03-27T17:00:00+00:00");
    expect(resolve("2026-10-22T10:00:00Z")?.dueAtIso).toBe("2026-10-27T17:00:00+00:00");
    expect(resolve("2026-10-20T10:00:00Z")?.dueAtIso).toBe("2026-10-23T17:00:00+01:00");
  });

  it("skips Good Friday and Easter Monday, naming them", () => {
    const d = resolve("2026-04-01T10:00:00Z");
    expect(d?.dueAtIso).toBe("2026-04-08T17:00:00+01:00");
    expect(d?.explanation).toBe(
      "3 working days from 11am on Wednesday 1 April 2026 (entered stage 2): skipped Friday 3 April (Good Friday), Monday 6 April (Easter Monday) and the weekend; due by 5pm on Wednesday 8 April 2026.",
    );
  });

  it("prints the year of skipped days when the count crosses a year end", () => {
    expect(resolve("2025-12-31T10:00:00Z")?.explanation).toContain("skipped Thursday 1 January 2026 (New Year's Day) and the weekend");
  });

  it("uses a partnership's own close of business", () => {
    const data = { ...minimalData(), closeOfBusiness: "16:30" };
    const parsed = parsePolicyData(data);
    if (!parsed.ok) throw new Error(parsed.messages.join());
    const d = due("stage-2", "2026-01-05T09:00:00Z", { p: parsed.policy }).find((x) => x.id === "resolve");
    expect(d?.dueAtIso).toBe("2026-01-08T16:30:00+00:00");
    expect(d?.dueText).toBe("by 4:30pm on Thursday 8 January 2026");
  });

  it("skips the partnership's closure days, giving their reason", () => {
    const withClosure = new WorkingCalendar(
      { jurisdiction: "england-and-wales", name: "England and Wales", sources: ["x"], years: { from: 2026, to: 2026 }, holidays: [] },
      [{ date: "2026-01-06", reason: "Office move" }],
    );
    const d = due("stage-2", "2026-01-05T09:00:00Z", { cal: withClosure }).find((x) => x.id === "resolve");
    expect(d?.dueAtIso).toBe("2026-01-09T17:00:00+00:00");
    expect(d?.explanation).toContain("skipped Tuesday 6 January (Office move)");
  });

  it("warns, and still gives a date, when a year has no holiday data", () => {
    // Friday 29 December 2028; with no 2029 data, Monday 1 January 2029 counts as a working day.
    const d = resolve("2028-12-29T10:00:00Z");
    expect(d?.dueAtIso).toBe("2029-01-03T17:00:00+00:00");
    expect(d?.warnings).toEqual(["No holiday data for England and Wales in 2029: the due date assumes no public holidays that year; check it."]);
    expect(resolve("2019-06-03T10:00:00Z")?.warnings[0]).toMatch(/in 2019:/);
    expect(resolve("2028-06-05T10:00:00Z")?.warnings).toEqual([]);
  });
});

describe("the same working day", () => {
  const sameDay = (iso: string) => due("stage-1", iso)[0];
  it("is close of business on the event's date if it is a working day", () => {
    expect(sameDay("2026-01-05T09:00:00Z")?.dueAtIso).toBe("2026-01-05T17:00:00+00:00");
  });
  it("is close of business on the next working day otherwise", () => {
    expect(sameDay("2025-12-25T09:00:00Z")?.dueAtIso).toBe("2025-12-29T17:00:00+00:00");
    expect(sameDay("2025-12-25T09:00:00Z")?.explanation).toContain("not a working day (Christmas Day)");
  });
  it("warns when the event came after close of business", () => {
    const d = sameDay("2026-01-05T19:00:00Z");
    expect(d?.dueAtIso).toBe("2026-01-05T17:00:00+00:00");
    expect(d?.warnings).toHaveLength(1);
  });
});

describe("N hours", () => {
  const hours = (iso: string) => due("stage-3", iso)[0];
  it("is exactly N clock hours, so 24 hours across the March change is not the same local time", () => {
    const d = hours("2026-03-28T10:00:00Z");
    expect(d?.dueAtIso).toBe("2026-03-29T11:00:00+01:00");
    expect(d?.explanation).toContain("the clocks change in between");
  });
  it("and across the October change", () => {
    expect(hours("2026-10-24T09:00:00Z")?.dueAtIso).toBe("2026-10-25T09:00:00+00:00");
  });
  it("runs through weekends and holidays", () => {
    expect(hours("2025-12-24T12:00:00Z")?.dueAtIso).toBe("2025-12-25T12:00:00+00:00");
  });
});

describe("immediately, as soon as possible, set by a role, and named events", () => {
  it("'immediately' is due at the event and flagged", () => {
    const d = due("stage-2", "2026-01-05T09:15:00Z").find((x) => x.id === "acknowledge");
    expect(d).toMatchObject({ status: "immediate", dueAtIso: "2026-01-05T09:15:00+00:00" });
  });

  it("a deadline counted from an event waits for it", () => {
    const waiting = due("stage-2", "2026-01-05T09:00:00Z").find((x) => x.id === "action-plan");
    expect(waiting).toMatchObject({ status: "awaiting-event", dueAt: null });
    const met = due("stage-2", "2026-01-05T09:00:00Z", { events: { "meeting-held": at("2026-01-06T14:00:00Z") } }).find((x) => x.id === "action-plan");
    expect(met).toMatchObject({ status: "due", dueAtIso: "2026-01-08T17:00:00+00:00", rule: "2 working days from the professionals meeting being held" });
  });

  it("a deadline the policy says an event meets is met once that event is recorded, late or not", () => {
    const data = minimalData();
    const stages = (data.routes as { stages: { deadlines?: Record<string, unknown>[] }[] }[])[0]!.stages;
    stages[2]!.deadlines!.find((d) => d.id === "resolve")!.metBy = { event: "meeting-held" };
    const parsed = parsePolicyData(data);
    if (!parsed.ok) throw new Error(parsed.messages.join());
    const resolveWith = (events: Record<string, Date>) => due("stage-2", "2026-01-05T09:00:00Z", { p: parsed.policy, events }).find((x) => x.id === "resolve");
    expect(resolveWith({})).toMatchObject({ status: "due", dueAtIso: "2026-01-08T17:00:00+00:00" });
    const met = resolveWith({ "meeting-held": at("2026-01-07T10:00:00Z") });
    expect(met).toMatchObject({ status: "met", dueAtIso: "2026-01-08T17:00:00+00:00" });
    expect(met?.explanation).toMatch(/ Met by the professionals meeting being held \(10am on Wednesday 7 January 2026\)\.$/);
    expect(resolveWith({ "meeting-held": at("2026-01-09T10:00:00Z") })?.explanation).toMatch(/\(10am on Friday 9 January 2026\), after it was due\.$/);
  });

  it("'set by a role' has no due date until it is set", () => {
    expect(due("stage-4", "2026-01-05T09:00:00Z")[0]).toMatchObject({
      status: "awaiting-set",
      dueAt: null,
      explanation: "To be set by the Board Chair: no due date until they set one.",
    });
    expect(due("stage-4", "2026-01-05T09:00:00Z", { set: { "chair-decision": at("2026-02-02T12:00:00Z") } })[0]?.dueAtIso).toBe("2026-02-02T12:00:00+00:00");
  });

  it("puts the deadline deciding when the stage is overdue first, then by due date", () => {
    const list = due("stage-2", "2026-01-05T09:00:00Z", { events: { "meeting-held": at("2026-01-05T10:00:00Z") } });
    expect(list.map((d) => d.id)).toEqual(["resolve", "acknowledge", "action-plan"]);
    expect(list.map((d) => d.decidesOverdue)).toEqual([true, false, false]);
  });
});

describe("computeSchedule", () => {
  it("escalates each stage at its deciding deadline and flags stages without one", () => {
    const s = computeSchedule({ policy, raised: at("2026-01-05T09:00:00Z"), calendar });
    expect(s.stages.map((x) => [x.stageKey, x.leavesAtIso, x.leavesAtDeadline])).toEqual([
      ["consult", "2026-01-05T09:00:00+00:00", false],
      ["stage-1", "2026-01-05T17:00:00+00:00", true],
      ["stage-2", "2026-01-08T17:00:00+00:00", true],
      ["stage-3", "2026-01-09T17:00:00+00:00", true],
      ["stage-4", "2026-01-09T17:00:00+00:00", false],
    ]);
    expect(s.stages[4]?.notes[0]).toMatch(/^No due date at stage 4/);
  });
});
