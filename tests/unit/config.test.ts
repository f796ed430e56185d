import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig, type Environment } from "../../lib/config";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";

function problems(env: Environment): string[] {
  try {
    parseConfig(env, "/srv/parley");
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe("configuration", () => {
  it("defaults to demo mode on the embedded database under .data/pglite", () => {
    const c = parseConfig({}, "/srv/parley");
    expect(c).toMatchObject({
      demo: true,
      production: false,
      database: { engine: "pglite", dataDir: "/srv/parley/.data/pglite" },
      seedDemoData: true,
      port: 3000,
    });
  });

  it("uses PostgreSQL when DATABASE_URL is set, and never seeds it unless asked", () => {
    const url = "postgres://parley:secret@db.internal:5432/parley";
    expect(parseConfig({ DATABASE_URL: url }, "/srv")).toMatchObject({ database: { engine: "postgresql", url }, seedDemoData: false });
    expect(parseConfig({ DATABASE_URL: url, PARLEY_SEED_DEMO: "true" }, "/srv").seedDemoData).toBe(true);
  });

  it("respects PGLITE_DATA_DIR and PORT", () => {
    const c = parseConfig({ PGLITE_DATA_DIR: "/var/lib/parley", PORT: "8080" }, "/srv");
    expect(c.database).toEqual({ engine: "pglite", dataDir: "/var/lib/parley" });
    expect(c.port).toBe(8080);
  });

  it("refuses production without a secret or a database URL, naming each variable", () => {
    const found = problems({ NODE_ENV: "production" });
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^DATABASE_URL is not set/);
    expect(found[1]).toMatch(/^AUTH_SECRET is not set/);
  });

  it("refuses production with a database URL but no secret", () => {
    expect(problems({ NODE_ENV: "production", DATABASE_URL: "postgres://u:p@db:5432/parley" })).toEqual([expect.stringMatching(/^AUTH_SECRET is not set/)]);
  });

  it("starts in production with both, and in demo mode on request without them", () => {
    expect(problems({ NODE_ENV: "production", DATABASE_URL: "postgres://u:p@db:5432/parley", AUTH_SECRET: SECRET })).toEqual([]);
    expect(parseConfig({ NODE_ENV: "production", PARLEY_DEMO: "true" }, "/srv")).toMatchObject({ demo: true, production: false });
  });

  it.each([
    ["DATABASE_URL", "mysql://u:p@db/parley", /DATABASE_URL must be a PostgreSQL URL/],
    ["DATABASE_URL", "not a url", /DATABASE_URL must be a PostgreSQL URL/],
    ["AUTH_SECRET", "short", /AUTH_SECRET must be at least 32 characters/],
    ["PORT", "99999", /PORT/],
    ["PARLEY_DEMO", "perhaps", /PARLEY_DEMO use "true" or "false"/],
  ])("rejects %s=%s with a message naming it", (name, value, message) => {
    expect(problems({ [name]: value }).join("\n")).toMatch(message);
  });

  it("treats blank variables as unset", () => {
    expect(parseConfig({ DATABASE_URL: "  ", AUTH_SECRET: "" }, "/srv").database.engine).toBe("pglite");
  });

  it("stops npm start in production without its secret, before touching anything", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", path.resolve("scripts/start.ts")], {
      env: { PATH: process.env.PATH, NODE_ENV: "production", DATABASE_URL: "postgres://u:p@127.0.0.1:1/parley" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      "Parley cannot start: AUTH_SECRET is not set (production needs a secret of at least 32 characters: openssl rand -base64 32)",
    );
  });

  it("asks for who mail is from, and the address its links use, once e-mail goes out by SMTP", () => {
    expect(problems({ PARLEY_SMTP_URL: "smtp://mail.example:587" })).toEqual([
      expect.stringContaining("PARLEY_MAIL_FROM is not set"),
      expect.stringContaining("PARLEY_URL is not set"),
    ]);
    expect(problems({ PARLEY_SMTP_URL: "smtp://mail.example:587", PARLEY_MAIL_FROM: "Parley <p@x.example>", PARLEY_URL: "https://parley.x.example" })).toEqual(
      [],
    );
  });
});
