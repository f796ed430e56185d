/** A person's job title in their agency, as a membership keeps it (Membership.jobTitle, VARCHAR(120)). */

/** The longest job title a membership keeps. */
export const JOB_TITLE_MAX = 120;

/** A job title as stored: trimmed, spaces inside collapsed, null when empty. Length is checked where it is given. */
export function normaliseJobTitle(value: string | null | undefined): string | null {
  const t = (value ?? "").trim().replace(/\s+/g, " ");
  return t === "" ? null : t;
}
