import { appNow } from "../clock";
import type { PolicyRegistry } from "../policy/registry";
import type { Policy } from "../policy";
import type { WorkingCalendar } from "../calendar/working-calendar";
import { uuidv7 } from "./ids";

/** What every use case needs besides the database and the actor. Tests pass a clock. */
export type EscalationDeps = {
  policies: PolicyRegistry;
  now?: () => Date;
  /** New ids for events and agreed actions (default: UUID v7). */
  newId?: () => string;
  /** false: write timers but no notices (the demo seed, whose invented past should not be mailed out). */
  notify?: boolean;
};

export const nowOf = (deps: EscalationDeps): Date => (deps.now ? deps.now() : appNow());
export const newIdOf = (deps: EscalationDeps): string => (deps.newId ? deps.newId() : uuidv7());

/**
 * The policy version a dispute is pinned to and its partnership's calendar, with
 * the partnership's other versions (what a replay of a dispute moved between
 * versions reads its earlier events under).
 */
export function pinnedPolicy(
  deps: EscalationDeps,
  policyId: string,
  version: string,
): { policy: Policy; calendar: WorkingCalendar; otherVersion: (version: string) => { policy: Policy; calendar: WorkingCalendar } | undefined } {
  const policy = deps.policies.get(policyId, version);
  if (!policy) {
    // A version that disputes have used must stay in policies/ (docs/policy-format.md).
    throw new Error(`Policy ${policyId}@${version} is not loaded, but disputes were raised under it: restore policies/${policyId}/${version}.yaml.`);
  }
  const otherVersion = (v: string) => {
    const other = deps.policies.get(policyId, v);
    return other ? { policy: other, calendar: deps.policies.calendarFor(other) } : undefined;
  };
  return { policy, calendar: deps.policies.calendarFor(policy), otherVersion };
}
