import { defineConfig, devices } from "@playwright/test";
import { OIDC_ACCOUNTS, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_DISPLAY_NAME, oidcIssuer } from "./e2e/support/oidc";

/**
 * End-to-end tests drive Debian's Chromium (Playwright cannot download its own
 * browsers here) against `npm start` on a fresh embedded database with demo data,
 * signing in with a password or through a real OpenID Provider on loopback
 * (e2e/support/oidc-provider.mjs, started first).
 */
// CI uses port 3100. Elsewhere each run gets its own port and database, so
// that runs side by side (or beside `npm run dev`) do not trample each other.
const isolated = !process.env.CI;
// Workers load this file again: pass the main process's choice down to them.
process.env.E2E_PORT ??= String(isolated ? 3100 + (process.pid % 800) : 3100);
const port = Number(process.env.E2E_PORT);
const baseURL = process.env.E2E_BASE_URL ?? `http://localhost:${port}`;
const dataDir = process.env.E2E_DATA_DIR ?? (isolated ? `.data/e2e-${port}` : ".data/e2e");
// The server's clock starts at Thursday 4 June 2026, 9am London: the working day
// before the Isle of Man TT bank holiday (journey 2). Every journey runs "today".
const clockStart = process.env.E2E_CLOCK_START ?? "2026-06-04T09:00:00+01:00";
const clockAnchor = Date.now();
// The OpenID Provider Parley signs in with: on 127.0.0.1, another site from Parley's localhost.
const issuer = oidcIssuer(port);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL,
    locale: "en-GB",
    timezoneId: "Europe/London",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : [
        {
          // Started first: Parley reads its discovery document at the first sign-in.
          name: "OpenID Provider",
          command: "node e2e/support/oidc-provider.mjs",
          env: {
            OIDC_PROVIDER_ISSUER: issuer,
            OIDC_CLIENT_ID,
            OIDC_CLIENT_SECRET,
            OIDC_REDIRECT_URI: `${baseURL}/api/auth/callback/oidc`,
            OIDC_TEST_ACCOUNTS: JSON.stringify(Object.values(OIDC_ACCOUNTS)),
          },
          url: `${issuer}/.well-known/openid-configuration`,
          timeout: 30_000,
          reuseExistingServer: false,
          stdout: "pipe",
          stderr: "pipe",
        },
        {
          name: "Parley",
          command:
            `rm -rf ${dataDir} ${dataDir}.lock ${dataDir}-mail && PGLITE_DATA_DIR=${dataDir} PORT=${port} ` +
            `PARLEY_CLOCK_START=${clockStart} PARLEY_CLOCK_ANCHOR=${clockAnchor} PARLEY_WORKER_INTERVAL_SECONDS=2 PARLEY_WEBHOOKS_PRIVATE_NETWORK=true ` +
            `PARLEY_MAIL_DIR=${dataDir}-mail OIDC_ISSUER=${issuer} OIDC_CLIENT_ID=${OIDC_CLIENT_ID} ` +
            `OIDC_CLIENT_SECRET=${OIDC_CLIENT_SECRET} OIDC_DISPLAY_NAME='${OIDC_DISPLAY_NAME}' npm start`,
          url: `${baseURL}/api/health`,
          timeout: 300_000,
          reuseExistingServer: false,
          stdout: "pipe",
          stderr: "pipe",
        },
      ],
});
