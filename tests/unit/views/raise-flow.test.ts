import { describe, expect, it } from "vitest";
import type { DraftAnswers } from "../../../lib/drafts";
import {
  applicableSteps,
  checkAnswers,
  checkAnswersErrors,
  firstIncompleteStep,
  nextStepAfter,
  otherAgencies,
  previousStep,
  raisedConfirmation,
  respondingPeople,
  stepFields,
  stepHeading,
  stepInput,
  stepOfPath,
  stepPath,
  stepValues,
  urgentStartChoices,
  whoWord,
  type RaiseContext,
} from "../../../lib/views/raise-flow";
import { fieldId, fieldNames } from "../../../lib/views/form-spec";
import { policies } from "../../support/escalations";
import { CSC, DIRECTORY, PEOPLE, POLICE, SCHOOL, raisedEvents, torbay, viewOf } from "./fixtures";
import { memberNamed } from "../../../lib/drafts/steps";
import { agencyOnParley, notOnParleyAdvice } from "../../../lib/views/raise-flow";

const complete: DraftAnswers = {
  immediateRisk: false,
  scopeConfirmed: true,
  respondingAgencyId: CSC,
  respondingPerson: "Sam Riley, social worker",
  respondingUserId: PEOPLE.social.userId,
  subjects: [
    {
      kind: "child",
      initials: "JS",
      yearOfBirth: 2016,
      caseReferences: [
        { agencyId: SCHOOL, reference: "PCPS-1" },
        { agencyId: CSC, reference: "CSC-9" },
      ],
    },
  ],
  areas: ["levels-of-need", "other"],
  areaOther: "Transport",
  decisionDisputed: "Closed",
  whyUnsafe: "Unsafe",
  evidenceSummary: "Logs",
  outcomeSought: "Assessment",
};

const ctx = (answers: DraftAnswers, policyId = "torbay"): RaiseContext => ({
  policy: policies().get(policyId)!,
  agencyId: SCHOOL,
  directory: DIRECTORY,
  answers,
});

describe("the steps of the raise flow", () => {
  it("asks what was done about the risk, and about urgency, only when someone is at immediate risk", () => {
    expect(applicableSteps({ immediateRisk: false })).toEqual(["start", "process", "agency", "person", "subjects", "areas", "decision", "evidence", "outcome"]);
    expect(applicableSteps({ immediateRisk: true })).toEqual([
      "start",
      "emergency",
      "process",
      "agency",
      "person",
      "subjects",
      "areas",
      "decision",
      "evidence",
      "outcome",
      "urgent",
    ]);
  });

  it("goes on in order, then to check your answers", () => {
    expect(nextStepAfter("start", { immediateRisk: true }, false)).toBe("emergency");
    expect(nextStepAfter("start", { immediateRisk: false }, false)).toBe("process");
    expect(nextStepAfter("outcome", { immediateRisk: false }, false)).toBe("check");
    expect(nextStepAfter("outcome", { immediateRisk: true }, false)).toBe("urgent");
    expect(previousStep("process", { immediateRisk: true })).toBe("emergency");
    expect(previousStep("start", {})).toBeNull();
    expect(previousStep("check", { immediateRisk: false })).toBe("outcome");
  });

  it("after changing an answer, goes back to check your answers, unless the change needs another answer first", () => {
    expect(nextStepAfter("decision", complete, true)).toBe("check");
    expect(nextStepAfter("agency", complete, true)).toBe("person");
    expect(nextStepAfter("start", { ...complete, immediateRisk: true }, true)).toBe("emergency");
    expect(nextStepAfter("emergency", { ...complete, immediateRisk: true, immediateRiskNote: "Called 999" }, true)).toBe("urgent");
  });

  it("knows which step is still to do", () => {
    expect(firstIncompleteStep({})).toBe("start");
    expect(firstIncompleteStep(complete)).toBeNull();
    expect(firstIncompleteStep({ ...complete, immediateRisk: true })).toBe("emergency");
  });

  it("finds the step that asks for a field path", () => {
    expect(stepOfPath("subjects.0.initials")).toBe("subjects");
    expect(stepOfPath("urgent.grounds")).toBe("urgent");
    expect(stepOfPath("respondingUserId")).toBe("person");
    expect(stepOfPath("_")).toBe("start");
    expect(stepPath("torbay", "start")).toBe("/p/torbay/disputes/new");
    expect(stepPath("torbay", "check")).toBe("/p/torbay/disputes/new/check");
  });

  it("words questions for children, or children and adults, as the policy covers", () => {
    expect(whoWord(torbay())).toBe("child");
    expect(whoWord(policies().get("isle-of-man")!)).toBe("child or adult");
    expect(stepHeading("subjects", torbay())).toBe("Which child is this about?");
    expect(stepHeading("emergency", policies().get("isle-of-man")!)).toBe("A child or adult is at immediate risk of harm");
  });
});

