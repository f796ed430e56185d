/**
 * Moving open disputes to a newer version: the format's movesFrom, its checks
 * (in the file, and against the older version on load), where each stage goes,
 * and the plan the administrators' preview shows (real engines, no mocks).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { project, type EscalationEvent } from "@/lib/escalations";
import { planMove } from "@/lib/escalations/move-version";
import { loadPolicies, loadPolicyFile, parsePolicyData, stageMap, whereStageMoves, type Policy } from "@/lib/policy";
import { checkMovesAcrossVersions } from "@/lib/policy/cross-checks";
import { moveFields, moveItems, moveSelection } from "@/lib/views/admin-policy-move";
import { FIXTURES, POLICIES, registry } from "./helpers";
import { ev, raisedEvents } from "../views/fixtures";

const REVISED = path.join(FIXTURES, "moves/torbay/2026-1.yaml");

function revised(): Policy {
  const r = loadPolicyFile(REVISED);
  if (!r.ok) throw new Error(r.messages.join("\n"));
  return r.policy;
}
const revisedData = () => parse(fs.readFileSync(REVISED, "utf8")) as Record<string, unknown> & { movesFrom: Record<string, unknown>[] };
const torbay2024 = () => registry().get("torbay", "2024-1")!;
const messages = (data: unknown) => {
  const r = parsePolicyData(data, "revised.yaml");
  return r.ok ? [] : r.messages;
};

describe("movesFrom in the format", () => {
  it("loads the revised Torbay fixture, and every real policy still loads without it", () => {
    expect(revised().movesFrom).toEqual([
      {
        version: "2024-1",
        stages: [{ from: "main/stage-2", to: "main/managers", note: 'Stage 2 is now called "Managers".' }],
        cite: "Changes from the 2024 policy",
      },
    ]);
    expect(
      registry()
        .all()
        .every((p) => p.movesFrom === undefined),
    ).toBe(true);
  });

  it("names what to fix in the file itself", () => {
    const data = revisedData();
    data.movesFrom = [{ version: "2024-1", stages: [{ from: "stage-2", to: "main/managers" }] }];
    expect(messages(data)).toEqual([
      'movesFrom[0].stages[0].from: expected a stage of the older version written route/stage, e.g. "main/stage-2": a route id, a slash, then a stage key of that route',
    ]);
    data.movesFrom = [
      { version: "2026-1", stages: [{ from: "main/stage-2", to: "main/managers" }] },
      { version: "2024-1", stages: [{ from: "main/stage-2", to: "main/managers" }] },
      {
        version: "2024-1",
        stages: [
          { from: "main/stage-3", to: "main/senior" },
          { from: "main/stage-3", to: "other/stage-1" },
        ],
      },
    ];
    expect(messages(data)).toEqual([
      'movesFrom[2].version: version "2024-1" is listed twice; give all its stages under one entry',
      'movesFrom[0].version: "2026-1" is this version; name an older version of the policy',
      'movesFrom[2].stages[1].from: "main/stage-3" is listed twice; a stage moves to one place',
      'movesFrom[2].stages[0].to: this version has no stage "senior" in route "main" (its stages: "pre-escalation", "stage-1", "managers", "stage-4", "stage-5")',
      'movesFrom[2].stages[1].to: this version has no route "other" (its routes: "main")',
    ]);
  });

  it("checks each entry against the version it names", () => {
    const policy = revised();
    const all = [...registry().all(), policy];
    expect(checkMovesAcrossVersions(policy, all)).toEqual([]);
    const bad: Policy = {
      ...policy,
      movesFrom: [
        { version: "2019-9", stages: [{ from: "main/stage-2", to: "main/managers" }] },
        { version: "2024-1", stages: [{ from: "main/stage-9", to: "main/managers" }] },
      ],
    };
    expect(checkMovesAcrossVersions(bad, all)).toEqual([
      { path: "movesFrom[0].version", message: `no version "2019-9" of torbay's policy is loaded (its others: "2024-1")` },
      {
        path: "movesFrom[1].stages[0].from",
        message:
          'version "2024-1" has no stage "stage-9" in route "main" (its stages: "pre-escalation", "stage-1", "stage-2", "stage-3", "stage-4", "stage-5")',
      },
    ]);
    const older: Policy = { ...policy, effectiveFrom: "2023-01-01" };
    expect(checkMovesAcrossVersions(older, [...registry().all(), older])).toEqual([
      {
        path: "movesFrom[0].version",
        message: 'version "2024-1" is in force from 2024-01-01, not before this version (2023-01-01): disputes move only to a newer version',
      },
    ]);
  });

  it("refuses a route id that changes population between versions: a population's register lists disputes by route id", () => {
    const policy = revised();
    const all = [...registry().all(), policy];
    // Torbay's 2024-1 declares no populations; the revision giving its route "main" one is refused.
    const withPopulation: Policy = { ...policy, routes: policy.routes.map((r) => ({ ...r, population: "children" })) };
    expect(checkMovesAcrossVersions(withPopulation, all)).toEqual([
      {
        path: "routes[0].population",
        message:
          'route "main" serves population "children" here but no population in version "2024-1": a register lists a population\'s disputes by route id, so give this route a new id (and map its stages under movesFrom)',
      },
    ]);
  });

  it("leaves out, on load, a version whose movesFrom does not fit the older version, and keeps the older one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-moves-"));
    try {
      fs.mkdirSync(path.join(dir, "torbay"));
      fs.copyFileSync(path.join(POLICIES, "torbay/2024-1.yaml"), path.join(dir, "torbay/2024-1.yaml"));
      const data = revisedData();
      data.movesFrom = [{ version: "2024-1", stages: [{ from: "main/stage-9", to: "main/managers" }] }];
      fs.writeFileSync(path.join(dir, "torbay/2026-1.yaml"), JSON.stringify(data));
      const loaded = loadPolicies(dir);
      expect(loaded.policies.map((p) => p.ref)).toEqual(["torbay@2024-1"]);
      expect(loaded.errors).toEqual([
        {
          file: expect.stringMatching(/torbay\/2026-1\.yaml$/),
          messages: [
            'movesFrom[0].stages[0].from: version "2024-1" has no stage "stage-9" in route "main" (its stages: "pre-escalation", "stage-1", "stage-2", "stage-3", "stage-4", "stage-5")',
          ],
        },
      ]);
      fs.copyFileSync(REVISED, path.join(dir, "torbay/2026-1.yaml"));
      expect(loadPolicies(dir).policies.map((p) => p.ref)).toEqual(["torbay@2024-1", "torbay@2026-1"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("where a stage goes", () => {
  it("by the same route and key, by what the newer version says, or nowhere", () => {
    const target = revised();
    expect(whereStageMoves(target, "2024-1", "main", "stage-1")).toEqual({ ok: true, routeId: "main", stageKey: "stage-1", declared: false, note: null });
    expect(whereStageMoves(target, "2024-1", "main", "stage-2")).toEqual({
      ok: true,
      routeId: "main",
      stageKey: "managers",
      declared: true,
      note: 'Stage 2 is now called "Managers".',
    });
    // movesFrom is per older version: from another, stage-2 has no same-key stage to go to.
    expect(whereStageMoves(target, "2020-1", "main", "stage-2")).toMatchObject({ ok: false });
    expect(whereStageMoves(target, "2024-1", "main", "stage-3")).toEqual({
      ok: false,
      reason: 'version 2026-1 has no stage "stage-3" in route "main", and its movesFrom does not say where a dispute at that stage of version 2024-1 goes',
    });
    expect(whereStageMoves(target, "2024-1", "plans", "stage-1")).toMatchObject({ ok: false, reason: expect.stringContaining('has no route "plans"') });
    expect(stageMap(target, torbay2024(), "main", "main")).toEqual({
      "pre-escalation": "pre-escalation",
      "stage-1": "stage-1",
      "stage-2": "managers",
      "stage-4": "stage-4",
      "stage-5": "stage-5",
    });
  });
});

/** A Torbay dispute raised at 4pm on Thursday 24 December 2026 under 2024-1 (the revised policy in force from 1 April 2026 is the target). */
function raisedAt(at: string): EscalationEvent {
  return raisedEvents(at)[0]!;
}

