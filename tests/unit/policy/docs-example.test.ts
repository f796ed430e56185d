import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parsePolicyText } from "@/lib/policy";
import { ROOT, minimalData } from "./helpers";

describe("docs/policy-format.md", () => {
  const doc = fs.readFileSync(path.join(ROOT, "docs/policy-format.md"), "utf8");
  const example = /## A worked example[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? "";

  it("shows a worked example that is a valid policy, identical to tests/fixtures/policies/minimal.yaml", () => {
    expect(parsePolicyText(example).ok).toBe(true);
    expect(parse(example)).toEqual(minimalData());
  });

  it("shows the format 2 examples' schedules exactly as the CLI prints them", { timeout: 60_000 }, () => {
    const blocks = [...doc.matchAll(/```text\n\$ npm run -s policy -- (.*)\n([\s\S]*?)```/g)];
    expect(blocks.map((b) => b[1])).toEqual([
      "schedule northfield --raised 2026-10-20T10:00 --dir policies/examples",
      "schedule southmere --raised 2026-03-26T15:00 --dir policies/examples",
      "schedule riverside --route adults --raised 2026-05-21T11:00 --dir policies/examples",
    ]);
    for (const [, args, shown] of blocks) {
      const r = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/policy.ts", ...args!.split(" ")], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(r.stdout).toBe(shown);
    }
  });
});
