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
      {
        id: "record-of-escalation",
        title: "Professional Differences Record of Escalation",
        use: "Required",
        sendTo: "TSCP Business Manager (TSCP@torbay.gov.uk)",
      },
    ]);
    expect(preview.notify).toEqual(["TSCP Business Manager: The Record of Escalation, completed in full. By email to TSCP@torbay.gov.uk."]);
    expect(preview.board).toBe(
      "The board is notified when the dispute reaches this stage. The Business Manager keeps a record of all resolved and ongoing disputes that reach stage three.",
    );
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
      ev(
        8,
        "2026-06-04T09:25:00Z",
        "stage-2",
        "discussion_recorded",
        { with: "Grace", how: "meeting", occurredAt: "2026-06-04T09:00:00.000Z", said: "Talked." },
        PEOPLE.manager.userId,
      ),
      ev(9, "2026-06-04T09:26:00Z", "stage-2", "owner_assigned", { side: "raising", userId: PEOPLE.head.userId, proxy: false }, PEOPLE.manager.userId),
    ];
    const preview = escalatePreview(ctx(events))!;
    expect(preview.required[0]!.done).toBe(true);
    expect(preview.owners[0]!.keeps).toBe("Helen Marsh");
  });

  it("shows the stage 5 timescale as one the chair sets", () => {
    const events = [
      ...atStage2(),
      ev(8, "2026-06-04T09:25:00Z", "stage-2", "escalated", { from: "stage-2", to: "stage-3", reason: "r", deadlinesThen: [] }),
      ev(9, "2026-06-04T09:25:00Z", "stage-3", "escalated", { from: "stage-3", to: "stage-4", reason: "r", deadlinesThen: [] }),
    ];
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
      ev(
        8,
        "2026-06-04T09:25:00Z",
        "stage-2",
        "action_added",
        { actionId: uuid(777), description: "Share", ownerName: "Priya", ownerUserId: null, ownerAgencyId: null, dueDate: "2026-06-10" },
        PEOPLE.manager.userId,
      ),
    ];
    expect(actionFormView("complete-action", ctx(withAction, actorOf(PEOPLE.manager), uuid(12345))).unavailable).toMatch(
      /already done, or is not one you may mark/,
    );
    expect(actionFormView("complete-action", ctx(withAction, actorOf(PEOPLE.manager), uuid(777))).unavailable).toBeNull();
    expect(actionFormView("comment", ctx(raisedEvents(), actorOf(PEOPLE.teacher))).unavailable).toBeNull();
  });
});

