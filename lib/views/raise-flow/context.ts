/** What every step of the raise flow reads: the policy, the raiser's agency, the partnership's directory and the answers so far. */
import type { DraftAnswers, RaiseStep } from "../../drafts/answers";
import type { Directory } from "../../escalations/directory";
import { chooseRoute, coversFor, getRoute, immediateRiskFor, type Policy, type Route } from "../../policy";

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

/**
 * The immediate-risk route, and whom it is about ("child", "adult"), on a
 * dispute of this route: its population's, where the policy has populations.
 */
export function riskSetting(policy: Policy, routeId?: string): { risk: Policy["immediateRisk"]; who: string } {
  return { risk: immediateRiskFor(policy, routeId), who: whoWord({ covers: coversFor(policy, routeId) }) };
}

/** The same while raising: the policy's until the answers say who it is about, then the route's population's. */
export function raiseRiskSetting(policy: Policy, answers: DraftAnswers): { risk: Policy["immediateRisk"]; who: string } {
  return policy.populations && (answers.subjects ?? []).length > 0 ? riskSetting(policy, routeOf(policy, answers).id) : riskSetting(policy);
}
