import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { Database } from "./connect";
import { DEFAULT_MIGRATIONS_DIR, readAppliedMigrations, readMigrationList } from "./migration-files";
import { openPglite } from "./pglite";
import { openSchemaEngine, type EngineLog } from "./schema-engine";

/**
 * Migrations in Prisma's standard folder format (prisma/migrations/<name>/migration.sql
 * and the _prisma_migrations table), applied by Prisma's own schema engine compiled
 * to Wasm, over the same driver adapter the application uses. A host with Prisma's
 * native CLI can run `prisma migrate deploy` on the same folder and table.
 */

export const DEFAULT_SCHEMA_PATH = path.resolve("prisma/schema.prisma");
const LOCKFILE = "migration_lock.toml";
const NO_FILTERS = { externalTables: [], externalEnums: [] };

export { migrationStatus, type MigrationStatus } from "./migration-files";

export type MigrationPaths = { migrationsDir?: string; schemaPath?: string; log?: EngineLog };

async function withEngine<T>(db: Database, paths: MigrationPaths, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const schemaPath = paths.schemaPath ?? DEFAULT_SCHEMA_PATH;
  const { engine, close } = await openSchemaEngine(db.adapterFactory, { path: schemaPath, content: await readFile(schemaPath, "utf8") }, paths.log);
  try {
    return await run(engine);
  } finally {
    await close();
  }
}

/** Applies every pending migration, each in its own transaction. Safe to run again: a no-op when up to date. */
export async function applyMigrations(db: Database, paths: MigrationPaths = {}): Promise<{ applied: string[] }> {
  const migrationsList = await readMigrationList(paths.migrationsDir);
  const status = await readAppliedMigrations(db);
  const failed = status.filter((m) => m.failed);
  if (failed.length > 0) {
    const name = failed[0]!.name;
    throw new MigrationError(
      `Migration ${name} failed earlier and was rolled back; nothing after it has been applied. ` +
        `Fix prisma/migrations/${name}/migration.sql, then run: npm run db:migrate -- --retry ${name}`,
    );
  }
  try {
    const result = await withEngine(db, paths, (engine) => engine.applyMigrations({ migrationsList, filters: NO_FILTERS }));
    // PGlite learns the array types (e.g. "Role"[]) when it opens: a migration that
    // created one in this process must be made known, or array parameters of it
    // reach the server as "a,b" ("malformed array literal").
    if (result.appliedMigrationNames.length > 0) await db.pglite?.refreshArrayTypes();
    return { applied: result.appliedMigrationNames };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const name = /migration_name="([^"]+)"/.exec(message)?.[1];
    const reason = summariseEngineError(message);
    throw new MigrationError(
      name
        ? `Migration ${name} failed and was rolled back (${reason}); the database is as it was before it. ` +
            `Fix prisma/migrations/${name}/migration.sql, then run: npm run db:migrate -- --retry ${name}`
        : `Migration failed: ${reason}`,
      { cause: error },
    );
  }
}

/** Marks a failed migration as rolled back so that it is tried again on the next run. */
export async function retryFailedMigration(db: Database, name: string, paths: MigrationPaths = {}): Promise<void> {
  const failed = (await readAppliedMigrations(db)).filter((m) => m.failed).map((m) => m.name);
  if (!failed.includes(name)) {
    throw new MigrationError(
      failed.length === 0 ? `No failed migration to retry (${name} has not failed).` : `${name} has not failed; failed: ${failed.join(", ")}.`,
    );
  }
  await withEngine(db, paths, (engine) => engine.markMigrationRolledBack({ migrationName: name }));
}

/**
 * Writes the next migration from the difference between the migration history and
 * prisma/schema.prisma. The history is replayed into a throwaway in-memory PGlite,
 * so no database server (and no shadow database) is needed.
 */
export async function createMigration(name: string, paths: MigrationPaths = {}, now = new Date()): Promise<{ name: string; file: string } | null> {
  if (!/^[a-z0-9_]+$/.test(name)) {
    throw new MigrationError(`Migration name "${name}" must use only lower-case letters, digits and underscores, e.g. add_escalations.`);
  }
  const migrationsDir = paths.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const schemaPath = paths.schemaPath ?? DEFAULT_SCHEMA_PATH;
  const handle = await openPglite({ memory: true });
  try {
    const adapterFactory = new PrismaPGlite(handle.pglite);
    const schema = { path: schemaPath, content: await readFile(schemaPath, "utf8") };
    const { engine, close } = await openSchemaEngine(adapterFactory, schema, paths.log);
    try {
      const migrationsList = await readMigrationList(migrationsDir);
      const diff = await engine.diff({
        from: { tag: "migrations", ...migrationsList },
        to: { tag: "schemaDatamodel", files: [schema] },
        script: true,
        exitCode: null,
        filters: NO_FILTERS,
      });
      const script = diff.stdout ?? "";
      if (script.trim() === "" || script.includes("This is an empty migration.")) return null;
      const folder = `${timestamp(now)}_${name}`;
      const file = path.join(migrationsDir, folder, "migration.sql");
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, script);
      const lockPath = path.join(migrationsDir, LOCKFILE);
      if (!existsSync(lockPath)) {
        await writeFile(
          lockPath,
          '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
        );
      }
      return { name: folder, file };
    } finally {
      await close();
    }
  } finally {
    await handle.release();
  }
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

/** The engine's errors carry a Rust span trace; the database's own words are the useful part. */
function summariseEngineError(message: string): string {
  const lines = message.split("\n").map((line) => line.trim());
  const database = lines.find((line) => line.startsWith("Error querying the database:"));
  if (database) return database.replace("Error querying the database: ", "");
  return lines.find((line) => line !== "") ?? message;
}

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MigrationError";
  }
}
