import { describe, expect, it } from "vitest";
import {
  ConflictError,
  EventPayloadSchemas,
  NotFoundError,
  RaiseEscalationInput,
  ResolveEscalationInput,
  ValidationError,
  parsePayload,
} from "../../../lib/escalations";
import { parseInput } from "../../../lib/escalations/schemas";
import { uuidv7 } from "../../../lib/escalations/ids";

describe("errors", () => {
  it("carry the HTTP status the API maps them to", () => {
    expect(new ValidationError({ a: "b" }).status).toBe(400);
    expect(new NotFoundError().status).toBe(404);
    expect(new ConflictError().message).toMatch(/Reload the page/);
  });

  it("key validation messages by field path", () => {
    try {
      parseInput(ResolveEscalationInput, { expectedVersion: 0, outcome: "", confirmations: { raising: { method: "fax", confirmedBy: "A" } }, extra: 1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fields).toEqual({
        expectedVersion: "Reload the page: the form did not say which version of the dispute it was based on.",
        outcome: "Enter the outcome: what was decided and why.",
        "confirmations.raising.method": "Choose how they confirmed it: phone, meeting, video, email, letter or other.",
        "confirmations.responding": "This is required.",
        extra: "This field is not expected here; remove it.",
      });
    }
  });

  it("normalises what a person types: trimmed text, upper-case initials, empty optional answers dropped", () => {
    const parsed = parseInput(RaiseEscalationInput, {
      respondingAgencyId: uuidv7(),
      respondingPerson: "  Sam Riley ",
      subjects: [{ kind: "child", initials: "js", yearOfBirth: 2016 }],
      areas: ["x"],
      decisionDisputed: "d",
      whyUnsafe: "w",
      evidenceSummary: "e",
      outcomeSought: "o",
      timescaleSought: "",
      immediateRisk: false,
    });
    expect(parsed.respondingPerson).toBe("Sam Riley");
    expect(parsed.subjects[0]).toEqual({ kind: "child", initials: "JS", yearOfBirth: 2016, caseReferences: [] });
    expect(parsed.timescaleSought).toBeUndefined();
  });
});

describe("event payloads", () => {
  it("have a schema for every type, and reject what does not fit", () => {
    expect(Object.keys(EventPayloadSchemas).sort()).toEqual(
      [
        "action_added",
        "action_completed",
        "board_notified",
        "comment",
        "deadline_set",
        "discussion_recorded",
        "escalated",
        "expedited",
        "form_completed",
        "milestone_recorded",
        "owner_assigned",
        "policy_version_changed",
        "raised",
        "resolved",
        "withdrawn",
      ].sort(),
    );
    expect(parsePayload("comment", { text: "hi" })).toEqual({ text: "hi" });
    expect(() => parsePayload("comment", { text: "" })).toThrow(/Invalid comment event payload/);
    expect(() => parsePayload("escalated", { from: "a", to: "b", reason: "r" })).toThrow(/deadlinesThen/);
  });

  it("uuidv7 ids are version 7 and ordered by time", () => {
    const a = uuidv7(1_700_000_000_000);
    const b = uuidv7(1_700_000_000_001);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
  });
});
