/** What every step of the raise flow reads: the policy, the raiser's agency, the partnership's directory and the answers so far. */
import type { DraftAnswers, RaiseStep } from "../../drafts/answers";
import type { Directory } from "../../escalations/directory";
import { chooseRoute, getRoute, type Policy, type Route } from "../../policy";

export type RaiseContext = {
  policy: Policy;
  /** The raiser's own agency. */
  agencyId: string;
  directory: Directory;
  answers: DraftAnswers;
};

export type StepTarget = RaiseStep | "check";

/** "child" or "child or adult", as the policy covers. */
export function whoWord(policy: Pick<Policy, "covers">): string {
  const children = policy.covers.includes("children");
  const adults = policy.covers.includes("adults");
  return children && adults ? "child or adult" : adults ? "adult" : "child";
}

/** The route the answers so far lead to: as raising will choose it (lib/policy chooseRoute). */
export function routeOf(policy: Policy, answers: DraftAnswers): Route {
  const facts = { about: (answers.subjects ?? []).map((s) => s.kind), areas: answers.areas ?? [] };
  return chooseRoute(policy, facts, answers.routeId) ?? getRoute(policy);
}

export const agencyName = (directory: Directory, id: string | undefined) => directory.agencies.find((a) => a.id === id)?.name;

/** A saved answer as the text a field shows. */
export const shown = (v: string | undefined): string => v ?? "";
