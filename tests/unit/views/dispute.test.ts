import { describe, expect, it } from "vitest";
import { actionLinks, disputePage, doneMessage, isActionSlug, type DisputeContext } from "../../../lib/views/dispute";
import { DIRECTORY, PEOPLE, actorOf, atStage2, ev, raisedEvents, torbay, torbayCalendar, viewOf, uuid } from "./fixtures";

const NOW = new Date("2026-06-04T09:30:00Z"); // 10:30am, Thursday 4 June 2026

function ctx(events = atStage2(), reader = actorOf(PEOPLE.teacher), now = NOW): DisputeContext {
  return { view: viewOf(events, reader, now), policy: torbay(), calendar: torbayCalendar(), now, directory: DIRECTORY, partnershipId: "torbay" };
}

describe("the dispute page", () => {
  it("shows the reference, status and stage, and a summary with the next deadline in words", () => {
    const page = disputePage(ctx());
    expect(page).toMatchObject({
      reference: "TSCP-2026-0001",
      title: "Dispute TSCP-2026-0001",
      status: { text: "Open", colour: "blue" },
      urgent: false,
      stage: "Stage 2: Manager to manager",
      closed: false,
    });
    expect(page.summary).toEqual([
      { key: "Stage", value: "Stage 2: Manager to manager" },
      { key: "Status", value: "Open" },
      { key: "Next deadline", value: "Resolve at stages 1 and 2 (the other party responds): Due in 5 working days (Thursday 11 June, 5pm)" },
      { key: "Raised", value: "9am on Thursday 4 June 2026 by Priya Shah" },
      { key: "Policy", value: "TSCP Professional Differences (Escalation) Policy (version 2024-1)" },
    ]);
  });

  it("shows the ladder: each stage's status, who is involved, and its deadlines where known", () => {
    const ladder = disputePage(ctx()).ladder;
    expect(ladder.map((s) => [s.title, s.status])).toEqual([
      ["Pre-escalation - consult a supervisor or manager in your own organisation", "Before raising"],
      ["Stage 1: Practitioner to practitioner", "Done"],
      ["Stage 2: Manager to manager", "Current"],
      ["Stage 3: Senior manager to senior manager", "Not started"],
      ["Stage 4: Divisional director to divisional director", "Not started"],
      ["Stage 5: Refer via TSCP", "Not started"],
    ]);
    expect(ladder[1]).toMatchObject({
      who: "Practitioner (raising side) and Practitioner (responding side)",
      dates: "Reached 9am on Thursday 4 June 2026; left 9:20am on Thursday 4 June 2026",
      deadlines: ["Resolve at stages 1 and 2 (the other party responds): due by 5pm on Thursday 11 June 2026 (not yet due when it left this stage)"],
    });
    expect(ladder[2]!.deadlines).toEqual(["Resolve at stages 1 and 2 (the other party responds): by 5pm on Thursday 11 June 2026"]);
    expect(ladder[3]!.deadlines).toEqual(["Resolve at stage 3: 5 working days from entering stage 3"]);
    expect(ladder[5]!.deadlines).toEqual(["Resolution by the Chair or Resolution Panel: timescale to be set by the TSCP Executive Chair"]);
    // Consulting one's own supervisor happens before raising, in the agency's own system: not "skipped".
    expect(ladder[0]).toMatchObject({
      colour: "grey",
      note: "Before raising: the practitioner does this within their own agency. Recorded in the agency's own system, not in Parley.",
    });
  });

  it("describes the current deadlines, with how each was worked out and what to do if it is missed", () => {
    const [d] = disputePage(ctx()).deadlines;
    expect(d).toMatchObject({
      label: "Resolve at stages 1 and 2 (the other party responds)",
      due: { tone: "soon", text: "Due in 5 working days (Thursday 11 June, 5pm)" },
      by: "by 5pm on Thursday 11 June 2026",
      kind: "Required by the policy",
      rule: "5 working days from the dispute being raised",
    });
    expect(d!.explanation).toBe("5 working days from 9am on Thursday 4 June 2026 (dispute raised): skipped the weekend; due by 5pm on Thursday 11 June 2026.");
    expect(d!.onMiss).toMatch(/^If the other party has not responded within the five working days/);
  });

  it("shows the owners, who it concerns, the agencies and the record", () => {
    const page = disputePage(ctx());
    expect(page.owners).toEqual([
      { key: "Paignton Community Primary School (raising side)", value: "Tom Okafor" },
      { key: "Torbay Council Children's Services (responding side)", value: "Grace Adeyemi" },
    ]);
    expect(page.subjects).toEqual([{ key: "Child 1", value: "JS, born 2016\nPaignton Community Primary School case reference: PCPS-1142" }]);
    expect(page.parties).toContainEqual({ key: "Whose decision", value: "Sam Riley, social worker\nParley user: Sam Riley" });
    expect(page.record[0]).toEqual({ key: "Areas of disagreement", value: "Levels of need or referral decisions\nSomething else: Transport to school" });
    expect(page.record).toContainEqual({ key: "Immediate risk when raised", value: "No" });
  });

  it("says who should own a side nobody owns yet", () => {
    const events = [...raisedEvents().slice(0, 2)];
    expect(disputePage(ctx(events)).owners[1]).toEqual({
      key: "Torbay Council Children's Services (responding side)",
      value: "Nobody yet. The policy expects: practitioner.",
    });
  });

  it("offers only the actions the reader may take now", () => {
    expect(actionLinks(ctx()).map((l) => l.label)).toEqual(["Add a comment", "Record a discussion", "Record a completed form", "Withdraw the dispute"]);
    const manager = actionLinks(ctx(atStage2(), actorOf(PEOPLE.manager)));
    expect(manager.map((l) => l.label)).toEqual([
      "Add a comment",
      "Record a discussion",
      "Record a completed form",
      "Escalate to stage 3",
      "Skip stages (expedite)",
      "Choose who owns it for Paignton Community Primary School",
      "Add an agreed action",
      "Record that it is resolved",
      "Withdraw the dispute",
    ]);
    expect(manager.find((l) => l.label === "Escalate to stage 3")?.href).toBe(`/p/torbay/disputes/${uuid(999)}/escalate`);
    expect(manager.find((l) => l.label.startsWith("Choose who"))?.href).toBe(`/p/torbay/disputes/${uuid(999)}/owner?side=raising`);
  });

  it("lists agreed actions with their state, and a way to mark them done for those who may", () => {
    const action = uuid(777);
    const events = [
      ...atStage2(),
      ev(
        8,
        "2026-06-04T09:25:00Z",
        "stage-2",
        "action_added",
        { actionId: action, description: "Share the log", ownerName: "Priya Shah", ownerUserId: null, ownerAgencyId: null, dueDate: "2026-06-03" },
        PEOPLE.manager.userId,
      ),
    ];
    const [item] = disputePage(ctx(events, actorOf(PEOPLE.manager))).agreedActions;
    expect(item).toMatchObject({ description: "Share the log", owner: "Priya Shah", due: "Wednesday 3 June 2026", status: { text: "Overdue", colour: "red" } });
    expect(item!.completeHref).toBe(`/p/torbay/disputes/${uuid(999)}/complete-action?action=${action}`);
    expect(disputePage(ctx(events, actorOf(PEOPLE.teacher))).agreedActions[0]!.completeHref).toBeNull();
  });

  it("says what just happened, by the action's page", () => {
    const c = ctx();
    expect(doneMessage("escalate", c)).toBe("The dispute has been escalated. It is now at Stage 2: Manager to manager.");
    expect(doneMessage("comment", c)).toBe("Your comment has been added.");
    expect(doneMessage("nonsense", c)).toBeNull();
    expect(doneMessage(undefined, c)).toBeNull();
    expect(isActionSlug("escalate")).toBe(true);
    expect(isActionSlug("constructor")).toBe(false);
  });
});

describe("agreed actions on the page", () => {
  it("lists the soonest due first", () => {
    const events = [
      ...atStage2(),
      ev(
        8,
        "2026-06-04T09:25:00Z",
        "stage-2",
        "action_added",
        { actionId: uuid(801), description: "Later", ownerName: "A", ownerUserId: null, ownerAgencyId: null, dueDate: "2026-06-20" },
        PEOPLE.manager.userId,
      ),
      ev(
        9,
        "2026-06-04T09:26:00Z",
        "stage-2",
        "action_added",
        { actionId: uuid(802), description: "Sooner", ownerName: "B", ownerUserId: null, ownerAgencyId: null, dueDate: "2026-06-08" },
        PEOPLE.manager.userId,
      ),
    ];
    expect(disputePage(ctx(events)).agreedActions.map((a) => a.description)).toEqual(["Sooner", "Later"]);
  });
});
