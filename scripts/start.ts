/**
 * `npm start`: from a fresh clone (after npm ci) build if needed, migrate, load the
 * demo data into an empty embedded database, then serve on PORT (default 3000).
 * The server runs the background worker (lib/worker.ts), which also recomputes
 * stored deadlines after a calendar change; start-up itself never replays disputes.
 * `npm run dev` does the same with the Next.js development server and no build.
 */
import { isProcessAlive } from "../lib/process-alive";
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, ownerTarget, parseConfig } from "../lib/config";
import { openDatabase } from "../lib/db/connect";
import { DatabaseUnavailableError } from "../lib/db/errors";
import { applyMigrations, MigrationError } from "../lib/db/migrations";
import { roleProblems } from "../lib/db/roles";
import { seedDemoData } from "../lib/seed/demo";
import { serverNodeFlags } from "./server-node-flags";

const dev = process.argv.includes("--dev");
const root = process.cwd();
// Run Next.js's own CLI in a direct child (not through npx) so signals reach it.
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

async function main(): Promise<number> {
  // Decide demo mode here, from the caller's environment: the server runs with
  // NODE_ENV=production (below), which would otherwise switch demo mode off.
  const env: NodeJS.ProcessEnv = { ...process.env };
  env.PARLEY_DEMO ??= process.env.NODE_ENV === "production" ? "false" : "true";
  const config = parseConfig(env);

  if (!dev && needsBuild()) {
    const release = await takeBuildLock();
    try {
      if (needsBuild()) {
        console.log("Building Parley (first start, or the source has changed)…");
        const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...env, NODE_ENV: "production" } });
        if (build.status !== 0) return build.status ?? 1;
      }
    } finally {
      release();
    }
  }

  // Migrations as the role that owns the tables (DATABASE_OWNER_URL, else DATABASE_URL).
  const owner = ownerTarget(config.database);
  let db = await openDatabase(owner);
  try {
    const { applied } = await applyMigrations(db);
    console.log(applied.length ? `${db.location}: applied ${applied.join(", ")}` : `${db.location}: migrations up to date.`);
    if (owner !== config.database) {
      await db.close();
      db = await openDatabase(config.database);
    }
    const problems = await roleProblems(db);
    if (problems.length > 0) {
      console.error(
        `Parley cannot start: its database logins are not set up as docs/deployment.md ("Database roles") describes.\n${problems.map((p) => `  - ${p}`).join("\n")}`,
      );
      return 1;
    }
    if (config.seedDemoData) {
      const seeded = await seedDemoData(db);
      if (seeded.seeded) console.log(`${db.location}: ${seeded.summary}`);
    }
  } finally {
    await db.close(); // the server opens its own connection; PGlite allows one at a time
  }

  const heap = serverNodeFlags({ dev, nodeOptions: env.NODE_OPTIONS });
  const args = [...heap, path.join(root, "scripts", "serve.mjs"), ...(dev ? ["--dev"] : [])];
  console.log(`Parley ${config.demo ? "(demo mode) " : ""}on http://localhost:${config.port}`);
  const child = spawn(process.execPath, args, {
    stdio: "inherit",
    // The app closes its database itself on SIGINT/SIGTERM (instrumentation.ts).
    env: { ...env, PORT: String(config.port), NODE_ENV: dev ? "development" : "production", NEXT_MANUAL_SIG_HANDLE: "true" },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => child.kill(signal));
  }
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 0 : 1))));
}

/**
 * Two starts at once (say, two end-to-end runs) must not build into .next
 * together: the second waits for the first and then finds the build fresh.
 */
async function takeBuildLock(): Promise<() => void> {
  const lock = path.join(root, ".next.build.lock");
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: "wx" });
      return () => rmSync(lock, { force: true });
    } catch {
      const owner = Number(readFileSync(lock, "utf8"));
      if (!Number.isInteger(owner) || !isProcessAlive(owner)) {
        rmSync(lock, { force: true });
        continue;
      }
      console.log(`Waiting for another build (pid ${owner}) to finish…`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

/** A build is needed when there is none, or when a source file is newer than it. */
function needsBuild(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  const sources = ["app", "components", "lib", "public", "next.config.js", "package-lock.json", "postcss.config.mjs", "prisma/schema.prisma"];
  return sources.some((source) => newerThan(path.join(root, source), builtAt));
}

function newerThan(file: string, time: number): boolean {
  if (!existsSync(file)) return false;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs > time;
  return readdirSync(file).some((name) => name !== "generated" && newerThan(path.join(file, name), time));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof DatabaseUnavailableError || error instanceof MigrationError;
    console.error(known ? (error as Error).message : error);
    process.exit(1);
  },
);
