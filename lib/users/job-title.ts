/** A person's job title in their agency, as a membership keeps it (Membership.jobTitle, VARCHAR(120)). */
import { firstUnsafeCharacter, unsafeTextMessage } from "../text/safe-text";

/** The longest job title a membership keeps. */
export const JOB_TITLE_MAX = 120;

/** A job title as stored: trimmed, spaces inside collapsed (line breaks too), null when empty. */
export function normaliseJobTitle(value: string | null | undefined): string | null {
  const t = (value ?? "").trim().replace(/\s+/g, " ");
  return t === "" ? null : t;
}

/** What is wrong with a job title as given (before it is normalised), in words that say what to fix, or null. */
export function jobTitleProblem(value: string | null | undefined): string | null {
  const t = normaliseJobTitle(value);
  if (t === null) return null;
  const unsafe = firstUnsafeCharacter(t, "single-line");
  if (unsafe) return unsafeTextMessage("The job title", unsafe.kind, { text: t, index: unsafe.index });
  if (t.length > JOB_TITLE_MAX) return `Enter a job title of ${JOB_TITLE_MAX} characters or fewer.`;
  return null;
}
