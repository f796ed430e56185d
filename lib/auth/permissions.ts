/**
 * What each role may see and do. The one place that decides; docs/permissions.md
 * is generated from these tables (npm run docs:permissions) and the access tests
 * read them too, so the document, the code and the tests cannot drift apart.
 */
import type { ApiTokenPermission, Role } from "../db/generated/enums";
import type { RoleLevel } from "../policy/roles";
import type { Actor } from "./actor";

export const ROLES = [
  "practitioner",
  "manager",
  "senior_manager",
  "director",
  "board_business_manager",
  "board_chair",
  "partnership_admin",
] as const satisfies readonly Role[];

export const ROLE_LABELS: Record<Role, string> = {
  practitioner: "Practitioner",
  manager: "Manager",
  senior_manager: "Senior manager",
  director: "Director",
  board_business_manager: "Board business manager",
  board_chair: "Board chair",
  partnership_admin: "Partnership administrator",
};

/** Roles that work on cases, in order of seniority. */
export const CASE_ROLES = ["practitioner", "manager", "senior_manager", "director"] as const satisfies readonly Role[];
export const MANAGEMENT_ROLES = ["manager", "senior_manager", "director"] as const satisfies readonly Role[];
export const BOARD_ROLES = ["board_business_manager", "board_chair"] as const satisfies readonly Role[];

/** The policy's role-level ids and the database's role names are the same words. */
export function roleFromLevel(level: RoleLevel): Role {
  return level.replaceAll("-", "_") as Role;
}

export function levelOfRole(role: Role): RoleLevel {
  return role.replaceAll("_", "-") as RoleLevel;
}

/**
 * 1 practitioner … 4 director. A stage the policy gives to a board role ranks
 * above every agency's line (5): only the people on it and the board see it there.
 */
export function seniority(role: Role | RoleLevel): number {
  const index = (CASE_ROLES as readonly string[]).indexOf(role.replaceAll("-", "_"));
  return index >= 0 ? index + 1 : CASE_ROLES.length + 1;
}

/** The actor's most senior case role, 0 if they hold none. */
export function highestSeniority(roles: readonly Role[]): number {
  return Math.max(0, ...roles.filter((r) => (CASE_ROLES as readonly Role[]).includes(r)).map(seniority));
}

/**
 * Whether someone with these roles is at or above `level`: what the policy
 * expects of a stage's owner on a side, or of a manager to see a dispute there.
 */
export function atOrAbove(roles: readonly Role[], level: Role | RoleLevel): boolean {
  return highestSeniority(roles) >= seniority(level);
}

export const hasAnyRole = (actor: Pick<Actor, "roles">, roles: readonly Role[]) => actor.roles.some((r) => roles.includes(r));
export const holdsCaseRole = (actor: Pick<Actor, "roles">) => hasAnyRole(actor, CASE_ROLES);

/** Partnership-wide abilities: what a role may do regardless of any one dispute. */
export const CAPABILITIES = {
  "escalations.raise": {
    description: "Raise a disagreement",
    roles: CASE_ROLES,
  },
  "escalations.list": {
    description: "See their own disputes (raised, on, owned)",
    roles: [...CASE_ROLES, ...BOARD_ROLES],
  },
  "escalations.team": {
    description: "See what their agency raised and what is assigned to them (manager dashboard)",
    roles: MANAGEMENT_ROLES,
  },
  "register.view": {
    description: "See the board register: every dispute at or above the board-oversight stage",
    roles: BOARD_ROLES,
  },
  "reports.view": {
    description: "See the partnership's reports: figures on disputes between agencies over a period, and download them",
    roles: BOARD_ROLES,
  },
  "users.manage": {
    description: "Create and invite users, set agency and roles, deactivate",
    roles: ["partnership_admin"],
  },
  "policy.manage": {
    description: "See the policy versions in force and any policy file errors",
    roles: ["partnership_admin"],
  },
  "policy.move": {
    description: "Move open disputes to the policy version in force, after seeing what changes for each",
    roles: ["partnership_admin"],
  },
  "audit.export": {
    description: "Export the audit trail of one dispute",
    roles: ["partnership_admin"],
  },
  "tokens.manage": {
    description: "Create and revoke API tokens for agencies' case-management systems",
    roles: ["partnership_admin"],
  },
  "webhooks.manage": {
    description: "Register and disable webhook endpoints for agencies' case-management systems, and see their deliveries",
    roles: ["partnership_admin"],
  },
} as const satisfies Record<string, { description: string; roles: readonly Role[] }>;

export type Capability = keyof typeof CAPABILITIES;

