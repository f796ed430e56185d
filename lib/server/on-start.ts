import { ConfigError, config } from "../config";
import { closeDatabase, getDatabase } from "../db/client";
import { createMailer } from "../notices/mail";
import { startWorker } from "../worker";
import { loadedPolicies } from "./policies";

/**
 * Runs once when the Node.js server starts (from instrumentation.ts): refuse to
 * start on a bad configuration, start the background worker (notices, deadline
 * refreshes), and on shutdown stop it and close the database cleanly (the
 * embedded database must be closed before the process exits). `npm start` sets
 * NEXT_MANUAL_SIG_HANDLE so that Next.js leaves the signals to us.
 */
export function onServerStart(): void {
  let c: ReturnType<typeof config>;
  try {
    c = config();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const { registry, errors } = loadedPolicies();
  console.log(
    `Policies loaded: ${
      registry
        .all()
        .map((p) => p.ref)
        .join(", ") || "none"
    }` + (errors.length ? ` (${errors.length} file(s) with problems, listed above)` : ""),
  );

  let worker: { stop: () => Promise<void> } | undefined;
  if (c.worker.enabled) {
    const mailer = createMailer({ smtpUrl: c.mail.smtpUrl, from: c.mail.from, mailDir: c.mail.dir });
    if (mailer.kind === "file" && c.production) {
      console.warn(`PARLEY_SMTP_URL is not set: e-mail is written to ${c.mail.dir} and reaches nobody. Set it to send e-mail.`);
    }
    console.log(`Background worker: every ${c.worker.intervalMs / 1000}s; e-mail goes to ${mailer.description}.`);
    worker = startWorker(getDatabase, {
      deps: { policies: registry },
      mailer,
      baseUrl: c.publicUrl ?? `http://localhost:${c.port}`,
      intervalMs: c.worker.intervalMs,
      webhooksPrivateNetwork: c.webhooks.allowPrivateNetwork,
      log: (line) => console.log(`[worker] ${line}`),
    });
  }

  if (!process.env.NEXT_MANUAL_SIG_HANDLE) return;
  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals) => {
    // Ctrl-C reaches both npm start and this process: ignore the repeat.
    if (shuttingDown) return;
    shuttingDown = true;
    (worker?.stop() ?? Promise.resolve())
      .then(() => closeDatabase())
      .catch((error: unknown) => console.error("Closing the database failed:", error))
      .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}
