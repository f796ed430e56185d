import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DatabaseUnavailableError } from "../../../lib/db/errors";
import { openPglite } from "../../../lib/db/pglite";

describe("the embedded database's data directory", () => {
  let scratch: string;
  let dataDir: string;
  beforeEach(() => {
    scratch = mkdtempSync(path.join(tmpdir(), "parley-pglite-"));
    dataDir = path.join(scratch, "pglite");
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it("is created on first open, persists, and is unlocked on release", async () => {
    const first = await openPglite({ dataDir });
    await first.pglite.exec("create table kept (v text); insert into kept values ('still here')");
    await first.release();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);

    const again = await openPglite({ dataDir });
    expect((await again.pglite.query("select v from kept")).rows).toEqual([{ v: "still here" }]);
    await again.release();
  });

  it("cannot be opened twice in one process", async () => {
    const held = await openPglite({ dataDir });
    try {
      await expect(openPglite({ dataDir })).rejects.toThrow(/already open in this process/);
    } finally {
      await held.release();
    }
  });

  it("refuses, in one line, while another process holds it", async () => {
    const holder = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"]);
    try {
      writeFileSync(`${dataDir}.lock`, String(holder.pid));
      const error = await openPglite({ dataDir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseUnavailableError);
      expect((error as Error).message).toBe(
        `Embedded database unavailable: ${dataDir} is in use by another process (pid ${holder.pid}). ` +
          "Stop that process (only one may open the embedded database at a time) or set PGLITE_DATA_DIR to another directory.",
      );
      expect(existsSync(dataDir)).toBe(false); // nothing was created behind the lock
    } finally {
      holder.kill();
    }
  });

  it("takes over a lock left by a process that has died", async () => {
    const gone = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => gone.on("exit", resolve));
    writeFileSync(`${dataDir}.lock`, String(gone.pid));
    const handle = await openPglite({ dataDir });
    await handle.release();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it("is not mistaken for an empty directory when it holds something else", async () => {
    const other = path.join(scratch, "not-a-database");
    rmSync(other, { recursive: true, force: true });
    mkdirSync(other);
    writeFileSync(path.join(other, "notes.txt"), "mine");
    await expect(openPglite({ dataDir: other })).rejects.toThrow(/exists but is not a PostgreSQL data directory/);
  });
});
