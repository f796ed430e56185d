import { describe, expect, it } from "vitest";
import { project, type EscalationEvent } from "../../../lib/escalations";
import { ProjectionError } from "../../../lib/escalations/projection";
import { policies } from "../../support/escalations";

const RAISER = "0195d1c2-0000-7000-8000-000000000001";
const SW = "0195d1c2-0000-7000-8000-000000000002";
const MANAGER = "0195d1c2-0000-7000-8000-000000000003";
const SCHOOL = "0195d1c2-0000-7000-8000-0000000000a1";
const CSC = "0195d1c2-0000-7000-8000-0000000000a2";

function ctx(id: string) {
  const policy = policies().get(id)!;
  return { policy, calendar: policies().calendarFor(policy) };
}

let n = 0;
const ev = <T extends EscalationEvent["type"]>(
  sequence: number,
  at: string,
  stageKey: string,
  type: T,
  payload: Extract<EscalationEvent, { type: T }>["payload"],
  actorId = RAISER,
  correctsId: string | null = null,
) =>
  ({
    id: `0195d1c2-0000-7000-8000-${String(++n).padStart(12, "0")}`,
    sequence,
    at: new Date(at),
    actorId,
    stageKey,
    policyVersion: "2016-1",
    correctsId,
    type,
    payload,
  }) as EscalationEvent;

function raised(at: string, policyId = "eastmoor", version = "2016-1"): EscalationEvent {
  return ev(1, at, "stage-1", "raised", {
    reference: "ESCP-2026-0001",
    policyId,
    policyVersion: version,
    routeId: "main",
    stageKey: "stage-1",
    urgent: false,
    raisingAgencyId: SCHOOL,
    respondingAgencyId: CSC,
    respondingPerson: "Sam Riley",
    respondingUserId: SW,
    subjects: [{ kind: "child", initials: "JS", yearOfBirth: 2016, caseReferences: [] }],
    areas: ["referral-threshold"],
    areaOther: null,
    decisionDisputed: "d",
    whyUnsafe: "w",
    evidenceSummary: "e",
    outcomeSought: "o",
    timescaleSought: null,
    immediateRisk: false,
    immediateRiskNote: null,
  });
}

