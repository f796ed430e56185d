import { describe, expect, it } from "vitest";
import { EventPayloadSchemas, eventFromRow, parsePayload, type EscalationEvent } from "../../../lib/escalations";
import { buildFormDocument } from "../../../lib/forms/build";
import { documentText, type FormBlock, type FormDocument, type FormSection } from "../../../lib/forms/document";
import { formFingerprint, formHtml } from "../../../lib/forms/html";
import { formDefinition, formPath, policyForms, stagesWords } from "../../../lib/forms/policy-forms";
import { formSourceOf, namesMentioned, type FormSource } from "../../../lib/forms/source";
import { policies } from "../../support/escalations";
import { CSC, DIRECTORY, PEOPLE, SCHOOL, atStage2, ev, raisedEvents, torbay, torbayCalendar, uuid } from "../views/fixtures";

const NAMES = Object.fromEntries(Object.values(PEOPLE).map((p) => [p.userId, p.name]));
const ACTION = uuid(701);
const SHA = "a".repeat(64);

function torbaySource(events: EscalationEvent[], people: Record<string, string> = NAMES): FormSource {
  return formSourceOf({ disputeId: uuid(999), policy: torbay(), calendar: torbayCalendar(), events, people, agencies: DIRECTORY.agencies });
}

/** Torbay, taken to stage 3 (the senior managers), the Record of Escalation sent, then resolved there with an agreed action, done. */
function torbayResolvedAtStage3(): EscalationEvent[] {
  return [
    ...atStage2(),
    ev(
      8,
      "2026-06-05T09:00:00Z",
      "stage-2",
      "discussion_recorded",
      { with: "Grace Adeyemi, team manager", how: "meeting", occurredAt: "2026-06-05T08:00:00.000Z", said: "Managers reviewed the referral." },
      PEOPLE.manager.userId,
    ),
    ev(
      9,
      "2026-06-08T09:00:00Z",
      "stage-2",
      "escalated",
      { from: "stage-2", to: "stage-3", reason: "Managers could not agree.", deadlinesThen: [] },
      PEOPLE.manager.userId,
    ),
    ev(10, "2026-06-08T09:00:00Z", "stage-3", "owner_assigned", { side: "raising", userId: PEOPLE.head.userId, proxy: false }, PEOPLE.manager.userId),
    ev(
      11,
      "2026-06-08T09:00:00Z",
      "stage-3",
      "owner_assigned",
      { side: "responding", userId: PEOPLE.headOfService.userId, proxy: true, proxyReason: "Acting head of service." },
      PEOPLE.manager.userId,
    ),
    ev(
      12,
      "2026-06-08T10:00:00Z",
      "stage-3",
      "form_completed",
      {
        formId: "record-of-escalation",
        title: "Professional Differences Record of Escalation",
        sentTo: ["TSCP Business Manager (TSCP@torbay.gov.uk)"],
        document: { version: 11, sha256: SHA, format: "html" },
      },
      PEOPLE.head.userId,
    ),
    ev(13, "2026-06-09T13:00:00Z", "stage-3", "comment", { text: "Private aside about the family's solicitor." }, PEOPLE.head.userId),
    ev(
      14,
      "2026-06-10T14:00:00Z",
      "stage-3",
      "action_added",
      {
        actionId: ACTION,
        description: "Start a child and family assessment.",
        ownerName: "Sam Riley",
        ownerUserId: PEOPLE.social.userId,
        ownerAgencyId: CSC,
        dueDate: "2026-06-17",
      },
      PEOPLE.headOfService.userId,
    ),
    ev(
      15,
      "2026-06-10T14:00:00Z",
      "stage-3",
      "resolved",
      {
        outcome: "Children's social care will assess.",
        learning: "Thresholds read differently by schools.",
        actionIds: [ACTION],
        confirmations: { raising: { method: "email", confirmedBy: "Helen Marsh" }, responding: { method: "phone", confirmedBy: "Martin Cole" } },
        deadlinesThen: [{ deadlineId: "stage-3-resolution", label: "Resolve at stage 3", dueAt: "2026-06-15T16:00:00.000Z", overdue: false }],
      },
      PEOPLE.headOfService.userId,
    ),
    ev(16, "2026-06-12T10:00:00Z", "stage-3", "action_completed", { actionId: ACTION, note: "Allocated to Sam." }, PEOPLE.social.userId),
  ];
}

