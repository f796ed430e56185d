import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Database } from "../../lib/db/connect";
import { openDatabase } from "../../lib/db/connect";
import { migrationStatus } from "../../lib/db/migrations";
import { checkHealth } from "../../lib/health";
import { createTestDatabase, testEngine } from "../support/db";
import { withTestDatabase } from "../support/test-database";

describe("health check", () => {
  let db: Database;
  withTestDatabase(false, (opened) => (db = opened));

  it("answers 200 naming the engine, with the migrations up to date", async () => {
    const report = await checkHealth(testEngine(), async () => db);
    expect(report.httpStatus).toBe(200);
    expect(report.body).toMatchObject({ status: "ok", engine: testEngine(), migrations: { upToDate: true, pending: [] } });
  });

  /** A copy of the migrations folder with one migration the database has not had. */
  function folderWithLater(scratch: string): { dir: string; later: string } {
    const dir = path.join(scratch, "migrations");
    cpSync(path.resolve("prisma/migrations"), dir, { recursive: true });
    const later = "20990101000000_later";
    mkdirSync(path.join(dir, later));
    writeFileSync(path.join(dir, later, "migration.sql"), 'CREATE TABLE "Later" ("id" integer);\n');
    return { dir, later };
  }

  it("in production, compares the database with the migrations folder as it was at the first check, as the running build expects", async () => {
    const scratch = mkdtempSync(path.join(tmpdir(), "parley-health-"));
    try {
      const { dir, later } = folderWithLater(scratch);
      const first = await checkHealth(testEngine(), async () => db, { migrationsDir: dir, readFolderOnce: true });
      expect(first.httpStatus).toBe(200);
      expect(first.body).toMatchObject({ status: "ok", migrations: { upToDate: false, pending: [later], failed: [] } });

      // A folder changed under a running process does not change what it runs;
      // the migrate command reads the folder afresh.
      rmSync(path.join(dir, later), { recursive: true });
      const second = await checkHealth(testEngine(), async () => db, { migrationsDir: dir, readFolderOnce: true });
      expect(second.body).toMatchObject({ migrations: { upToDate: false, pending: [later] } });
      expect(await migrationStatus(db, { migrationsDir: dir })).toMatchObject({ upToDate: true, pending: [] });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it("in development, reads the folder on every check, as the server reloads code", async () => {
    const scratch = mkdtempSync(path.join(tmpdir(), "parley-health-"));
    try {
      const { dir, later } = folderWithLater(scratch);
      expect((await checkHealth(testEngine(), async () => db, { migrationsDir: dir, readFolderOnce: false })).body).toMatchObject({
        migrations: { upToDate: false, pending: [later] },
      });
      rmSync(path.join(dir, later), { recursive: true });
      expect((await checkHealth(testEngine(), async () => db, { migrationsDir: dir, readFolderOnce: false })).body).toMatchObject({
        migrations: { upToDate: true, pending: [] },
      });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it("answers 503 with a reason when the database has gone", async () => {
    const gone = await createTestDatabase();
    await gone.close();
    const report = await checkHealth(testEngine(), async () => gone);
    expect(report.httpStatus).toBe(503);
    expect(report.body).toMatchObject({ status: "unavailable", engine: testEngine() });
    const reason = report.body.status === "unavailable" ? report.body.reason : "";
    expect(reason).not.toContain("\n");
    expect(reason).toMatch(testEngine() === "postgresql" ? /does not exist/ : /closed/i);
  });

  it("answers 503 when PostgreSQL cannot be reached", async () => {
    const report = await checkHealth("postgresql", () => openDatabase({ engine: "postgresql", url: "postgres://parley:parley@127.0.0.1:1/parley" }));
    expect(report).toEqual({
      httpStatus: 503,
      body: {
        status: "unavailable",
        engine: "postgresql",
        reason: "PostgreSQL unavailable: connection refused at 127.0.0.1:1/parley. Is PostgreSQL running there? Check DATABASE_URL.",
      },
    });
  });
});
