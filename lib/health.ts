import type { Database, Engine } from "./db/connect";
import { migrationStatus } from "./db/migration-files";

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

/** Is the database reachable, and is its schema the one this build expects? */
export async function checkHealth(engine: Engine, open: () => Promise<Database>): Promise<HealthReport> {
  try {
    const db = await open();
    await db.prisma.$queryRawUnsafe("select 1");
    const m = await migrationStatus(db);
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
