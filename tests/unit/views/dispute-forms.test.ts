import { describe, expect, it } from "vitest";
import { actionFormView, actionInput, eligibleOwners, escalatePreview, expediteChoices, type ActionFormContext } from "../../../lib/views/dispute-forms";
import { fieldNames } from "../../../lib/views/form-spec";
import { CSC, DIRECTORY, PEOPLE, SCHOOL, actorOf, atStage2, ev, raisedEvents, torbay, torbayCalendar, uuid, viewOf } from "./fixtures";

const NOW = new Date("2026-06-04T09:30:00Z");

function ctx(events = atStage2(), reader = actorOf(PEOPLE.manager), target?: string): ActionFormContext {
  return { view: viewOf(events, reader, NOW), policy: torbay(), calendar: torbayCalendar(), now: NOW, directory: DIRECTORY, partnershipId: "torbay", target };
}

describe("who may own a side", () => {
  it("is anyone in that side's agency at or above the level the stage expects", () => {
    expect(eligibleOwners(DIRECTORY.members, CSC, "senior-manager").map((m) => m.name)).toEqual(["Alison Reeve", "Martin Cole"]);
    expect(eligibleOwners(DIRECTORY.members, SCHOOL, "manager").map((m) => m.name)).toEqual(["Helen Marsh", "Tom Okafor"]);
  });
});

describe("escalating, before anyone confirms", () => {
  it("says where it goes, who may own it, what must be recorded, the form due on entry, who is told and the new deadline", () => {
    const preview = escalatePreview(ctx())!;
    expect(preview.from).toBe("Stage 2: Manager to manager");
    expect(preview.to).toMatchObject({ key: "stage-3", title: "Stage 3: Senior manager to senior manager" });
    expect(preview.owners).toEqual([
      {
        side: "raising",
        agency: "Paignton Community Primary School",
        expects: "Head of Service/Operations Manager or Senior Manager (Head Teacher in a school setting)",
        keeps: null,
        options: [{ value: PEOPLE.head.userId, label: "Helen Marsh (Senior manager)" }],
      },
      {
        side: "responding",
        agency: "Torbay Council Children's Services",
        expects: "Head of Service/Operations Manager or Senior Manager (Head Teacher in a school setting)",
        keeps: null,
        options: [
          { value: PEOPLE.director.userId, label: "Alison Reeve (Director)" },
          { value: PEOPLE.headOfService.userId, label: "Martin Cole (Senior manager)" },
        ],
      },
    ]);
    // Nothing recorded at stage 2 yet.
    expect(preview.required).toEqual([{ kind: "record", what: "A record of discussion on each agency's recording system", done: false }]);
    expect(preview.formsOnEntry).toEqual([
      { id: "record-of-escalation", title: "Professional Differences Record of Escalation", use: "Required", sendTo: "TSCP Business Manager (TSCP@torbay.gov.uk)" },
    ]);
    expect(preview.notify).toEqual(["TSCP Business Manager: The Record of Escalation, completed in full. By email to TSCP@torbay.gov.uk."]);
    expect(preview.board).toBe("The board is notified when the dispute reaches this stage. The Business Manager keeps a record of all resolved and ongoing disputes that reach stage three.");
    expect(preview.deadlines).toEqual([
      {
        label: "Resolve at stage 3",
        by: "by 5pm on Thursday 11 June 2026",
        due: "Due in 5 working days (Thursday 11 June, 5pm)",
        explanation: "5 working days from 10:30am on Thursday 4 June 2026 (entered stage 3): skipped the weekend; due by 5pm on Thursday 11 June 2026.",
        warnings: [],
      },
    ]);
  });

  it("counts a discussion at the stage as the record the policy requires, and keeps an owner who meets the next level", () => {
    const events = [
      ...atStage2(),
      ev(8, "2026-06-04T09:25:00Z", "stage-2", "discussion_recorded", { with: "Grace", how: "meeting", occurredAt: "2026-06-04T09:00:00.000Z", said: "Talked." }, PEOPLE.manager.userId),
      ev(9, "2026-06-04T09:26:00Z", "stage-2", "owner_assigned", { side: "raising", userId: PEOPLE.head.userId, proxy: false }, PEOPLE.manager.userId),
    ];
    const preview = escalatePreview(ctx(events))!;
    expect(preview.required[0]!.done).toBe(true);
    expect(preview.owners[0]!.keeps).toBe("Helen Marsh");
  });

  it("shows the stage 5 timescale as one the chair sets", () => {
    const events = [...atStage2(), ev(8, "2026-06-04T09:25:00Z", "stage-2", "escalated", { from: "stage-2", to: "stage-3", reason: "r", deadlinesThen: [] }), ev(9, "2026-06-04T09:25:00Z", "stage-3", "escalated", { from: "stage-3", to: "stage-4", reason: "r", deadlinesThen: [] })];
    const preview = escalatePreview(ctx(events, actorOf(PEOPLE.director)))!;
    expect(preview.to.title).toBe("Stage 5: Refer via TSCP");
    expect(preview.deadlines).toEqual([
      expect.objectContaining({ label: "Resolution by the Chair or Resolution Panel", by: null, due: "Timescale to be set by the TSCP Executive Chair" }),
    ]);
  });

  it("builds the form: the reason, an owner for each side, and the form for the next stage", () => {
    const form = actionFormView("escalate", ctx());
    expect(form.unavailable).toBeNull();
    expect(form.heading).toBe("Escalate to stage 3: Senior manager to senior manager");
    expect(form.submitLabel).toBe("Escalate to stage 3");
    expect(fieldNames(form.fields)).toEqual(["reason", "owners.raising.userId", "owners.responding.userId", "formsOnEntry"]);
  });
});

