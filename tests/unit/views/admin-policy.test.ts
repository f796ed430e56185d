import { describe, expect, it } from "vitest";
import { PolicyRegistry } from "../../../lib/policy";
import { policyOverview } from "../../../lib/views/admin-policy";

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
