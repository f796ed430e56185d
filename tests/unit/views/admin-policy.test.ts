import { describe, expect, it } from "vitest";
import { PolicyRegistry } from "../../../lib/policy";
import { policyOverview } from "../../../lib/views/admin-policy";
import { placeholderComments, readPolicySource } from "../../../lib/views/policy-placeholders";

describe("the policy page for administrators", () => {
  const { registry, errors } = PolicyRegistry.load();

  it("names the version in force and the calendar's years", () => {
    const o = policyOverview({ registry, errors }, "torbay", new Date("2026-06-04T09:00:00Z"));
    expect(o.inForce).toBe("torbay@2024-1");
    expect(o.versions[0]).toMatchObject({ version: "2024-1", inForce: true, future: false });
    expect(o.calendar).toEqual({ name: "England and Wales", from: 2020, to: 2028, missingSoon: false });
    expect(o.problems).toEqual([]);
  });

  it("warns in the last year with holiday data, and shows only this partnership's file problems", () => {
    const broken = [
      { file: "policies/torbay/2025-1.yaml", messages: ["version: expected letters"] },
      { file: "policies/isle-of-man/2024-1.yaml", messages: ["title: required"] },
    ];
    const o = policyOverview({ registry, errors: broken }, "torbay", new Date("2028-03-01T09:00:00Z"));
    expect(o.calendar?.missingSoon).toBe(true);
    expect(o.problems).toEqual(["policies/torbay/2025-1.yaml: version: expected letters"]);
  });

  it("says when nothing is in force", () => {
    expect(policyOverview({ registry, errors }, "torbay", new Date("2019-01-01T09:00:00Z")).inForce).toBeNull();
  });
});

