import { describe, expect, it } from "vitest";
import type { Actor } from "../../../lib/auth/actor";
import type { Role } from "../../../lib/db/generated/enums";
import { ForbiddenError, NotFoundError, PreconditionError, availableActions, requireAction, type EscalationSnapshot } from "../../../lib/escalations";
import { expediteTargets, milestonesAt, startStage } from "../../../lib/escalations/policy-facts";
import { ORDINARY_FACTS } from "../../../lib/policy";
import { policies } from "../../support/escalations";

const SCHOOL = "0195d1c2-0000-7000-8000-0000000000a1";
const CSC = "0195d1c2-0000-7000-8000-0000000000a2";
const POLICE = "0195d1c2-0000-7000-8000-0000000000a3";
const id = (n: number) => `0195d1c2-0000-7000-8000-${String(n).padStart(12, "0")}`;
const actor = (n: number, agencyId: string, ...roles: Role[]): Actor => ({
  userId: id(n),
  name: `User ${n}`,
  email: `u${n}@x.example`,
  partnershipId: "torbay",
  agencyId,
  roles,
});

const teacher = actor(1, SCHOOL, "practitioner");
const socialWorker = actor(2, CSC, "practitioner");
const schoolManager = actor(3, SCHOOL, "manager");
const teamManager = actor(4, CSC, "manager");
const headOfService = actor(5, CSC, "senior_manager");
const police = actor(6, POLICE, "practitioner");
const businessManager = actor(7, CSC, "board_business_manager");
const chair = actor(8, CSC, "board_chair");
const admin = actor(9, CSC, "partnership_admin");

const torbay = policies().get("torbay")!;
const ranks: Record<string, [number, number, boolean]> = {
  "stage-1": [1, 1, false],
  "stage-2": [2, 2, false],
  "stage-3": [3, 3, true],
  "stage-4": [4, 4, true],
  "stage-5": [4, 4, true],
};

function snapshot(
  stageKey: string,
  owners: { raising?: Actor; responding?: Actor } = {},
  status: "open" | "resolved" | "withdrawn" = "open",
): EscalationSnapshot {
  const [raisingRank, respondingRank, onRegister] = ranks[stageKey]!;
  return {
    row: {
      partnershipId: "torbay",
      reference: "TSCP-2026-0001",
      policyId: "torbay",
      policyVersion: "2024-1",
      routeId: "main",
      status,
      urgent: false,
      raisedAt: new Date("2026-03-02T09:00:00Z"),
      raisedById: teacher.userId,
      raisingAgencyId: SCHOOL,
      respondingAgencyId: CSC,
      respondingPerson: "Sam Riley",
      subjects: [],
      areas: [],
      areaOther: null,
      decisionDisputed: "",
      whyUnsafe: "",
      evidenceSummary: "",
      outcomeSought: "",
      timescaleSought: null,
      immediateRisk: false,
      immediateRiskNote: null,
      stageKey,
      stageNumber: Number(stageKey.slice(-1)),
      stageEnteredAt: new Date("2026-03-02T09:00:00Z"),
      raisingOwnerId: owners.raising?.userId ?? null,
      respondingOwnerId: owners.responding?.userId ?? null,
      raisingRank,
      respondingRank,
      onRegister,
      nextDueAt: null,
      formOutstanding: false,
      outcome: null,
      closedAt: null,
      version: 3,
    },
    participants: [
      { userId: teacher.userId, role: "raiser", side: "raising", stageKey: "", current: true },
      { userId: socialWorker.userId, role: "responder", side: "responding", stageKey: "", current: true },
      ...(["raising", "responding"] as const).flatMap((side) => {
        const owner = owners[side];
        return owner ? [{ userId: owner.userId, role: "owner" as const, side, stageKey, current: true }] : [];
      }),
    ],
    actions: [],
  };
}

const names = (a: Actor, s: EscalationSnapshot) => availableActions(a, s, torbay).map((x) => x.action);

