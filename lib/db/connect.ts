import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { DatabaseTarget } from "../config";
import { PrismaClient } from "./generated/client";
import { describeUrl, explainPostgresError } from "./errors";
import { openPglite } from "./pglite";

export type Engine = "pglite" | "postgresql";

/** An open database: the Prisma client plus what migrations and health checks need. */
export type Database = {
  engine: Engine;
  /** Where the data lives, safe to print (never includes a password). */
  location: string;
  prisma: PrismaClient;
  /** Installation-level work's own connection, when configured (DATABASE_SYSTEM_URL); else `prisma`. */
  systemPrisma?: PrismaClient;
  /** The same connection, for the Wasm schema engine (migrations). */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** The embedded instance itself, when the engine is PGlite. */
  pglite?: PGlite;
  close: () => Promise<void>;
};

export type OpenTarget = DatabaseTarget | { engine: "pglite-memory"; loadDataDir?: Blob };

export async function openDatabase(target: OpenTarget): Promise<Database> {
  switch (target.engine) {
    case "pglite":
    case "pglite-memory": {
      const handle =
        target.engine === "pglite" ? await openPglite({ dataDir: target.dataDir }) : await openPglite({ memory: true, loadDataDir: target.loadDataDir });
      const adapterFactory = new PrismaPGlite(handle.pglite);
      const prisma = new PrismaClient({ adapter: adapterFactory });
      return {
        engine: "pglite",
        location: target.engine === "pglite" ? `embedded PGlite at ${target.dataDir}` : "embedded PGlite in memory",
        prisma,
        adapterFactory,
        pglite: handle.pglite,
        close: async () => {
          await prisma.$disconnect();
          await handle.release();
        },
      };
    }
    case "postgresql": {
      await checkReachable(target.url);
      const adapterFactory = new PrismaPg({ connectionString: target.url });
      const prisma = new PrismaClient({ adapter: adapterFactory });
      let systemPrisma: PrismaClient | undefined;
      if (target.systemUrl) {
        await checkReachable(target.systemUrl);
        systemPrisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: target.systemUrl }) });
      }
      return {
        engine: "postgresql",
        location: `PostgreSQL at ${describeUrl(target.url)}`,
        prisma,
        systemPrisma,
        adapterFactory,
        close: async () => {
          await prisma.$disconnect();
          await systemPrisma?.$disconnect();
        },
      };
    }
    default: {
      const unknown: never = target;
      throw new Error(`Unknown database target ${JSON.stringify(unknown)}`);
    }
  }
}

/** Fails fast with a one-line explanation instead of a driver stack trace. */
async function checkReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    throw explainPostgresError(url, error);
  } finally {
    await client.end().catch(() => {});
  }
}
