import path from "node:path";
import { z } from "zod";

/**
 * Environment configuration, parsed once at start-up.
 *
 * Demo mode (the default when NODE_ENV is not "production") runs on the embedded
 * PGlite database with demo data and generated secrets. Outside demo mode with
 * NODE_ENV=production, a missing secret or database URL stops the start with a
 * message naming the variable.
 */

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"], {
    error: 'use "true" or "false"',
  })
  .transform((value) => value === "true" || value === "1" || value === "yes");

const postgresUrl = z
  .string()
  .trim()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        const isPostgres = url.protocol === "postgres:" || url.protocol === "postgresql:";
        // A Unix-socket URL (postgres://user@/db?host=/var/run/postgresql) has no hostname.
        return isPostgres && (url.hostname !== "" || url.searchParams.has("host"));
      } catch {
        return false;
      }
    },
    { error: "must be a PostgreSQL URL such as postgres://user:password@host:5432/parley" },
  );

/** Each API token's requests a minute unless PARLEY_API_TOKEN_REQUESTS_PER_MINUTE says otherwise: two a second on average, enough for a system polling its agency's disputes. */
export const DEFAULT_API_TOKEN_REQUESTS_PER_MINUTE = 120;

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PARLEY_DEMO: booleanFlag.optional(),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_SYSTEM_URL: postgresUrl.optional(),
  DATABASE_OWNER_URL: postgresUrl.optional(),
  PGLITE_DATA_DIR: z.string().trim().min(1).default(".data/pglite"),
  AUTH_SECRET: z.string().min(32, { error: "must be at least 32 characters (try: openssl rand -base64 32)" }).optional(),
  PARLEY_SEED_DEMO: booleanFlag.optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  POLICIES_DIR: z.string().trim().min(1).default("policies"),
  PARLEY_URL: z.url({ protocol: /^https?$/, error: "must be the address people use to reach Parley, such as https://parley.example.gov.uk" }).optional(),
  PARLEY_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .positive({ error: "must be a number of hours above 0" })
    .max(24 * 7)
    .default(10),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .positive({ error: "must be a number of minutes above 0" })
    .max(24 * 60)
    .default(30),
  OIDC_ISSUER: z.url({ protocol: /^https?$/, error: "must be the issuer URL, e.g. https://login.microsoftonline.com/<tenant-id>/v2.0" }).optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_DISPLAY_NAME: z.string().trim().min(1).max(60).default("your organisation's account"),
  PARLEY_SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an SMTP URL such as smtps://user:password@smtp.example.gov.uk:465" }).optional(),
  PARLEY_MAIL_FROM: z.string().trim().min(3).max(200).optional(),
  PARLEY_MAIL_DIR: z.string().trim().min(1).default(".data/mail"),
  PARLEY_WORKER: booleanFlag.default(true),
  PARLEY_WORKER_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  PARLEY_API_TOKEN_REQUESTS_PER_MINUTE: z.coerce
    .number()
    .int({ error: "must be a whole number of requests" })
    .min(1, { error: "must be at least 1" })
    .max(100_000)
    .default(DEFAULT_API_TOKEN_REQUESTS_PER_MINUTE),
  PARLEY_WEBHOOKS_PRIVATE_NETWORK: booleanFlag.default(false),
});

export type Environment = Record<string, string | undefined>;

export type DatabaseTarget =
  | { engine: "pglite"; dataDir: string }
  | {
      engine: "postgresql";
      /** Requests: a role that is a member of parley_app (docs/deployment.md, "Database roles"). */
      url: string;
      /** Installation-level work (sign-in bookkeeping, the worker), as a member of parley_system; else `url`. */
      systemUrl?: string;
      /** Migrations only: the role that owns the tables; else `url`. */
      ownerUrl?: string;
    };

/** The same database, as the role that owns the tables: for migrations. */
export function ownerTarget(target: DatabaseTarget): DatabaseTarget {
  return target.engine === "postgresql" && target.ownerUrl ? { engine: "postgresql", url: target.ownerUrl } : target;
}