describe("the policy in force, as the engine reads it", () => {
  const { registry, errors } = PolicyRegistry.load();
  const at = new Date("2026-06-04T09:00:00Z");
  const torbay = policyOverview({ registry, errors }, "torbay", at, readPolicySource).detail;

  it("shows the version in force with its effective, approval and review dates", () => {
    expect(torbay).toMatchObject({ ref: "torbay@2024-1", standing: "In force" });
    expect(torbay?.dates).toEqual([
      { key: "In force from", value: "Monday 1 January 2024" },
      { key: "Reference prefix", value: "TSCP" },
      { key: "Approved", value: "Not stated in the policy" },
      { key: "Review due", value: "Not stated in the policy" },
    ]);
    const manx = policyOverview({ registry, errors }, "isle-of-man", at).detail;
    expect(manx?.dates).toContainEqual({ key: "Approved", value: "April 2023" });
    expect(torbay?.notStated).toEqual([]);
    expect(manx?.dateWarnings).toEqual(["The policy's review was due in April 2025. Check with the partnership that this is still the version to use."]);
  });

  it("lists every stage with who owns it on each side, the deadlines in plain English, and where disputes start", () => {
    const stages = torbay?.routes[0]?.stages ?? [];
    expect(stages.map((s) => s.title)).toEqual([
      "Pre-escalation - consult a supervisor or manager in your own organisation",
      "Stage 1: Practitioner to practitioner",
      "Stage 2: Manager to manager",
      "Stage 3: Senior manager to senior manager",
      "Stage 4: Divisional director to divisional director",
      "Stage 5: Refer via TSCP",
    ]);
    expect(stages[0]?.tags).toEqual(["Before raising"]);
    expect(stages[0]?.deadlineNote).toContain("recorded in the agency's own system, not in Parley");
    expect(stages[1]?.tags).toEqual(["Disputes start here"]);
    expect(stages[2]?.owners).toEqual([
      { side: "Raising agency", who: "Supervisor/manager", level: "Manager", note: null },
      { side: "Responding agency", who: "Equivalent supervisor/manager in the other agency", level: "Manager", note: null },
    ]);
    expect(stages[1]?.deadlines[0]).toMatchObject({
      label: "Resolve at stages 1 and 2 (the other party responds)",
      when: "Within 5 working days of the dispute being raised, by 5pm",
      kind: "Required by the policy",
      decidesOverdue: true,
      shared: "One deadline for stage 1 and stage 2 together",
    });
    expect(stages[1]?.deadlines[0]?.onMiss).toContain("Parley tells both owners and also TSCP Business Manager");
    expect(stages[3]?.deadlines[0]?.when).toBe("Within 5 working days of the dispute reaching stage 3, by 5pm");
    expect(stages[5]?.deadlines[0]?.when).toBe("Set for each dispute by the TSCP Executive Chair: no due date until they set one");
    expect(stages[5]?.decidedBy).toBe("Chair of the TSCP Executive Group, alone or through a Resolution Panel");
    expect(torbay?.boardOversight).toBe("A dispute goes on the board business manager's register when it reaches stage 3.");
    expect(torbay?.counting).toContain("5pm (close of business)");
  });

  it("words every kind of deadline", () => {
    const eastmoor = policyOverview({ registry, errors }, "eastmoor", at).detail;
    const whens = eastmoor?.routes.flatMap((r) => r.stages.flatMap((s) => s.deadlines.map((d) => d.when)));
    expect(whens).toContain("Within 24 hours of the disagreement being reported to the line managers");
    expect(whens).toContain("Immediately on an action being agreed");
    const westbridge = policyOverview({ registry, errors }, "westbridge", at).detail;
    const all = westbridge?.routes.flatMap((r) => r.stages.flatMap((s) => s.deadlines.map((d) => d.when)));
    expect(all).toContain("By 5pm on the same working day as the practitioner identifying the concern (the next working day, if that day is not one)");
    expect(all).toContain("As soon as possible: the policy sets no timescale, so there is no due date");
    const manx = policyOverview({ registry, errors }, "isle-of-man", at).detail;
    expect(manx?.routes[0]?.stages[3]?.deadlines[0]?.metBy).toBe(
      "Met when the Resolving Professional Differences Escalation Referral Form is recorded as completed",
    );
  });

  it("warns about every value the policy file marks as a placeholder", () => {
    expect(torbay?.placeholders).toEqual([
      {
        path: "effectiveFrom",
        message:
          "The date this version is in force from, 1 January 2024, is a placeholder in the policy file (the source is undated). Confirm the real value, correct the file and restart Parley.",
      },
    ]);
    const westbridge = policyOverview({ registry, errors }, "westbridge", at, readPolicySource).detail;
    expect(westbridge?.placeholders.map((p) => p.path)).toEqual(["partnership.name", "effectiveFrom"]);
    expect(westbridge?.placeholders[0]?.message).toContain(
      "Westbridge Local Safeguarding Children Partnership, is a placeholder in the policy file (the seed names no partnership)",
    );
    // Without the file's text, the structured flag still warns.
    const eastmoor = policyOverview({ registry, errors }, "eastmoor", at).detail;
    expect(eastmoor?.placeholders.map((p) => p.path)).toEqual(["partnership.name"]);
  });

  it("finds placeholder comments on a value's line or the line above, and nothing else", () => {
    const text = [
      "title: A policy",
      'effectiveFrom: "2024-01-01" # placeholder: the source is undated',
      "approved: null # not stated",
      "partnership:",
      "  code: ABC",
      "  # Placeholder",
      "  name: Somewhere",
    ].join("\n");
    expect(placeholderComments(text)).toEqual([
      { path: "effectiveFrom", value: "2024-01-01", note: "the source is undated" },
      { path: "partnership.name", value: "Somewhere", note: null },
    ]);
    expect(placeholderComments("a: [unclosed")).toEqual([]);
  });

  it("shows the next version when none is in force yet", () => {
    const o = policyOverview({ registry, errors }, "torbay", new Date("2019-01-01T09:00:00Z"));
    expect(o.detail).toMatchObject({ ref: "torbay@2024-1", standing: "Not yet in force" });
  });
});
