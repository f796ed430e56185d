/**
 * Branches inside a stage ("urgent: an independently chaired meeting at once;
 * otherwise the board's panel in 10 working days"): their conditions in words,
 * and every combination of the facts they are chosen by, for the cross-checks.
 */
import { joinWithAnd } from "./format";
import type { StageFacts } from "./lookup";
import type { BranchWhen, PolicyData, Stage, StageBranch } from "./schema";

type Words = Pick<PolicyData, "covers" | "areas">;

function whoAtRisk(policy: Words): string {
  const children = policy.covers.includes("children");
  const adults = policy.covers.includes("adults");
  return children && adults ? "a child or adult" : adults ? "an adult" : "a child";
}

function areaList(areas: readonly string[], policy: Words, joiner = "or"): string {
  const labels = areas.map((id) => `"${policy.areas.items.find((a) => a.id === id)?.label ?? id}"`);
  return labels.length <= 1 ? (labels[0] ?? "") : `${labels.slice(0, -1).join(", ")} ${joiner} ${labels[labels.length - 1]}`;
}

const aboutWords = (about: readonly ("child" | "adult")[], joiner = "or") => about.map((k) => (k === "child" ? "a child" : "an adult")).join(` ${joiner} `);

/** Each condition of a `when`, in words: "the dispute is urgent", "it is about a child". */
function conditions(when: BranchWhen, policy: Words, negated: boolean): string[] {
  const out: string[] = [];
  if (when.urgent !== undefined) out.push(when.urgent !== negated ? "the dispute is urgent" : "the dispute is not urgent");
  if (when.immediateRisk !== undefined) {
    out.push(when.immediateRisk !== negated ? `${whoAtRisk(policy)} is at immediate risk of harm` : `nobody is said to be at immediate risk of harm`);
  }
  if (when.about) out.push(negated ? `it is not about ${aboutWords(when.about)}` : `it is about ${aboutWords(when.about)}`);
  if (when.areas) out.push(negated ? `it is not about ${areaList(when.areas, policy)}` : `it is about ${areaList(when.areas, policy)}`);
  return out;
}

/** "the dispute is urgent and it is about a child". */
function branchWhenWords(when: BranchWhen, policy: Words): string {
  return joinWithAnd(conditions(when, policy, false));
}

/**
 * Why a branch applies, to follow "Because": its own conditions, or for the
 * branch without a `when`, that none of the others' holds ("the dispute is not urgent").
 */
export function branchBecause(stage: Stage, branch: StageBranch, policy: Words): string {
  if (branch.when) return branchWhenWords(branch.when, policy);
  const others = (stage.branches ?? []).filter((b) => b !== branch && b.when);
  const negations = others.map((b) => {
    const own = conditions(b.when as BranchWhen, policy, true);
    // "not (A and B)" reads better said whole than as "not A or not B".
    return own.length === 1 ? (own[0] as string) : `it is not the case that ${branchWhenWords(b.when as BranchWhen, policy)}`;
  });
  return negations.length > 0 ? joinWithAnd(negations) : "no other case applies";
}

/** When a branch applies, for the rule of a branch that does not: "if the dispute is urgent", "if the dispute is not urgent". */
export function branchIfWords(stage: Stage, branch: StageBranch, policy: Words): string {
  return `if ${branchBecause(stage, branch, policy)}`;
}

/**
 * Every combination of the facts that matter to these branches: urgent or not,
 * immediate risk or not, about a child and/or an adult (as the policy covers),
 * and each subset of the areas the branches name (any other area counts as none of them).
 */
/** How many areas a stage's branches may name between them: every subset of them is tried. */
export const MAX_BRANCH_AREAS = 10;

export function factCombinations(branches: readonly StageBranch[], policy: Pick<PolicyData, "covers">): StageFacts[] {
  const named = [...new Set(branches.flatMap((b) => b.when?.areas ?? []))].slice(0, MAX_BRANCH_AREAS);
  const abouts: ("child" | "adult")[][] = [];
  const kinds: ("child" | "adult")[] = [
    ...(policy.covers.includes("children") ? (["child"] as const) : []),
    ...(policy.covers.includes("adults") ? (["adult"] as const) : []),
  ];
  for (let mask = 1; mask < 1 << kinds.length; mask++) abouts.push(kinds.filter((_, i) => mask & (1 << i)));
  const out: StageFacts[] = [];
  for (const urgent of [false, true])
    for (const immediateRisk of [false, true])
      for (const about of abouts)
        for (let mask = 0; mask < 1 << named.length; mask++) out.push({ urgent, immediateRisk, about, areas: named.filter((_, i) => mask & (1 << i)) });
  return out;
}

/** A combination of facts in words, for an error message: "a dispute that is urgent, with nobody at immediate risk, about a child, in no area named". */
export function factsWords(facts: StageFacts, branches: readonly StageBranch[], policy: Words): string {
  const parts: string[] = [];
  const uses = (k: keyof BranchWhen) => branches.some((b) => b.when?.[k] !== undefined);
  if (uses("urgent")) parts.push(facts.urgent ? "is urgent" : "is not urgent");
  if (uses("immediateRisk")) parts.push(facts.immediateRisk ? `has ${whoAtRisk(policy)} at immediate risk` : "has nobody at immediate risk");
  if (uses("about")) parts.push(`is about ${aboutWords(facts.about, "and")}`);
  if (uses("areas")) parts.push(facts.areas.length > 0 ? `is about ${areaList(facts.areas, policy, "and")}` : "is about none of the areas the branches name");
  return `a dispute that ${joinWithAnd(parts)}`;
}
