/**
 * Runs every benchmark module in scripts/bench/ (alphabetical order), or those
 * named on the command line: `npm run bench -- deadlines`.
 *
 * A module default-exports { name: string; run(): void | Promise<void> } and
 * prints its own figures. Benchmarks print numbers; they are not timed tests.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export type Benchmark = { name: string; run: () => void | Promise<void> };

const dir = path.join(import.meta.dirname, "bench");
const only = new Set(process.argv.slice(2));
const files = fs
  .readdirSync(dir)
  .filter((f) => /\.(ts|js|mjs)$/.test(f))
  .sort()
  .filter((f) => only.size === 0 || only.has(f.replace(/\.(ts|js|mjs)$/, "")));

for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default?: Benchmark };
  if (!mod.default || typeof mod.default.run !== "function") {
    console.error(`${file}: no default export { name, run }; skipped`);
    continue;
  }
  console.log(`\n=== ${mod.default.name} (${file}) ===`);
  await mod.default.run();
}
