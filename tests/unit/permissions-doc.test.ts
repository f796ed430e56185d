import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderPermissionsDoc } from "../../lib/auth/permissions-doc";

describe("docs/permissions.md", () => {
  it("is what the permission and route tables say (run npm run docs:permissions after changing them)", () => {
    expect(readFileSync("docs/permissions.md", "utf8")).toBe(renderPermissionsDoc());
  });
});