describe("availableActions and requireAction", () => {
  it("at stage 1 offers the owners and the agencies' managers the work, and the others nothing", () => {
    const s = snapshot("stage-1", { raising: teacher, responding: socialWorker });
    // Torbay names no events, so there is no milestone to record.
    expect(names(teacher, s)).toEqual([
      "comment",
      "record_discussion",
      "complete_form",
      "escalate",
      "expedite",
      "assign_owner",
      "add_agreed_action",
      "resolve",
      "withdraw",
    ]);
    expect(names(socialWorker, s)).toEqual([
      "comment",
      "record_discussion",
      "complete_form",
      "escalate",
      "expedite",
      "assign_owner",
      "add_agreed_action",
      "resolve",
    ]);
    expect(availableActions(teamManager, s, torbay)).toContainEqual({ action: "assign_owner", sides: ["responding"] });
    expect(availableActions(schoolManager, s, torbay)).toContainEqual({ action: "assign_owner", sides: ["raising"] });
    for (const outsider of [police, businessManager, chair, admin]) expect(names(outsider, s)).toEqual([]);
    expect(() => requireAction(police, s, torbay, "comment")).toThrow(NotFoundError);
  });

  it("leaves the raiser recording but not escalating once others own it", () => {
    const s = snapshot("stage-3", { raising: actor(10, SCHOOL, "senior_manager") });
    expect(names(teacher, s)).toEqual(["comment", "record_discussion", "complete_form", "withdraw"]);
    expect(() => requireAction(teacher, s, torbay, "escalate")).toThrow(ForbiddenError);
    expect(names(businessManager, s)).toEqual([
      "comment",
      "record_discussion",
      "complete_form",
      "escalate",
      "expedite",
      "assign_owner",
      "add_agreed_action",
      "resolve",
    ]);
    expect(names(headOfService, s)).toContain("escalate");
    expect(names(teamManager, s)).toEqual([]); // stage 3 is above a manager, and they were never on it
  });

  it("lets only the chair set the stage 5 timescale, and the chair decide there", () => {
    const s = snapshot("stage-5");
    expect(availableActions(chair, s, torbay)).toContainEqual({ action: "set_deadline", deadlineIds: ["stage-5-resolution"] });
    expect(names(chair, s)).toContain("resolve");
    expect(names(businessManager, s)).not.toContain("set_deadline");
    expect(() => requireAction(businessManager, s, torbay, "set_deadline", { deadlineId: "stage-5-resolution" })).toThrow(ForbiddenError);
    expect(() => requireAction(chair, s, torbay, "escalate")).toThrow(ForbiddenError);
    expect(() => requireAction(businessManager, s, torbay, "escalate")).toThrow(/last stage of the policy/);
    expect(names(chair, snapshot("stage-4"))).not.toContain("resolve"); // stage 4 is not the board's to decide
  });

  it("after closing offers comments, and nothing else until an action is agreed", () => {
    const s = snapshot("stage-2", { raising: schoolManager }, "resolved");
    expect(names(schoolManager, s)).toEqual(["comment"]);
    expect(() => requireAction(schoolManager, s, torbay, "resolve")).toThrow(PreconditionError);
    const withAction = {
      ...s,
      actions: [
        {
          id: id(99),
          description: "d",
          ownerName: "o",
          ownerUserId: police.userId,
          ownerAgencyId: POLICE,
          dueDate: "2026-04-01",
          addedAt: new Date(),
          doneAt: null,
        },
      ],
    };
    expect(availableActions(schoolManager, withAction, torbay)).toContainEqual({ action: "complete_agreed_action", actionIds: [id(99)] });
  });
});

describe("what can be recorded as having happened", () => {
  it("offers only the events a deadline of the current stage counts from", () => {
    const ids = (p: string, route: string, stage: string) => milestonesAt(policies().get(p)!, route, stage, ORDINARY_FACTS).map((e) => e.id);
    expect(ids("eastmoor", "main", "stage-1")).toEqual(["reported-to-line-managers", "action-agreed", "front-line-unresolved"]);
    expect(ids("eastmoor", "main", "stage-2")).toEqual(["second-tier-unresolved"]);
    expect(ids("eastmoor", "main", "stage-4")).toEqual(["director-received"]);
    // Westbridge's one event belongs to the step before a dispute exists, so nothing is offered once it does.
    expect(ids("westbridge", "general", "practitioners")).toEqual([]);
    expect(ids("torbay", "main", "stage-1")).toEqual([]);
  });
});

describe("where a dispute starts and what may be skipped", () => {
  it("starts at the first stage between two agencies", () => {
    const start = (p: string, route?: string) =>
      startStage(
        route
          ? policies()
              .get(p)!
              .routes.find((r) => r.id === route)!
          : policies().get(p)!.routes[0]!,
      ).key;
    expect(start("torbay")).toBe("stage-1");
    expect(start("cambridgeshire-peterborough")).toBe("stage-1");
    expect(start("isle-of-man")).toBe("stage-1");
    expect(start("eastmoor")).toBe("stage-1");
    expect(start("westbridge")).toBe("practitioners");
    expect(start("westbridge", "need-for-conference")).toBe("request-to-csc");
  });

  it("lists the stages an expedite may reach", () => {
    expect(expediteTargets(torbay, "main", "stage-1")).toEqual(["stage-3", "stage-4", "stage-5"]);
    expect(expediteTargets(torbay, "main", "stage-1", true)).toEqual(["stage-2", "stage-3", "stage-4", "stage-5"]);
    expect(expediteTargets(policies().get("cambridgeshire-peterborough")!, "main", "stage-1")).toEqual([]);
    expect(expediteTargets(policies().get("westbridge")!, "referral-enquiry", "professionals")).toEqual(["line-management", "meeting"]);
  });
});
