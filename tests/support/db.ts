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
  return { ...db, close: async () => { await db.close(); await copy.drop(); } };
}

/** An unmigrated database on the engine under test, for migration tests. */
export async function createEmptyDatabase(): Promise<Database> {
  const target = inject("testDatabase");
  if (target.engine === "pglite") return openDatabase({ engine: "pglite-memory" });
  const empty = await createEmptyPostgres(target.url);
  const db = await openDatabase({ engine: "postgresql", url: empty.url });
  return { ...db, close: async () => { await db.close(); await empty.drop(); } };
}

export const testEngine = (): "pglite" | "postgresql" => inject("testDatabase").engine;
