import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * No secret reaches the browser. Run after `npm run build` (CI: npm run
 * test:build-output, right after the production build): scans every file Next.js
 * serves from .next/static for the secret values this build ran with
 * (AUTH_SECRET, NEXTAUTH_SECRET, OIDC_CLIENT_SECRET, the generated demo secret
 * in .data/auth-secret, the database password) and for the names of secret
 * variables, which would mean client code reads them.
 */

const STATIC_DIR = path.resolve(".next/static");
const SECRET_NAMES = ["AUTH_SECRET", "NEXTAUTH_SECRET", "OIDC_CLIENT_SECRET", "DATABASE_URL", "TEST_DATABASE_URL"];

type Finding = { file: string; what: string };

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Every place a secret value or a secret variable's name appears in the files under `dir`. */
export function scanForSecrets(dir: string, values: Record<string, string>): Finding[] {
  const findings: Finding[] = [];
  const names = SECRET_NAMES.map((name) => ({ name, pattern: new RegExp(`(?<![A-Za-z0-9_])${name}(?![A-Za-z0-9_])`) }));
  for (const file of filesUnder(dir)) {
    const text = readFileSync(file, "latin1");
    for (const [what, value] of Object.entries(values)) {
      if (text.includes(value)) findings.push({ file: path.relative(dir, file), what: `the value of ${what}` });
    }
    for (const { name, pattern } of names) {
      if (pattern.test(text)) findings.push({ file: path.relative(dir, file), what: `the variable name ${name}` });
    }
  }
  return findings;
}

function secretValues(): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of ["AUTH_SECRET", "NEXTAUTH_SECRET", "OIDC_CLIENT_SECRET"]) {
    const value = process.env[name]?.trim();
    if (value && value.length >= 8) values[name] = value;
  }
  for (const name of ["DATABASE_URL", "TEST_DATABASE_URL"]) {
    const raw = process.env[name];
    if (!raw) continue;
    try {
      const password = decodeURIComponent(new URL(raw).password);
      if (password.length >= 8) values[`the ${name} password`] = password;
    } catch {
      // not a URL: nothing to look for
    }
  }
  const generated = path.resolve(".data/auth-secret");
  if (existsSync(generated)) {
    const value = readFileSync(generated, "utf8").trim();
    if (value.length >= 32) values["the generated AUTH_SECRET (.data/auth-secret)"] = value;
  }
  return values;
}

describe("the scanner", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "parley-scan-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("finds a planted secret value and a secret variable's name, and nothing in clean files", () => {
    writeFileSync(path.join(dir, "clean.js"), 'console.log(process.env.NEXTAUTH_URL, "PUBLIC_AUTH_SECRETARY")');
    expect(scanForSecrets(dir, { AUTH_SECRET: "s3cr3t-value-0123456789" })).toEqual([]);
    writeFileSync(path.join(dir, "leaky.js"), 'const a="s3cr3t-value-0123456789";const b=process.env.OIDC_CLIENT_SECRET;');
    expect(scanForSecrets(dir, { AUTH_SECRET: "s3cr3t-value-0123456789" })).toEqual([
      { file: "leaky.js", what: "the value of AUTH_SECRET" },
      { file: "leaky.js", what: "the variable name OIDC_CLIENT_SECRET" },
    ]);
  });
});

describe.skipIf(!existsSync(STATIC_DIR))("the client bundle (.next/static)", () => {
  it("holds no secret value and reads no secret variable", () => {
    const values = secretValues();
    const findings = scanForSecrets(STATIC_DIR, values);
    expect(findings, `secrets in the client bundle (looked for ${Object.keys(values).join(", ") || "variable names only"})`).toEqual([]);
  });
});

if (!existsSync(STATIC_DIR)) {
  console.warn("Skipping the client-bundle secret scan: .next/static does not exist. Run `npm run build`, then `npm run test:build-output`.");
}
