import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { serverNodeFlags } from "../../../scripts/server-node-flags";

/** The heap limit, in MB, of a Node.js process started with these flags and NODE_OPTIONS. */
function heapLimitMb(flags: string[], nodeOptions = ""): number {
  const child = spawnSync(process.execPath, [...flags, "-p", "require('node:v8').getHeapStatistics().heap_size_limit"], {
    env: { ...process.env, NODE_OPTIONS: nodeOptions },
    encoding: "utf8",
  });
  expect(child.status, child.stderr).toBe(0);
  return Number(child.stdout) / 2 ** 20;
}

describe("the server's Node.js flags", () => {
  it("bound a production server's heap at about 1 GB of old generation plus a 64 MB young one", () => {
    const flags = serverNodeFlags({ dev: false });
    expect(flags).toEqual(["--max-semi-space-size=64", "--max-old-space-size=1024"]);
    const limit = heapLimitMb(flags);
    expect(limit).toBeGreaterThanOrEqual(1024);
    expect(limit).toBeLessThanOrEqual(1024 + 3 * 64);
  });

  it("leave the old generation to NODE_OPTIONS when it sets one", () => {
    const flags = serverNodeFlags({ dev: false, nodeOptions: "--enable-source-maps --max-old-space-size=300" });
    expect(flags).toEqual(["--max-semi-space-size=64"]);
    const limit = heapLimitMb(flags, "--max-old-space-size=300");
    expect(limit).toBeGreaterThanOrEqual(300);
    expect(limit).toBeLessThanOrEqual(300 + 3 * 64);
  });

  it("see a ceiling NODE_OPTIONS spells with underscores, as V8 allows", () => {
    expect(serverNodeFlags({ dev: false, nodeOptions: "--max_old_space_size=300" })).toEqual(["--max-semi-space-size=64"]);
  });

  it("give the development server none", () => {
    expect(serverNodeFlags({ dev: true })).toEqual([]);
  });
});
