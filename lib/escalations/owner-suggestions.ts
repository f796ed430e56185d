/**
 * Ranking the people offered as the owner of a side by their job title: those
 * whose title is what the policy calls the level the stage expects come first,
 * each with the reason, and everyone else keeps the order they came in.
 *
 * A title matches, most telling first:
 * 1. the policy's equivalent title for that level in the agency's type
 *    (`roleEquivalents`: "Detective Sergeant" for a manager in the police);
 * 2. the policy's own words for the side at that stage ("Head of Service",
 *    "Operations Manager", "Senior Manager", "Head Teacher in a school
 *    setting", each alternative on its own), or the level's generic words
 *    ("manager", "senior manager", "director").
 *
 * Words are compared without regard to case, spaces or punctuation; a title
 * matches a phrase when it is the phrase, contains it as whole words ("Team
 * Manager" is a manager), or is itself a run of two or more of its words
 * ("Head Teacher" in "Head Teacher in a school setting"). A title that names
 * another level more specifically ("Senior Manager" where a manager is
 * expected, or the policy's title for another level in that agency) is not a
 * match by the generic words. Only people the policy would accept at that level
 * (by their roles) are ranked; job titles never make anyone eligible.
 */
import { AGENCY_TYPE_IN_SENTENCE } from "../agencies/agency-types";
import type { AgencyType } from "../db/generated/enums";
import { equivalentTitle, ROLE_LEVEL_LABELS, type Policy, type RoleLevel } from "../policy";

/** What the policy expects of a side at a stage: its level, and its own words for it where it gives them. */
export type ExpectedLevel = { level: RoleLevel; title?: string | null | undefined; levelNotStated?: boolean | undefined };

export type TitleMatch =
  /** The policy's title for the level in this agency's type. */
  | { kind: "equivalent"; level: RoleLevel; agencyType: string; title: string }
  /** The policy's words for the side at this stage, or the level's generic words (`words` is the phrase matched, as written). */
  | { kind: "level-words"; level: RoleLevel; words: string };

/** Lower-case words, without punctuation: "Supervisor/manager" is ["supervisor", "manager"]. */
export function titleWords(text: string): string[] {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2019']/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Whether `inner` occurs in `outer` as a run of whole words. */
function containsRun(outer: readonly string[], inner: readonly string[]): boolean {
  if (inner.length === 0 || inner.length > outer.length) return false;
  for (let i = 0; i + inner.length <= outer.length; i++) {
    if (inner.every((w, j) => outer[i + j] === w)) return true;
  }
  return false;
}

/** Whether a job title matches a phrase (see the module's comment). */
export function titleMatchesPhrase(jobTitle: string, phrase: string): boolean {
  const title = titleWords(jobTitle);
  const words = titleWords(phrase);
  if (title.length === 0 || words.length === 0) return false;
  if (title.join("") === words.join("")) return true;
  return containsRun(title, words) || (title.length >= 2 && containsRun(words, title));
}

// Words that join the alternatives of a policy's wording, not part of a title.
const FILLER = new Set(["or", "and", "equivalent", "the", "a", "an"]);

/**
 * The alternatives a policy's words for a side give: "Head of Service/Operations
 * Manager or Senior Manager (Head Teacher in a school setting)" is "Head of
 * Service", "Operations Manager", "Senior Manager" and "Head Teacher in a school
 * setting"; "Divisional Director (or equivalent)" is "Divisional Director".
 */
export function policyPhrases(words: string): string[] {
  return words
    .replace(/\band\s*\/\s*or\b/gi, " or ")
    .split(/\/|\(|\)|,|;|\bor\b/i)
    .map((part) => {
      const ws = part.trim().split(/\s+/);
      while (ws.length > 0 && FILLER.has((ws[0] ?? "").toLowerCase())) ws.shift();
      while (ws.length > 0 && FILLER.has((ws[ws.length - 1] ?? "").toLowerCase())) ws.pop();
      return ws.join(" ");
    })
    .filter((p) => titleWords(p).length > 0);
}

/** The levels a side's owner may be expected at (not the board's or the administrator's). */
const CASE_LEVELS: readonly RoleLevel[] = ["practitioner", "manager", "senior-manager", "director"];

/**
 * How a job title matches what the policy expects of a side, or null. `agencyType`
 * is the database's ("childrens_social_care") or the policy's; null when unknown.
 */
export function matchJobTitle(
  jobTitle: string | null | undefined,
  expected: ExpectedLevel,
  policy: Policy,
  agencyType: string | null | undefined,
): TitleMatch | null {
  if (!jobTitle || titleWords(jobTitle).length === 0 || expected.levelNotStated) return null;
  const { level } = expected;
  const theirs = agencyType ? equivalentTitle(policy, level, agencyType) : null;
  if (theirs && titleMatchesPhrase(jobTitle, theirs)) return { kind: "equivalent", level, agencyType: agencyType as string, title: theirs };

  const otherLevels = CASE_LEVELS.filter((l) => l !== level);
  // The policy's title for another level in this agency ("Detective Inspector" where a manager is expected).
  const anotherLevelsTitle = otherLevels.some((l) => {
    const t = agencyType ? equivalentTitle(policy, l, agencyType) : null;
    return t !== null && titleMatchesPhrase(jobTitle, t);
  });
  if (anotherLevelsTitle) return null;
  // Another level's generic words that say more than the phrase ("senior manager" over "manager").
  const title = titleWords(jobTitle);
  const moreSpecific = (phrase: string) =>
    otherLevels.some((l) => {
      const other = titleWords(ROLE_LEVEL_LABELS[l]);
      return other.length > titleWords(phrase).length && containsRun(other, titleWords(phrase)) && containsRun(title, other);
    });
  const phrases = [...(expected.title ? policyPhrases(expected.title) : []), ROLE_LEVEL_LABELS[level]];
  const words = phrases.find((p) => titleMatchesPhrase(jobTitle, p) && !moreSpecific(p));
  return words ? { kind: "level-words", level, words } : null;
}

/** Why a title matched, after the person's name and title: "the policy's manager level in the police". */
export function matchReason(match: TitleMatch): string {
  const level = `the policy's ${ROLE_LEVEL_LABELS[match.level]} level`;
  if (match.kind === "equivalent") {
    const type = AGENCY_TYPE_IN_SENTENCE[match.agencyType.replaceAll("-", "_") as AgencyType];
    return type ? `${level} in ${type}` : level;
  }
  return titleWords(match.words).join(" ") === titleWords(ROLE_LEVEL_LABELS[match.level]).join(" ") ? level : `${level} ("${match.words}")`;
}

export type RankedOwner<M> = { member: M; match: TitleMatch | null };

/**
 * The people in the order to offer them: the policy's equivalent titles first,
 * then its words for the level, then everyone else, each group in the order
 * given. `eligible` says whom the policy would accept at that level (only they
 * are ranked by title).
 */
export function rankByJobTitle<M extends { jobTitle?: string | null | undefined }>(
  members: readonly M[],
  expected: ExpectedLevel,
  policy: Policy,
  agencyType: string | null | undefined,
  eligible: (m: M) => boolean = () => true,
): RankedOwner<M>[] {
  const tier = (r: RankedOwner<M>) => (r.match?.kind === "equivalent" ? 0 : r.match ? 1 : 2);
  return members
    .map((member) => ({ member, match: eligible(member) ? matchJobTitle(member.jobTitle, expected, policy, agencyType) : null }))
    .map((r, i) => ({ r, i }))
    .sort((a, b) => tier(a.r) - tier(b.r) || a.i - b.i)
    .map(({ r }) => r);
}
