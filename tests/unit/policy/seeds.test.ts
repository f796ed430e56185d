import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  boardInvolvementAt,
  boardOversightStageOf,
  computeSchedule,
  computeStageDeadlines,
  isUnderBoardOversight,
  requiredBeforeEscalating,
  urgentSkippableStages,
} from "@/lib/policy";
import { POLICIES, at, registry, seed } from "./helpers";

describe("every seed policy", () => {
  it("loads: five partnerships, one version each", () => {
    expect(
      registry()
        .all()
        .map((p) => p.ref),
    ).toEqual(["cambridgeshire-peterborough@2021-1", "eastmoor@2016-1", "isle-of-man@2023-1", "torbay@2024-1", "westbridge@2024-1"]);
    expect(
      registry()
        .all()
        .map((p) => p.partnership.code),
    ).toEqual(["CPSCP", "ESCP", "IOMSB", "TSCP", "WLSCP"]);
  });

  it("starts with the editor's schema line and names its seed file", () => {
    for (const policy of registry().all()) {
      const file = path.join(POLICIES, policy.partnership.id, `${policy.version}.yaml`);
      expect(fs.readFileSync(file, "utf8").split("\n")[0]).toBe("# yaml-language-server: $schema=../policy.schema.json");
      expect(fs.existsSync(path.join("/work/shared/seeds", policy.source.file)) || /^\d{3}_[0-9a-f]+\.txt$/.test(policy.source.file)).toBe(true);
    }
  });

  it("invents no phone numbers: no seed gives one", () => {
    for (const policy of registry().all()) {
      for (const c of policy.immediateRisk.contacts) expect(c.phone).toBeUndefined();
      for (const c of policy.contacts ?? []) expect(c.phone).toBeUndefined();
    }
  });

  it("marks the placeholder partnership names as placeholders", () => {
    expect(seed("westbridge").policy.partnership.nameIsPlaceholder).toBe(true);
    expect(seed("eastmoor").policy.partnership.nameIsPlaceholder).toBe(true);
    expect(seed("torbay").policy.partnership.nameIsPlaceholder).toBeUndefined();
  });
});

