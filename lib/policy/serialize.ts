/** JSON shapes for the API and the CLI: instants as ISO 8601 with the partnership's offset. */
import type { ComputedDeadline, Schedule } from "./deadlines";

export type ComputedDeadlineJson = Omit<ComputedDeadline, "dueAt" | "dueAtIso" | "anchor"> & {
  dueAt: string | null;
  anchor: { from: string; label: string; at: string | null } | null;
};

export function computedDeadlineToJson(d: ComputedDeadline): ComputedDeadlineJson {
  const { dueAt: _dueAt, dueAtIso, anchor, ...rest } = d;
  return {
    ...rest,
    dueAt: dueAtIso,
    anchor: anchor ? { from: anchor.from, label: anchor.label, at: anchor.atIso } : null,
  };
}

export function scheduleToJson(s: Schedule) {
  return {
    policy: s.policyRef,
    route: s.routeId,
    raised: s.raisedIso,
    warnings: s.warnings,
    stages: s.stages.map((st) => ({
      stageKey: st.stageKey,
      number: st.number,
      title: st.title,
      enteredAt: st.enteredAtIso,
      leavesAt: st.leavesAtIso,
      leavesAtDeadline: st.leavesAtDeadline,
      notes: st.notes,
      ...(st.branches ? { branches: st.branches } : {}),
      deadlines: st.deadlines.map(computedDeadlineToJson),
    })),
  };
}