describe("the fields of each step", () => {
  it("offers the other agencies only, and the chosen agency's people", () => {
    expect(otherAgencies(ctx({})).map((o) => o.label)).toEqual(["Torbay Council Children's Services", "Devon and Cornwall Police"]);
    expect(respondingPeople(ctx({ respondingAgencyId: CSC })).map((o) => o.label)).toEqual([
      "Alison Reeve (Director)",
      "Grace Adeyemi (Manager)",
      "Martin Cole (Senior manager)",
      "Sam Riley (Practitioner)",
    ]);
  });

  it("asks which process applies only where the policy has several", () => {
    expect(stepFields("process", ctx({})).map((f) => (f.kind === "hidden" || f.kind === "heading" ? f.kind : f.name))).toEqual(["scopeConfirmed"]);
    const westbridge = stepFields("process", ctx({}, "westbridge"));
    expect(westbridge[0]).toMatchObject({ kind: "radios", name: "routeId" });
    expect(westbridge[0]!.kind === "radios" && westbridge[0]!.options.map((o) => o.value)).toEqual([
      "general",
      "referral-enquiry",
      "need-for-conference",
      "conference-dissent",
      "child-protection-plan",
    ]);
  });

  it("asks child or adult only where the policy covers both, and each agency's case reference once the agency is known", () => {
    const torbayFields = stepFields("subjects", ctx({}));
    const inner = (f: (typeof torbayFields)[number]) => (f.kind === "repeat" ? f.fields.map((x) => `${x.kind}:${"name" in x ? x.name : ""}`) : []);
    expect(inner(torbayFields[0]!)).toEqual(["hidden:kind", "text:initials", "text:yearOfBirth", "text:refRaising"]);
    const iom = stepFields("subjects", { ...ctx({ respondingAgencyId: CSC }, "isle-of-man") });
    expect(inner(iom[0]!)).toEqual(["radios:kind", "text:initials", "text:yearOfBirth", "text:refRaising", "text:refResponding"]);
  });

  it("offers the stages an urgent dispute may start at, with what each skips", () => {
    expect(urgentStartChoices(torbay(), { immediateRisk: true }).map((c) => [c.value, c.label, c.hint])).toEqual([
      ["", "Stage 1: Practitioner to practitioner, where disputes usually start", undefined],
      ["stage-2", "Go straight to Stage 2: Manager to manager", "Skips stage 1."],
      ["stage-3", "Go straight to Stage 3: Senior manager to senior manager", "Skips stage 1 and stage 2."],
      ["stage-4", "Go straight to Stage 4: Divisional director to divisional director", "Skips stage 1, stage 2 and stage 3."],
      ["stage-5", "Go straight to Stage 5: Refer via TSCP", "Skips stage 1, stage 2, stage 3 and stage 4."],
    ]);
    expect(urgentStartChoices(policies().get("cambridgeshire-peterborough")!, {})).toEqual([]);
  });
});

describe("between the form and the draft", () => {
  it("shows saved answers, and turns a posted step back into the same answers", () => {
    const c = ctx(complete);
    const { values, counts } = stepValues("subjects", c);
    expect(counts).toEqual({ subjects: 1 });
    expect(values).toEqual({
      "subjects.0.kind": "child",
      "subjects.0.initials": "JS",
      "subjects.0.yearOfBirth": "2016",
      "subjects.0.refRaising": "PCPS-1",
      "subjects.0.refResponding": "CSC-9",
    });
    expect(stepInput("subjects", values, c).input).toEqual({ subjects: complete.subjects });
  });

  it("points errors on a case reference at the field it was typed in", () => {
    const { aliases } = stepInput("subjects", { "subjects.0.kind": "child", "subjects.0.refResponding": "X" }, ctx(complete));
    expect(aliases).toEqual({ "subjects.0.caseReferences.0.reference": "subjects.0.refResponding" });
  });

  it("maps yes and no, checkboxes, and the urgent details to the use case's shape", () => {
    expect(stepInput("start", { immediateRisk: "yes" }, ctx({})).input).toEqual({ immediateRisk: true });
    expect(stepInput("start", {}, ctx({})).input).toEqual({ immediateRisk: undefined });
    expect(stepInput("process", { scopeConfirmed: "yes" }, ctx({})).input).toEqual({ scopeConfirmed: true });
    expect(stepInput("areas", { areas: ["other"], areaOther: " Transport " }, ctx({})).input).toEqual({ areas: ["other"], areaOther: "Transport" });
    expect(stepInput("urgent", { "urgent.grounds": "Risk", "urgent.startAtStageKey": "stage-3" }, ctx({})).input).toEqual({
      urgent: { grounds: "Risk", startAtStageKey: "stage-3" },
    });
    expect(stepInput("person", { respondingPerson: "Sam", respondingUserId: "" }, ctx({})).input).toEqual({ respondingPerson: "Sam" });
  });
});