const section = (doc: FormDocument, id: string) => doc.sections.find((s) => s.id === id) as FormSection;
const rowsOf = (blocks: readonly FormBlock[]) => Object.fromEntries(blocks.flatMap((b) => (b.kind === "rows" ? b.rows.map((r) => [r.key, r.value]) : [])));
const parts = (blocks: readonly FormBlock[]) => blocks.filter((b): b is Extract<FormBlock, { kind: "part" }> => b.kind === "part");

describe("Torbay's Professional Differences Record of Escalation", () => {
  it("lays the record out under the form's headings", () => {
    const doc = buildFormDocument(torbaySource(torbayResolvedAtStage3()), "record-of-escalation")!;
    expect(doc).toMatchObject({
      formId: "record-of-escalation",
      title: "Professional Differences Record of Escalation",
      layout: "torbay-record-of-escalation",
      partnership: "Torbay Safeguarding Children Partnership",
      policy: "TSCP Professional Differences (Escalation) Policy (version 2024-1)",
      reference: "TSCP-2026-0001",
      marking: null,
      version: 16,
      asAt: "The record as it stood at 11am on Friday 12 June 2026 (version 16)",
      fileName: "TSCP-2026-0001-record-of-escalation",
    });
    // The definition of the stage it reached: required at stage 3, to the business manager.
    expect(doc.instructions).toBe(
      "Required by the policy at stage 3. To be completed by the senior manager on both sides and sent by email to TSCP Business Manager (TSCP@torbay.gov.uk).",
    );
    expect(doc.sections.map((s) => s.heading)).toEqual([
      "1. Details of the professional difference",
      "2. The child",
      "3. The professionals and agencies involved",
      "4. The concern",
      "5. Record of each stage",
      "6. Outcome",
      "7. Agreed actions",
    ]);
    expect(rowsOf(section(doc, "details").blocks)).toEqual({
      Reference: "TSCP-2026-0001",
      Raised: "9am on Thursday 4 June 2026 by Priya Shah",
      "Stage reached": "Stage 3: Senior manager to senior manager",
      Status: "Resolved at 3pm on Wednesday 10 June 2026",
    });
    expect(rowsOf(section(doc, "child").blocks)).toEqual({ "Child 1": "JS, born 2016\nPaignton Community Primary School case reference: PCPS-1142" });
    expect(rowsOf(section(doc, "professionals").blocks)).toEqual({
      "Agency raising the concern": "Paignton Community Primary School",
      "Practitioner who raised it": "Priya Shah",
      "Agency whose decision is disputed": "Torbay Council Children's Services",
      "Whose decision": "Sam Riley, social worker\nParley user: Sam Riley",
    });
    expect(rowsOf(section(doc, "concern").blocks)).toEqual({
      "What the concern is about": "Levels of need or referral decisions\nSomething else: Transport to school",
      "The decision that is not thought safe": "The referral was closed.",
      "Why it is not thought safe": "The child is left alone overnight.",
      "The evidence: its nature and source": "Two disclosures on the safeguarding log.",
      "What the raising agency aims to achieve": "An assessment.",
      "Immediate risk when raised": "No",
    });
  });

  it("records each stage with its dates, owners, discussions, forms and how it moved on", () => {
    const doc = buildFormDocument(torbaySource(torbayResolvedAtStage3()), "record-of-escalation")!;
    const stages = parts(section(doc, "stages").blocks);
    // Pre-escalation happens before raising, inside the agency: not on the form. Stages 4 and 5 were never reached.
    expect(stages.map((p) => p.heading)).toEqual([
      "Stage 1: Practitioner to practitioner",
      "Stage 2: Manager to manager",
      "Stage 3: Senior manager to senior manager",
    ]);
    const [one, two, three] = stages;
    expect(rowsOf(one!.blocks)).toMatchObject({
      Reached: "9am on Thursday 4 June 2026",
      "For Paignton Community Primary School": "Priya Shah",
      "For Torbay Council Children's Services": "Sam Riley",
      Escalated: "To Stage 2: Manager to manager, at 9:20am on Thursday 4 June 2026 by Priya Shah.\nNo agreement.",
      "Deadlines when it left": "Resolve at stages 1 and 2 (the other party responds): due by 5pm on Thursday 11 June 2026",
    });
    expect(parts(one!.blocks).map((p) => [p.heading, rowsOf(p.blocks)])).toEqual([
      [
        "Discussion with Sam Riley, 8:30am on Thursday 4 June 2026",
        {
          How: "Phone call",
          "What was discussed": "We talked it through.",
          "What was agreed": "The school will escalate.",
          "Recorded by": "Priya Shah, at 9:10am on Thursday 4 June 2026",
        },
      ],
    ]);
    expect(parts(two!.blocks).map((p) => p.heading)).toEqual(["Discussion with Grace Adeyemi, team manager, 9am on Friday 5 June 2026"]);
    expect(rowsOf(parts(two!.blocks)[0]!.blocks)["What was agreed"]).toBe("Nothing recorded");
    expect(rowsOf(three!.blocks)).toMatchObject({
      Reached: "10am on Monday 8 June 2026",
      "For Paignton Community Primary School": "Helen Marsh",
      "For Torbay Council Children's Services": "Martin Cole (standing in: Acting head of service.)",
      Resolved: "At 3pm on Wednesday 10 June 2026 by Martin Cole.",
      "Deadlines when it closed": "Resolve at stage 3: due by 5pm on Monday 15 June 2026",
    });
    const form = parts(three!.blocks).find((p) => p.heading === "Form completed: Professional Differences Record of Escalation")!;
    expect(rowsOf(form.blocks)).toEqual({
      "Sent to": "TSCP Business Manager (TSCP@torbay.gov.uk)",
      Document: `Produced by Parley from version 11 of the record (SHA-256 ${SHA})`,
      "Recorded by": "Helen Marsh, at 11am on Monday 8 June 2026",
    });
  });

  it("gives the outcome as recorded, and the agreed actions with who, when due and when done", () => {
    const doc = buildFormDocument(torbaySource(torbayResolvedAtStage3()), "record-of-escalation")!;
    expect(rowsOf(section(doc, "outcome").blocks)).toEqual({
      Outcome: "Children's social care will assess.",
      Recorded: "At 3pm on Wednesday 10 June 2026 by Martin Cole, at Stage 3: Senior manager to senior manager",
      "Confirmed for Paignton Community Primary School": "Helen Marsh, by email",
      "Confirmed for Torbay Council Children's Services": "Martin Cole, by phone call",
      "What the partnership could learn": "Thresholds read differently by schools.",
    });
    const [table] = section(doc, "actions").blocks;
    expect(table).toEqual({
      kind: "table",
      table: {
        caption: "Agreed actions",
        columns: ["Agreed action", "Who will do it", "Due", "Done"],
        rows: [
          [
            "Start a child and family assessment.",
            "Sam Riley, Torbay Council Children's Services",
            "Wednesday 17 June 2026",
            "Done at 11am on Friday 12 June 2026. Allocated to Sam.",
          ],
        ],
        empty: "No actions have been agreed.",
      },
    });
  });

  it("says what is not there yet, rather than leaving it out", () => {
    const doc = buildFormDocument(torbaySource(atStage2()), "record-of-escalation")!;
    expect(section(doc, "outcome").blocks).toEqual([{ kind: "paragraph", text: "Not resolved yet. The dispute is at Stage 2: Manager to manager." }]);
    expect(section(doc, "actions").blocks[0]).toMatchObject({ table: { rows: [], empty: "No actions have been agreed." } });
    const current = parts(section(doc, "stages").blocks).at(-1)!;
    expect(rowsOf(current.blocks).Now).toBe("The dispute is at this stage.");
    expect(current.blocks.at(-1)).toEqual({ kind: "paragraph", text: "No discussion or other entry was recorded at this stage." });
    // The definition the dispute's stage uses: recommended at stage 2, sent nowhere in particular.
    expect(doc.instructions).toBe("Recommended by the policy at stage 2. To be completed by the manager on both sides.");
  });

  it("is built from the record as it stood at an earlier version, when asked", () => {
    const source = torbaySource(torbayResolvedAtStage3());
    const early = buildFormDocument(source, "record-of-escalation", 4)!;
    expect(early.version).toBe(4);
    expect(early.asAt).toBe("The record as it stood at 9:10am on Thursday 4 June 2026 (version 4)");
    expect(parts(section(early, "stages").blocks).map((p) => p.heading)).toEqual(["Stage 1: Practitioner to practitioner"]);
    expect(rowsOf(section(early, "details").blocks).Status).toBe("Open");
    expect(buildFormDocument(source, "record-of-escalation", 0)).toBeUndefined();
    expect(buildFormDocument(source, "record-of-escalation", 17)).toBeUndefined();
    expect(buildFormDocument(source, "no-such-form")).toBeUndefined();
  });

  it("shows a corrected discussion as corrected, not twice", () => {
    const base = atStage2();
    const original = base[3]!;
    const events = [
      ...base,
      ev(
        8,
        "2026-06-04T10:00:00Z",
        "stage-1",
        "discussion_recorded",
        { with: "Sam Riley", how: "phone", occurredAt: "2026-06-04T07:45:00.000Z", said: "We talked it through (corrected time)." },
        PEOPLE.teacher.userId,
        original.id,
      ),
    ];
    const one = parts(section(buildFormDocument(torbaySource(events), "record-of-escalation")!, "stages").blocks)[0]!;
    const discussions = parts(one.blocks);
    expect(discussions.map((p) => p.heading)).toEqual(["Discussion with Sam Riley, 8:45am on Thursday 4 June 2026"]);
    expect(rowsOf(discussions[0]!.blocks).Correction).toBe("This replaces the entry recorded at 9:10am on Thursday 4 June 2026.");
  });
});

