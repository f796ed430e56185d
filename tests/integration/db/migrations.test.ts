import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../../lib/db/connect";
import { readMigrationList } from "../../../lib/db/migration-files";
import { applyMigrations, MigrationError, migrationStatus, retryFailedMigration } from "../../../lib/db/migrations";
import { createEmptyDatabase } from "../../support/db";
import { asSystem } from "../../../lib/db/scope";
import { seedDemoData } from "../../../lib/seed/demo";

async function tableExists(db: Database, table: string): Promise<boolean> {
  const rows = await db.prisma.$queryRawUnsafe<{ present: boolean }[]>(`select to_regclass('"${table}"') is not null as present`);
  return rows[0]!.present;
}

describe("migrations", () => {
  let db: Database;
  let scratch: string;

  beforeEach(async () => {
    db = await createEmptyDatabase();
    scratch = mkdtempSync(path.join(tmpdir(), "parley-migrations-"));
  });
  afterEach(async () => {
    await db.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it("leaves the connection able to filter on the enum arrays it created (PGlite learns array types when it opens)", async () => {
    await applyMigrations(db);
    await seedDemoData(db, { disputes: false });
    const managers = await asSystem(db, (tx) => tx.membership.findMany({ where: { partnershipId: "torbay", roles: { hasSome: ["manager", "director"] } } }));
    expect(managers.length).toBeGreaterThan(0);
  });

  /** The real migrations plus extra ones, in a folder of their own. */
  function folderWith(extra: Record<string, string>): string {
    const dir = path.join(scratch, "migrations");
    cpSync(path.resolve("prisma/migrations"), dir, { recursive: true });
    for (const [name, sql] of Object.entries(extra)) {
      mkdirSync(path.join(dir, name));
      writeFileSync(path.join(dir, name, "migration.sql"), sql);
    }
    return dir;
  }

  it("apply every migration to an empty database, then do nothing the second time", async () => {
    const names = (await readMigrationList()).migrationDirectories.map((d) => d.path);
    expect(names.length).toBeGreaterThan(0);

    expect((await applyMigrations(db)).applied).toEqual(names);
    expect((await applyMigrations(db)).applied).toEqual([]);

    const status = await migrationStatus(db);
    expect(status).toMatchObject({ upToDate: true, pending: [], failed: [], edited: [], applied: names });
    expect(await db.prisma.partnership.count()).toBe(0);
  });

  it("report pending migrations before they are applied", async () => {
    const names = (await readMigrationList()).migrationDirectories.map((d) => d.path);
    const status = await migrationStatus(db);
    expect(status.upToDate).toBe(false);
    expect(status.pending).toEqual(names);
  });

  it("roll a failing migration back completely, say so in the status, and apply it once fixed", async () => {
    const broken = "20990101000000_broken";
    const dir = folderWith({
      [broken]: 'CREATE TABLE "Half" ("id" integer);\nINSERT INTO "Half" VALUES (1);\nSELECT 1/0;\n',
    });

    const failure = await applyMigrations(db, { migrationsDir: dir }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as Error).message).toMatch(/20990101000000_broken failed and was rolled back \(.*division by zero\)/);

    // The migrations before it were applied; nothing of the broken one was.
    expect(await tableExists(db, "Partnership")).toBe(true);
    expect(await tableExists(db, "Half")).toBe(false);
    const status = await migrationStatus(db, { migrationsDir: dir });
    expect(status.failed).toEqual([broken]);
    expect(status.upToDate).toBe(false);

    // It is not retried silently.
    await expect(applyMigrations(db, { migrationsDir: dir })).rejects.toThrow(/failed earlier.*--retry 20990101000000_broken/);

    writeFileSync(path.join(dir, broken, "migration.sql"), 'CREATE TABLE "Half" ("id" integer);\nINSERT INTO "Half" VALUES (1);\n');
    await retryFailedMigration(db, broken, { migrationsDir: dir });
    expect((await applyMigrations(db, { migrationsDir: dir })).applied).toEqual([broken]);
    expect(await db.prisma.$queryRawUnsafe<{ id: number }[]>('select id from "Half"')).toEqual([{ id: 1 }]);
    expect((await migrationStatus(db, { migrationsDir: dir })).upToDate).toBe(true);
  });

  it("run a migration whose function body contains semicolons as written", async () => {
    const dir = folderWith({
      "20990101000000_function": [
        'CREATE FUNCTION "parley_twice"(n integer) RETURNS integer LANGUAGE plpgsql AS $$',
        "DECLARE result integer;",
        "BEGIN result := n * 2; RETURN result; END;",
        "$$;",
      ].join("\n"),
    });
    await applyMigrations(db, { migrationsDir: dir });
    expect(await db.prisma.$queryRawUnsafe<{ v: number }[]>('select "parley_twice"(21) as v')).toEqual([{ v: 42 }]);
  });

  it("notice a migration edited after it was applied", async () => {
    const dir = folderWith({ "20990101000000_extra": 'CREATE TABLE "Extra" ("id" integer);\n' });
    await applyMigrations(db, { migrationsDir: dir });
    writeFileSync(path.join(dir, "20990101000000_extra", "migration.sql"), 'CREATE TABLE "Extra" ("id" bigint);\n');
    const status = await migrationStatus(db, { migrationsDir: dir });
    expect(status.edited).toEqual(["20990101000000_extra"]);
    expect(status.upToDate).toBe(false);
  });
});