describe("Torbay (seed 000)", () => {
  const { policy, calendar } = seed("torbay");
  const raised = at("2026-01-05T09:00:00Z"); // Monday

  it("gives stages 1 and 2 one budget: 5 working days from the dispute being raised, computed once", () => {
    const s1 = computeStageDeadlines({ policy, stageKey: "stage-1", anchors: { raised, stageEntered: raised }, calendar });
    const s2 = computeStageDeadlines({ policy, stageKey: "stage-2", anchors: { raised, stageEntered: at("2026-01-08T10:00:00Z") }, calendar });
    for (const list of [s1, s2]) {
      expect(list[0]).toMatchObject({
        id: "stages-1-2-response",
        decidesOverdue: true,
        dueAtIso: "2026-01-12T17:00:00+00:00",
        rule: "5 working days from the dispute being raised",
        spansStages: ["stage-1", "stage-2"],
        cite: "Timescales: Stages 1 and 2 combined",
      });
      expect(list[0]?.onMiss).toMatch(/inform the TSCP Business Manager/);
    }
  });

  it("counts the budget over Christmas, naming the holidays it skips", () => {
    const [d] = computeStageDeadlines({
      policy,
      stageKey: "stage-1",
      anchors: { raised: at("2025-12-22T09:00:00Z"), stageEntered: at("2025-12-22T09:00:00Z") },
      calendar,
    });
    expect(d?.dueAtIso).toBe("2025-12-31T17:00:00+00:00");
    expect(d?.explanation).toBe(
      "5 working days from 9am on Monday 22 December 2025 (dispute raised): skipped Thursday 25 December (Christmas Day), Friday 26 December (Boxing Day) and the weekend; due by 5pm on Wednesday 31 December 2025.",
    );
  });

  it("gives stage 3 five working days from entering stage 3 (stage 2 failing)", () => {
    const entered = at("2026-01-12T17:00:00Z");
    const [d] = computeStageDeadlines({ policy, stageKey: "stage-3", anchors: { raised, stageEntered: entered }, calendar });
    expect(d).toMatchObject({
      id: "stage-3-resolution",
      decidesOverdue: true,
      dueAtIso: "2026-01-19T17:00:00+00:00",
      rule: "5 working days from entering stage 3",
    });
  });

  it("gives stage 4 ten further working days from entering stage 4, after stage 3 ends", () => {
    const schedule = computeSchedule({ policy, raised, calendar });
    const s3 = schedule.stages.find((s) => s.stageKey === "stage-3");
    const s4 = schedule.stages.find((s) => s.stageKey === "stage-4");
    expect(s3?.leavesAtIso).toBe("2026-01-19T17:00:00+00:00");
    expect(s4?.enteredAtIso).toBe("2026-01-19T17:00:00+00:00");
    expect(s4?.deadlines[0]?.dueAtIso).toBe("2026-02-02T17:00:00+00:00");
    expect(s4?.deadlines[0]?.rule).toBe("10 working days from entering stage 4");
  });

  it("leaves stage 5's timescale to the Executive Chair: no due date until set", () => {
    const anchors = { raised, stageEntered: at("2026-02-02T17:00:00Z") };
    const [unset] = computeStageDeadlines({ policy, stageKey: "stage-5", anchors, calendar });
    expect(unset).toMatchObject({ status: "awaiting-set", dueAt: null, dueAtIso: null, rule: "Timescale to be set by the TSCP Executive Chair" });
    const [set] = computeStageDeadlines({
      policy,
      stageKey: "5",
      anchors: { ...anchors, set: { "stage-5-resolution": at("2026-03-06T17:00:00Z") } },
      calendar,
    });
    expect(set).toMatchObject({ status: "due", dueAtIso: "2026-03-06T17:00:00+00:00", dueText: "by 5pm on Friday 6 March 2026" });
  });

  it("puts the board in charge from the right stages", () => {
    expect(boardOversightStageOf(policy)).toBe(3);
    expect(isUnderBoardOversight(policy, "stage-2")).toBe(false);
    expect(isUnderBoardOversight(policy, "stage-3")).toBe(true);
    expect(boardInvolvementAt(policy, "stage-3").involvement).toBe("notified");
    expect(boardInvolvementAt(policy, "stage-4").involvement).toBe("oversight");
    expect(boardInvolvementAt(policy, "stage-5").involvement).toBe("owns-decision");
  });

  it("requires the Record of Escalation, emailed to the Business Manager, before leaving stage 3", () => {
    const { records, forms } = requiredBeforeEscalating(policy, "stage-3");
    expect(records).toEqual([]);
    expect(forms.map((f) => [f.title, f.email, f.sendTo?.[0]?.contact])).toEqual([
      ["Professional Differences Record of Escalation", "TSCP@torbay.gov.uk", "business-manager"],
    ]);
    expect(requiredBeforeEscalating(policy, "stage-1").records.map((r) => r.id)).toEqual(["record-of-discussion"]);
  });

  it("lets the urgent route start at any stage but the last, and keeps ownership with a manager through stages 1-2", () => {
    expect(urgentSkippableStages(policy).map((s) => s.key)).toEqual(["pre-escalation", "stage-1", "stage-2", "stage-3", "stage-4"]);
    expect(policy.routes[0]?.ownership?.find((o) => o.kind === "retain-ownership")?.stages).toEqual(["stage-1", "stage-2"]);
  });
});

