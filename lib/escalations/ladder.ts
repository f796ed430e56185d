/**
 * The policy's stages for a dispute's route, each marked done, current, upcoming
 * or skipped, or "before-raising": a step the policy puts before there is a
 * dispute (Torbay's "consult your own supervisor first"), which happens inside the
 * raising agency and is recorded in its own system, so Parley has no record of it
 * and must not call it skipped.
 */
import { getRoute, ROLE_LEVEL_LABELS, type Policy, type RoleLevel } from "../policy";
import { stageIndex, startStage } from "./policy-facts";
import type { EscalationState } from "./state";

export type LadderStatus = "done" | "current" | "upcoming" | "skipped" | "before-raising";

/** What a step before raising is, for the ladder: who does it, and where it is recorded. */
export function beforeRaisingNote(level: RoleLevel): string {
  return `Before raising: the ${ROLE_LEVEL_LABELS[level]} does this within their own agency. Recorded in the agency's own system, not in Parley.`;
}

export type LadderStage = {
  key: string;
  number: number | null;
  title: string;
  optional: boolean;
  levels: { raising: { level: RoleLevel; title?: string }; responding?: { level: RoleLevel; title?: string } };
  status: LadderStatus;
  enteredAt: Date | null;
  leftAt: Date | null;
  note?: string;
};

export function stageLadder(state: Pick<EscalationState, "row" | "visits" | "skipped">, policy: Policy): LadderStage[] {
  const { row } = state;
  const route = getRoute(policy, row.routeId);
  const startIndex = state.visits[0] ? stageIndex(route, state.visits[0].stageKey) : 0;
  // Where the route starts a dispute; steps before it happen before raising.
  const routeStart = stageIndex(route, startStage(route).key);
  return route.stages.map((stage, i) => {
    const visits = state.visits.filter((v) => v.stageKey === stage.key);
    const first = visits[0];
    const last = visits[visits.length - 1];
    let status: LadderStatus;
    let note: string | undefined;
    if (i < routeStart && !first) {
      status = "before-raising";
      note = beforeRaisingNote(stage.raising.level);
    } else if (state.skipped.includes(stage.key)) {
      status = "skipped";
      note = "Passed over: the dispute was expedited.";
    } else if (i < startIndex) {
      status = "skipped";
      note = "Passed over: the dispute started at a later stage.";
    } else if (stage.key === row.stageKey) {
      status = row.status === "open" ? "current" : "done";
    } else if (first) {
      status = "done";
    } else {
      status = "upcoming";
    }
    return {
      key: stage.key,
      number: stage.number ?? null,
      title: stage.title,
      optional: stage.optional === true,
      levels: {
        raising: { level: stage.raising.level, ...(stage.raising.title ? { title: stage.raising.title } : {}) },
        ...(stage.responding ? { responding: { level: stage.responding.level, ...(stage.responding.title ? { title: stage.responding.title } : {}) } } : {}),
      },
      status,
      enteredAt: first?.enteredAt ?? null,
      leftAt: last?.leftAt ?? null,
      ...(note ? { note } : {}),
    };
  });
}
