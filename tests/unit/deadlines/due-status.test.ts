import { describe, expect, it } from "vitest";
import { describeDue } from "../../../lib/deadlines/due-status";
import { PolicyRegistry } from "../../../lib/policy";

const { registry } = PolicyRegistry.load();
const torbay = registry.get("torbay")!;
const calendar = registry.calendarFor(torbay);
const tz = "Europe/London";

const due = (dueAt: string, now: string) => describeDue({ dueAt: new Date(dueAt), status: "due", now: new Date(now), calendar, timeZone: tz });

describe("how a deadline reads to a person", () => {
  it("counts working days ahead, naming the day and time", () => {
    // Monday 5 January 2026 at 10:00; due Wednesday 7 January at 5pm.
    expect(due("2026-01-07T17:00:00Z", "2026-01-05T10:00:00Z")).toEqual({
      tone: "soon",
      text: "Due in 2 working days (Wednesday 7 January, 5pm)",
      workingDays: 2,
    });
  });

  it("skips weekends and bank holidays when counting ahead", () => {
    // Wednesday 24 December 2025 → Friday 2 January 2026: 29, 30, 31 Dec and 2 Jan are working days.
    expect(due("2026-01-02T17:00:00Z", "2025-12-24T09:00:00Z").text).toBe("Due in 4 working days (Friday 2 January 2026, 5pm)");
  });

  it("says 'due today' on the day, with the time", () => {
    expect(due("2026-01-07T17:00:00Z", "2026-01-07T08:00:00Z")).toEqual({ tone: "today", text: "Due today (5pm)", workingDays: 0 });
  });

  it("says how many working days overdue", () => {
    // Due Wednesday 7 January; now Monday 12 January: 8, 9 and 12 January have passed.
    expect(due("2026-01-07T17:00:00Z", "2026-01-12T11:00:00Z")).toEqual({
      tone: "overdue",
      text: "Overdue by 3 working days (was due Wednesday 7 January, 5pm)",
      workingDays: -3,
    });
  });

  it("is overdue the same evening once close of business has passed", () => {
    expect(due("2026-01-07T17:00:00Z", "2026-01-07T18:30:00Z")).toMatchObject({ tone: "overdue", text: "Overdue since 5pm today" });
  });

  it("over a weekend, a deadline missed on Friday says when it was due, not 'today'", () => {
    expect(due("2026-01-09T17:00:00Z", "2026-01-10T10:00:00Z")).toEqual({
      tone: "overdue",
      text: "Overdue since Friday 9 January, 5pm",
      workingDays: 0,
    });
  });

  it("uses local time across the clock change", () => {
    // 5pm BST on Wednesday 1 April 2026 is 16:00 UTC.
    expect(due("2026-04-01T16:00:00Z", "2026-03-30T09:00:00Z").text).toBe("Due in 2 working days (Wednesday 1 April, 5pm)");
  });

  it("marks far-off deadlines as later rather than soon", () => {
    expect(due("2026-01-30T17:00:00Z", "2026-01-05T10:00:00Z").tone).toBe("later");
  });

  it("explains deadlines without a date in words", () => {
    const base = { dueAt: null, now: new Date("2026-01-05T10:00:00Z"), calendar, timeZone: tz };
    expect(describeDue({ ...base, status: "awaiting-set", setBy: "the Chair of the TSCP Executive Group" }).text).toBe(
      "Timescale to be set by the Chair of the TSCP Executive Group",
    );
    expect(describeDue({ ...base, status: "asap" })).toEqual({ tone: "open", text: "As soon as possible (the policy sets no date)" });
  });

  it("says a met deadline is met, never overdue, even when its date has passed", () => {
    const now = new Date("2026-01-20T10:00:00Z");
    expect(describeDue({ dueAt: new Date("2026-01-09T17:00:00Z"), status: "met", now, calendar, timeZone: tz })).toEqual({ tone: "open", text: "Met" });
  });
});
