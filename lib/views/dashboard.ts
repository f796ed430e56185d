/**
 * The partnership dashboard as plain data: which sections a person sees, what
 * each asks the list of disputes for, and how the answers are grouped and
 * ordered. No React and no Next.js: the server page, the client components
 * (which refetch from GET /api/v1/escalations) and the tests all use these, so
 * the first render and every refresh group the same way.
 *
 * Everything works on the JSON API's summaries (lib/api/v1/json.ts), whose
 * `nextDue` already says in words when each is due and how urgent that is.
 */
import type { z } from "zod";
import type { EscalationSummaryJson } from "../api/v1/json";
import { BOARD_ROLES, MANAGEMENT_ROLES, can, hasAnyRole, holdsCaseRole } from "../auth/permissions";
import type { Role } from "../db/generated/enums";
// The lookups alone, not the whole policy module: this one is also in the browser's bundle.
import { stageTitle } from "../policy/lookup";

export type EscalationSummary = z.output<typeof EscalationSummaryJson>;
export type DisputeStatus = EscalationSummary["status"];

/** One section's data: its first page of disputes, and where the next page starts (null: that is all of them). */
export type SummaryList = { items: EscalationSummary[]; nextCursor: string | null };

/**
 * Filters for GET /api/v1/escalations and listEscalations (the same names):
 * the subset the dashboard and the register use.
 */
export type ListFilters = {
  raisedByMe?: boolean;
  ownedByMe?: boolean;
  myAgency?: boolean;
  raisedByMyAgency?: boolean;
  raisedWithMyAgency?: boolean;
  awaitingOwner?: boolean;
  agencyNotOnParley?: boolean;
  onRegister?: boolean;
  stageAtLeast?: number;
  status?: DisputeStatus[];
};

/**
 * Disputes a dashboard section shows: its first page, with a link to see them all.
 * Ten: enough to act on, and a page that stays small (each item is rendered and
 * also sent as data for the section to refresh itself).
 */
export const PAGE_SIZE = 10;
/** Disputes per page of a full list ("See all"). */
export const FULL_PAGE_SIZE = 50;

/** The sections of the dashboard, in the order they appear. */
export type SectionKind = "mine" | "assigned" | "awaiting" | "team-raised" | "team-with" | "not-on-parley" | "register";

export const SECTION_KINDS: readonly SectionKind[] = ["mine", "assigned", "awaiting", "team-raised", "team-with", "not-on-parley", "register"];

/** Each section's heading, which also names its full list. */
export const SECTION_TITLES: Record<SectionKind, string> = {
  mine: "My disputes",
  assigned: "Assigned to me",
  awaiting: "Awaiting an owner",
  "team-raised": "What my team raised",
  "team-with": "Raised with my team",
  "not-on-parley": "Raised against an agency not on Parley",
  register: "Board register",
};

/** The link from a section to its full list, when it has more than one page. */
export const SEE_ALL: Record<Exclude<SectionKind, "register">, string> = {
  mine: "See all your disputes",
  assigned: "See all disputes assigned to you",
  awaiting: "See all disputes awaiting an owner",
  "team-raised": "See all open disputes your team raised",
  "team-with": "See all open disputes raised with your team",
  "not-on-parley": "See all disputes raised against an agency not on Parley",
};

export type DashboardPlan = {
  canRaise: boolean;
  /** `filters: null`: nothing to ask for (a policy without a board register). */
  sections: { kind: SectionKind; filters: ListFilters | null }[];
};

/**
 * Which sections someone sees, from their roles (several may apply), and what
 * each section asks for. `boardOversightStage` is the lowest stage at which the
 * partnership's policy puts a dispute on the board's register (null: never).
 *
 * "My disputes" lists every dispute a practitioner may see, which for someone
 * whose only case role is practitioner is exactly those they raised or are named
 * on (lib/auth/permissions.ts). Someone who also manages or sits on the board
 * sees more than that, so for them it narrows to what they raised.
 *
 * "Awaiting an owner" is planned for everyone who works on cases; only an
 * agency's escalation contacts find anything in it, and the page shows it only
 * when it has something.
 */
export function dashboardPlan(roles: readonly Role[], boardOversightStage: number | null): DashboardPlan {
  const who = { roles };
  const sections: DashboardPlan["sections"] = [];
  if (roles.includes("practitioner")) {
    sections.push({ kind: "mine", filters: hasAnyRole(who, [...MANAGEMENT_ROLES, ...BOARD_ROLES]) ? { raisedByMe: true } : {} });
  }
  const team = can(who, "escalations.team");
  if (team) sections.push({ kind: "assigned", filters: { ownedByMe: true, status: ["open"] } });
  if (holdsCaseRole(who)) sections.push({ kind: "awaiting", filters: { awaitingOwner: true } });
  if (team) {
    sections.push({ kind: "team-raised", filters: { raisedByMyAgency: true, status: ["open"] } });
    sections.push({ kind: "team-with", filters: { raisedWithMyAgency: true, status: ["open"] } });
  }
  if (roles.includes("board_business_manager")) sections.push({ kind: "not-on-parley", filters: { agencyNotOnParley: true } });
  if (can(who, "register.view")) {
    sections.push({ kind: "register", filters: boardOversightStage === null ? null : { onRegister: true } });
  }
  return { canRaise: can(who, "escalations.raise"), sections };
}

/** The query string for GET /api/v1/escalations: the partnership, the filters, a page size and cursor. */
export function listQueryString(partnershipId: string, filters: ListFilters, cursor?: string | null, limit: number = PAGE_SIZE): string {
  const params = new URLSearchParams({ partnership: partnershipId });
  const keys = Object.keys(filters).sort() as (keyof ListFilters)[];
  for (const key of keys) {
    const value = filters[key];
    if (value === undefined) continue;
    params.set(key, Array.isArray(value) ? value.join(",") : String(value));
  }
  params.set("limit", String(limit));
  if (cursor) params.set("cursor", cursor);
  return params.toString();
}

