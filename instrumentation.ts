/**
 * Runs once when the server starts: refuse to start on a bad configuration, and
 * close the database cleanly on shutdown (the embedded database must be closed
 * before the process exits). `npm start` sets NEXT_MANUAL_SIG_HANDLE so that
 * Next.js leaves the signals to us.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { config, ConfigError } = await import("./lib/config");
  try {
    config();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (process.env.NEXT_MANUAL_SIG_HANDLE) {
    const { closeDatabase } = await import("./lib/db/client");
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
}
