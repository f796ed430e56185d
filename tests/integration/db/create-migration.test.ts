import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMigration, MigrationError } from "../../../lib/db/migrations";

describe("creating a migration", () => {
  let scratch: string;
  let migrationsDir: string;
  let schemaPath: string;

  beforeEach(() => {
    scratch = mkdtempSync(path.join(tmpdir(), "parley-create-migration-"));
    migrationsDir = path.join(scratch, "migrations");
    schemaPath = path.join(scratch, "schema.prisma");
    cpSync(path.resolve("prisma/migrations"), migrationsDir, { recursive: true });
    cpSync(path.resolve("prisma/schema.prisma"), schemaPath);
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it("writes nothing when the schema matches the migration history", async () => {
    expect(await createMigration("nothing_new", { migrationsDir, schemaPath })).toBeNull();
  });

  it("writes the difference between the history and the schema as the next migration", async () => {
    writeFileSync(schemaPath, `${readFileSync(schemaPath, "utf8")}\nmodel Extra {\n  id Int @id\n  label String\n}\n`);
    const created = await createMigration("add_extra", { migrationsDir, schemaPath }, new Date("2099-01-02T03:04:05Z"));
    expect(created?.name).toBe("20990102030405_add_extra");
    const sql = readFileSync(created!.file, "utf8");
    expect(sql).toContain('CREATE TABLE "Extra"');
    expect(sql).not.toContain('CREATE TABLE "Partnership"');
    expect(existsSync(path.join(migrationsDir, "migration_lock.toml"))).toBe(true);
  });

  it("refuses a name that would make an awkward folder", async () => {
    await expect(createMigration("Add Extra!", { migrationsDir, schemaPath })).rejects.toBeInstanceOf(MigrationError);
  });
});