/** A section's full list, one page at a time: /p/<partnership>/disputes?section=<kind>[&after=<cursor>]. */
export function sectionHref(partnershipId: string, kind: SectionKind, after?: string | null): string {
  const params = new URLSearchParams({ section: kind });
  if (after) params.set("after", after);
  return `/p/${encodeURIComponent(partnershipId)}/disputes?${params.toString()}`;
}

/** The section a full list's address names, if it is one. */
export function parseSectionKind(value: string | string[] | undefined): SectionKind | null {
  const text = Array.isArray(value) ? value[0] : value;
  return SECTION_KINDS.find((k) => k === text) ?? null;
}

// ---- ordering and grouping ----

const TONE_RANK: Record<EscalationSummary["nextDue"]["tone"], number> = { overdue: 0, today: 1, soon: 2, later: 3, open: 4 };

const dueMs = (item: EscalationSummary): number => (item.nextDue.at ? Date.parse(item.nextDue.at) : Number.POSITIVE_INFINITY);

/**
 * Most urgent first: by how soon the next deadline is (the longest overdue
 * first), undated last; at equal deadlines urgent disputes first, then the
 * oldest. Returns a new array.
 */
export function byUrgency(items: readonly EscalationSummary[]): EscalationSummary[] {
  return [...items].sort(
    (a, b) =>
      TONE_RANK[a.nextDue.tone] - TONE_RANK[b.nextDue.tone] ||
      dueMs(a) - dueMs(b) ||
      Number(b.urgent) - Number(a.urgent) ||
      a.raisedAt.localeCompare(b.raisedAt) ||
      a.reference.localeCompare(b.reference),
  );
}

/** Newest raised first: how closed disputes read best. */
export function byNewest(items: readonly EscalationSummary[]): EscalationSummary[] {
  return [...items].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt) || b.reference.localeCompare(a.reference));
}

export type DueGroupKey = "overdue" | "today" | "week" | "later";

export type Group<K extends string> = { key: K; title: string; items: EscalationSummary[] };

const DUE_GROUPS: { key: DueGroupKey; title: string }[] = [
  { key: "overdue", title: "Overdue" },
  { key: "today", title: "Due today" },
  { key: "week", title: "Due this week" },
  { key: "later", title: "Due later, or no due date" },
];

/**
 * Which urgency group a dispute's next deadline puts it in. "This week" is the
 * next 5 working days after today (lib/deadlines/due-status.ts, SOON_WORKING_DAYS),
 * which is how the deadline's own words ("Due in 3 working days") count it.
 */
export function dueGroupOf(item: EscalationSummary): DueGroupKey {
  switch (item.nextDue.tone) {
    case "overdue":
      return "overdue";
    case "today":
      return "today";
    case "soon":
      return "week";
    case "later":
    case "open":
      return "later";
    default: {
      const never: never = item.nextDue.tone;
      throw new Error(`unknown tone ${String(never)}`);
    }
  }
}

/** Open disputes in the four urgency groups, each most urgent first; every group is returned, empty or not. */
export function groupByDue(items: readonly EscalationSummary[]): Group<DueGroupKey>[] {
  const open = byUrgency(items.filter((i) => i.status === "open"));
  return DUE_GROUPS.map((g) => ({ ...g, items: open.filter((i) => dueGroupOf(i) === g.key) }));
}

const STATUS_GROUPS: { key: DisputeStatus; title: string }[] = [
  { key: "open", title: "Open" },
  { key: "resolved", title: "Resolved" },
  { key: "withdrawn", title: "Withdrawn" },
];

/** Open (most urgent first), resolved and withdrawn (newest first); every group is returned. */
export function groupByStatus(items: readonly EscalationSummary[]): Group<DisputeStatus>[] {
  return STATUS_GROUPS.map((g) => {
    const mine = items.filter((i) => i.status === g.key);
    return { ...g, items: g.key === "open" ? byUrgency(mine) : byNewest(mine) };
  });
}

/**
 * The groups to show for one page of a list: every group when the page holds
 * the whole list (an empty one says so), otherwise only the groups it has
 * disputes for, since the rest may be on later pages.
 */
export function shownGroups<K extends string>(groups: Group<K>[], complete: boolean): Group<K>[] {
  return complete ? groups : groups.filter((g) => g.items.length > 0);
}

// ---- words ----

/** "Stage 2: Manager to manager", or the title alone for an unnumbered step. */
export function stageText(item: Pick<EscalationSummary, "stage">): string {
  return stageTitle(item.stage);
}

/** "JS (child), AK (adult)": initials only, as the list carries no more. */
export function subjectsText(item: Pick<EscalationSummary, "subjects">): string {
  return item.subjects.map((s) => `${s.initials} (${s.kind})`).join(", ");
}

/**
 * The agencies, seen from the reader's own: "With <the other agency>" when theirs
 * raised it, "Raised by <the other agency>" when it was raised with theirs, and
 * both names otherwise (the board, or a dispute seen for another reason).
 */
export function agenciesText(item: Pick<EscalationSummary, "raisingAgency" | "respondingAgency">, myAgencyId: string): string {
  if (item.raisingAgency.id === myAgencyId) return `With ${item.respondingAgency.name}`;
  if (item.respondingAgency.id === myAgencyId) return `Raised by ${item.raisingAgency.name}`;
  return `${item.raisingAgency.name}, with ${item.respondingAgency.name}`;
}

/** "3 disputes", "1 dispute". */
export function disputesCount(n: number): string {
  return `${n} ${n === 1 ? "dispute" : "disputes"}`;
}