export function can(actor: Pick<Actor, "roles">, capability: Capability): boolean {
  return hasAnyRole(actor, CAPABILITIES[capability].roles);
}

/**
 * What an API token may do (docs/decisions/0011-api-tokens.md). A token acts as
 * a system account of its agency, seen by every rule below as a director of that
 * agency when it may read (so it sees what the agency's director sees), and as a
 * practitioner otherwise (so it sees only what it raised itself). On top of those
 * roles, each API route and command needs the permission named here
 * (lib/api/v1/commands.ts, lib/auth/routes.ts). Decisions about a dispute's
 * course (escalate, expedite, owners, deadlines, agreed actions, resolve,
 * withdraw) are not offered: a named person takes them.
 */
export const TOKEN_PERMISSIONS = {
  read: {
    label: "Read the agency's disputes",
    hint: "List and read the disputes a director of the agency would see: those raised by it or with it, up to the board's stage.",
  },
  raise: {
    label: "Raise disagreements",
    hint: "Raise a disagreement on the agency's behalf. The agency's managers are told, and choose who in the agency owns it.",
  },
  comment: {
    label: "Comment",
    hint: "Add a comment to a dispute the token can see.",
  },
  record: {
    label: "Record what happened",
    hint: "Record discussions, milestones (a meeting held, a decision received), forms sent and agreed actions done.",
  },
} as const satisfies Record<ApiTokenPermission, { label: string; hint: string }>;

export const TOKEN_PERMISSION_IDS = Object.keys(TOKEN_PERMISSIONS) as ApiTokenPermission[];

/** The roles a token's actor holds: the visibility and action rules then apply to it unchanged. */
export function tokenRoles(permissions: readonly ApiTokenPermission[]): Role[] {
  return permissions.includes("read") ? ["director"] : ["practitioner"];
}

/** What the visibility rule needs to know about one dispute. */
export type EscalationAccessFacts = {
  raisingAgencyId: string;
  respondingAgencyId: string;
  /** Everyone on it: the raiser, the responder, owners of current and past stages, owners of agreed actions. */
  participantIds: readonly string[];
  /** Role levels the policy expects at the current stage on each side. */
  currentLevels: { raising: RoleLevel; responding?: RoleLevel };
  /** Has it reached the board-oversight stage of its policy? */
  underBoardOversight: boolean;
  /**
   * Set while the dispute is open and nobody owns its responding side: the
   * responding agency's escalation contacts (lib/agencies/contacts.ts), who
   * take it from there. Empty when that agency has nobody on Parley.
   */
  awaitingOwner?: { respondingContacts: readonly string[] } | undefined;
};

export type AccessReason = "participant" | "agency-line-manager" | "agency-contact" | "board" | "none";

/**
 * Who may see a dispute:
 * - the people on it (raiser, responder, owners of its current and past stages, owners of its agreed actions);
 * - managers, senior managers and directors of the raising or responding agency whose
 *   level is at or above the level the policy expects at its current stage on their side;
 * - the responding agency's escalation contacts while nobody there owns it;
 * - board roles once it reaches the policy's board-oversight stage, and the board
 *   business manager while it awaits an owner in an agency with nobody on Parley.
 * A partnership administrator without a case role sees none.
 */
export function escalationAccess(actor: Pick<Actor, "userId" | "agencyId" | "roles">, facts: EscalationAccessFacts): AccessReason {
  if (facts.participantIds.includes(actor.userId) && (holdsCaseRole(actor) || hasAnyRole(actor, BOARD_ROLES))) {
    return "participant";
  }
  if (hasAnyRole(actor, MANAGEMENT_ROLES)) {
    const raisingSide = actor.agencyId === facts.raisingAgencyId && atOrAbove(actor.roles, facts.currentLevels.raising);
    const respondingSide = actor.agencyId === facts.respondingAgencyId && atOrAbove(actor.roles, facts.currentLevels.responding ?? facts.currentLevels.raising);
    if (raisingSide || respondingSide) return "agency-line-manager";
  }
  if (holdsCaseRole(actor) && actor.agencyId === facts.respondingAgencyId && facts.awaitingOwner?.respondingContacts.includes(actor.userId)) {
    return "agency-contact";
  }
  if (facts.underBoardOversight && hasAnyRole(actor, BOARD_ROLES)) return "board";
  if (facts.awaitingOwner?.respondingContacts.length === 0 && actor.roles.includes("board_business_manager")) return "board";
  return "none";
}

export const canSeeEscalation = (actor: Pick<Actor, "userId" | "agencyId" | "roles">, facts: EscalationAccessFacts) =>
  escalationAccess(actor, facts) !== "none";