describe("what a form may say", () => {
  it("says nothing the dispute page would not show: no comments, no e-mails Parley sent, no one the record does not mention", () => {
    const people = { ...NAMES, [uuid(555)]: "Someone Unrelated" };
    const source = torbaySource(torbayResolvedAtStage3(), people);
    expect(Object.values(source.people)).not.toContain("Someone Unrelated");
    const text = documentText(buildFormDocument(source, "record-of-escalation")!).join("\n");
    expect(text).not.toContain("Private aside");
    expect(text).not.toContain("Someone Unrelated");
    expect(text).not.toContain("Alison Reeve"); // a director of the partnership, not in this record
    // The only e-mail address is the one the policy gives for sending the form.
    expect(new Set(text.match(/[\w.+-]+@[\w.-]+/g))).toEqual(new Set(["TSCP@torbay.gov.uk"]));
  });

  it("names only the people and agencies the history mentions", () => {
    expect(namesMentioned(torbayResolvedAtStage3())).toEqual({
      userIds: [PEOPLE.teacher, PEOPLE.social, PEOPLE.manager, PEOPLE.teamManager, PEOPLE.head, PEOPLE.headOfService].map((p) => p.userId).sort(),
      agencyIds: [SCHOOL, CSC].sort(),
    });
  });

  it("is the same document, byte for byte, from the same record; a new entry makes a new one", () => {
    const events = torbayResolvedAtStage3();
    const a = buildFormDocument(torbaySource(events), "record-of-escalation")!;
    const b = buildFormDocument(torbaySource([...events].reverse()), "record-of-escalation")!;
    expect(formHtml(a)).toBe(formHtml(b));
    expect(formFingerprint(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(formFingerprint(a)).toBe(formFingerprint(b));
    const later = [...events, ev(17, "2026-06-15T10:00:00Z", "stage-3", "comment", { text: "Filed." }, PEOPLE.head.userId)];
    expect(formFingerprint(buildFormDocument(torbaySource(later), "record-of-escalation")!)).not.toBe(formFingerprint(a));
    // …but the version the first was built from still gives the first.
    expect(formFingerprint(buildFormDocument(torbaySource(later), "record-of-escalation", 16)!)).toBe(formFingerprint(a));
  });

  it("escapes everything typed, and its HTML may load nothing", () => {
    const events = raisedEvents(undefined, { decisionDisputed: `<script>alert("x")</script><img src="http://evil.example/x.png">` });
    const html = formHtml(buildFormDocument(torbaySource(events), "record-of-escalation")!);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`,
    );
    expect(html).not.toMatch(/<[^>]*\s(src|href|srcset|action)=/);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en-GB">/);
  });

  it("carries its fingerprint in a footer only when asked, and the fingerprint is of the HTML without it", () => {
    const doc = buildFormDocument(torbaySource(atStage2()), "record-of-escalation")!;
    const fingerprint = formFingerprint(doc);
    expect(formHtml(doc)).not.toContain("<footer>");
    expect(formHtml(doc, { fingerprint })).toContain(
      `Produced by Parley from version 7 of the record of TSCP-2026-0001. Document fingerprint (SHA-256): <span class="fingerprint">${fingerprint}</span>`,
    );
  });
});

describe("the Isle of Man's Escalation Referral Form", () => {
  const iom = () => policies().get("isle-of-man")!;
  const source = (events: EscalationEvent[]) =>
    formSourceOf({
      disputeId: uuid(998),
      policy: iom(),
      calendar: policies().calendarFor(iom()),
      events,
      people: { ...NAMES, [uuid(8)]: "Ruth Kinvig" },
      agencies: DIRECTORY.agencies,
    });
  const CHAIR = uuid(8);

  /** Raised about an adult and a child, taken to the Board (stage 4) with the referral form, decided by the Independent Chair. */
  function atTheBoard(resolved: boolean): EscalationEvent[] {
    const [raised] = raisedEvents("2026-06-01T09:00:00Z", {
      reference: "IOMSB-2026-0001",
      policyId: "isle-of-man",
      policyVersion: "2023-1",
      areas: ["strategy-discussion"],
      areaOther: null,
      subjects: [
        { kind: "adult", initials: "EK", yearOfBirth: 1950, caseReferences: [] },
        { kind: "child", initials: "LK", yearOfBirth: 2015, caseReferences: [] },
      ],
    });
    const events: EscalationEvent[] = [
      raised!,
      ev(2, "2026-06-01T09:00:00Z", "stage-1", "owner_assigned", { side: "raising", userId: PEOPLE.teacher.userId, proxy: false }),
      ev(3, "2026-06-02T09:00:00Z", "stage-1", "escalated", { from: "stage-1", to: "stage-2", reason: "No agreement.", deadlinesThen: [] }),
      ev(4, "2026-06-02T09:00:00Z", "stage-2", "owner_assigned", { side: "raising", userId: PEOPLE.manager.userId, proxy: false }),
      ev(5, "2026-06-02T09:00:00Z", "stage-2", "owner_assigned", { side: "responding", userId: PEOPLE.teamManager.userId, proxy: false }),
      ev(
        6,
        "2026-06-03T09:00:00Z",
        "stage-2",
        "escalated",
        { from: "stage-2", to: "stage-3", reason: "The line managers disagree.", deadlinesThen: [] },
        PEOPLE.manager.userId,
      ),
      ev(7, "2026-06-03T09:00:00Z", "stage-3", "owner_assigned", { side: "raising", userId: PEOPLE.head.userId, proxy: false }, PEOPLE.manager.userId),
      ev(
        8,
        "2026-06-03T09:00:00Z",
        "stage-3",
        "owner_assigned",
        { side: "responding", userId: PEOPLE.headOfService.userId, proxy: false },
        PEOPLE.manager.userId,
      ),
      ev(
        9,
        "2026-06-08T09:00:00Z",
        "stage-3",
        "escalated",
        { from: "stage-3", to: "stage-4", reason: "Senior managers could not resolve it.", deadlinesThen: [] },
        PEOPLE.head.userId,
      ),
      ev(
        10,
        "2026-06-08T09:00:00Z",
        "stage-4",
        "owner_assigned",
        { side: "raising", userId: PEOPLE.head.userId, proxy: false, retained: true },
        PEOPLE.head.userId,
      ),
      ev(
        11,
        "2026-06-08T09:00:00Z",
        "stage-4",
        "owner_assigned",
        { side: "responding", userId: PEOPLE.headOfService.userId, proxy: false, retained: true },
        PEOPLE.head.userId,
      ),
      ev(
        12,
        "2026-06-08T11:00:00Z",
        "stage-4",
        "form_completed",
        {
          formId: "escalation-referral-form",
          title: "Resolving Professional Differences Escalation Referral Form",
          sentTo: ["Director of Multi-agency Safeguarding (safeguardingboard.co@gov.im)"],
        },
        PEOPLE.head.userId,
      ),
    ];
    if (!resolved) return events;
    return [
      ...events,
      ev(
        13,
        "2026-06-19T11:00:00Z",
        "stage-4",
        "action_added",
        {
          actionId: ACTION,
          description: "Convene a strategy discussion within 2 working days.",
          ownerName: "Martin Cole",
          ownerUserId: PEOPLE.headOfService.userId,
          ownerAgencyId: CSC,
          dueDate: "2026-06-23",
        },
        CHAIR,
      ),
      ev(
        14,
        "2026-06-19T11:00:00Z",
        "stage-4",
        "resolved",
        {
          outcome: "The Independent Chair agreed a strategy discussion is needed.",
          actionIds: [ACTION],
          confirmations: { raising: { method: "email", confirmedBy: "Helen Marsh" }, responding: { method: "email", confirmedBy: "Martin Cole" } },
          deadlinesThen: [],
        },
        CHAIR,
      ),
    ];
  }

  it("lays the record out as a referral to the Safeguarding Board", () => {
    const doc = buildFormDocument(source(atTheBoard(true)), "escalation-referral-form")!;
    expect(doc).toMatchObject({
      layout: "isle-of-man-referral",
      title: "Resolving Professional Differences Escalation Referral Form",
      partnership: "Isle of Man Safeguarding Board",
    });
    expect(doc.instructions).toBe(
      "Required by the policy at stage 4. To be completed by the senior manager of the agency raising the concern (Paignton Community Primary School) and sent by email to Director of Multi-agency Safeguarding (safeguardingboard.co@gov.im). The outcome is recorded on the form and returned to the agency that made the referral.",
    );
    expect(doc.sections.map((s) => s.heading)).toEqual([
      "1. Referral to the Safeguarding Board",
      "2. The child or vulnerable adult",
      "3. The agencies involved",
      "4. The issues and concerns",
      "5. Steps taken to resolve it",
      "6. Outcome of agreed actions",
    ]);
    expect(rowsOf(section(doc, "referral").blocks)).toEqual({
      "For the attention of": "Director of Multi-agency Safeguarding\nsafeguardingboard.co@gov.im",
      Reference: "IOMSB-2026-0001",
      // Isle of Man time (BST, as London).
      "Date of referral": "midday on Monday 8 June 2026 (recorded as sent by Helen Marsh)",
      "Referring agency": "Paignton Community Primary School",
      "Senior manager responsible for raising the concern": "Helen Marsh",
      Status: "Resolved at midday on Friday 19 June 2026",
    });
    expect(rowsOf(section(doc, "subjects").blocks)).toEqual({ "Adult 1": "EK, born 1950", "Child 2": "LK, born 2015" });
    expect(rowsOf(section(doc, "agencies").blocks)).toMatchObject({
      "Relevant service": "Torbay Council Children's Services",
      "Relevant service senior manager": "Martin Cole",
    });
    expect(rowsOf(section(doc, "issues").blocks)["Area of disagreement"]).toBe("The need to convene a strategy discussion");
    expect(parts(section(doc, "steps").blocks).map((p) => p.heading)).toEqual([
      "Stage 1: Direct professional to professional discussion",
      "Stage 2: Direct first line manager to first line manager discussion",
      "Stage 3: Senior manager to senior manager discussion",
      "Stage 4: Isle of Man Safeguarding Board",
    ]);
  });

  it("puts the outcome and the agreed actions recorded in Parley in the 'outcome of agreed actions' section", () => {
    const doc = buildFormDocument(source(atTheBoard(true)), "escalation-referral-form")!;
    const outcome = section(doc, "outcome");
    expect(outcome.blocks[0]).toEqual({
      kind: "paragraph",
      text: "The outcome agreed by the Independent Chair of the Safeguarding Board and any agreed actions, as recorded in Parley, returned to the referring agency (Paignton Community Primary School).",
    });
    expect(rowsOf(outcome.blocks)).toMatchObject({
      Outcome: "The Independent Chair agreed a strategy discussion is needed.",
      Recorded: "At midday on Friday 19 June 2026 by Ruth Kinvig, at Stage 4: Isle of Man Safeguarding Board",
    });
    expect(outcome.blocks.at(-1)).toMatchObject({
      table: {
        rows: [
          ["Convene a strategy discussion within 2 working days.", "Martin Cole, Torbay Council Children's Services", "Tuesday 23 June 2026", "Not done yet"],
        ],
      },
    });
  });

  it("says the outcome is not recorded yet while the Board considers it", () => {
    const doc = buildFormDocument(source(atTheBoard(false)), "escalation-referral-form")!;
    expect(section(doc, "outcome").blocks[1]).toEqual({
      kind: "paragraph",
      text: "Not recorded yet. Not resolved yet. The dispute is at Stage 4: Isle of Man Safeguarding Board.",
    });
    // Before the Board, the form says the dispute has not been referred.
    const early = buildFormDocument(source(atTheBoard(false)), "escalation-referral-form", 5)!;
    expect(rowsOf(section(early, "referral").blocks)["Date of referral"]).toBe(
      "Not referred. The dispute is at Stage 2: Direct first line manager to first line manager discussion.",
    );
    expect(rowsOf(section(early, "referral").blocks)["Senior manager responsible for raising the concern"]).toBe("Not recorded in Parley");
    const reached = buildFormDocument(source(atTheBoard(false)), "escalation-referral-form", 11)!;
    expect(rowsOf(section(reached, "referral").blocks)["Date of referral"]).toBe(
      "Not recorded as sent yet. The dispute reached Stage 4: Isle of Man Safeguarding Board at 10am on Monday 8 June 2026.",
    );
  });
});

describe("forms of other policies", () => {
  it("use a plain layout, marked as the policy says", () => {
    const policy = policies().get("eastmoor")!;
    const [raised] = raisedEvents("2026-06-01T09:00:00Z", {
      reference: "ESCB-2026-0001",
      policyId: "eastmoor",
      policyVersion: "2016-1",
      areas: ["referral-threshold"],
      areaOther: null,
    });
    const events: EscalationEvent[] = [
      raised!,
      ev(2, "2026-06-02T09:00:00Z", "stage-1", "escalated", { from: "stage-1", to: "stage-2", reason: "No agreement.", deadlinesThen: [] }),
      ev(3, "2026-06-03T09:00:00Z", "stage-2", "escalated", { from: "stage-2", to: "stage-3", reason: "Second tier could not agree.", deadlinesThen: [] }),
    ];
    const doc = buildFormDocument(
      formSourceOf({ disputeId: uuid(997), policy, calendar: policies().calendarFor(policy), events, people: NAMES, agencies: DIRECTORY.agencies }),
      "formal-escalation",
    )!;
    expect(doc).toMatchObject({ layout: "generic", title: "Written formal escalation", marking: "Formal Escalation under the Escalation Policy" });
    expect(doc.instructions).toBe(
      'Required by the policy at stage 3. To be completed by Team or Service Manager and sent in writing to Head of Service. Mark it "Formal Escalation under the Escalation Policy".',
    );
    expect(doc.sections.map((s) => s.heading)).toEqual([
      "1. Details",
      "2. The child",
      "3. The agencies and people",
      "4. The disagreement",
      "5. Stages so far",
      "6. Outcome",
      "7. Agreed actions",
    ]);
    expect(formHtml(doc)).toContain('<p class="marking">Formal Escalation under the Escalation Policy</p>');
  });

  it("each form once per route, with the stages that name it and the definition for the dispute's stage", () => {
    const t = torbay();
    expect(policyForms(t, "main").map((f) => [f.id, stagesWords(f.stages)])).toEqual([["record-of-escalation", "stages 1, 2 and 3"]]);
    expect(formDefinition(t, "main", "record-of-escalation", "stage-2")?.form.use).toBe("recommended");
    expect(formDefinition(t, "main", "record-of-escalation", "stage-4")?.form).toMatchObject({ use: "required", email: "TSCP@torbay.gov.uk" });
    expect(formDefinition(t, "main", "nothing", "stage-2")).toBeUndefined();
    const iom = policies().get("isle-of-man")!;
    // Named only at stage 4: at stage 1 its stage 4 definition.
    expect(formDefinition(iom, "main", "escalation-referral-form", "stage-1")?.stage.key).toBe("stage-4");
    expect(formPath("isle-of-man", uuid(1), "escalation-referral-form", { pdf: true, version: 3 })).toBe(
      `/p/isle-of-man/disputes/${uuid(1)}/forms/escalation-referral-form/pdf?version=3`,
    );
  });
});

describe("the form_completed event", () => {
  const old = {
    formId: "record-of-escalation",
    title: "Professional Differences Record of Escalation",
    sentTo: ["TSCP Business Manager (TSCP@torbay.gov.uk)"],
  };

  it("still reads as written before documents were kept", () => {
    expect(parsePayload("form_completed", old)).toEqual(old);
    const row = {
      id: uuid(1),
      sequence: 4,
      type: "form_completed",
      at: new Date(),
      actorId: uuid(2),
      stageKey: "stage-3",
      policyVersion: "2024-1",
      payload: old,
      correctsId: null,
    };
    expect(eventFromRow(row).payload).toEqual(old);
  });

  it("keeps the document's version and SHA-256 when there is one, and nothing else", () => {
    const withDoc = { ...old, document: { version: 9, sha256: SHA, format: "html" } };
    expect(parsePayload("form_completed", withDoc)).toEqual(withDoc);
    expect(EventPayloadSchemas.form_completed.safeParse({ ...old, document: { version: 9, sha256: "not-a-hash", format: "html" } }).success).toBe(false);
    expect(EventPayloadSchemas.form_completed.safeParse({ ...old, document: { version: 0, sha256: SHA, format: "html" } }).success).toBe(false);
    expect(EventPayloadSchemas.form_completed.safeParse({ ...old, document: { version: 9, sha256: SHA, format: "html", html: "<p>" } }).success).toBe(false);
  });
});
