import type { Database } from "../db/connect";

/**
 * Runs `work` over the items, up to `postgresLanes` at a time on PostgreSQL
 * (each in its own pooled transaction) and one at a time on the embedded
 * database, which runs one transaction at a time anyway.
 */
export async function inLanes<T>(db: Database, items: readonly T[], postgresLanes: number, work: (item: T) => Promise<void>): Promise<void> {
  const lanes = db.engine === "postgresql" ? postgresLanes : 1;
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
}
