/**
 * First-load JavaScript per page, gzipped, after `next build` (Next.js 16 no
 * longer prints it). Runs as `postbuild`, so `npm run build` prints the table.
 * A page loads the framework's root chunks plus the entry chunks of every
 * segment of its tree (layouts, error and not-found boundaries, the page), as
 * the build's client reference manifests list them. Fails when a budgeted page
 * is over its budget.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

const dist = path.resolve(process.env.PARLEY_DIST_DIR || ".next");
const KB = 1000;
/** The raise flow and the dispute page must stay under 200 kB gzipped (issue 6). */
const BUDGETS: [RegExp, number][] = [[/^\/p\/\[partnership\]\/disputes\//, 200 * KB]];

if (!existsSync(path.join(dist, "BUILD_ID"))) {
  console.error(`No build in ${dist}: run npm run build first.`);
  process.exit(2);
}

const json = <T>(file: string): T => JSON.parse(readFileSync(path.join(dist, file), "utf8")) as T;
const root = json<{ rootMainFiles: string[] }>("build-manifest.json").rootMainFiles;
const pages = Object.entries(json<Record<string, string>>("server/app-paths-manifest.json"))
  .filter(([route]) => route.endsWith("/page") && !route.startsWith("/_"))
  .sort(([a], [b]) => a.localeCompare(b));

const gzipped = new Map<string, number>();
function sizeOf(file: string): { raw: number; gz: number } {
  const bytes = readFileSync(path.join(dist, file.replace(/^\/_next\//, "")));
  if (!gzipped.has(file)) gzipped.set(file, gzipSync(bytes, { level: 9 }).length);
  return { raw: bytes.length, gz: gzipped.get(file)! };
}

function entryFiles(serverFile: string): string[] {
  const manifest = path.join(dist, "server", serverFile.replace(/\.js$/, "_client-reference-manifest.js"));
  if (!existsSync(manifest)) return [];
  const sandbox: { globalThis: Record<string, unknown>; __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = { globalThis: {} };
  sandbox.globalThis = sandbox as unknown as Record<string, unknown>;
  vm.runInNewContext(readFileSync(manifest, "utf8"), sandbox);
  const entries = Object.values(sandbox.__RSC_MANIFEST ?? {})[0]?.entryJSFiles ?? {};
  return Object.values(entries).flat();
}

let over = 0;
console.log("\nFirst-load JavaScript per page (gzip -9; raw in brackets)");
for (const [route, serverFile] of pages) {
  const files = [...new Set([...root, ...entryFiles(serverFile)])];
  const total = files.map(sizeOf).reduce((a, s) => ({ raw: a.raw + s.raw, gz: a.gz + s.gz }), { raw: 0, gz: 0 });
  const budget = BUDGETS.find(([pattern]) => pattern.test(route))?.[1];
  const flag = budget === undefined ? "" : total.gz > budget ? `  OVER BUDGET (${budget / KB} kB)` : `  within ${budget / KB} kB budget`;
  if (budget !== undefined && total.gz > budget) over++;
  const name = route.replace(/\/page$/, "") || "/";
  console.log(`${name.padEnd(52)} ${(total.gz / KB).toFixed(1).padStart(6)} kB  (${(total.raw / KB).toFixed(0)} kB)${flag}`);
}
if (over > 0) {
  console.error(`${over} page(s) over their JavaScript budget.`);
  process.exit(1);
}
