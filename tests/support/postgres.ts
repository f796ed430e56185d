import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase } from "../../lib/db/connect";
import { applyMigrations } from "../../lib/db/migrations";

/** Databases for tests on a PostgreSQL server; the TEST_DATABASE_URL user needs CREATEDB. */

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function baseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1)) || "parley_test";
}

/**
 * DROP DATABASE … WITH (FORCE) may not terminate an autovacuum worker that
 * happens to be in the database (it belongs to the superuser): wait and retry.
 */
async function dropDatabase(url: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin(url, (c) => c.query(`drop database if exists "${name}" with (force)`));
      return;
    } catch (error) {
      if (attempt >= 10 || !/must be a member of the role|being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

async function admin<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function createEmptyPostgres(url: string, label = "empty"): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${baseName(url)}_${label}_${randomBytes(4).toString("hex")}`;
  await admin(url, (c) => c.query(`create database "${name}"`));
  return {
    url: withDatabaseName(url, name),
    drop: () => dropDatabase(url, name),
  };
}

export async function createTemplate(url: string): Promise<string> {
  const template = `${baseName(url)}_template_${process.pid}`;
  await admin(url, async (c) => {
    await c.query(`drop database if exists "${template}" with (force)`);
    await c.query(`create database "${template}"`);
  });
  const db = await openDatabase({ engine: "postgresql", url: withDatabaseName(url, template) });
  try {
    await applyMigrations(db);
  } finally {
    await db.close();
  }
  return template;
}

export async function copyTemplate(url: string, template: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${baseName(url)}_${randomBytes(4).toString("hex")}`;
  // PostgreSQL copies a template only while nobody else uses it, and a copy in
  // progress counts: test files starting together take turns.
  await admin(url, async (c) => {
    await c.query("select pg_advisory_lock(727072)");
    try {
      await c.query(`create database "${name}" template "${template}"`);
    } finally {
      await c.query("select pg_advisory_unlock(727072)");
    }
  });
  return {
    url: withDatabaseName(url, name),
    drop: () => dropDatabase(url, name),
  };
}

export async function dropTemplate(url: string, template: string): Promise<void> {
  await dropDatabase(url, template);
}