describe("the other forms", () => {
  it("offers the expedite targets with what each skips", () => {
    expect(expediteChoices(ctx()).map((c) => [c.value, c.label, c.hint])).toEqual([
      ["stage-4", "Stage 4: Divisional director to divisional director", "Skips stage 3."],
      ["stage-5", "Stage 5: Refer via TSCP", "Skips stage 3 and stage 4."],
    ]);
  });

  it("lists everyone in the side's agency as a possible owner, marking who could only stand in as a proxy", () => {
    const form = actionFormView("owner", ctx(atStage2(), actorOf(PEOPLE.manager), "raising"));
    const select = form.fields.find((f) => f.kind === "select");
    expect(select?.kind === "select" && select.options.map((o) => o.label)).toEqual([
      "Helen Marsh (Senior manager)",
      "Priya Shah (Practitioner): only as a proxy",
      "Tom Okafor (Manager)",
    ]);
    expect(select?.hint).toBe("At stage 2 the policy expects: Supervisor/manager.");
  });

  it("says why an action is not open to the reader", () => {
    expect(actionFormView("escalate", ctx(atStage2(), actorOf(PEOPLE.teacher))).unavailable).toMatch(/^You cannot do this on this dispute now/);
    expect(actionFormView("owner", ctx(atStage2(), actorOf(PEOPLE.manager), "responding")).unavailable).toMatch(/^You cannot do this/);
    expect(actionFormView("complete-action", ctx(atStage2(), actorOf(PEOPLE.manager), uuid(12345))).unavailable).toMatch(/^You cannot do this/);
    const withAction = [
      ...atStage2(),
      ev(8, "2026-06-04T09:25:00Z", "stage-2", "action_added", { actionId: uuid(777), description: "Share", ownerName: "Priya", ownerUserId: null, ownerAgencyId: null, dueDate: "2026-06-10" }, PEOPLE.manager.userId),
    ];
    expect(actionFormView("complete-action", ctx(withAction, actorOf(PEOPLE.manager), uuid(12345))).unavailable).toMatch(/already done, or is not one you may mark/);
    expect(actionFormView("complete-action", ctx(withAction, actorOf(PEOPLE.manager), uuid(777))).unavailable).toBeNull();
    expect(actionFormView("comment", ctx(raisedEvents(), actorOf(PEOPLE.teacher))).unavailable).toBeNull();
  });
});

describe("from the posted form to the use case's input", () => {
  it("sends the version the page was built from, and leaves out what was left blank", () => {
    expect(actionInput("comment", { expectedVersion: "7", text: " Hello " }).input).toEqual({ expectedVersion: 7, text: "Hello" });
    expect(actionInput("comment", { expectedVersion: "x", text: "Hello" }).input).toEqual({ expectedVersion: undefined, text: "Hello" });
    expect(
      actionInput("escalate", { expectedVersion: "7", reason: "Stuck", toStageKey: "stage-3", "owners.raising.userId": PEOPLE.head.userId, "owners.responding.userId": "", formsOnEntry: "record-of-escalation" }).input,
    ).toEqual({ expectedVersion: 7, reason: "Stuck", toStageKey: "stage-3", owners: { raising: { userId: PEOPLE.head.userId } }, formsOnEntry: [{ formId: "record-of-escalation" }] });
    expect(actionInput("owner", { expectedVersion: "3", userId: PEOPLE.teacher.userId, proxy: "yes", proxyReason: "No manager" }, "raising").input).toEqual({
      expectedVersion: 3,
      side: "raising",
      userId: PEOPLE.teacher.userId,
      proxy: true,
      proxyReason: "No manager",
    });
    expect(actionInput("form", { expectedVersion: "3", formId: "record-of-escalation", sentTo: "", note: "" }).input).toEqual({ expectedVersion: 3, formId: "record-of-escalation", note: undefined });
  });

  it("drops empty agreed actions when resolving, and points errors at the fields they were typed in", () => {
    const { input, aliases } = actionInput("resolve", {
      expectedVersion: "9",
      outcome: "Reopened",
      "actions.0.description": "",
      "actions.0.ownerName": "",
      "actions.0.dueDate": "",
      "actions.1.description": "Assess",
      "actions.1.ownerName": "Sam",
      "actions.1.dueDate": "2026-06-11",
      "confirmations.raising.method": "email",
      "confirmations.raising.confirmedBy": "Priya",
      "confirmations.responding.method": "",
      "confirmations.responding.confirmedBy": "Sam",
    });
    expect(input).toEqual({
      expectedVersion: 9,
      outcome: "Reopened",
      actions: [{ description: "Assess", ownerName: "Sam", dueDate: "2026-06-11" }],
      confirmations: { raising: { method: "email", confirmedBy: "Priya" }, responding: { method: undefined, confirmedBy: "Sam" } },
    });
    expect(aliases["actions.0.dueDate"]).toBe("actions.1.dueDate");
  });

  it("targets the agreed action being completed", () => {
    const action = uuid(4242);
    expect(actionInput("complete-action", { expectedVersion: "2", note: "" }, action).input).toEqual({ expectedVersion: 2, actionId: action, note: undefined });
  });
});
