import { readFileSync } from "node:fs";
import { inject } from "vitest";
import { openDatabase, type Database } from "../../lib/db/connect";
import { copyTemplate, createEmptyPostgres } from "./postgres";

/**
 * A migrated database of its own for one test file: an in-memory PGlite loaded
 * from the migrated dump, or a copy of the migrated PostgreSQL template.
 * Call in beforeAll and close in afterAll.
 */
export async function createTestDatabase(): Promise<Database> {
  const target = inject("testDatabase");
  if (target.engine === "pglite") {
    const dump = new Blob([readFileSync(target.dump)]);
    return openDatabase({ engine: "pglite-memory", loadDataDir: dump });
  }
  const copy = await copyTemplate(target.url, target.template);
  const db = await openDatabase({ engine: "postgresql", url: copy.url });
  return {
    ...db,
    close: async () => {
      await db.close();
      await copy.drop();
    },
  };
}

/**
 * Two connections to one migrated database, as two app instances would have:
 * separate connection pools on PostgreSQL; on PGlite (one process, one
 * connection) the same handle twice. Close with `close()`.
 */
export async function createSharedTestDatabase(): Promise<{ a: Database; b: Database; close: () => Promise<void> }> {
  const target = inject("testDatabase");
  if (target.engine === "pglite") {
    const db = await createTestDatabase();
    return { a: db, b: db, close: () => db.close() };
  }
  const copy = await copyTemplate(target.url, target.template);
  const a = await openDatabase({ engine: "postgresql", url: copy.url });
  const b = await openDatabase({ engine: "postgresql", url: copy.url });
  return {
    a,
    b,
    close: async () => {
      await a.close();
      await b.close();
      await copy.drop();
    },
  };
}

/** An unmigrated database on the engine under test, for migration tests. */
export async function createEmptyDatabase(): Promise<Database> {
  const target = inject("testDatabase");
  if (target.engine === "pglite") return openDatabase({ engine: "pglite-memory" });
  const empty = await createEmptyPostgres(target.url);
  const db = await openDatabase({ engine: "postgresql", url: empty.url });
  return {
    ...db,
    close: async () => {
      await db.close();
      await empty.drop();
    },
  };
}

export const testEngine = (): "pglite" | "postgresql" => inject("testDatabase").engine;