describe("project", () => {
  it("builds the row, deadlines and participants from the raise", () => {
    const state = project(
      [raised("2026-02-02T09:00:00Z"), ev(2, "2026-02-02T09:00:00Z", "stage-1", "owner_assigned", { side: "raising", userId: RAISER, proxy: false })],
      ctx("eastmoor"),
    );
    expect(state.row).toMatchObject({
      stageKey: "stage-1",
      stageNumber: 1,
      version: 2,
      raisingOwnerId: RAISER,
      respondingOwnerId: null,
      raisingRank: 1,
      respondingRank: 1,
      onRegister: false,
      nextDueAt: null,
    });
    // Deciding deadline (24h from reporting to line managers) waits for that event.
    expect(state.deadlines.map((d) => [d.deadlineId, d.status, d.position])).toEqual([
      ["line-managers-contact", "awaiting-event", 0],
      ["practitioners-discussion", "due", 1],
      ["feed-back-agreed-action", "awaiting-event", 2],
      ["refer-to-second-tier", "awaiting-event", 3],
    ]);
    expect(state.participants).toEqual([
      { userId: RAISER, role: "raiser", side: "raising", stageKey: "", current: true },
      { userId: SW, role: "responder", side: "responding", stageKey: "", current: true },
      { userId: RAISER, role: "owner", side: "raising", stageKey: "stage-1", current: true },
    ]);
  });

  it("counts from a milestone recorded at the current stage, and from its correction", () => {
    const first = ev(2, "2026-02-03T10:00:00Z", "stage-1", "milestone_recorded", {
      milestoneId: "reported-to-line-managers",
      label: "x",
      occurredAt: "2026-02-03T09:00:00.000Z",
    });
    let state = project([raised("2026-02-02T09:00:00Z"), first], ctx("eastmoor"));
    expect(state.row.nextDueAt?.toISOString()).toBe("2026-02-04T09:00:00.000Z");
    const fix = ev(
      3,
      "2026-02-03T11:00:00Z",
      "stage-1",
      "milestone_recorded",
      { milestoneId: "reported-to-line-managers", label: "x", occurredAt: "2026-02-03T08:00:00.000Z" },
      RAISER,
      first.id,
    );
    state = project([raised("2026-02-02T09:00:00Z"), first, fix], ctx("eastmoor"));
    expect(state.row.nextDueAt?.toISOString()).toBe("2026-02-04T08:00:00.000Z");
    // Once the stage is left, a milestone of the old stage no longer anchors anything, even one that
    // names an event a later stage counts from (recorded too early, at stage 1).
    const early = ev(4, "2026-02-03T11:30:00Z", "stage-1", "milestone_recorded", {
      milestoneId: "second-tier-unresolved",
      label: "x",
      occurredAt: "2026-02-03T11:00:00.000Z",
    });
    const up = ev(5, "2026-02-03T12:00:00Z", "stage-1", "escalated", { from: "stage-1", to: "stage-2", reason: "r", deadlinesThen: [] });
    state = project([raised("2026-02-02T09:00:00Z"), first, fix, early, up], ctx("eastmoor"));
    expect(state.row.nextDueAt).toBeNull();
    const stuck = ev(6, "2026-02-05T10:00:00Z", "stage-2", "milestone_recorded", {
      milestoneId: "second-tier-unresolved",
      label: "x",
      occurredAt: "2026-02-05T09:00:00.000Z",
    });
    state = project([raised("2026-02-02T09:00:00Z"), first, fix, early, up, stuck], ctx("eastmoor"));
    expect(state.row.nextDueAt?.toISOString()).toBe("2026-02-06T09:00:00.000Z"); // 24h to escalate in writing
  });

  it("moves owners off the stage that is left, and ranks to the new stage's levels", () => {
    const events = [
      raised("2026-02-02T09:00:00Z"),
      ev(2, "2026-02-02T09:00:00Z", "stage-1", "owner_assigned", { side: "raising", userId: RAISER, proxy: false }),
      ev(3, "2026-02-02T10:00:00Z", "stage-1", "escalated", { from: "stage-1", to: "stage-2", reason: "r", deadlinesThen: [] }),
      ev(4, "2026-02-02T10:00:00Z", "stage-2", "owner_assigned", { side: "raising", userId: MANAGER, proxy: true, proxyReason: "p" }),
      ev(5, "2026-02-02T11:00:00Z", "stage-2", "owner_assigned", { side: "raising", userId: RAISER, proxy: true, proxyReason: "p" }),
    ];
    const state = project(events, ctx("eastmoor"));
    expect(state.row).toMatchObject({ stageKey: "stage-2", raisingOwnerId: RAISER, raisingRank: 3, respondingRank: 3 });
    expect(state.participants.filter((p) => p.role === "owner")).toEqual([
      { userId: RAISER, role: "owner", side: "raising", stageKey: "stage-1", current: false },
      { userId: MANAGER, role: "owner", side: "raising", stageKey: "stage-2", current: false },
      { userId: RAISER, role: "owner", side: "raising", stageKey: "stage-2", current: true },
    ]);
    expect(state.visits.map((v) => v.stageKey)).toEqual(["stage-1", "stage-2"]);
  });

  it("clears deadlines once closed, but keeps it on the register", () => {
    const events = [
      raised("2026-02-02T09:00:00Z"),
      ev(2, "2026-02-02T10:00:00Z", "stage-1", "expedited", {
        from: "stage-1",
        to: "stage-4",
        skipped: ["stage-2", "stage-3"],
        grounds: "g",
        deadlinesThen: [],
      }),
      ev(3, "2026-02-02T11:00:00Z", "stage-4", "withdrawn", { reason: "r", deadlinesThen: [] }),
    ];
    const state = project(events, ctx("eastmoor"));
    expect(state.row).toMatchObject({ status: "withdrawn", urgent: true, onRegister: true, nextDueAt: null, stageKey: "stage-4" });
    expect(state.row.closedAt?.toISOString()).toBe("2026-02-02T11:00:00.000Z");
    expect(state.deadlines).toEqual([]);
    expect(state.skipped).toEqual(["stage-2", "stage-3"]);
  });

  it("refuses a history with a gap, a second raise, or nothing before the raise", () => {
    const r = raised("2026-02-02T09:00:00Z");
    expect(() => project([r, ev(3, "2026-02-02T09:00:00Z", "stage-1", "comment", { text: "t" })], ctx("eastmoor"))).toThrow(ProjectionError);
    expect(() => project([r, { ...r, sequence: 2 } as EscalationEvent], ctx("eastmoor"))).toThrow(/raised only once/);
    expect(() => project([ev(1, "2026-02-02T09:00:00Z", "stage-1", "comment", { text: "t" })], ctx("eastmoor"))).toThrow(/before the dispute was raised/);
    expect(() => project([], ctx("eastmoor"))).toThrow(ProjectionError);
  });
});
