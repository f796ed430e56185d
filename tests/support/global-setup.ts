import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../lib/db/connect";
import { applyMigrations } from "../../lib/db/migrations";
import { createTemplate, dropTemplate } from "./postgres";

/**
 * Migrates once per test run. On PGlite the migrated data directory is dumped to
 * a file that every test file loads into its own in-memory database; on
 * PostgreSQL (TEST_DATABASE_URL) a template database is migrated and every test
 * file gets its own copy.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = await createTemplate(url);
    project.provide("testDatabase", { engine: "postgresql", url, template });
    return () => dropTemplate(url, template);
  }
  const dir = mkdtempSync(path.join(tmpdir(), "parley-test-"));
  const db = await openDatabase({ engine: "pglite-memory" });
  try {
    await applyMigrations(db);
    const dump = await db.pglite!.dumpDataDir("none");
    const file = path.join(dir, "migrated.tar");
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    project.provide("testDatabase", { engine: "pglite", dump: file });
  } finally {
    await db.close();
  }
  return async () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: { engine: "pglite"; dump: string } | { engine: "postgresql"; url: string; template: string };
  }
}
