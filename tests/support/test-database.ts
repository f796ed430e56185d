/**
 * The set-up most integration test files share: a migrated database of their
 * own (tests/support/db.ts), loaded with the demo installation, open for the
 * tests of the file or describe block that asks for it and closed after them.
 *
 *   let db: Database;
 *   withTestDatabase({ disputes: false }, (opened) => (db = opened));
 *   beforeAll(async () => { … what only this file needs, with db … });
 *
 * The database's beforeAll runs before any the file registers after it, and
 * its afterAll after the file's own (vitest runs "after" hooks in reverse).
 */
import { afterAll, beforeAll } from "vitest";
import type { Database } from "../../lib/db/connect";
import { seedDemoData, type SeedOptions } from "../../lib/seed/demo";
import { createTestDatabase } from "./db";

/**
 * Opens a test database before the block's tests and closes it after them.
 * `seed`: the demo data to load (`{ disputes: false }`: the partnerships, agencies and people
 * without the demo disputes; `{}`: with them), or `false` for an empty migrated database.
 */
export function withTestDatabase(seed: SeedOptions | false, use: (db: Database) => void): void {
  let db: Database | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    if (seed !== false) await seedDemoData(db, seed);
    use(db);
  });
  afterAll(async () => {
    await db?.close();
  });
}