describe("check your answers", () => {
  it("lists every answer with a link to change it", () => {
    const sections = checkAnswers(ctx(complete), "torbay");
    expect(sections.map((s) => s.title)).toEqual(["Immediate risk", "The process", "The other agency", "Who it is about", "The disagreement"]);
    const rows = sections.flatMap((s) => s.rows);
    expect(rows.find((r) => r.key === "Agency")).toEqual({
      key: "Agency",
      value: "Torbay Council Children's Services",
      href: "/p/torbay/disputes/new/agency?return=check",
    });
    expect(rows.find((r) => r.key === "Whose decision")?.value).toBe("Sam Riley, social worker\nParley user: Sam Riley");
    expect(rows.find((r) => r.key === "Child 1")?.value).toBe(
      "JS, born 2016\nPaignton Community Primary School case reference: PCPS-1\nTorbay Council Children's Services case reference: CSC-9",
    );
    expect(rows.find((r) => r.key === "Areas of disagreement")?.value).toBe("Levels of need or referral decisions\nSomething else: Transport");
    expect(rows.find((r) => r.key === "Why it is unsafe")?.href).toBe("/p/torbay/disputes/new/decision?return=check#whyUnsafe");
  });

  it("adds what was done about the risk and the urgent details when someone is at risk", () => {
    const sections = checkAnswers(
      ctx({ ...complete, immediateRisk: true, immediateRiskNote: "Called the police", urgentGrounds: "Risk tonight", startAtStageKey: "stage-3" }),
      "torbay",
    );
    const rows = sections.flatMap((s) => s.rows);
    expect(rows.find((r) => r.key === "What you have done about the risk")?.value).toBe("Called the police");
    expect(rows.find((r) => r.key === "Starts at")?.value).toBe("Stage 3: Senior manager to senior manager");
  });
});

describe("errors of the final submit", () => {
  it("links each to its field on the step that asks for it, also for list items and case references", () => {
    const placed = checkAnswersErrors(
      {
        "areas.1": "Choose an area from the policy's list.",
        "subjects.0.caseReferences.1.reference": "Enter the reference in 40 characters or fewer.",
        "subjects.0.caseReferences.0.reference": "Enter your reference in 40 characters or fewer.",
        whyUnsafe: "Say why the decision is unsafe.",
      },
      ctx(complete),
      "torbay",
    );
    expect(placed.errors).toEqual({
      areas: "Choose an area from the policy's list.",
      "subjects-0-refResponding": "Enter the reference in 40 characters or fewer.",
      "subjects-0-refRaising": "Enter your reference in 40 characters or fewer.",
      whyUnsafe: "Say why the decision is unsafe.",
    });
    expect(placed.links).toEqual({
      areas: "/p/torbay/disputes/new/areas?return=check#areas",
      "subjects-0-refResponding": "/p/torbay/disputes/new/subjects?return=check#subjects-0-refResponding",
      "subjects-0-refRaising": "/p/torbay/disputes/new/subjects?return=check#subjects-0-refRaising",
      whyUnsafe: "/p/torbay/disputes/new/decision?return=check#whyUnsafe",
    });
    // Every link's anchor is a field the step really shows.
    for (const [id, href] of Object.entries(placed.links)) {
      const step = href.split("/new/")[1]!.split("?")[0] as Parameters<typeof stepFields>[0];
      expect(fieldIdsOf(step)).toContain(id);
    }
  });

  it("keeps a problem of the whole dispute as a message", () => {
    expect(checkAnswersErrors({ _: "The policy in force has changed: start again." }, ctx(complete), "torbay")).toEqual({
      errors: {},
      links: {},
      message: "The policy in force has changed: start again.",
    });
  });
});

function fieldIdsOf(step: Parameters<typeof stepFields>[0]): string[] {
  return fieldNames(stepFields(step, ctx(complete)), { subjects: 1 }).map(fieldId);
}

