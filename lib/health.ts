import type { Database, Engine } from "./db/connect";
import { DEFAULT_MIGRATIONS_DIR, type MigrationFolder, migrationStatus, readMigrationFolder } from "./db/migration-files";

export type HealthReport =
  | {
      httpStatus: 200;
      body: {
        status: "ok";
        engine: Engine;
        migrations: { upToDate: boolean; applied: number; pending: string[]; failed: string[] };
      };
    }
  | { httpStatus: 503; body: { status: "unavailable"; engine: Engine; reason: string } };

const folders = new Map<string, Promise<MigrationFolder>>();

/**
 * The migrations this process was deployed with, read once: a load balancer
 * asks every few seconds, and reading and hashing every migration.sql each
 * time cost four times the rest of the check. In production the folder cannot
 * change what the running code expects; a new deployment starts a new
 * process. The development server reloads code as it changes, so there the
 * folder is read on every check.
 */
function deployedMigrations(migrationsDir: string): Promise<MigrationFolder> {
  let folder = folders.get(migrationsDir);
  if (!folder) {
    folder = readMigrationFolder(migrationsDir);
    folders.set(migrationsDir, folder);
    folder.catch(() => folders.delete(migrationsDir));
  }
  return folder;
}

/** Is the database reachable, and is its schema the one this build expects? */
export async function checkHealth(
  engine: Engine,
  open: () => Promise<Database>,
  { migrationsDir = DEFAULT_MIGRATIONS_DIR, readFolderOnce = process.env.NODE_ENV === "production" } = {},
): Promise<HealthReport> {
  try {
    const db = await open();
    const folder = readFolderOnce ? await deployedMigrations(migrationsDir) : await readMigrationFolder(migrationsDir);
    // Reading _prisma_migrations is also the check that the database answers.
    const m = await migrationStatus(db, { folder });
    return {
      httpStatus: 200,
      body: {
        status: "ok",
        engine: db.engine,
        migrations: { upToDate: m.upToDate, applied: m.applied.length, pending: m.pending, failed: m.failed },
      },
    };
  } catch (error) {
    return { httpStatus: 503, body: { status: "unavailable", engine, reason: oneLine(error) } };
  }
}

/** Prisma's messages open with blank lines and an "Invalid `prisma.x()` invocation" banner. */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !/^Invalid `.*` invocation:?$/.test(line));
  return lines.join(" ") || (error instanceof Error ? error.name : "unknown error");
}
