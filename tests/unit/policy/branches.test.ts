/**
 * Branches inside a stage (issue 14, construct 8): Northfield's stage 4 is "urgent: an
 * independently chaired meeting at once and the chair decides in 24 hours; otherwise the
 * panel in 10 working days". The facts choose; the explanation says why; the dates run
 * across a weekend, the Christmas bank holidays and the October clock change; expediting
 * makes a dispute urgent and its deadlines follow; and the cross-checks refuse branches
 * that could both apply, or that leave a case with none.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { WorkingCalendar } from "@/lib/calendar/working-calendar";
import { loadJurisdictionCalendars } from "@/lib/calendar/holiday-data";
import { computeSchedule, computeStageDeadlines, loadPolicyFile, ORDINARY_FACTS, parsePolicyData, type StageFacts } from "@/lib/policy";
import { project, type EscalationEvent } from "@/lib/escalations";
import { disputeFacts } from "@/lib/escalations/policy-facts";
import { POLICIES, minimalData } from "./helpers";

const loaded = loadPolicyFile(path.join(POLICIES, "examples", "northfield", "2026-1.yaml"));
if (!loaded.ok) throw new Error(loaded.messages.join("\n"));
const policy = loaded.policy;
const calendar = new WorkingCalendar(loadJurisdictionCalendars(path.join(POLICIES, "calendars")).get("england-and-wales")!);

function stage4(entered: string, facts: Partial<StageFacts> = {}) {
  const at = new Date(entered);
  return computeStageDeadlines({ policy, stageKey: "stage-4", anchors: { raised: at, stageEntered: at }, calendar, facts: { ...ORDINARY_FACTS, ...facts } });
}

describe("branches inside a stage", () => {
  it("not urgent: the panel's 10 working days, across the Christmas bank holidays, saying why", () => {
    const [panel, ...rest] = stage4("2026-12-23T10:00:00Z");
    expect(rest).toEqual([]);
    expect(panel).toMatchObject({ id: "panel", dueAtIso: "2027-01-11T17:00:00+00:00", branch: { id: "panel", because: "the dispute is not urgent" } });
    expect(panel!.explanation).toBe(
      "Because the dispute is not urgent: 10 working days from 10am on Wednesday 23 December 2026 (entered stage 4): skipped Friday 25 December 2026 (Christmas Day), Monday 28 December 2026 (Boxing Day (substitute day)), Friday 1 January 2027 (New Year's Day) and 3 weekends; due by 5pm on Monday 11 January 2027.",
    );
  });

  it("not urgent, across two weekends and the clocks going back", () => {
    const [panel] = stage4("2026-10-16T14:00:00+01:00");
    expect(panel!.dueAtIso).toBe("2026-10-30T17:00:00+00:00");
    expect(panel!.explanation).toBe(
      "Because the dispute is not urgent: 10 working days from 2pm on Friday 16 October 2026 (entered stage 4): skipped 2 weekends; due by 5pm on Friday 30 October 2026.",
    );
  });

  it("urgent: a meeting at once and the chair's 24 hours, across the clock change", () => {
    const list = stage4("2026-10-24T10:00:00+01:00", { urgent: true });
    expect(list.map((d) => [d.id, d.dueAtIso, d.decidesOverdue])).toEqual([
      ["chair-decides", "2026-10-25T09:00:00+00:00", true],
      ["convene-meeting", "2026-10-24T10:00:00+01:00", false],
    ]);
    expect(list[0]!.explanation).toBe(
      "Because the dispute is urgent: 24 hours from 10am on Saturday 24 October 2026 (entered stage 4): due by 9am on Sunday 25 October 2026 (the clocks change in between, so the local time differs from the start time).",
    );
    expect(list[1]!.explanation).toBe("Because the dispute is urgent: immediately: due at once, from 10am on Saturday 24 October 2026 (entered stage 4).");
  });

  it("facts a branch does not name do not change which applies", () => {
    const ids = (facts: Partial<StageFacts>) => stage4("2026-06-01T09:00:00+01:00", facts).map((d) => d.id);
    expect(ids({ immediateRisk: true, about: ["child"], areas: ["plans"] })).toEqual(["panel"]);
    expect(ids({ urgent: true, immediateRisk: true })).toEqual(["chair-decides", "convene-meeting"]);
  });

  it("the schedule shows which branch applies and the other's rule, for the facts given", () => {
    const raised = new Date("2026-10-20T10:00:00+01:00");
    const ordinary = computeSchedule({ policy, raised, calendar }).stages.find((s) => s.stageKey === "stage-4")!;
    expect(ordinary.branches).toEqual({
      applies: { id: "panel", title: "The partnership's panel", because: "the dispute is not urgent" },
      others: [
        {
          id: "urgent",
          title: "An independently chaired meeting",
          when: "if the dispute is urgent",
          rules: [
            { label: "Convene an independently chaired meeting", rule: "Immediately on entering stage 4" },
            { label: "The independent chair decides", rule: "24 hours from entering stage 4" },
          ],
        },
      ],
    });
    const urgent = computeSchedule({ policy, raised, calendar, facts: { ...ORDINARY_FACTS, urgent: true } }).stages.find((s) => s.stageKey === "stage-4")!;
    expect(urgent.branches?.applies.id).toBe("urgent");
    expect(urgent.leavesAtIso).toBe("2026-12-04T23:59:00+00:00"); // 24 hours after stage 3's 28 days end
    // Stages without branches have none.
    expect(computeSchedule({ policy, raised, calendar }).stages[0]!.branches).toBeUndefined();
  });
});

describe("expediting makes a dispute urgent, and its deadlines follow", () => {
  const RAISER = "0195d1c2-0000-7000-8000-000000000001";
  let n = 0;
  const ev = <T extends EscalationEvent["type"]>(
    sequence: number,
    at: string,
    stageKey: string,
    type: T,
    payload: Extract<EscalationEvent, { type: T }>["payload"],
  ) =>
    ({
      id: `0195d1c2-0000-7000-8000-${String(++n).padStart(12, "0")}`,
      sequence,
      at: new Date(at),
      actorId: RAISER,
      stageKey,
      policyVersion: "2026-1",
      correctsId: null,
      type,
      payload,
    }) as EscalationEvent;
  const raised = ev(1, "2026-10-22T09:00:00+01:00", "stage-1", "raised", {
    reference: "NSCP-2026-0001",
    policyId: "northfield",
    policyVersion: "2026-1",
    routeId: "main",
    stageKey: "stage-1",
    urgent: false,
    raisingAgencyId: "0195d1c2-0000-7000-8000-0000000000a1",
    respondingAgencyId: "0195d1c2-0000-7000-8000-0000000000a2",
    respondingPerson: "Sam Riley",
    respondingUserId: null,
    subjects: [{ kind: "child", initials: "JS", yearOfBirth: 2016, caseReferences: [] }],
    areas: ["thresholds"],
    areaOther: null,
    decisionDisputed: "d",
    whyUnsafe: "w",
    evidenceSummary: "e",
    outcomeSought: "o",
    timescaleSought: null,
    immediateRisk: false,
    immediateRiskNote: null,
  });
  const ctx = { policy, calendar };

  it("escalated one stage at a time, stage 4 takes the panel's branch", () => {
    const moves = ["stage-2", "stage-3", "stage-4"].map((to, i, all) =>
      ev(i + 2, "2026-10-23T16:00:00+01:00", i === 0 ? "stage-1" : all[i - 1]!, "escalated", {
        from: i === 0 ? "stage-1" : all[i - 1]!,
        to,
        reason: "Not resolved",
        deadlinesThen: [],
      }),
    );
    const state = project([raised, ...moves], ctx);
    expect(state.row.urgent).toBe(false);
    expect(state.deadlines.map((d) => [d.deadlineId, d.dueAt?.toISOString()])).toEqual([["panel", "2026-11-06T17:00:00.000Z"]]);
    expect(state.row.nextDueAt?.toISOString()).toBe("2026-11-06T17:00:00.000Z");
    expect(state.deadlines[0]!.explanation).toMatch(/^Because the dispute is not urgent: 10 working days from 4pm on Friday 23 October 2026/);
  });

  it("expedited from stage 1 to stage 4, the urgent branch applies: the chair decides in 24 hours, across the clock change", () => {
    const expedited = ev(2, "2026-10-24T10:00:00+01:00", "stage-1", "expedited", {
      from: "stage-1",
      to: "stage-4",
      skipped: ["stage-2", "stage-3"],
      grounds: "Significant harm",
      deadlinesThen: [],
    });
    const state = project([raised, expedited], ctx);
    expect(disputeFacts(state.row)).toEqual({ urgent: true, immediateRisk: false, about: ["child"], areas: ["thresholds"] });
    expect(state.deadlines.map((d) => [d.deadlineId, d.dueAt?.toISOString(), d.decidesOverdue])).toEqual([
      ["chair-decides", "2026-10-25T09:00:00.000Z", true],
      ["convene-meeting", "2026-10-24T09:00:00.000Z", false],
    ]);
    expect(state.row.nextDueAt?.toISOString()).toBe("2026-10-25T09:00:00.000Z");
    expect(state.deadlines[0]!.explanation).toMatch(/^Because the dispute is urgent: 24 hours from 10am on Saturday 24 October 2026/);
  });
});

describe("the cross-checks on branches", () => {
  type Data = Record<string, unknown>;
  /** The worked example with its stage 3 given two branches. */
  function withBranches(branches: unknown[]): string[] {
    const d = minimalData();
    const stages = ((d.routes as Data[])[0] as Data).stages as Data[];
    stages[3]!.branches = branches;
    delete stages[3]!.deadlines;
    const r = parsePolicyData(d, "minimal.yaml");
    return r.ok ? [] : r.messages;
  }
  const timed = (id: string, extra: Data = {}) => ({
    id,
    label: id,
    unit: "working-days",
    amount: 2,
    from: "stage-entered",
    kind: "mandatory",
    decidesOverdue: true,
    cite: "S",
    ...extra,
  });

  it("accepts urgent: true with urgent: false, and a `when` with an otherwise", () => {
    expect(
      withBranches([
        { id: "a", when: { urgent: true }, deadlines: [timed("x")], cite: "S" },
        { id: "b", when: { urgent: false }, deadlines: [timed("y")], cite: "S" },
      ]),
    ).toEqual([]);
    expect(
      withBranches([
        { id: "a", when: { immediateRisk: true, areas: ["thresholds"] }, deadlines: [timed("x")], cite: "S" },
        { id: "b", deadlines: [timed("y")], cite: "S" },
      ]),
    ).toEqual([]);
  });

  it("refuses branches that both apply to one dispute, naming it", () => {
    expect(
      withBranches([
        { id: "a", when: { urgent: true }, deadlines: [timed("x")], cite: "S" },
        { id: "b", when: { immediateRisk: true }, deadlines: [timed("y")], cite: "S" },
        { id: "c", deadlines: [timed("z")], cite: "S" },
      ]),
    ).toEqual([
      'routes[0].stages[3].branches[1].when: branches "a" and "b" both apply to a dispute that is urgent and has a child at immediate risk; exactly one branch must apply, so make their conditions exclusive',
    ]);
  });

  it("refuses a case no branch takes, unless one has no `when`", () => {
    expect(
      withBranches([
        { id: "a", when: { urgent: true }, deadlines: [timed("x")], cite: "S" },
        { id: "b", when: { urgent: false, areas: ["thresholds"] }, deadlines: [timed("y")], cite: "S" },
      ]),
    ).toEqual([
      'routes[0].stages[3].branches: no branch applies to a dispute that is not urgent and is about none of the areas the branches name; add a branch without `when` for every other case, or one for this ("a" applies if the dispute is urgent; "b" applies if the dispute is not urgent and it is about "Thresholds and referral decisions")',
    ]);
  });

  it("refuses two otherwise branches, repeated ids, unknown areas, and a branch without its deciding deadline", () => {
    expect(
      withBranches([
        { id: "a", when: { areas: ["nowhere"] }, deadlines: [timed("x")], cite: "S" },
        { id: "a", deadlines: [timed("y", { decidesOverdue: false })], cite: "S" },
        { id: "c", deadlines: [timed("x")], cite: "S" },
      ]),
    ).toEqual([
      'routes[0].stages[3].branches[2].deadlines[0].id: "x" is used by another deadline in this route; ids must be unique',
      'routes[0].stages[3].branches[1].id: "a" is used by another branch of this stage; ids must be unique',
      'routes[0].stages[3].branches[2].when: branch "a" already takes every other case (it has no `when`); say when this one applies',
      'routes[0].stages[3].branches[0].when.areas[0]: no area with id "nowhere" (list it under areas)',
      'routes[0].stages[3].branches[1].deadlines: stage 3 (branch "a") has deadlines with due dates, so exactly one of them must say "decidesOverdue: true" (the one that decides when the stage is overdue)',
    ]);
  });

  it("refuses branches naming more areas between them than can be tried in every combination", () => {
    const areas = Array.from({ length: 11 }, (_, i) => `area-${i + 1}`);
    expect(
      withBranches([
        { id: "a", when: { areas }, deadlines: [timed("x")], cite: "S" },
        { id: "b", deadlines: [timed("y")], cite: "S" },
      ]),
    ).toContain("routes[0].stages[3].branches: the branches of a stage may name at most 10 areas between them (these name 11)");
  });
});