describe("Cambridgeshire and Peterborough (seed 001)", () => {
  const { policy, calendar } = seed("cambridgeshire-peterborough");

  it("has no due date anywhere in the ladder", () => {
    const schedule = computeSchedule({ policy, raised: at("2026-01-05T09:00:00Z"), calendar });
    expect(schedule.stages.map((s) => s.number)).toEqual([null, 1, 2, 3, 4]);
    for (const stage of schedule.stages) {
      for (const d of stage.deadlines) expect(d.dueAt).toBeNull();
      expect(stage.leavesAtDeadline).toBe(false);
    }
    expect(schedule.stages[1]?.deadlines[0]).toMatchObject({ status: "asap", unit: "asap" });
  });

  it("sends immediate risk to the designated safeguarding lead, and police or social care", () => {
    expect(policy.immediateRisk.contacts.map((c) => c.kind)).toEqual(["designated-safeguarding-lead", "police", "childrens-social-care"]);
    expect(policy.outOfScope.map((o) => o.id)).toEqual(["wrongdoing-within-agency", "conduct-complaint", "allegation-against-staff"]);
    expect(policy.outOfScope.find((o) => o.id === "allegation-against-staff")?.guidance).toMatch(/LADO/);
  });

  it("allows no stage to be skipped", () => {
    expect(policy.routes[0]?.urgent?.allowed).toBe(false);
    expect(urgentSkippableStages(policy)).toEqual([]);
  });
});

describe("Isle of Man (seed 002)", () => {
  const { policy, calendar } = seed("isle-of-man");

  it("covers children and vulnerable adults, on the Isle of Man calendar", () => {
    expect(policy.covers).toEqual(["children", "adults"]);
    expect(policy.jurisdiction).toBe("isle-of-man");
    expect(policy.timeZone).toBe("Europe/Isle_of_Man");
  });

  it("counts 5 working days to send the Board referral form, met once the form is recorded", () => {
    const entered = at("2026-06-01T09:00:00Z"); // Monday 1 June, 10am local
    const before = computeStageDeadlines({ policy, stageKey: "stage-4", anchors: { raised: entered, stageEntered: entered }, calendar })[0];
    expect(before).toMatchObject({ id: "stage-4-referral", status: "due", dueAtIso: "2026-06-09T17:00:00+01:00" }); // the TT holiday skipped
    const sent = at("2026-06-03T14:00:00Z");
    const after = computeStageDeadlines({
      policy,
      stageKey: "stage-4",
      anchors: { raised: entered, stageEntered: entered, forms: { "escalation-referral-form": sent } },
      calendar,
    })[0];
    expect(after).toMatchObject({ status: "met", metAt: sent, dueAtIso: "2026-06-09T17:00:00+01:00" });
    expect(after?.explanation).toMatch(
      /Met: the Resolving Professional Differences Escalation Referral Form was recorded as completed at 3pm on Wednesday 3 June 2026\.$/,
    );
  });

  it("lets stages be passed over for immediate risk, and for significant policy issues that go urgently to the Board", () => {
    const urgent = policy.routes[0]?.urgent;
    expect(urgent?.maySkip).toEqual(["stage-1", "stage-2", "stage-3"]);
    expect(urgent?.grounds).toMatch(/immediate risk of significant harm/);
    expect(urgent?.grounds).toMatch(/significant policy issues/);
  });

  it("skips the TT bank holiday when stage 1 is raised the working day before it", () => {
    const raised = at("2026-06-04T15:00:00Z"); // Thursday 4 June, 4pm local
    const [d] = computeStageDeadlines({ policy, stageKey: "stage-1", anchors: { raised, stageEntered: raised }, calendar });
    expect(d?.dueAtIso).toBe("2026-06-08T17:00:00+01:00");
    expect(d?.skipped[0]).toEqual({ date: "2026-06-05", reason: "TT bank holiday" });
    expect(d?.explanation).toContain("skipped Friday 5 June (TT bank holiday) and the weekend");
  });

  it("gives stage 2 two working days, stage 3 none, stage 4 five for the referral form", () => {
    const entered = at("2026-06-08T16:00:00Z");
    const anchors = { raised: entered, stageEntered: entered };
    expect(computeStageDeadlines({ policy, stageKey: "stage-2", anchors, calendar })[0]?.dueAtIso).toBe("2026-06-10T17:00:00+01:00");
    expect(computeStageDeadlines({ policy, stageKey: "stage-3", anchors, calendar })).toEqual([]);
    const s4 = computeStageDeadlines({ policy, stageKey: "stage-4", anchors, calendar });
    expect(s4.map((d) => [d.id, d.dueAtIso])).toEqual([
      ["stage-4-referral", "2026-06-15T17:00:00+01:00"],
      ["stage-4-urgent", null],
    ]);
  });

  it("sends the referral form to the Director, with the outcome recorded on it and returned", () => {
    const form = policy.routes[0]?.stages.find((s) => s.key === "stage-4")?.forms?.[0];
    expect(form).toMatchObject({ email: "safeguardingboard.co@gov.im", outcomeRecordedOnForm: true, returnedTo: { side: "raising" } });
    expect(form?.sendTo?.[0]?.contact).toBe("director-mas");
  });
});

