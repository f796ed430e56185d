import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { MigrationList } from "@prisma/schema-engine-wasm";
import type { Database } from "./connect";

/**
 * The migrations folder (prisma/migrations/<name>/migration.sql) and the
 * _prisma_migrations table, read without the schema engine so that the app
 * bundle stays free of the engine.
 */

export const DEFAULT_MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");
const LOCKFILE = "migration_lock.toml";

export async function readMigrationList(migrationsDir = DEFAULT_MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = existsSync(/*turbopackIgnore: true*/ migrationsDir) ? await readdir(migrationsDir, { withFileTypes: true }) : [];
  const directories = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lockPath = path.join(migrationsDir, LOCKFILE);
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: LOCKFILE,
      content: existsSync(lockPath) ? await readFile(lockPath, "utf8") : 'provider = "postgresql"\n',
    },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      directories.map(async (name) => {
        const file = path.join(migrationsDir, name, "migration.sql");
        const content = existsSync(file)
          ? ({ tag: "ok", value: await readFile(file, "utf8") } as const)
          : ({ tag: "error", value: `missing ${path.relative(process.cwd(), file)}` } as const);
        return { path: name, migrationFile: { path: "migration.sql", content } };
      }),
    ),
  };
}

export type MigrationStatus = {
  applied: string[];
  pending: string[];
  failed: string[];
  /** Applied migrations whose migration.sql has changed since. */
  edited: string[];
  /** Applied in the database but missing from the folder. */
  unknown: string[];
  upToDate: boolean;
};

/** What the migrations folder holds: each migration's name and checksum (null when its migration.sql is missing). */
export type MigrationFolder = { name: string; checksum: string | null }[];

export async function readMigrationFolder(migrationsDir = DEFAULT_MIGRATIONS_DIR): Promise<MigrationFolder> {
  const list = await readMigrationList(migrationsDir);
  return list.migrationDirectories.map((d) => ({
    name: d.path,
    checksum: d.migrationFile.content.tag === "ok" ? checksum(d.migrationFile.content.value) : null,
  }));
}

/**
 * Compares the folder with the _prisma_migrations table. A caller that checks
 * often (the health check) passes the folder it read once as `folder`.
 */
export async function migrationStatus(db: Database, paths: { migrationsDir?: string; folder?: MigrationFolder } = {}): Promise<MigrationStatus> {
  const folder = paths.folder ?? (await readMigrationFolder(paths.migrationsDir));
  const rows = await readAppliedMigrations(db);
  const onDisk = new Map(folder.map((m) => [m.name, m.checksum]));
  const succeeded = rows.filter((r) => !r.failed && !r.rolledBack);
  const appliedNames = new Set(succeeded.map((r) => r.name));
  const failed = rows.filter((r) => r.failed).map((r) => r.name);
  const pending = [...onDisk.keys()].filter((name) => !appliedNames.has(name));
  const edited = succeeded.filter((r) => onDisk.has(r.name) && onDisk.get(r.name) !== null && onDisk.get(r.name) !== r.checksum).map((r) => r.name);
  const unknown = succeeded.filter((r) => !onDisk.has(r.name)).map((r) => r.name);
  return {
    applied: [...appliedNames].sort(),
    pending,
    failed,
    edited,
    unknown,
    upToDate: pending.length === 0 && failed.length === 0 && edited.length === 0 && unknown.length === 0,
  };
}

export type AppliedRow = { name: string; checksum: string; failed: boolean; rolledBack: boolean };

export async function readAppliedMigrations(db: Database): Promise<AppliedRow[]> {
  const exists = await db.prisma.$queryRawUnsafe<{ exists: boolean }[]>("select to_regclass('_prisma_migrations') is not null as exists");
  if (!exists[0]?.exists) return [];
  const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }[]>(
    "select migration_name, checksum, finished_at, rolled_back_at from _prisma_migrations order by started_at",
  );
  return rows.map((r) => ({
    name: r.migration_name,
    checksum: r.checksum,
    failed: r.finished_at === null && r.rolled_back_at === null,
    rolledBack: r.rolled_back_at !== null,
  }));
}

/** Prisma's checksum of a migration script. */
function checksum(script: string): string {
  return createHash("sha256").update(script).digest("hex");
}
