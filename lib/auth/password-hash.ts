import { hash, verify } from "@node-rs/argon2";

/**
 * Password hashing: Argon2id (the @node-rs/argon2 default) with its default cost,
 * 19 MiB of memory, 2 passes, 1 lane: OWASP's recommended minimum for Argon2id.
 * The parameters travel inside each PHC-format hash, so raising them later still
 * verifies old hashes.
 */

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** False for a wrong password and for a malformed stored hash alike. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Does the work of one verification against a throwaway hash, so that an
 * unknown, inactive or password-less account answers in the same time as a
 * wrong password.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hash("parley: no such account, equal timing only");
  await verifyPassword(await dummyHash, password);
  return false;
}
