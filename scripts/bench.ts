/**
 * Runs every benchmark module in scripts/bench/ (alphabetical order), or the one
 * named first on the command line with the rest of the line as its options:
 * `npm run bench -- deadlines`, `npm run bench -- scale --engine pglite --disputes 100000`.
 *
 * A module default-exports { name: string; run(args): void | Promise<void> } and
 * prints its own figures; `onlyWhenNamed` keeps a heavy one out of the plain
 * `npm run bench`. Benchmarks print numbers; they are not timed tests.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export type Benchmark = { name: string; onlyWhenNamed?: boolean; run: (args: string[]) => void | Promise<void> };

const dir = path.join(import.meta.dirname, "bench");
const argv = process.argv.slice(2);
const firstOption = argv.findIndex((a) => a.startsWith("--"));
const names = firstOption === -1 ? argv : argv.slice(0, firstOption);
const options = firstOption === -1 ? [] : argv.slice(firstOption);
const only = new Set(names);
const files = fs
  .readdirSync(dir)
  .filter((f) => /\.(ts|js|mjs)$/.test(f))
  .sort()
  .filter((f) => only.size === 0 || only.has(f.replace(/\.(ts|js|mjs)$/, "")));
if (files.length === 0) {
  console.error(`No benchmark named ${names.join(", ")} in scripts/bench/.`);
  process.exitCode = 1;
}
const quiet = options.includes("--json");

for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default?: Benchmark };
  if (!mod.default || typeof mod.default.run !== "function") {
    console.error(`${file}: no default export { name, run }; skipped`);
    continue;
  }
  if (only.size === 0 && mod.default.onlyWhenNamed) continue;
  if (!quiet) console.log(`\n=== ${mod.default.name} (${file}) ===`);
  await mod.default.run(options);
}
