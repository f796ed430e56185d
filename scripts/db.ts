/**
 * Database commands, run through npm:
 *   npm run db:migrate [-- --retry NAME]   apply pending migrations
 *   npm run db:migration -- NAME           create the next migration from prisma/schema.prisma
 *   npm run db:status                      what is applied, pending or failed
 *   npm run db:seed                        load the demo partnerships, agencies and users
 *   npm run db:deadlines                   recompute open disputes' deadlines after a calendar change
 * The database is the one the app would use: DATABASE_URL, or the embedded PGlite.
 */
import { ConfigError, ownerTarget, parseConfig } from "../lib/config";
import { openDatabase, type Database } from "../lib/db/connect";
import { DatabaseUnavailableError } from "../lib/db/errors";
import { applyMigrations, createMigration, MigrationError, migrationStatus, retryFailedMigration } from "../lib/db/migrations";
import { refreshOpenDeadlines } from "../lib/escalations/refresh-deadlines";
import { PolicyRegistry } from "../lib/policy/registry";
import { seedDemoData } from "../lib/seed/demo";
import { describeRefresh } from "./deadline-refresh";

const [command, ...args] = process.argv.slice(2);

async function main(): Promise<number> {
  switch (command) {
    case "migration": {
      const name = args[0];
      if (!name) return usage("npm run db:migration -- NAME   (e.g. add_escalations)");
      const created = await createMigration(name);
      if (!created) {
        console.log("No changes: prisma/schema.prisma matches the migrations already in prisma/migrations.");
      } else {
        console.log(`Created prisma/migrations/${created.name}/migration.sql — read it, then run: npm run db:migrate`);
      }
      return 0;
    }
    case "migrate":
      return withDatabase(async (db) => {
        const retryIndex = args.indexOf("--retry");
        if (retryIndex >= 0) {
          const name = args[retryIndex + 1];
          if (!name) return usage("npm run db:migrate -- --retry NAME");
          await retryFailedMigration(db, name);
          console.log(`Marked ${name} as rolled back; applying it again.`);
        }
        const { applied } = await applyMigrations(db);
        if (applied.length === 0) console.log(`${db.location}: already up to date.`);
        else for (const name of applied) console.log(`${db.location}: applied ${name}`);
        return 0;
      }, "owner");
    case "status":
      return withDatabase(async (db) => {
        const s = await migrationStatus(db);
        console.log(`${db.location}: ${s.applied.length} applied, ${s.pending.length} pending.`);
        for (const name of s.pending) console.log(`  pending: ${name}`);
        for (const name of s.failed) {
          console.log(
            `  FAILED: ${name} — its changes were rolled back, so the database is as it was before it. ` +
              `Fix prisma/migrations/${name}/migration.sql, then: npm run db:migrate -- --retry ${name}`,
          );
        }
        for (const name of s.edited) console.log(`  EDITED after it was applied: ${name} — restore the applied version and add a new migration instead.`);
        for (const name of s.unknown) console.log(`  applied but missing from prisma/migrations: ${name}`);
        if (s.upToDate) console.log("Up to date.");
        return s.upToDate ? 0 : 1;
      }, "owner");
    case "seed":
      return withDatabase(async (db) => {
        const result = await seedDemoData(db);
        console.log(result.seeded ? `${db.location}: ${result.summary}` : `${db.location}: not empty, demo data not loaded.`);
        return 0;
      });
    case "deadlines":
      return withDatabase(async (db) => {
        const refresh = await refreshOpenDeadlines(db, { policies: PolicyRegistry.load(parseConfig().policiesDir).registry });
        for (const line of describeRefresh(refresh)) console.log(`${db.location}: ${line}`);
        return refresh.failed.length > 0 ? 1 : 0;
      });
    default:
      return usage("npm run db:migrate | db:migration -- NAME | db:status | db:seed | db:deadlines");
  }
}

async function withDatabase(run: (db: Database) => Promise<number>, as: "app" | "owner" = "app"): Promise<number> {
  const target = parseConfig().database;
  const db = await openDatabase(as === "owner" ? ownerTarget(target) : target);
  try {
    return await run(db);
  } finally {
    await db.close();
  }
}

function usage(text: string): number {
  console.error(`Usage: ${text}`);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof DatabaseUnavailableError || error instanceof MigrationError;
    console.error(known ? (error as Error).message : error);
    process.exit(1);
  },
);
