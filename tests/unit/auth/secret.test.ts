import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { authSecret } from "../../../lib/auth/secret";

describe("the session secret", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "parley-secret-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("uses AUTH_SECRET when set", () => {
    expect(authSecret({ authSecret: "x".repeat(40), production: true, authSecretFile: path.join(dir, "unused") })).toBe("x".repeat(40));
  });

  it("in demo mode without one, generates a secret once, keeps it readable by its owner only, and reuses it", () => {
    const file = path.join(dir, ".data", "auth-secret");
    const first = authSecret({ authSecret: undefined, production: false, authSecretFile: file });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(authSecret({ authSecret: undefined, production: false, authSecretFile: file })).toBe(first);
    const other = path.join(dir, "other", "auth-secret");
    expect(authSecret({ authSecret: undefined, production: false, authSecretFile: other })).not.toBe(first);
  });

  it("never makes one up in production", () => {
    expect(() => authSecret({ authSecret: undefined, production: true, authSecretFile: path.join(dir, "prod") })).toThrow(/AUTH_SECRET/);
  });
});
