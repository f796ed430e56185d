import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Config } from "../config";

/**
 * The secret that encrypts session cookies. Production must set AUTH_SECRET
 * (lib/config.ts refuses to start without it). In demo and development mode
 * without it, one is generated the first time it is needed and kept in the data
 * directory (.data/auth-secret, readable by its owner only), so sessions survive
 * a restart and no two installations share a secret. Never a value in the code.
 */

let cached: { file: string; secret: string } | undefined;

export function authSecret(config: Pick<Config, "authSecret" | "production" | "authSecretFile">): string {
  if (config.authSecret) return config.authSecret;
  if (config.production) throw new Error("AUTH_SECRET is not set (production needs a secret of at least 32 characters)");
  if (cached?.file === config.authSecretFile) return cached.secret;
  const secret = readOrCreate(config.authSecretFile);
  cached = { file: config.authSecretFile, secret };
  return secret;
}

function readOrCreate(file: string): string {
  const existing = read(file);
  if (existing) return existing;
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64");
  try {
    // "wx": if another process created it first, keep theirs.
    writeFileSync(file, `${secret}\n`, { flag: "wx", mode: 0o600 });
    chmodSync(file, 0o600); // whatever the umask
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const theirs = read(file);
    if (!theirs) throw new Error(`${file} exists but holds no secret of 32 characters or more: delete it to have a new one generated`);
    return theirs;
  }
}

function read(file: string): string | null {
  try {
    const value = readFileSync(file, "utf8").trim();
    return value.length >= 32 ? value : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
