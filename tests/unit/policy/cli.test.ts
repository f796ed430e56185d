import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, ROOT } from "./helpers";

const TSX = path.join(ROOT, "node_modules/.bin/tsx");

function cli(...args: string[]) {
  const r = spawnSync(TSX, ["scripts/policy.ts", ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the policy CLI", { timeout: 60_000 }, () => {
  it("check: exit 0 when every policy and calendar is valid", () => {
    const r = cli("check");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^All \d+ files are valid\.$/m);
  });

  it("check FILE: exit 1 with 'file: path: reason' lines", () => {
    const r = cli("check", path.relative(ROOT, path.join(FIXTURES, "registry/broken/2025-1.yaml")), "policies/torbay/2024-1.yaml");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "tests/fixtures/policies/registry/broken/2025-1.yaml: routes[0].stages[2].deadlines[2].amount: expected a positive whole number",
    );
    expect(r.stdout).toMatch(/^1 of 8 files have problems\.$/m); // 2 named files + the 6 calendars
  });

  it("schedule of a format 2 example: prints who must act, the notes, a timescale also stated and what the policy does not say", () => {
    const r = cli("schedule", "northfield", "--raised", "2026-10-20T10:00", "--dir", "policies/examples");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("    Who:    The responding agency\n");
    expect(r.stdout).toContain(
      "    Note:   If the child needs protecting sooner than a week, the practitioner who raised it sets an earlier date, and that date decides.\n",
    );
    expect(r.stdout).toContain(
      "    Also stated: 48 hours from the dispute being raised, which would be due by 10am on Thursday 22 October 2026 (shown; does not decide)\n",
    );
    expect(r.stdout).toContain('  Note: Assumes "the practitioners\' discussion" happened at 5pm on Tuesday 27 October 2026, as stage 1 ended.\n');
    // Stage 4's branches: which applies, why, and the other in words.
    expect(r.stdout).toContain("  Branch: The partnership's panel, because the dispute is not urgent.\n");
    expect(r.stdout).toContain(
      "  Other branch: If the dispute is urgent: Convene an independently chaired meeting (immediately on entering stage 4); The independent chair decides (24 hours from entering stage 4).\n",
    );
    const southmere = cli("schedule", "southmere", "--raised", "2026-03-26T15:00", "--dir", "policies/examples");
    expect(southmere.stdout).toContain("    Due:    no due date: the policy does not say\n");
  });

  it("due --urgent: the facts choose a stage's branch, and the explanation says why", () => {
    const args = ["due", "northfield", "--stage", "4", "--raised", "2026-10-24T10:00", "--dir", "policies/examples"];
    const urgent = cli(...args, "--urgent");
    expect(urgent.code).toBe(0);
    expect(urgent.stdout).toContain("Dispute raised 10am on Saturday 24 October 2026 (urgent); stage entered 10am on Saturday 24 October 2026.\n");
    expect(urgent.stdout).toContain("  Branch: An independently chaired meeting, because the dispute is urgent.\n");
    expect(urgent.stdout).toContain("  Other branch: If the dispute is not urgent: The panel decides (10 working days from entering stage 4).\n");
    expect(urgent.stdout).toContain(
      "    How:    Because the dispute is urgent: 24 hours from 10am on Saturday 24 October 2026 (entered stage 4): due by 9am on Sunday 25 October 2026 (the clocks change in between, so the local time differs from the start time).\n",
    );
    const ordinary = cli(...args, "--json");
    const out = JSON.parse(ordinary.stdout) as { branches: { applies: { id: string } }; deadlines: { id: string; branch: unknown }[] };
    expect(out.branches.applies.id).toBe("panel");
    expect(out.deadlines.map((d) => [d.id, d.branch])).toEqual([["panel", { id: "panel", because: "the dispute is not urgent" }]]);
    expect(cli(...args, "--about", "grown-up").stderr).toBe('policy: --about expects child or adult, got "grown-up"\n');
  });

  it("list --json: every policy with its partnership, title, version and jurisdiction", () => {
    const r = cli("list", "--json");
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { id: string; jurisdiction: string }[];
    expect(rows.map((x) => x.id)).toContain("torbay@2024-1");
    expect(rows.find((x) => x.id === "isle-of-man@2023-1")?.jurisdiction).toBe("isle-of-man");
  });

  it("due --json: the overdue-deciding deadline first, with dueAt, rule, explanation and warnings", () => {
    const r = cli("due", "torbay", "--stage", "3", "--raised", "2025-12-22T09:00", "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { policy: { id: string }; stage: { number: number }; deadlines: Record<string, unknown>[]; warnings: string[] };
    expect(out.policy.id).toBe("torbay@2024-1");
    expect(out.stage.number).toBe(3);
    expect(out.deadlines[0]).toMatchObject({ decidesOverdue: true, dueAt: "2025-12-31T17:00:00+00:00", rule: "5 working days from entering stage 3" });
    expect(typeof out.deadlines[0]?.explanation).toBe("string");
    expect(out.warnings).toEqual([]);
  });

  it("due: a stage whose deadline is set by a person reports dueAt null", () => {
    const r = cli("due", "torbay@2024-1", "--stage", "5", "--raised", "2026-01-05T09:00", "--json");
    const out = JSON.parse(r.stdout) as { deadlines: { dueAt: string | null; status: string }[] };
    expect(out.deadlines[0]).toMatchObject({ dueAt: null, status: "awaiting-set" });
  });

  it("due: warnings about missing holiday data are printed and included in JSON", () => {
    const human = cli("due", "torbay", "--stage", "3", "--raised", "2029-03-01T09:00");
    expect(human.code).toBe(0);
    expect(human.stdout).toContain("Warning: No holiday data for England and Wales in 2029");
    const json = JSON.parse(cli("due", "torbay", "--stage", "3", "--raised", "2029-03-01T09:00", "--json").stdout) as { warnings: string[] };
    expect(json.warnings[0]).toMatch(/^No holiday data for England and Wales in 2029/);
  });

  it("schedule --json: the whole ladder", () => {
    const r = cli("schedule", "isle-of-man", "--raised", "2026-06-04T16:00", "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { stages: { number: number; leavesAt: string }[] };
    expect(out.stages.map((s) => s.number)).toEqual([1, 2, 3, 4]);
    expect(out.stages[0]?.leavesAt).toBe("2026-06-08T17:00:00+01:00");
  });

  it.each([
    ["an unknown policy", ["due", "nowhere", "--stage", "1", "--raised", "2026-01-05T09:00"], /Unknown policy "nowhere"/],
    ["an unknown stage", ["due", "torbay", "--stage", "9", "--raised", "2026-01-05T09:00"], /has no stage "9"/],
    ["an unparseable date", ["due", "torbay", "--stage", "1", "--raised", "next tuesday"], /Cannot read --raised "next tuesday"/],
    ["a missing argument", ["due", "torbay", "--raised", "2026-01-05T09:00"], /Missing --stage/],
    ["a missing --raised", ["schedule", "torbay"], /Missing --raised/],
    ["an unknown route", ["due", "westbridge", "--stage", "1", "--route", "nope", "--raised", "2026-01-05T09:00"], /has no route "nope"/],
    ["an unknown option", ["list", "--colour"], /Unknown option/],
  ])("exits 2 with a one-line error for %s", (_name, args, message) => {
    const r = cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
