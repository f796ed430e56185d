import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { isProcessAlive } from "../process-alive";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { DatabaseUnavailableError } from "./errors";

/**
 * Opens an embedded PGlite database.
 *
 * PGlite does not stop two processes opening the same data directory, and two
 * writers corrupt it. A lock file beside the directory holds the owner's pid;
 * a lock left by a process that has died is taken over.
 */
export type PgliteHandle = { pglite: PGlite; release: () => Promise<void> };

/**
 * The role Parley connects as. Like the PostgreSQL roles in production it is not
 * a superuser, so the row-level security policies apply to it (a superuser would
 * bypass them). It owns the public schema, so it runs the migrations; every
 * transaction then switches to parley_app or parley_system, which own nothing
 * (lib/db/scope.ts, prisma/migrations/*_database_roles). Only a superuser may
 * create those two, so they are made here, with the login role.
 */
export const PGLITE_ROLE = "parley";

const CREATE_ROLES = `
  DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${PGLITE_ROLE}') THEN
      CREATE ROLE ${PGLITE_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'parley_app') THEN
      CREATE ROLE parley_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'parley_system') THEN
      CREATE ROLE parley_system NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
  END $$;
  GRANT parley_app, parley_system TO ${PGLITE_ROLE};
  ALTER SCHEMA public OWNER TO ${PGLITE_ROLE};
`;

const HAS_ROLES = `select count(*)::int as n from pg_roles where rolname in ('parley_app', 'parley_system')`;

export async function openPglite(options: { dataDir: string } | { memory: true; loadDataDir?: Blob }): Promise<PgliteHandle> {
  if ("memory" in options) {
    // A dump made by Parley already has the role; a fresh instance starts as the
    // superuser, creates it and becomes it for the rest of the session.
    if (options.loadDataDir) {
      const pglite = await PGlite.create({ loadDataDir: options.loadDataDir, username: PGLITE_ROLE });
      return { pglite, release: () => pglite.close() };
    }
    const pglite = await PGlite.create();
    await pglite.exec(`${CREATE_ROLES} SET SESSION AUTHORIZATION ${PGLITE_ROLE};`);
    return { pglite, release: () => pglite.close() };
  }
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const unlock = takeLock(`${dataDir}.lock`, dataDir);
  try {
    if (!existsSync(path.join(dataDir, "PG_VERSION"))) await initialiseDataDir(dataDir);
    const pglite = await openAsParley(dataDir);
    return {
      pglite,
      release: async () => {
        try {
          await pglite.close();
        } finally {
          unlock();
        }
      },
    };
  } catch (error) {
    unlock();
    if (error instanceof DatabaseUnavailableError) throw error;
    throw new DatabaseUnavailableError(
      `Embedded database unavailable: cannot open ${dataDir} (${(error as Error).message}). ` +
        "If it is damaged, move it aside and start again to create a fresh one.",
      { cause: error },
    );
  }
}

/**
 * Creates a new data directory next to the real one and renames it into place,
 * so an interrupted first start never leaves a half-initialised directory.
 */
async function initialiseDataDir(dataDir: string): Promise<void> {
  if (existsSync(dataDir) && !isEmptyDir(dataDir)) {
    throw new DatabaseUnavailableError(
      `Embedded database unavailable: ${dataDir} exists but is not a PostgreSQL data directory. ` +
        "Move it aside or set PGLITE_DATA_DIR to another directory.",
    );
  }
  const staging = `${dataDir}.creating-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const pglite = await PGlite.create({ dataDir: staging });
  await pglite.exec(CREATE_ROLES);
  await pglite.close();
  rmSync(dataDir, { recursive: true, force: true });
  renameSync(staging, dataDir);
}

/** Opens as Parley's role, first creating the roles in a directory made before they existed. */
async function openAsParley(dataDir: string): Promise<PGlite> {
  try {
    const pglite = await PGlite.create({ dataDir, username: PGLITE_ROLE });
    const [{ n }] = (await pglite.query<{ n: number }>(HAS_ROLES)).rows as [{ n: number }];
    if (n === 2) return pglite;
    await pglite.close();
  } catch (error) {
    if (!/role .* does not exist/.test((error as Error).message)) throw error;
  }
  const admin = await PGlite.create({ dataDir });
  await admin.exec(CREATE_ROLES);
  await admin.close();
  return PGlite.create({ dataDir, username: PGLITE_ROLE });
}

function isEmptyDir(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch {
    return false;
  }
}

function takeLock(lockFile: string, dataDir: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number.parseInt(readFileSync(lockFile, "utf8"), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isProcessAlive(owner)) {
        throw new DatabaseUnavailableError(
          `Embedded database unavailable: ${dataDir} is in use by another process (pid ${owner}). ` +
            "Stop that process (only one may open the embedded database at a time) or set PGLITE_DATA_DIR to another directory.",
        );
      }
      if (owner === process.pid) {
        throw new DatabaseUnavailableError(`Embedded database unavailable: ${dataDir} is already open in this process. Reuse the open connection.`);
      }
      rmSync(lockFile, { force: true }); // left by a process that has died
    }
  }
  throw new DatabaseUnavailableError(`Embedded database unavailable: cannot lock ${dataDir}.`);
}
