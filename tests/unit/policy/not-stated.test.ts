/**
 * "The policy does not say" beyond deadlines (issue 14, construct 4): a reference
 * prefix, the areas of disagreement, the immediate-risk guidance and a stage's role
 * levels may each be `not-stated`. Each loads, reads "The policy does not say" where
 * it is shown, and has a working behaviour where Parley needs a value.
 */
import { describe, expect, it } from "vitest";
import { IMMEDIATE_RISK_FALLBACK, codeFromId, notStatedItems, parsePolicyData, type Policy } from "@/lib/policy";
import { ranksAt } from "@/lib/escalations/policy-facts";
import { policyDetail } from "@/lib/views/admin-policy";
import { levelOf } from "@/lib/views/dispute-form-parts";
import { areasStep } from "@/lib/views/raise-flow/areas";
import type { RaiseContext } from "@/lib/views/raise-flow/context";
import { minimalData } from "./helpers";

type Data = Record<string, unknown>;

function notStatedPolicy(): Policy {
  const d = minimalData();
  (d.partnership as Data).code = "not-stated";
  d.areas = "not-stated";
  (d.immediateRisk as Data).guidance = "not-stated";
  const stages = ((d.routes as Data[])[0] as Data).stages as Data[];
  (stages[3]!.responding as Data).level = "not-stated";
  const r = parsePolicyData(d, "minimal.yaml");
  if (!r.ok) throw new Error(r.messages.join("\n"));
  return r.policy;
}

describe("not-stated fields", () => {
  const policy = notStatedPolicy();

  it("load, with a working value where Parley needs one", () => {
    expect(policy.partnership).toMatchObject({ code: "EXAMPLE", codeNotStated: true });
    expect(policy.areas).toEqual({ cite: null, items: [], notStated: true });
    expect(policy.immediateRisk.guidanceNotStated).toBe(true);
    expect(policy.immediateRisk.guidance).toEqual([{ text: IMMEDIATE_RISK_FALLBACK, cite: "Not in the policy (Parley's default)" }]);
    const stage3 = policy.routes[0]!.stages[3]!;
    expect(stage3.responding).toEqual({ level: "practitioner", levelNotStated: true });
    // Anyone in the agency may own it: the responding side is matched as a practitioner.
    expect(ranksAt(stage3)).toEqual({ raisingRank: ranksAt(stage3).raisingRank, respondingRank: 1 });
  });

  it("derives a reference prefix from the id: capitals, no hyphens, at most 10", () => {
    expect(codeFromId("isle-of-man")).toBe("ISLEOFMAN");
    expect(codeFromId("cambridgeshire-peterborough")).toBe("CAMBRIDGES");
    expect(codeFromId("3-rivers")).toBe("P3RIVERS");
  });

  it("are listed in words, with what Parley does instead, on the policy page", () => {
    expect(notStatedItems(policy).map((n) => n.what)).toEqual([
      "The reference prefix (partnership.code)",
      "The areas of disagreement (areas)",
      "What to do when someone is at immediate risk (immediateRisk.guidance)",
      "The level of role on the responding side at stage 3: Senior manager to senior manager",
    ]);
    const detail = policyDetail(policy, { today: "2026-06-01", standing: "In force", calendarName: null, source: null });
    expect(detail.dates).toContainEqual({ key: "Reference prefix", value: "The policy does not say; Parley uses EXAMPLE" });
    expect(detail.notStated).toHaveLength(4);
    const owners = detail.routes[0]!.stages.find((s) => s.key === "stage-3")!.owners;
    expect(owners[1]).toMatchObject({ side: "Responding agency", who: "The policy does not say: anyone in the agency" });
    expect(levelOf(policy.routes[0]!.stages[3]!, "responding", { policy, agencyType: "police" }).words).toBe("anyone in the agency (the policy does not say)");
  });

  it("areas not stated: the raiser describes it in their own words", () => {
    const ctx = { policy } as RaiseContext;
    expect(areasStep.fields(ctx).map((f) => ("name" in f ? f.name : f.kind))).toEqual(["areaOther"]);
    expect(areasStep.input({ areaOther: "Information sharing" }, ctx).input).toEqual({ areas: ["other"], areaOther: "Information sharing" });
  });

  it("a wrong value still says what to fix, and names not-stated", () => {
    const d = minimalData();
    (d.partnership as Data).code = "tscp";
    ((d.areas as Data).items as Data[])[0]!.id = "Bad Id";
    const r = parsePolicyData(d);
    expect(r.ok ? [] : r.messages).toEqual([
      'partnership.code: expected 2 to 10 capital letters or digits, e.g. TSCP, or "not-stated"',
      'areas.items[0].id: expected an area id: lower-case letters, digits and single hyphens, e.g. "stage-1"',
    ]);
  });
});