describe("the plan of a move", () => {
  const older = () => ({ policy: torbay2024(), calendar: registry().calendarFor(torbay2024()) });
  const target = () => ({ policy: revised(), calendar: registry().calendarFor(torbay2024()) });

  it("gives each deadline before and after, worked out by the engine across Christmas, and replays to the same state", () => {
    const events = [raisedAt("2026-12-24T16:00:00Z")];
    const state = project(events, older());
    const plan = planMove(state, older(), target(), new Date("2026-12-29T10:00:00Z"));
    if (!plan.movable) throw new Error(plan.reason);
    expect(plan.before.map((d) => [d.deadlineId, d.due])).toEqual([["stages-1-2-response", "by 5pm on Tuesday 5 January 2027"]]);
    expect(plan.after.map((d) => [d.deadlineId, d.due])).toEqual([["stage-1-response", "by 5pm on Wednesday 30 December 2026"]]);
    expect(plan.after[0]!.explanation).toBe(
      "2 working days from 4pm on Thursday 24 December 2026 (dispute raised): skipped Friday 25 December (Christmas Day), Monday 28 December (Boxing Day (substitute day)) and the weekend; due by 5pm on Wednesday 30 December 2026.",
    );
    expect(plan.event).toMatchObject({
      type: "policy_version_changed",
      payload: { from: "2024-1", to: "2026-1", routeFrom: "main", routeTo: "main", stageFrom: "stage-1", stageTo: "stage-1" },
    });
    // The event, stored and replayed with both versions, gives the deadlines the preview showed.
    const moved = ev(2, "2026-12-29T10:00:00Z", "stage-1", "policy_version_changed", plan.event.payload as never);
    const replayed = project([...events, moved], { ...older(), otherVersion: (v) => (v === "2026-1" ? target() : undefined) });
    expect(replayed.row).toMatchObject({ policyVersion: "2026-1", stageKey: "stage-1", version: 2 });
    expect(replayed.deadlines.map((d) => d.explanation)).toEqual(plan.after.map((d) => d.explanation));
    // Without the newer version, the replay says which it needs rather than guessing.
    expect(() => project([...events, moved], older())).toThrow(/under version 2026-1 of torbay's policy, which this replay was not given/);
  });

  it("says why a dispute cannot be moved", () => {
    const state = project([raisedAt("2026-12-24T16:00:00Z")], older());
    expect(planMove(state, older(), older(), new Date("2026-12-29T10:00:00Z"))).toMatchObject({
      movable: false,
      reason: "it is already under version 2024-1",
    });
    const backwards = planMove(
      project([raisedAt("2026-12-24T16:00:00Z")], older()),
      older(),
      { ...target(), policy: { ...revised(), effectiveFrom: "2020-01-01" } },
      new Date(),
    );
    expect(backwards).toMatchObject({ movable: false, reason: "version 2026-1 is not newer than version 2024-1 (in force from 2020-01-01)" });
  });

  it("becomes the page's words and form, and reads back what was posted", () => {
    const state = project([raisedAt("2026-12-24T16:00:00Z")], older());
    const plan = planMove(state, older(), target(), new Date("2026-12-29T10:00:00Z"));
    const preview = {
      target: { version: "2026-1", title: "Revised", effectiveFrom: "2026-04-01" },
      disputes: [{ id: "0195d1c2-0000-7000-8000-00000000aaaa", reference: "TSCP-2026-0001", version: 1, plan }],
    };
    expect(moveItems(preview)).toEqual([
      {
        id: "0195d1c2-0000-7000-8000-00000000aaaa",
        reference: "TSCP-2026-0001",
        movable: true,
        now: "Stage 1: Practitioner to practitioner (version 2024-1)",
        after: "Stage 1: Practitioner to practitioner (version 2026-1)",
        how: "The same stage, by its key, in the newer version.",
        before: [
          expect.objectContaining({ label: "Resolve at stages 1 and 2 (the other party responds)", due: "by 5pm on Tuesday 5 January 2027", decides: true }),
        ],
        afterDeadlines: [expect.objectContaining({ label: "The other practitioner responds", due: "by 5pm on Wednesday 30 December 2026" })],
      },
    ]);
    expect(moveFields(preview).map((f) => ("name" in f ? f.name : f.kind))).toEqual(["disputes", "version.0195d1c2-0000-7000-8000-00000000aaaa"]);
    expect(moveSelection({ disputes: ["0195d1c2-0000-7000-8000-00000000aaaa", "x"], "version.0195d1c2-0000-7000-8000-00000000aaaa": "1" })).toEqual([
      { id: "0195d1c2-0000-7000-8000-00000000aaaa", expectedVersion: 1 },
      { id: "x", expectedVersion: 0 },
    ]);
  });
});