describe("from the posted form to the use case's input", () => {
  it("sends the version the page was built from, and leaves out what was left blank", () => {
    expect(actionInput("comment", { expectedVersion: "7", text: " Hello " }).input).toEqual({ expectedVersion: 7, text: "Hello" });
    expect(actionInput("comment", { expectedVersion: "x", text: "Hello" }).input).toEqual({ expectedVersion: undefined, text: "Hello" });
    expect(
      actionInput("escalate", {
        expectedVersion: "7",
        reason: "Stuck",
        toStageKey: "stage-3",
        "owners.raising.userId": PEOPLE.head.userId,
        "owners.responding.userId": "",
        formsOnEntry: "record-of-escalation",
      }).input,
    ).toEqual({
      expectedVersion: 7,
      reason: "Stuck",
      toStageKey: "stage-3",
      owners: { raising: { userId: PEOPLE.head.userId } },
      formsOnEntry: [{ formId: "record-of-escalation" }],
    });
    expect(actionInput("owner", { expectedVersion: "3", userId: PEOPLE.teacher.userId, proxy: "yes", proxyReason: "No manager" }, "raising").input).toEqual({
      expectedVersion: 3,
      side: "raising",
      userId: PEOPLE.teacher.userId,
      proxy: true,
      proxyReason: "No manager",
    });
    expect(actionInput("form", { expectedVersion: "3", formId: "record-of-escalation", sentTo: "", note: "" }).input).toEqual({
      expectedVersion: 3,
      formId: "record-of-escalation",
      note: undefined,
    });
  });

  it("drops empty agreed actions when resolving, and points errors at the fields they were typed in", () => {
    const { input, aliases } = actionInput("resolve", {
      expectedVersion: "9",
      outcome: "Reopened",
      "actions.0.description": "",
      "actions.0.ownerName": "",
      "actions.0.dueDate.day": "",
      "actions.0.dueDate.month": "",
      "actions.0.dueDate.year": "",
      "actions.1.description": "Assess",
      "actions.1.ownerName": "Sam",
      "actions.1.dueDate.day": "11",
      "actions.1.dueDate.month": "6",
      "actions.1.dueDate.year": "2026",
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
    // What the partnership could learn is optional, and passed on when written.
    expect(input).not.toHaveProperty("learning", expect.anything());
    const learnt = actionInput("resolve", { expectedVersion: "9", outcome: "Reopened", learning: "The thresholds for neglect were read differently." });
    expect(learnt.input).toMatchObject({ learning: "The thresholds for neglect were read differently." });
  });

  it("reads each date from its Day, Month, Year and Time boxes into the text the use case takes", () => {
    const discussion = actionInput("discussion", {
      expectedVersion: "4",
      with: "Sam",
      how: "phone",
      "occurredAt.day": "4",
      "occurredAt.month": "06",
      "occurredAt.year": "2026",
      "occurredAt.time": "8:30am",
      said: "Talked.",
    });
    expect(discussion.input).toMatchObject({ occurredAt: "2026-06-04T08:30" });
    expect(discussion.errors).toEqual({});
    const timescale = { expectedVersion: "4", deadlineId: "x", "dueAt.day": "19", "dueAt.month": "June", "dueAt.year": "2026", "dueAt.time": "17:00" };
    expect(actionInput("timescale", timescale).input).toMatchObject({ dueAt: "2026-06-19T17:00" });
    const action = { expectedVersion: "4", description: "Share", ownerName: "Priya", "dueDate.day": "8", "dueDate.month": "6", "dueDate.year": "2026" };
    expect(actionInput("agreed-action", action).input).toMatchObject({ dueDate: "2026-06-08" });
  });

  it("leaves a date that cannot be read out of the input, with a GOV.UK message naming the part to fix at the use case's path", () => {
    const milestone = actionInput("milestone", {
      expectedVersion: "4",
      milestoneId: "meeting-held",
      "occurredAt.day": "4",
      "occurredAt.month": "",
      "occurredAt.year": "2026",
      "occurredAt.time": "9am",
    });
    expect(milestone.input).toEqual({ expectedVersion: 4, milestoneId: "meeting-held", occurredAt: undefined, note: undefined });
    expect(milestone.errors).toEqual({ occurredAt: "Date it happened must include a month" });

    const timescale = actionInput("timescale", {
      expectedVersion: "4",
      deadlineId: "x",
      "dueAt.day": "19",
      "dueAt.month": "6",
      "dueAt.year": "2026",
      "dueAt.time": "teatime",
    });
    expect(timescale.errors).toEqual({ dueAt: "Time it is due must be a real time, for example 10:30am or 14:30" });

    // In a repeated group, at the path the use case uses (the second item typed is the first sent), which the alias points back.
    const resolve = actionInput("resolve", {
      expectedVersion: "9",
      outcome: "Reopened",
      "actions.0.description": "",
      "actions.1.description": "Assess",
      "actions.1.ownerName": "Sam",
      "actions.1.dueDate.day": "31",
      "actions.1.dueDate.month": "6",
      "actions.1.dueDate.year": "2026",
    });
    expect(resolve.input.actions).toEqual([{ description: "Assess", ownerName: "Sam", dueDate: undefined }]);
    expect(resolve.errors).toEqual({ "actions.0.dueDate": "Date the action is due must be a real date" });
    expect(resolve.aliases["actions.0.dueDate"]).toBe("actions.1.dueDate");
  });

  it("asks for dates as GOV.UK date inputs, with an example in the partnership's today (or a week on, for a due date)", () => {
    const discussion = actionFormView("discussion", ctx()).fields.find((f) => f.kind === "datetime");
    expect(discussion).toMatchObject({ name: "occurredAt", label: "When did it take place?", hint: "For example, 4 6 2026" });
    const action = actionFormView("agreed-action", ctx()).fields.find((f) => f.kind === "date");
    expect(action).toMatchObject({ name: "dueDate", hint: "For example, 11 6 2026" });
  });

  it("targets the agreed action being completed", () => {
    const action = uuid(4242);
    expect(actionInput("complete-action", { expectedVersion: "2", note: "" }, action).input).toEqual({ expectedVersion: 2, actionId: action, note: undefined });
  });
});
