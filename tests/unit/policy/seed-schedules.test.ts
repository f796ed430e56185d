/**
 * Policy format 2 must not move a single date of the policies already in use:
 * every seed's schedule (each route, raised before Christmas, before the March
 * and October clock changes, and before the Isle of Man TT holiday), with its
 * rules and explanations word for word, as the engine computed it before format
 * 2 (tests/fixtures/seed-schedules.json, written by that engine).
 */
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { computeSchedule } from "@/lib/policy";
import { registry } from "./helpers";

const RAISED = ["2026-12-18T10:00:00Z", "2026-03-27T16:30:00Z", "2026-10-23T18:15:00Z", "2026-06-04T08:00:00Z"];
const pinned = JSON.parse(fs.readFileSync("tests/fixtures/seed-schedules.json", "utf8")) as Record<string, unknown>;

describe("the seeds' schedules", () => {
  it("are exactly what they were before policy format 2", () => {
    const now: Record<string, unknown> = {};
    for (const policy of registry().all()) {
      const calendar = registry().calendarFor(policy);
      for (const route of policy.routes) {
        for (const raised of RAISED) {
          const s = computeSchedule({ policy, routeId: route.id, raised: new Date(raised), calendar });
          now[`${policy.ref} ${route.id} ${raised}`] = s.stages.map((st) => ({
            stage: st.stageKey,
            entered: st.enteredAtIso,
            leaves: st.leavesAtIso,
            notes: st.notes,
            deadlines: st.deadlines.map((d) => ({
              id: d.id,
              status: d.status,
              due: d.dueAtIso,
              rule: d.rule,
              explanation: d.explanation,
              decidesOverdue: d.decidesOverdue,
            })),
          }));
        }
      }
    }
    expect(Object.keys(now).length).toBeGreaterThanOrEqual(20);
    expect(now).toEqual(pinned);
  });
});
