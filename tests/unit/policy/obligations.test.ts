/**
 * Obligations on resolution (a stage's onResolution, issue 14 construct 3): on
 * the Northfield example, counted from the resolution across a weekend and the
 * Summer bank holiday, waiting for the resolution or an event until they
 * happen, explained in words; and the cross-checks that refuse what cannot work.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { WorkingCalendar } from "@/lib/calendar/working-calendar";
import { loadJurisdictionCalendars } from "@/lib/calendar/holiday-data";
import { computeObligations, computeStageDeadlines, loadPolicyFile, obligationsAt, parsePolicyData, type Anchors, type ComputedDeadline } from "@/lib/policy";
import { POLICIES, minimalData } from "./helpers";

const loaded = loadPolicyFile(path.join(POLICIES, "examples", "northfield", "2026-1.yaml"));
if (!loaded.ok) throw new Error(loaded.messages.join("\n"));
const policy = loaded.policy;
const calendar = new WorkingCalendar(loadJurisdictionCalendars(path.join(POLICIES, "calendars")).get(policy.jurisdiction)!);

function obligations(stageKey: string, anchors: Partial<Anchors>): Record<string, ComputedDeadline> {
  const raised = new Date("2026-08-03T09:00:00Z");
  const list = computeObligations({ policy, stageKey, calendar, anchors: { raised, stageEntered: raised, ...anchors } });
  return Object.fromEntries(list.map((d) => [d.id, d]));
}

describe("obligations on resolution", () => {
  it("counts from the resolution at the stage, across a weekend and the Summer bank holiday, and says so in words", () => {
    // Resolved at stage 2 at 3pm on Friday 28 August 2026; Monday 31 August is the Summer bank holiday.
    const resolved = new Date("2026-08-28T14:00:00Z");
    const o = obligations("stage-2", { resolved, events: { "managers-met": new Date("2026-08-20T10:00:00Z") } });
    expect(Object.keys(o)).toEqual(["confirm-in-writing", "proforma-stage-2", "resolution-minutes"]);
    const confirm = o["confirm-in-writing"]!;
    expect(confirm.dueAtIso).toBe("2026-09-02T17:00:00+01:00");
    expect(confirm.rule).toBe("2 working days from the dispute being resolved at stage 2");
    expect(confirm.explanation).toBe(
      "2 working days from 3pm on Friday 28 August 2026 (resolved at stage 2): skipped Monday 31 August (Summer bank holiday) and the weekend; due by 5pm on Wednesday 2 September 2026.",
    );
    expect(confirm.decidesOverdue).toBe(false);
    expect(confirm.party).toBe("the manager");
    expect(confirm.partySide).toBe("responding");
    expect(o["proforma-stage-2"]!.dueAtIso).toBe("2026-09-07T17:00:00+01:00");
    expect(o["proforma-stage-2"]!.note).toBe("Send it to the Partnership Business Manager.");
    // The minutes count from the managers' meeting, not from the resolution.
    expect(o["resolution-minutes"]!.rule).toBe("15 working days from the managers' meeting being held");
    expect(o["resolution-minutes"]!.dueAtIso).toBe("2026-09-11T17:00:00+01:00");
  });

  it("waits for the resolution (and the event) until they happen, and leaves the stage's own deadlines alone", () => {
    const o = obligations("stage-2", {});
    expect(o["confirm-in-writing"]!.status).toBe("awaiting-event");
    expect(o["confirm-in-writing"]!.explanation).toBe(
      "2 working days from the dispute being resolved at stage 2: that has not happened yet, so there is no due date until it does.",
    );
    expect(o["resolution-minutes"]!.status).toBe("awaiting-event");
    expect(obligations("stage-3", { resolved: new Date("2026-08-28T14:00:00Z") })["proforma-stage-3"]!.dueAtIso).toBe("2026-09-07T17:00:00+01:00");
    expect(obligations("stage-1", { resolved: new Date("2026-08-28T14:00:00Z") })).toEqual({});
    expect(obligationsAt(policy, "stage-4")).toEqual([]);
    const raised = new Date("2026-08-03T09:00:00Z");
    const stageDeadlines = computeStageDeadlines({ policy, stageKey: "stage-2", calendar, anchors: { raised, stageEntered: raised } });
    expect(stageDeadlines.map((d) => d.id).sort()).toEqual(["agree", "managers-talk", "meet", "minutes"]);
    expect(stageDeadlines.some((d) => d.id === "confirm-in-writing")).toBe(false);
  });

  describe("cross-checks", () => {
    type Stage = { key: string; deadlines?: Record<string, unknown>[]; onResolution?: Record<string, unknown>[] };
    type Data = Record<string, unknown> & { routes: { stages: Stage[] }[] };
    const refused = (mutate: (d: Data) => void): string[] => {
      const data = minimalData() as Data;
      mutate(data);
      const result = parsePolicyData(data, "minimal.yaml");
      return result.ok ? [] : result.messages;
    };
    const obligation = (extra: Record<string, unknown> = {}) => ({
      id: "confirm",
      label: "Confirm the outcome in writing",
      unit: "working-days",
      amount: 2,
      from: "resolved",
      kind: "mandatory",
      cite: "Section 9",
      ...extra,
    });
    const stage2 = (d: Data) => d.routes[0]!.stages[2]!;

    it("accepts an obligation counted from the resolution", () => {
      expect(refused((d) => (stage2(d).onResolution = [obligation()]))).toEqual([]);
    });

    it("refuses 'resolved' outside onResolution, an obligation deciding overdue or set by a role, a reused id, and a loop", () => {
      expect(refused((d) => (stage2(d).deadlines![0]!.from = "resolved"))).toContain(
        'routes[0].stages[2].deadlines[0].from: only what a stage asks for after resolution (its onResolution) can count from "resolved"',
      );
      expect(refused((d) => (stage2(d).onResolution = [obligation({ decidesOverdue: true })]))).toContain(
        "routes[0].stages[2].onResolution[0].decidesOverdue: what is asked after resolution cannot decide when a stage is overdue: the dispute has left it",
      );
      expect(
        refused(
          (d) =>
            (stage2(d).onResolution = [
              { id: "confirm", label: "Confirm", unit: "set-by-role", setBy: { level: "manager" }, kind: "mandatory", cite: "Section 9" },
            ]),
        ),
      ).toContain(
        "routes[0].stages[2].onResolution[0].unit: what is asked after resolution cannot be set by a role: nobody can set a date on a resolved dispute",
      );
      expect(refused((d) => (stage2(d).onResolution = [obligation({ id: "resolve" })]))).toContain(
        'routes[0].stages[2].onResolution[0].id: "resolve" is used by another deadline in this route; ids must be unique',
      );
      expect(refused((d) => (stage2(d).onResolution = [obligation({ from: { deadline: "resolve" } })]))).toContain(
        `routes[0].stages[2].onResolution[0].from.deadline: "resolve" is not another of this stage's onResolution obligations`,
      );
      expect(
        refused(
          (d) => (stage2(d).onResolution = [obligation({ from: { deadline: "minutes" } }), obligation({ id: "minutes", from: { deadline: "confirm" } })]),
        ),
      ).toContain(
        'routes[0].stages[2].onResolution[0].from: "confirm" counts, through other deadlines, from itself: a chain of deadlines must start from an event',
      );
      expect(refused((d) => (stage2(d).onResolution = [obligation({ metBy: { event: "meeting-held" } })])).join("\n")).toMatch(/onResolution\[0\]/);
    });
  });
});
