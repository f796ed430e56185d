/**
 * Policy format 2's constructs, on the two example policies in policies/examples
 * (which use most of them), with dates across a weekend, bank holidays and both
 * clock changes: calendar days, working weeks, "whichever is sooner" both ways
 * round, anchors on an earlier stage's event and a chain of three deadlines,
 * "the policy does not say", who must act, a note and a timescale also stated
 * in other units; and the cross-checks that refuse what cannot work.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { WorkingCalendar } from "@/lib/calendar/working-calendar";
import { loadJurisdictionCalendars } from "@/lib/calendar/holiday-data";
import {
  chooseRoute,
  computeSchedule,
  computeStageDeadlines,
  equivalentTitle,
  getStage,
  loadPolicyFile,
  parsePolicyData,
  type Anchors,
  type ComputedDeadline,
  type Policy,
} from "@/lib/policy";
import { routeOf } from "@/lib/views/raise-flow/context";
import { processStep } from "@/lib/views/raise-flow/process";
import type { EscalationView } from "@/lib/escalations";
import { deadlineItems } from "@/lib/views/dispute";
import { levelOf } from "@/lib/views/dispute-form-parts";
import { POLICIES, minimalData } from "./helpers";

function example(id: string): { policy: Policy; calendar: WorkingCalendar } {
  const result = loadPolicyFile(path.join(POLICIES, "examples", id, "2026-1.yaml"));
  if (!result.ok) throw new Error(result.messages.join("\n"));
  const data = loadJurisdictionCalendars(path.join(POLICIES, "calendars")).get(result.policy.jurisdiction)!;
  return { policy: result.policy, calendar: new WorkingCalendar(data) };
}

const northfield = example("northfield");
const southmere = example("southmere");

function stage(
  p: { policy: Policy; calendar: WorkingCalendar },
  stageKey: string,
  anchors: Partial<Anchors> & { raised: Date },
): Record<string, ComputedDeadline> {
  const list = computeStageDeadlines({ policy: p.policy, stageKey, calendar: p.calendar, anchors: { stageEntered: anchors.raised, ...anchors } });
  return Object.fromEntries(list.map((d) => [d.id, d]));
}

describe("policy format 2", () => {
  it("counts calendar days to the end of the last day, local time, across the October and March clock changes", () => {
    // Entered on Thursday 1 October 2026 (BST); 28 days later is Thursday 29 October, after the clocks go back.
    const october = stage(northfield, "stage-3", { raised: new Date("2026-10-01T11:00:00+01:00") })["written-response"]!;
    expect(october.dueAtIso).toBe("2026-10-29T23:59:00+00:00");
    expect(october.explanation).toBe(
      "28 calendar days from 11am on Thursday 1 October 2026 (entered stage 3), weekends and holidays included: the last is Thursday 29 October, so due at the end of it, by 11:59pm on Thursday 29 October 2026 (local time: the clocks change in between).",
    );
    expect(october.party).toBe("the responding agency");
    // Entered on Friday 20 March 2026 (GMT); the 28th day, Friday 17 April, is in BST (and past Easter, which counts).
    const march = stage(northfield, "stage-3", { raised: new Date("2026-03-20T12:00:00Z") })["written-response"]!;
    expect(march.dueAtIso).toBe("2026-04-17T23:59:00+01:00");
  });

  it("counts a working week as five working days, over a weekend and the Christmas bank holidays", () => {
    const d = stage(southmere, "stage-1", { raised: new Date("2026-12-23T10:00:00Z") }).raise!;
    // Thursday 24, then Tuesday 29 (25 Christmas, 26-27 the weekend, 28 the Boxing Day substitute), 30, 31, Monday 4 January.
    expect(d.dueAtIso).toBe("2027-01-04T17:00:00+00:00");
    expect(d.rule).toBe("1 working week (5 working days) from the dispute being raised");
    expect(d.explanation).toContain(
      "skipped Friday 25 December 2026 (Christmas Day), Monday 28 December 2026 (Boxing Day (substitute day)), Friday 1 January 2027 (New Year's Day)",
    );
  });

  it("takes whichever is sooner, both ways round, and says which decided", () => {
    const raised = new Date("2026-12-18T10:00:00Z"); // Friday 18 December 2026
    const weekOnly = stage(northfield, "stage-1", { raised }).respond!;
    // A working week over Christmas: 21, 22, 23, 24, then 29 December (25 and 28 are bank holidays).
    expect(weekOnly.dueAtIso).toBe("2026-12-29T17:00:00+00:00");
    expect(weekOnly.explanation).toContain("If the practitioner who raised it sets an earlier date, that decides instead.");
    expect(weekOnly.note).toBe("If the child needs protecting sooner than a week, the practitioner who raised it sets an earlier date, and that date decides.");

    const sooner = stage(northfield, "stage-1", { raised, set: { respond: new Date("2026-12-22T12:00:00Z") } }).respond!;
    expect(sooner.dueAtIso).toBe("2026-12-22T12:00:00+00:00");
    expect(sooner.explanation).toBe(
      "Whichever is sooner of 1 working week (5 working days) from the dispute being raised: due by 5pm on Tuesday 29 December 2026; timescale to be set by the practitioner who raised it: due by midday on Tuesday 22 December 2026. The sooner is timescale to be set by the practitioner who raised it: due by midday on Tuesday 22 December 2026.",
    );
    const later = stage(northfield, "stage-1", { raised, set: { respond: new Date("2027-01-08T17:00:00Z") } }).respond!;
    expect(later.dueAtIso).toBe("2026-12-29T17:00:00+00:00");
    expect(later.explanation).toContain("The sooner is 1 working week (5 working days) from the dispute being raised");

    // Two counted timescales, one from an event at an earlier stage that has not happened yet.
    const entered = new Date("2026-03-24T09:00:00Z");
    const noMeeting = stage(southmere, "stage-2", { raised: entered }).resolve!;
    expect(noMeeting.dueAtIso).toBe("2026-04-09T17:00:00+01:00"); // 10 working days, Good Friday and Easter Monday skipped
    const meeting = stage(southmere, "stage-2", {
      raised: entered,
      eventsByStage: { "stage-1": { "strategy-meeting": new Date("2026-03-20T14:00:00Z") } },
    }).resolve!;
    expect(meeting.dueAtIso).toBe("2026-03-30T23:59:00+01:00"); // 10 calendar days from Friday 20 March: Monday 30 March, after the clocks go forward
  });

  it("counts from an event recorded at an earlier stage, and only as recorded there", () => {
    const entered = new Date("2026-05-01T09:00:00+01:00");
    const none = stage(northfield, "stage-2", { raised: entered })["managers-talk"]!;
    expect(none.status).toBe("awaiting-event");
    expect(none.rule).toBe("5 working days from the practitioners' discussion at stage 1");
    // Recorded at stage 2 instead: not the stage 1 discussion the policy means.
    expect(stage(northfield, "stage-2", { raised: entered, events: { discussion: new Date("2026-05-01T10:00:00+01:00") } })["managers-talk"]!.status).toBe(
      "awaiting-event",
    );
    const d = stage(northfield, "stage-2", { raised: entered, eventsByStage: { "stage-1": { discussion: new Date("2026-04-30T15:00:00+01:00") } } })[
      "managers-talk"
    ]!;
    // Thursday 30 April: then 1 May, the early May bank holiday (4 May) skipped, 5, 6, 7 and 8 May.
    expect(d.dueAtIso).toBe("2026-05-08T17:00:00+01:00");
    expect(d.explanation).toContain("Monday 4 May (Early May bank holiday)");
    expect(d.party).toBe("both agencies");
  });

  it("chains three deadlines, each from the one before, across the New Year", () => {
    const s = stage(northfield, "stage-2", { raised: new Date("2026-12-23T11:00:00Z") });
    expect(s.agree!.dueAtIso).toBe("2026-12-29T17:00:00+00:00"); // 24 December, then 29 (25 and 28 are holidays)
    expect(s.meet!.dueAtIso).toBe("2027-01-06T17:00:00+00:00"); // 5 working days from the 29th: 30, 31 (1 January a holiday), 4, 5, 6
    expect(s.meet!.explanation).toContain("(Managers aim to agree: due)");
    expect(s.minutes!.dueAtIso).toBe("2027-01-11T17:00:00+00:00"); // 7, 8, then Monday 11 after the weekend
    expect(s.minutes!.rule).toBe('3 working days from "If they have not agreed, the managers meet" falling due');
    expect(s.meet!.decidesOverdue).toBe(true);
  });

  it("schedules a chain that starts from an event of the stage: the event is assumed, the rest follows from it", () => {
    const data = minimalData() as { routes: { stages: { deadlines?: Record<string, unknown>[] }[] }[] };
    const stage2 = data.routes[0]!.stages[2]!.deadlines!;
    // "Agree an action plan within 2 working days of the meeting; resolve within 3 working days of that."
    Object.assign(stage2[2]!, { from: { deadline: "action-plan" } });
    const parsed = parsePolicyData(data, "minimal.yaml");
    if (!parsed.ok) throw new Error(parsed.messages.join("\n"));
    const { calendar } = northfield;
    const schedule = computeSchedule({ policy: parsed.policy, raised: new Date("2026-06-01T09:00:00+01:00"), calendar });
    const stage = schedule.stages.find((st) => st.stageKey === "stage-2")!;
    expect(stage.notes.filter((n) => n.startsWith("Assumes"))).toEqual([expect.stringMatching(/^Assumes "the professionals meeting being held" happens at /)]);
    const resolve = stage.deadlines.find((d) => d.id === "resolve")!;
    const plan = stage.deadlines.find((d) => d.id === "action-plan")!;
    expect(plan.dueAt).not.toBeNull();
    expect(resolve.anchor?.at).toEqual(plan.dueAt);
    expect(resolve.rule).toBe('3 working days from "Agree an action plan" falling due');
  });

  it('says "the policy does not say", which is not "as soon as possible"', () => {
    const report = stage(southmere, "stage-3", { raised: new Date("2026-06-01T09:00:00+01:00") }).report!;
    expect(report).toMatchObject({ status: "not-stated", dueAt: null, rule: "The policy does not say" });
    expect(report.explanation).toBe("The policy does not say what the timescale is, so there is no due date.");
    expect(report.note).toBe("The protocol does not say how soon; ask the Board's business manager.");
    expect(report.party).toBe("Independent Chair of the Safeguarding Adults Board");
  });

  it("shows a timescale the policy also states in other units, which does not decide", () => {
    // Friday 23 October 2026, 4pm BST: two working days is Tuesday 27 October at 5pm GMT; 48 hours is Sunday 25 October, 3pm GMT
    // (the clocks went back that morning, so 3pm, not 4pm).
    const d = stage(northfield, "stage-1", { raised: new Date("2026-10-23T16:00:00+01:00") }).acknowledge!;
    expect(d.dueAtIso).toBe("2026-10-27T17:00:00+00:00");
    expect(d.alsoStated).toEqual({
      rule: "48 hours from the dispute being raised",
      dueAt: new Date("2026-10-25T15:00:00Z"),
      dueText: "by 3pm on Sunday 25 October 2026",
    });
    expect(d.explanation).toContain(
      'The policy also states it as 48 hours from the dispute being raised (the policy says "48 hours (two working days)"): that would be due by 3pm on Sunday 25 October 2026.',
    );
    const hours = stage(southmere, "stage-1", { raised: new Date("2026-10-23T16:00:00+01:00") })["safety-check"]!;
    expect(hours.dueAtIso).toBe("2026-10-24T16:00:00+01:00");
    expect(hours.alsoStated?.dueText).toBe("by 5pm on Monday 26 October 2026");
  });

  it("shows on the dispute page who must act by each deadline and the policy's note", () => {
    const raised = new Date("2026-10-20T09:00:00Z");
    const computed = computeStageDeadlines({
      policy: northfield.policy,
      stageKey: "stage-1",
      calendar: northfield.calendar,
      anchors: { raised, stageEntered: raised },
    });
    const view = {
      record: { stageKey: "stage-1", routeId: "main" },
      deadlines: computed.map((d) => ({
        deadlineId: d.id,
        label: d.label,
        kind: d.kind,
        status: d.status,
        dueAt: d.dueAt,
        rule: d.rule,
        explanation: d.explanation,
        warnings: d.warnings,
        cite: d.cite,
      })),
    } as unknown as EscalationView;
    const items = deadlineItems({ view, policy: northfield.policy, calendar: northfield.calendar, now: raised });
    expect(items.map((i) => [i.label, i.party])).toEqual([
      ["Respond to the concern", "The responding agency"],
      ["Raise the concern with the other practitioner", "The raising agency"],
      ["Acknowledge the concern", "The responding agency"],
    ]);
    expect(items[0]!.note).toBe(
      "If the child needs protecting sooner than a week, the practitioner who raised it sets an earlier date, and that date decides.",
    );
    expect(items[1]!.note).toBeNull();
  });

  it("chooses a route from the facts given when raising, and asks by hand only between routes without a `when`", () => {
    const { policy } = northfield;
    expect(chooseRoute(policy, { about: ["child"], areas: ["thresholds", "plans"] })?.id).toBe("plans");
    expect(chooseRoute(policy, { about: ["child"], areas: ["thresholds"] })?.id).toBe("main");
    // The facts win over a route chosen by hand; a route with a `when` cannot be chosen by hand.
    expect(chooseRoute(policy, { about: ["child"], areas: ["plans"] }, "main")?.id).toBe("plans");
    expect(chooseRoute(policy, { about: ["child"], areas: ["thresholds"] }, "plans")).toBeUndefined();
    // The raise flow follows the answers so far, and does not ask which process applies.
    expect(routeOf(policy, { subjects: [{ kind: "child", initials: "AB", yearOfBirth: 2018, caseReferences: [] }], areas: ["plans"] }).id).toBe("plans");
    expect(routeOf(policy, {}).id).toBe("main");
    const fields = processStep.fields({ policy } as Parameters<typeof processStep.fields>[0]);
    expect(fields.map((f) => ("name" in f ? f.name : f.kind))).toEqual(["scopeConfirmed"]);
  });

  it("says what each kind of agency calls the level a stage expects, where the policy gives role equivalents", () => {
    const { policy } = northfield;
    expect(equivalentTitle(policy, "manager", "police")).toBe("Detective Sergeant");
    expect(equivalentTitle(policy, "manager", "childrens_social_care")).toBeNull();
    const stage2 = getStage(policy, "stage-2");
    expect(levelOf(stage2, "responding", { policy, agencyType: "police" }).words).toBe("manager (in this agency, Detective Sergeant)");
    expect(levelOf(stage2, "raising", { policy, agencyType: "education" }).words).toBe("manager (in this agency, Designated Safeguarding Lead)");
    expect(levelOf(stage2, "raising", { policy, agencyType: "housing" }).words).toBe("manager");
    expect(levelOf(getStage(policy, "stage-3"), "responding", { policy, agencyType: "police" })).toEqual({
      level: "senior-manager",
      words: "senior manager (in this agency, Detective Inspector)",
    });
  });

  describe("cross-checks", () => {
    type Data = Record<string, unknown> & { routes: { stages: { deadlines?: Record<string, unknown>[] }[] }[] };
    const refused = (mutate: (d: Data) => void): string[] => {
      const data = minimalData() as Data;
      mutate(data);
      const result = parsePolicyData(data, "minimal.yaml");
      return result.ok ? [] : result.messages;
    };
    const stage2 = (d: Data) => d.routes[0]!.stages[2]!.deadlines!;

    it("refuses a chain that loops, a deadline that is not a sibling, and an event at a later stage", () => {
      expect(
        refused((d) => {
          stage2(d)[1]!.from = { deadline: "resolve" };
          stage2(d)[2]!.from = { deadline: "action-plan" };
        }),
      ).toContain(
        'routes[0].stages[2].deadlines[1].from: "action-plan" counts, through other deadlines, from itself: a chain of deadlines must start from an event',
      );
      expect(refused((d) => (stage2(d)[2]!.from = { deadline: "senior-response" }))).toContain(
        'routes[0].stages[2].deadlines[2].from.deadline: "senior-response" is not another deadline of this stage',
      );
      expect(refused((d) => (stage2(d)[2]!.from = { deadline: "resolve" }))).toContain(
        "routes[0].stages[2].deadlines[2].from.deadline: a deadline cannot count from itself",
      );
      expect(refused((d) => (stage2(d)[2]!.from = { event: "meeting-held", stage: "stage-3" }))).toContain(
        'routes[0].stages[2].deadlines[2].from.stage: "stage-3" comes after this stage: a deadline can count only from an event at this stage or an earlier one',
      );
      expect(refused((d) => (stage2(d)[2]!.from = { event: "meeting-held", stage: "stage-1" }))).toEqual([]);
    });

    it("refuses a route chosen by an area the policy does not have, or about people it does not cover, and a policy whose every route has a `when`", () => {
      const routes = (d: Data) => d.routes as unknown as Record<string, unknown>[];
      expect(refused((d) => (routes(d)[0]!.when = { about: ["adult"], areas: ["nope"] }))).toEqual(
        expect.arrayContaining([
          'routes[0].when.areas[0]: no area with id "nope" (list it under areas)',
          "routes[0].when.about[0]: this policy covers children, not adults",
          "routes: when routes are chosen by the facts, at least one route must have no `when`: it takes every dispute the others do not",
        ]),
      );
      expect(refused((d) => (routes(d)[0]!.when = {}))).toContain("routes[0].when: say what the route applies to: about, areas or both");
    });

    it("refuses two titles for one agency type's level", () => {
      expect(
        refused((d) => {
          d.roleEquivalents = [
            { agencyType: "police", level: "manager", title: "Detective Sergeant", cite: "A" },
            { agencyType: "police", level: "manager", title: "Sergeant", cite: "A" },
          ];
        }),
      ).toContain("roleEquivalents[1]: roleEquivalents[0] already names police's title for manager");
    });

    it("refuses units also stated in the same units, and 'whichever is sooner' with nothing that starts", () => {
      expect(refused((d) => (stage2(d)[2]!.alsoStated = { unit: "working-days", amount: 3 }))).toContain(
        "routes[0].stages[2].deadlines[2].alsoStated.unit: the deadline is already counted in working-days: give the other units the policy states",
      );
      expect(refused((d) => (stage2(d)[0]!.alsoStated = { unit: "hours", amount: 3 }))).toContain(
        "routes[0].stages[2].deadlines[0].alsoStated: only a deadline counted in working days, working weeks, calendar days or hours can also be stated in other units",
      );
      expect(
        refused((d) => {
          const resolve = stage2(d)[2]!;
          for (const k of ["amount", "from"]) delete resolve[k];
          Object.assign(resolve, {
            unit: "earliest-of",
            of: [
              { unit: "set-by-role", setBy: { level: "manager" } },
              { unit: "set-by-role", setBy: { level: "director" } },
            ],
          });
        }),
      ).toContain("routes[0].stages[2].deadlines[2].of: name at least one timescale with a start, besides any set by a role");
      // "The policy does not say" has no amount, no start and no due date, so it cannot decide when a stage is overdue.
      expect(refused((d) => (stage2(d)[2]!.unit = "not-stated"))).toEqual(
        expect.arrayContaining([
          'routes[0].stages[2].deadlines[2].amount: unknown field "amount" (check the spelling; field names are case-sensitive)',
          'routes[0].stages[2].deadlines[2].decidesOverdue: a deadline of "not-stated" has no due date, so it cannot decide when a stage is overdue',
        ]),
      );
    });
  });
});
