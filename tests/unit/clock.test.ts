import { afterEach, describe, expect, it, vi } from "vitest";

async function freshClock(env: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v as string);
  return import("../../lib/clock");
}

describe("the application clock", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("is real time by default", async () => {
    const { appNow } = await freshClock({ PARLEY_CLOCK_START: "" });
    expect(Math.abs(appNow().getTime() - Date.now())).toBeLessThan(1000);
  });

  it("starts at the chosen instant for demos and tests, then runs forward", async () => {
    const anchor = Date.now() - 60_000; // the clock was set a minute ago
    const { appNow } = await freshClock({
      PARLEY_CLOCK_START: "2026-06-04T09:00:00+01:00",
      PARLEY_CLOCK_ANCHOR: String(anchor),
    });
    const elapsed = appNow().getTime() - Date.parse("2026-06-04T08:00:00Z");
    expect(elapsed).toBeGreaterThanOrEqual(60_000);
    expect(elapsed).toBeLessThan(65_000);
  });

  it("is refused in production", async () => {
    const { appNow } = await freshClock({
      NODE_ENV: "production",
      PARLEY_DEMO: "false",
      DATABASE_URL: "postgres://u:p@db:5432/parley",
      AUTH_SECRET: "a-test-secret-that-is-long-enough-0123456789",
      PARLEY_CLOCK_START: "2026-06-04T09:00:00+01:00",
    });
    expect(() => appNow()).toThrow(/for demos and tests only/);
  });
});
