/**
 * Owner suggestions ranked by job title: the policy's equivalent title for the
 * level in the agency's type (Northfield's roleEquivalents), then its own words
 * for the side (Torbay's "Head of Service/Operations Manager or Senior
 * Manager (Head Teacher in a school setting)") or the level's generic words.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/db/generated/enums";
import { matchJobTitle, matchReason, policyPhrases, rankByJobTitle, titleMatchesPhrase } from "@/lib/escalations/owner-suggestions";
import { jobTitleProblem, normaliseJobTitle } from "@/lib/users/job-title";
import { getStage, loadPolicyFile, PolicyRegistry, type Policy } from "@/lib/policy";
import { ownerOptions } from "@/lib/views/dispute-form-parts";
import { POLICIES } from "../policy/helpers";

function northfield(): Policy {
  const result = loadPolicyFile(path.join(POLICIES, "examples", "northfield", "2026-1.yaml"));
  if (!result.ok) throw new Error(result.messages.join("\n"));
  return result.policy;
}
const torbay = () => PolicyRegistry.load().registry.get("torbay")!;

const POLICE = "police-agency";
const person = (userId: string, name: string, roles: Role[], jobTitle: string | null = null) => ({ userId, name, agencyId: POLICE, roles, jobTitle });

describe("matching a job title to a phrase", () => {
  it("ignores case, spaces and punctuation", () => {
    expect(titleMatchesPhrase("  detective   SERGEANT ", "Detective Sergeant")).toBe(true);
    expect(titleMatchesPhrase("Head teacher", "Head Teacher")).toBe(true);
    expect(titleMatchesPhrase("Headteacher", "Head Teacher")).toBe(true);
    expect(titleMatchesPhrase("Detective Constable", "Detective Sergeant")).toBe(false);
  });

  it("matches the phrase as whole words in the title, or the title as a run of the phrase's words", () => {
    expect(titleMatchesPhrase("Team Manager", "manager")).toBe(true);
    expect(titleMatchesPhrase("Detective Sergeant, Public Protection Unit", "Detective Sergeant")).toBe(true);
    expect(titleMatchesPhrase("Head Teacher", "Head Teacher in a school setting")).toBe(true);
    expect(titleMatchesPhrase("Managerial lead", "manager")).toBe(false);
    // One word of a longer phrase is not enough.
    expect(titleMatchesPhrase("Head", "Head of Service")).toBe(false);
  });

  it("splits a policy's words into their alternatives", () => {
    expect(policyPhrases("Head of Service/Operations Manager or Senior Manager (Head Teacher in a school setting)")).toEqual([
      "Head of Service",
      "Operations Manager",
      "Senior Manager",
      "Head Teacher in a school setting",
    ]);
    expect(policyPhrases("Divisional Director (or equivalent)")).toEqual(["Divisional Director"]);
    expect(policyPhrases("Line manager and/or Designated or Named Professional in your agency")).toEqual([
      "Line manager",
      "Designated",
      "Named Professional in your agency",
    ]);
    expect(policyPhrases("Equivalent supervisor/manager in the other agency")).toEqual(["supervisor", "manager in the other agency"]);
  });
});

describe("matching a job title to the level a stage expects", () => {
  const manager = { level: "manager" as const };

  it("matches the policy's equivalent title in the agency's type, database or policy spelling", () => {
    const policy = northfield();
    expect(matchJobTitle("detective sergeant", manager, policy, "police")).toEqual({
      kind: "equivalent",
      level: "manager",
      agencyType: "police",
      title: "Detective Sergeant",
    });
    expect(matchJobTitle("Designated Safeguarding Lead", manager, policy, "education")?.kind).toBe("equivalent");
    // Another agency type's title is not this one's.
    expect(matchJobTitle("Detective Sergeant", manager, policy, "health")).toBeNull();
    expect(matchJobTitle("Named Nurse for Safeguarding", manager, policy, "health")?.kind).toBe("equivalent");
  });

  it("matches the level's generic words, unless the title names another level", () => {
    const policy = northfield();
    expect(matchJobTitle("Team Manager", manager, policy, "childrens_social_care")).toEqual({ kind: "level-words", level: "manager", words: "manager" });
    expect(matchJobTitle("Senior Manager", manager, policy, "childrens_social_care")).toBeNull();
    expect(matchJobTitle("Senior Manager", { level: "senior-manager" }, policy, "childrens_social_care")?.kind).toBe("level-words");
    expect(matchJobTitle("Director of Children's Services", { level: "director" }, policy, "childrens_social_care")?.kind).toBe("level-words");
    // The policy's title for a senior manager in the police is not a manager, whatever its words.
    expect(matchJobTitle("Detective Inspector", manager, policy, "police")).toBeNull();
    expect(matchJobTitle("Detective Inspector", { level: "senior-manager" }, policy, "police")?.kind).toBe("equivalent");
  });

  it("matches the policy's own words for the side at the stage", () => {
    const policy = torbay();
    const stage3 = getStage(policy, "stage-3");
    const expected = { level: stage3.raising.level, title: stage3.raising.title };
    expect(matchJobTitle("Head Teacher", expected, policy, "education")).toEqual({
      kind: "level-words",
      level: "senior-manager",
      words: "Head Teacher in a school setting",
    });
    expect(matchJobTitle("Head of Service", expected, policy, "childrens_social_care")?.kind).toBe("level-words");
    expect(matchJobTitle("Team Manager", expected, policy, "childrens_social_care")).toBeNull();
  });

  it("matches nothing without a title, or where the policy does not say the level", () => {
    const policy = northfield();
    expect(matchJobTitle(null, manager, policy, "police")).toBeNull();
    expect(matchJobTitle("  ", manager, policy, "police")).toBeNull();
    expect(matchJobTitle("Detective Sergeant", { level: "practitioner", levelNotStated: true }, policy, "police")).toBeNull();
  });

  it("says why in words", () => {
    expect(matchReason({ kind: "equivalent", level: "manager", agencyType: "police", title: "Detective Sergeant" })).toBe(
      "the policy's manager level in the police",
    );
    expect(matchReason({ kind: "equivalent", level: "manager", agencyType: "childrens-social-care", title: "Practice Supervisor" })).toBe(
      "the policy's manager level in children's social care",
    );
    expect(matchReason({ kind: "level-words", level: "manager", words: "manager" })).toBe("the policy's manager level");
    expect(matchReason({ kind: "level-words", level: "senior-manager", words: "Head of Service" })).toBe(
      'the policy\'s senior manager level ("Head of Service")',
    );
  });
});

describe("ranking the people offered", () => {
  const people = [
    person("a", "Anna Ames", ["manager"], "Team Manager"),
    person("b", "Ben Bright", ["manager"]),
    person("c", "Sergeant Lee Carter", ["manager"], "Detective Sergeant"),
    person("d", "Dee Dunn", ["senior_manager"], "Detective Inspector"),
    person("e", "Eve East", ["practitioner"], "Detective Sergeant"),
  ];

  it("puts the equivalent title first, then the level's words, then the rest in the order given (everyone eligible unless told)", () => {
    const ranked = rankByJobTitle(people, { level: "manager" }, northfield(), "police");
    expect(ranked.map((r) => [r.member.name, r.match?.kind ?? null])).toEqual([
      ["Sergeant Lee Carter", "equivalent"],
      ["Eve East", "equivalent"],
      ["Anna Ames", "level-words"],
      ["Ben Bright", null],
      ["Dee Dunn", null],
    ]);
  });

  it("ranks by title only those the policy would accept at the level", () => {
    const ranked = rankByJobTitle(
      people,
      { level: "manager" },
      northfield(),
      "police",
      (m) => m.roles.includes("manager") || m.roles.includes("senior_manager"),
    );
    expect(ranked.map((r) => r.member.name)).toEqual(["Sergeant Lee Carter", "Anna Ames", "Ben Bright", "Dee Dunn", "Eve East"]);
    expect(ranked.at(-1)?.match).toBeNull();
  });

  it("gives the options for a side with the reason, proxies last in their place", () => {
    const policy = northfield();
    const stage2 = getStage(policy, "stage-2");
    const options = ownerOptions(people, { id: POLICE, type: "police" }, stage2, "responding", policy, { proxies: true });
    expect(options.map((o) => o.label)).toEqual([
      "Sergeant Lee Carter, Detective Sergeant: the policy's manager level in the police",
      "Anna Ames, Team Manager: the policy's manager level",
      "Ben Bright (Manager)",
      "Dee Dunn, Detective Inspector (Senior manager)",
      "Eve East, Detective Sergeant (Practitioner): only as a proxy",
    ]);
    expect(ownerOptions(people, { id: POLICE, type: "police" }, stage2, "responding", policy).map((o) => o.value)).toEqual(["c", "a", "b", "d"]);
  });
});

describe("a job title as stored", () => {
  it("is trimmed with its inner spaces collapsed, and null when empty", () => {
    expect(normaliseJobTitle("  Detective   Sergeant ")).toBe("Detective Sergeant");
    expect(normaliseJobTitle("   ")).toBeNull();
    expect(normaliseJobTitle(undefined)).toBeNull();
  });
});

describe("what is wrong with a job title", () => {
  it("is nothing for an empty one or one of 120 characters, and says what to fix otherwise", () => {
    expect(jobTitleProblem("")).toBeNull();
    expect(jobTitleProblem(` ${"x".repeat(120)} `)).toBeNull();
    expect(jobTitleProblem("x".repeat(121))).toBe("Enter a job title of 120 characters or fewer.");
    expect(jobTitleProblem("Team\u0000Manager")).toBe(
      'The job title contains a character Parley cannot store (a null character, just after "Team"). Remove it and try again.',
    );
  });
});
