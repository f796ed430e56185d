/**
 * What a policy does not say (`not-stated`, docs/policy-format.md "When the
 * policy does not say"), and what Parley does instead, in words: for the
 * administrators' policy page and the CLI.
 */
import { stageTitle } from "./lookup";
import type { PolicyData } from "./schema";

export const DOES_NOT_SAY = "The policy does not say";

/** Shown where the policy gives no guidance for immediate risk (the schema puts it in place of the policy's words). */
export const IMMEDIATE_RISK_FALLBACK =
  "The policy does not say what to do when someone is at immediate risk of harm. Do not wait for this process: follow your own agency's safeguarding procedures now and, in an emergency, call the police on 999.";
export const IMMEDIATE_RISK_FALLBACK_CITE = "Not in the policy (Parley's default)";

export type NotStatedItem = { what: string; instead: string };

export function notStatedItems(policy: PolicyData): NotStatedItem[] {
  const items: NotStatedItem[] = [];
  if (policy.partnership.codeNotStated) {
    items.push({
      what: "The reference prefix (partnership.code)",
      instead: `Parley uses ${policy.partnership.code}, from the partnership's id: disputes are numbered ${policy.partnership.code}-YYYY-0001 and so on (YYYY the year raised).`,
    });
  }
  if (policy.areas.notStated) {
    items.push({ what: "The areas of disagreement (areas)", instead: "People raising a disagreement describe what it is about in their own words." });
  }
  if (policy.immediateRisk.guidanceNotStated) {
    items.push({
      what: "What to do when someone is at immediate risk (immediateRisk.guidance)",
      instead: "Parley tells people to follow their own agency's safeguarding procedures and, in an emergency, to call the police on 999.",
    });
  }
  for (const route of policy.routes) {
    for (const stage of route.stages) {
      for (const side of ["raising", "responding"] as const) {
        const s = stage[side];
        if (!s?.levelNotStated) continue;
        items.push({
          what: `The level of role on the ${side} side at ${stageTitle(stage, "mid-sentence")}${policy.routes.length > 1 ? ` (${route.title})` : ""}`,
          instead: "Anyone in that side's agency may own the dispute and act for it there.",
        });
      }
    }
  }
  return items;
}
