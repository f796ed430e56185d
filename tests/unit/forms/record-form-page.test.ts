import { describe, expect, it } from "vitest";
import { actionFormView, actionInput, type ActionFormContext } from "../../../lib/views/dispute-forms";
import { DIRECTORY, PEOPLE, actorOf, atStage2, torbay, torbayCalendar, viewOf } from "../views/fixtures";

const NOW = new Date("2026-06-04T09:30:00Z");
const ctx = (target?: string): ActionFormContext => ({
  view: viewOf(atStage2(), actorOf(PEOPLE.manager), NOW),
  policy: torbay(),
  calendar: torbayCalendar(),
  now: NOW,
  directory: DIRECTORY,
  partnershipId: "torbay",
  target,
});

describe("recording a completed form, with the document Parley produced", () => {
  it("asks whether the form sent was the one Parley produced from the record, naming its version", () => {
    const form = actionFormView("form", ctx());
    const attach = form.fields.find((f) => f.kind === "checkboxes" && f.name === "attachDocument");
    expect(attach).toMatchObject({
      label: "What did you send? (optional)",
      options: [{ value: "yes", label: "The form Parley produced from this record, as it stands now (version 7)" }],
    });
    expect(form.values).toEqual({});
  });

  it("chooses the form when it comes from that form's page, and only a form of this stage", () => {
    expect(actionFormView("form", ctx("record-of-escalation")).values).toEqual({ formId: "record-of-escalation" });
    expect(actionFormView("form", ctx("escalation-referral-form")).values).toEqual({});
  });

  it("sends attachDocument only when ticked", () => {
    const posted = { expectedVersion: "7", formId: "record-of-escalation", sentTo: "", note: "" };
    expect(actionInput("form", { ...posted, attachDocument: "yes" }).input).toEqual({
      expectedVersion: 7,
      formId: "record-of-escalation",
      note: undefined,
      attachDocument: true,
    });
    expect(actionInput("form", posted).input).not.toHaveProperty("attachDocument");
  });
});
