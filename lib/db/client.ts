import { config } from "../config";
import { openDatabase, type Database } from "./connect";

/**
 * The application's one database connection per process. Kept on globalThis so
 * that Next.js dev reloads reuse it (the embedded database can be opened by one
 * process at a time, and only once within it).
 */
const holder = globalThis as typeof globalThis & { __parleyDatabase?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  holder.__parleyDatabase ??= openDatabase(config().database).catch((error: unknown) => {
    holder.__parleyDatabase = undefined; // let the next request try again
    throw error;
  });
  return holder.__parleyDatabase;
}

/** Closes the connection if one was opened; the next getDatabase() opens a new one. */
export async function closeDatabase(): Promise<void> {
  const pending = holder.__parleyDatabase;
  holder.__parleyDatabase = undefined;
  if (!pending) return;
  const db = await pending.catch(() => undefined);
  await db?.close();
}
