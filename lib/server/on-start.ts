import { ConfigError, config } from "../config";
import { closeDatabase } from "../db/client";
import { loadedPolicies } from "./policies";

/**
 * Runs once when the Node.js server starts (from instrumentation.ts): refuse to
 * start on a bad configuration, and close the database cleanly on shutdown (the
 * embedded database must be closed before the process exits). `npm start` sets
 * NEXT_MANUAL_SIG_HANDLE so that Next.js leaves the signals to us.
 */
export function onServerStart(): void {
  try {
    config();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const { registry, errors } = loadedPolicies();
  console.log(
    `Policies loaded: ${registry.all().map((p) => p.ref).join(", ") || "none"}` +
      (errors.length ? ` (${errors.length} file(s) with problems, listed above)` : ""),
  );
  if (!process.env.NEXT_MANUAL_SIG_HANDLE) return;
  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals) => {
    // Ctrl-C reaches both npm start and this process: ignore the repeat.
    if (shuttingDown) return;
    shuttingDown = true;
    closeDatabase()
      .catch((error: unknown) => console.error("Closing the database failed:", error))
      .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}