describe("Westbridge (seed 003)", () => {
  const { policy, calendar } = seed("westbridge");
  const sameDay = (iso: string) =>
    computeStageDeadlines({
      policy,
      stageKey: "communicate-concern",
      anchors: { raised: at("2026-01-12T09:00:00Z"), stageEntered: at("2026-01-12T09:00:00Z"), events: { "concern-identified": at(iso) } },
      calendar,
    })[0];

  it("wants concerns reported the same working day as they are identified", () => {
    expect(sameDay("2026-01-05T10:00:00Z")?.rule).toBe("The same working day as the practitioner identifying the concern");
    expect(sameDay("2026-01-05T10:00:00Z")).toMatchObject({ dueAtIso: "2026-01-05T17:00:00+00:00", warnings: [], cite: "§1.5" });
    expect(sameDay("2026-01-03T10:00:00Z")?.dueAtIso).toBe("2026-01-05T17:00:00+00:00"); // Saturday → Monday
    const late = sameDay("2026-01-05T18:30:00Z");
    expect(late?.dueAtIso).toBe("2026-01-05T17:00:00+00:00");
    expect(late?.warnings[0]).toMatch(/after close of business/);
  });

  it("has the general procedure and the four specific processes as routes, with no board stage", () => {
    expect(policy.routes.map((r) => r.id)).toEqual(["general", "referral-enquiry", "need-for-conference", "conference-dissent", "child-protection-plan"]);
    expect(policy.boardOversightStage).toBeNull();
    expect(policy.routes.every((r) => r.stages.every((s) => s.number === undefined))).toBe(true);
    expect(policy.outOfScope.map((o) => o.id)).toContain("decision-at-conference");
  });

  it("copies the conference chair in on the child protection plan route", () => {
    const stage = policy.routes.find((r) => r.id === "child-protection-plan")?.stages.find((s) => s.key === "line-management");
    expect(stage?.notify?.onEntry?.[0]?.who.title).toBe("Child Protection Conference Chair");
  });

  it("leaves the referral-stage timescale to the two professionals", () => {
    const [d] = computeStageDeadlines({
      policy,
      routeId: "referral-enquiry",
      stageKey: "professionals",
      anchors: { raised: at("2026-01-05T10:00:00Z"), stageEntered: at("2026-01-05T10:00:00Z") },
      calendar,
    });
    expect(d).toMatchObject({ status: "awaiting-set", dueAt: null });
  });
});

