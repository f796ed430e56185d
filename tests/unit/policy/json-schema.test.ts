import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { POLICY_SCHEMA_PATH, policyJsonSchema } from "@/lib/policy";
import { ROOT } from "./helpers";

describe("policies/policy.schema.json", () => {
  it("is up to date with the zod schema (regenerate: npx tsx scripts/generate-policy-schema.ts)", () => {
    expect(fs.readFileSync(path.join(ROOT, POLICY_SCHEMA_PATH), "utf8")).toBe(policyJsonSchema());
  });

  it("names the shared role levels and the six calendars", () => {
    const text = policyJsonSchema();
    for (const id of ["board-business-manager", "partnership-admin", "isle-of-man", "set-by-role"]) expect(text).toContain(`"${id}"`);
  });
});
