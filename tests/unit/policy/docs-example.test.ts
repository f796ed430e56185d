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
});