describe("Eastmoor (seed 004)", () => {
  const { policy, calendar } = seed("eastmoor");
  const raised = at("2026-01-05T10:00:00Z");

  it("gives practitioners 1 working day, then line managers 24 hours from being told", () => {
    const before = computeStageDeadlines({ policy, stageKey: "stage-1", anchors: { raised, stageEntered: raised }, calendar });
    expect(before.map((d) => [d.id, d.status, d.dueAtIso])).toEqual([
      ["line-managers-contact", "awaiting-event", null],
      ["practitioners-discussion", "due", "2026-01-06T17:00:00+00:00"],
      ["feed-back-agreed-action", "awaiting-event", null],
      ["refer-to-second-tier", "awaiting-event", null],
    ]);
    const after = computeStageDeadlines({
      policy,
      stageKey: "stage-1",
      anchors: { raised, stageEntered: raised, events: { "reported-to-line-managers": at("2026-01-06T15:20:00Z") } },
      calendar,
    });
    expect(after[0]).toMatchObject({
      id: "line-managers-contact",
      dueAtIso: "2026-01-07T15:20:00+00:00",
      rule: "24 hours from the disagreement being reported to the line managers",
    });
  });

  it("times each escalation's 24 hours from the stage below finding it cannot resolve it, not from arriving", () => {
    const entered = at("2026-01-09T16:00:00Z"); // Friday: clock hours run through the weekend
    const stuck = at("2026-01-12T11:30:00Z");
    const cases = [
      ["stage-1", "refer-to-second-tier", "front-line-unresolved"],
      ["stage-2", "formal-escalation-to-head-of-service", "second-tier-unresolved"],
      ["stage-3", "formal-escalation-to-director", "head-of-service-unresolved"],
    ] as const;
    for (const [stageKey, id, event] of cases) {
      const waiting = computeStageDeadlines({ policy, stageKey, anchors: { raised, stageEntered: entered }, calendar }).find((d) => d.id === id);
      // Arriving at a stage starts no clock: the policy gives none for considering it there.
      expect(waiting).toMatchObject({ status: "awaiting-event", dueAtIso: null });
      const running = computeStageDeadlines({ policy, stageKey, anchors: { raised, stageEntered: entered, events: { [event]: stuck } }, calendar }).find(
        (d) => d.id === id,
      );
      expect(running).toMatchObject({ status: "due", dueAtIso: "2026-01-13T11:30:00+00:00" });
    }
    expect(computeStageDeadlines({ policy, stageKey: "stage-2", anchors: { raised, stageEntered: entered }, calendar })[0]?.rule).toBe(
      "24 hours from the disagreement remaining after second tier management has considered it",
    );
  });

  it("gives the Director 48 hours from receiving the escalation to inform the Independent Chair", () => {
    const entered = at("2026-01-09T16:00:00Z");
    const s4 = computeStageDeadlines({
      policy,
      stageKey: "stage-4",
      anchors: { raised, stageEntered: entered, events: { "director-received": at("2026-01-10T09:00:00Z") } },
      calendar,
    });
    expect(s4.map((d) => [d.id, d.dueAtIso, d.decidesOverdue])).toEqual([["inform-independent-chair", "2026-01-12T09:00:00+00:00", true]]);
    expect(boardInvolvementAt(policy, "stage-4").involvement).toBe("notified");
  });

  it("requires the formal escalation in writing, marked as the policy says", () => {
    const form = policy.routes[0]?.stages.find((s) => s.key === "stage-3")?.forms?.[0];
    expect(form?.marking).toBe("Formal Escalation under the Escalation Policy");
  });

  it("schedules the line managers' 24 hours after the practitioners' working day when the event is unknown", () => {
    const schedule = computeSchedule({ policy, raised, calendar });
    const s1 = schedule.stages[0];
    expect(s1?.leavesAtIso).toBe("2026-01-07T17:00:00+00:00");
    expect(s1?.notes.join(" ")).toMatch(/Assumes "the disagreement being reported to the line managers" happens at 5pm on Tuesday 6 January 2026/);
    expect(schedule.stages.map((s) => s.leavesAtIso)).toEqual([
      "2026-01-07T17:00:00+00:00",
      "2026-01-08T17:00:00+00:00",
      "2026-01-09T17:00:00+00:00",
      "2026-01-11T17:00:00+00:00", // the Director's 48 hours
    ]);
  });
});
