import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PolicyRegistry, computeStageDeadlines, loadPolicies } from "@/lib/policy";
import { FIXTURES, at } from "./helpers";

const DIR = path.join(FIXTURES, "registry");

describe("loadPolicies", () => {
  it("loads the valid files and reports each invalid one without stopping", () => {
    const { policies, errors, closures } = loadPolicies(DIR);
    expect(policies.map((p) => p.ref)).toEqual(["alpha@2025-1", "alpha@2026-2"]);
    expect(errors.map((e) => [path.basename(path.dirname(e.file)), e.messages])).toEqual([
      ["broken", ["routes[0].stages[2].deadlines[2].amount: expected a positive whole number"]],
      ["misfiled", ['version: expected "2025-9" (the file name), found "2026-1"']],
    ]);
    expect(closures.get("alpha")?.map((c) => c.date)).toEqual(["2026-12-29", "2026-12-30"]);
  });

  it("rejects two versions with the same effective date, and a code used by two partnerships", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-policies-"));
    fs.mkdirSync(path.join(dir, "alpha"));
    fs.mkdirSync(path.join(dir, "beta"));
    const a = fs.readFileSync(path.join(DIR, "alpha/2025-1.yaml"), "utf8");
    fs.writeFileSync(path.join(dir, "alpha/2025-1.yaml"), a);
    fs.writeFileSync(path.join(dir, "alpha/2025-2.yaml"), a.replace('version: "2025-1"', 'version: "2025-2"'));
    fs.writeFileSync(
      path.join(dir, "beta/2025-1.yaml"),
      a.replace("id: alpha", "id: beta").replace('effectiveFrom: "2025-01-01"', 'effectiveFrom: "2025-02-01"'),
    );
    const { policies, errors } = loadPolicies(dir);
    expect(policies.map((p) => p.ref)).toEqual(["alpha@2025-1"]);
    expect(errors.map((e) => e.messages[0])).toEqual([
      expect.stringMatching(/^effectiveFrom: 2025-01-01 is also the effective date of .*alpha\/2025-1\.yaml; each version needs its own date$/),
      'partnership.code: "ALSCP" is already the code of partnership "alpha"; codes must be unique',
    ]);
  });
});

describe("PolicyRegistry", () => {
  const { registry, errors } = PolicyRegistry.load(DIR);

  it("reports the invalid files", () => {
    expect(errors).toHaveLength(2);
  });

  it("picks the version in force by effective date (the partnership's local date)", () => {
    expect(registry.inForce("alpha", at("2024-12-31T12:00:00Z"))).toBeUndefined();
    expect(registry.inForce("alpha", at("2025-06-01T12:00:00Z"))?.version).toBe("2025-1");
    expect(registry.inForce("alpha", at("2026-03-31T22:59:00Z"))?.version).toBe("2025-1"); // 23:59 BST on 31 March
    expect(registry.inForce("alpha", at("2026-03-31T23:00:00Z"))?.version).toBe("2026-2"); // midnight BST, 1 April
    expect(registry.inForce("nobody", at("2026-06-01T12:00:00Z"))).toBeUndefined();
  });

  it("gets a version by id@version or id and version, and the newest by id alone", () => {
    expect(registry.get("alpha@2025-1")?.version).toBe("2025-1");
    expect(registry.get("alpha", "2026-2")?.effectiveFrom).toBe("2026-04-01");
    expect(registry.get("alpha")?.version).toBe("2026-2");
    expect(registry.get("alpha@9999")).toBeUndefined();
  });

  it("keeps an open dispute on its own version: the versions differ", () => {
    const anchors = { raised: at("2026-06-01T09:00:00Z"), stageEntered: at("2026-06-01T09:00:00Z") };
    const old = registry.get("alpha@2025-1");
    const current = registry.get("alpha@2026-2");
    if (!old || !current) throw new Error("missing fixtures");
    const dueOld = computeStageDeadlines({ policy: old, stageKey: "stage-2", anchors, calendar: registry.calendarFor(old) })[0];
    const dueNew = computeStageDeadlines({ policy: current, stageKey: "stage-2", anchors, calendar: registry.calendarFor(current) })[0];
    expect([dueOld?.dueAtIso, dueNew?.dueAtIso]).toEqual(["2026-06-04T17:00:00+01:00", "2026-06-05T17:00:00+01:00"]);
  });

  it("builds each policy's calendar with its closures, or with closures passed in", () => {
    const policy = registry.get("alpha@2026-2");
    if (!policy) throw new Error("missing fixture");
    expect(registry.calendarFor(policy).isWorkingDay("2026-12-29")).toBe(false);
    expect(registry.calendarFor(policy, []).isWorkingDay("2026-12-29")).toBe(true);
    expect(registry.calendarFor(policy, [{ date: "2026-12-31", reason: "Closed" }]).nonWorkingReason("2026-12-31")).toBe("Closed");
    expect(registry.calendarFor(policy).covers(2027)).toBe(false); // the fixture calendar stops at 2026
  });
});