describe("the confirmation", () => {
  it("gives the reference, the stage, the owners and the first deadline in words", () => {
    expect(raisedConfirmation(viewOf(raisedEvents()), torbay())).toEqual({
      reference: "TSCP-2026-0001",
      stage: "Stage 1: Practitioner to practitioner",
      owners: [
        { key: "Paignton Community Primary School", value: "Priya Shah" },
        { key: "Torbay Council Children's Services", value: "Sam Riley" },
      ],
      firstDeadline: "Resolve at stages 1 and 2 (the other party responds): by 5pm on Thursday 11 June 2026",
      urgent: false,
    });
  });

  it("says who will take a dispute that names nobody in the other agency, from what Parley did, never asking the raiser to act for that side", () => {
    const events = raisedEvents("2026-06-04T08:00:00Z", { respondingUserId: null, respondingPerson: "The duty team" }).slice(0, 2);
    const notice = (trigger: string, recipientName: string) => ({
      id: `0195d1c2-0000-7000-8000-0000000000${recipientName.length}`,
      trigger,
      dedupeKey: trigger + recipientName,
      recipientName,
      recipientReason: "Escalation contact",
      subject: "s",
      status: "pending" as const,
      createdAt: new Date("2026-06-04T08:00:00Z"),
      notBefore: new Date("2026-06-04T08:00:00Z"),
      nextAttemptAt: new Date("2026-06-04T08:00:00Z"),
      sentAt: null,
      cancelledReason: null,
      attempts: [],
    });
    const contacts = raisedConfirmation(
      viewOf(events, undefined, undefined, [notice("awaiting_owner", "Grace Adeyemi"), notice("awaiting_owner", "Martin Cole")]),
      torbay(),
    );
    expect(contacts.owners[1]).toEqual({
      key: "Torbay Council Children's Services",
      value:
        "Nobody yet. It is on the list of disputes awaiting an owner at Torbay Council Children's Services, and Parley is letting Grace Adeyemi and Martin Cole know: they take disputes for it.",
    });
    const board = raisedConfirmation(viewOf(events, undefined, undefined, [notice("agency_not_on_parley", "Ruth Bennett")]), torbay());
    expect(board.owners[1]?.value).toContain("Nobody at Torbay Council Children's Services uses Parley");
    for (const c of [contacts, board]) expect(c.owners[1]?.value).not.toMatch(/choose who owns it from the dispute page/);
  });
});

describe("the other agency's people", () => {
  it("suggests the agency's Parley users as the raiser types, and links a name typed as it is on Parley", () => {
    const field = stepFields("person", ctx({ ...complete, respondingUserId: undefined }))[0];
    expect(field).toMatchObject({ kind: "text", name: "respondingPerson", autoComplete: "off" });
    expect(field?.kind === "text" ? field.suggestions : []).toEqual(DIRECTORY.members.filter((m) => m.agencyId === CSC).map((m) => m.name));
    const c = ctx({ ...complete, respondingUserId: undefined });
    expect(memberNamed(c, "Sam Riley, social worker")?.userId).toBe(PEOPLE.social.userId);
    expect(memberNamed(c, "sam  riley")?.userId).toBe(PEOPLE.social.userId);
    expect(memberNamed(c, "Sam")).toBeUndefined(); // one word names nobody
    expect(memberNamed(c, "Pam Riley")).toBeUndefined(); // whole words only
    expect(memberNamed(c, "Sam Riley-Jones")).toBeUndefined();
    expect(memberNamed(c, "Duty team, front door")).toBeUndefined();
    expect(memberNamed({ ...c, answers: { ...c.answers, respondingAgencyId: SCHOOL } }, "Sam Riley")).toBeUndefined(); // not at that agency
  });

  it("says before submitting when nobody at the other agency uses Parley, and who is told instead", () => {
    expect(agencyOnParley(ctx(complete))).toBe(true);
    const police = ctx({ ...complete, respondingAgencyId: POLICE, respondingUserId: undefined });
    expect(agencyOnParley(police)).toBe(DIRECTORY.members.some((m) => m.agencyId === POLICE));
    const advice = notOnParleyAdvice({ ...police, directory: { ...DIRECTORY, members: DIRECTORY.members.filter((m) => m.agencyId !== POLICE) } });
    expect(advice.lines[0]).toBe("Nobody at Devon and Cornwall Police uses Parley, so nobody there can be told about this disagreement through it.");
    expect(advice.lines[1]).toContain("TSCP Business Manager, TSCP@torbay.gov.uk");
  });
});