export type Config = {
  nodeEnv: "development" | "production" | "test";
  demo: boolean;
  production: boolean;
  database: DatabaseTarget;
  /** Undefined only in demo and development, where a per-installation secret is generated. */
  authSecret: string | undefined;
  seedDemoData: boolean;
  port: number;
  policiesDir: string;
  /** The origin people use to reach Parley (PARLEY_URL), when set; otherwise taken from each request's Host. */
  publicUrl: string | undefined;
  /** Reverse proxies in front of Parley that append to X-Forwarded-For (the sign-in throttle's address). */
  trustedProxies: number;
  /** Cookies are Secure in production and whenever Parley is reached over https. */
  secureCookies: boolean;
  /** Where a generated demo/development AUTH_SECRET is kept (mode 600). */
  authSecretFile: string;
  session: { maxHours: number; idleMinutes: number };
  /** OpenID Connect sign-in, when all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set. */
  oidc: { issuer: string; clientId: string; clientSecret: string; displayName: string } | undefined;
  /** E-mail: SMTP when a URL is set, otherwise .eml files in `dir`. */
  mail: { smtpUrl: string | undefined; from: string; dir: string };
  /** Whether this instance runs the background worker (notices, deadline refreshes), and how often. */
  worker: { enabled: boolean; intervalMs: number };
  /** Each API token's rate limit, counted in the database across every instance. */
  apiTokens: { requestsPerMinute: number };
  /**
   * Webhook endpoints may be on a private network (10.x, 192.168.x, loopback…)
   * and, on loopback only, plain http: for an installation inside an
   * organisation's network, development and the tests. Off, every endpoint must
   * be a public https address (docs/webhooks.md).
   */
  webhooks: { allowPrivateNetwork: boolean };
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Parley cannot start: ${problems.join("; ")}`);
    this.name = "ConfigError";
  }
}

/**
 * Whether an OpenID Connect issuer's address may be used in production: https,
 * or plain http to this machine's own loopback address (localhost, 127.0.0.1,
 * [::1]), which nothing on the network can reach or intercept, such as a
 * provider run beside Parley on the same host (the end-to-end suite's).
 */
export function issuerTransportAllowed(issuer: string): boolean {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return false;
  }
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname.toLowerCase());
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Blank variables count as unset, as a shell or .env file often leaves them. */
function withoutBlanks(env: Environment): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ""));
}

export function parseConfig(env: Environment = process.env, cwd = process.cwd()): Config {
  const parsed = envSchema.safeParse(withoutBlanks(env));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
  }
  const e = parsed.data;
  const demo = e.PARLEY_DEMO ?? e.NODE_ENV !== "production";
  const production = e.NODE_ENV === "production" && !demo;

  const problems: string[] = [];
  if (production && !e.DATABASE_URL) {
    problems.push("DATABASE_URL is not set (production needs PostgreSQL: postgres://user:password@host:5432/parley)");
  }
  if (production && !e.AUTH_SECRET) {
    problems.push("AUTH_SECRET is not set (production needs a secret of at least 32 characters: openssl rand -base64 32)");
  }
  const oidcVariables = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;
  const oidcSet = oidcVariables.filter((name) => e[name] !== undefined);
  if (oidcSet.length > 0 && oidcSet.length < oidcVariables.length) {
    const missing = oidcVariables.filter((name) => e[name] === undefined);
    problems.push(
      `${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set (OpenID Connect sign-in needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together)`,
    );
  }
  if (e.PARLEY_SMTP_URL && !e.PARLEY_MAIL_FROM) {
    problems.push('PARLEY_MAIL_FROM is not set (with SMTP, say who the mail is from, e.g. "Parley <parley@torbay.gov.uk>")');
  }
  if (e.PARLEY_SMTP_URL && !e.PARLEY_URL) {
    problems.push("PARLEY_URL is not set (with SMTP, the links in e-mail need the address people use, e.g. https://parley.torbay.gov.uk)");
  }
  if (production && e.OIDC_ISSUER && !issuerTransportAllowed(e.OIDC_ISSUER)) {
    problems.push("OIDC_ISSUER must use https in production (plain http only for a loopback issuer: localhost, 127.0.0.1 or [::1])");
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const publicUrl = e.PARLEY_URL ? new URL(e.PARLEY_URL).origin : undefined;

  return {
    nodeEnv: e.NODE_ENV,
    demo,
    production,
    database: e.DATABASE_URL
      ? { engine: "postgresql", url: e.DATABASE_URL, systemUrl: e.DATABASE_SYSTEM_URL, ownerUrl: e.DATABASE_OWNER_URL }
      : { engine: "pglite", dataDir: path.resolve(/*turbopackIgnore: true*/ cwd, e.PGLITE_DATA_DIR) },
    authSecret: e.AUTH_SECRET,
    // Demo data only ever lands on its own: on the embedded database in demo mode,
    // or where an operator asks for it explicitly.
    seedDemoData: e.PARLEY_SEED_DEMO ?? (demo && !e.DATABASE_URL),
    port: e.PORT,
    policiesDir: path.resolve(/*turbopackIgnore: true*/ cwd, e.POLICIES_DIR),
    publicUrl,
    trustedProxies: e.PARLEY_TRUSTED_PROXIES,
    secureCookies: production || (publicUrl?.startsWith("https://") ?? false),
    authSecretFile: path.resolve(/*turbopackIgnore: true*/ cwd, ".data", "auth-secret"),
    session: { maxHours: e.SESSION_MAX_HOURS, idleMinutes: e.SESSION_IDLE_MINUTES },
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? {
            issuer: e.OIDC_ISSUER.replace(/\/+$/, ""),
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            displayName: e.OIDC_DISPLAY_NAME,
          }
        : undefined,
    mail: {
      smtpUrl: e.PARLEY_SMTP_URL,
      from: e.PARLEY_MAIL_FROM ?? "Parley <parley@parley.example>",
      dir: path.resolve(/*turbopackIgnore: true*/ cwd, e.PARLEY_MAIL_DIR),
    },
    worker: { enabled: e.PARLEY_WORKER, intervalMs: e.PARLEY_WORKER_INTERVAL_SECONDS * 1000 },
    apiTokens: { requestsPerMinute: e.PARLEY_API_TOKEN_REQUESTS_PER_MINUTE },
    webhooks: { allowPrivateNetwork: e.PARLEY_WEBHOOKS_PRIVATE_NETWORK },
  };
}

/** Whether this installation has a demo mailbox: demo mode, with mail written to files rather than sent. */
export const hasDemoMailbox = (c: Pick<Config, "demo" | "mail">): boolean => c.demo && !c.mail.smtpUrl;

let cached: Config | undefined;

export function config(): Config {
  cached ??= parseConfig();
  return cached;
}
