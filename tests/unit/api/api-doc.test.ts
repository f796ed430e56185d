import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../../lib/api/v1/commands";

describe("docs/api.md", () => {
  it("lists every command the API offers on a dispute (each action's descriptor adds one)", () => {
    const doc = readFileSync("docs/api.md", "utf8");
    for (const command of COMMANDS) expect(doc, command.path).toContain(`/{id}/${command.path}\``);
  });
});
