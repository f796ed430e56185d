import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * What makes a password acceptable (NIST SP 800-63B, NCSC password guidance):
 * long enough, not one that attackers try first, not built from the person's own
 * e-mail address. No composition rules (capitals, symbols) and no expiry: those
 * push people towards predictable passwords.
 *
 * The common-password list is the 49,000-word "passwords" dictionary of
 * @zxcvbn-ts/language-common (zxcvbn-ts' ranked list of leaked passwords).
 */

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase; bounds the work one request can ask of the hash. */
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem = "too_short" | "too_long" | "common" | "contains_email" | "repetitive";

export const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `Password must be ${PASSWORD_MIN_LENGTH} characters or more`,
  too_long: `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`,
  common: "Choose a password that is harder to guess: this one is on a list of commonly used passwords",
  contains_email: "Password must not contain your email address",
  repetitive: "Password must not be the same few characters repeated",
};

let commonPasswords: Set<string> | undefined;

function isCommon(candidate: string): boolean {
  commonPasswords ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return commonPasswords.has(candidate);
}

/** The first rule a password breaks, or null when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string } = {}): PasswordProblem | null {
  const length = [...password].length; // code points, so an accented letter counts once
  if (length < PASSWORD_MIN_LENGTH) return "too_short";
  if (length > PASSWORD_MAX_LENGTH) return "too_long";
  const lower = password.toLowerCase();
  if (new Set(lower).size < 4) return "repetitive";
  // The list holds the password as people type it; also catch it with a digit or two on the end.
  if (isCommon(lower) || isCommon(lower.replace(/[\d!.?_-]{1,4}$/, ""))) return "common";
  const email = context.email?.trim().toLowerCase();
  if (email) {
    const local = email.split("@")[0] ?? "";
    if (lower.includes(email) || (local.length >= 4 && lower.includes(local))) return "contains_email";
  }
  return null;
}

export function passwordMessage(password: string, context: { email?: string } = {}): string | null {
  const problem = passwordProblem(password, context);
  return problem ? PASSWORD_MESSAGES[problem] : null;
}
