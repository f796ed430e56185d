/**
 * docs/permissions.md, rendered from the tables the code and the tests use
 * (permissions.ts, routes.ts, and the actions on a dispute from
 * lib/escalations/action-registry.ts). `npm run docs:permissions` writes it; a unit test
 * fails when the committed file differs.
 */
import type { ApiTokenPermission, Role } from "../db/generated/enums";
import { CAPABILITIES, ROLE_LABELS, ROLES, TOKEN_PERMISSION_IDS, TOKEN_PERMISSIONS, can, escalationAccess, tokenRoles, type Capability } from "./permissions";
import { ROUTES, tokenOutcomeFor, type Access, type RouteRule } from "./routes";
import { ACTION_DESCRIPTORS } from "../escalations/action-registry";

const yes = "✓";
const no = "–";

function row(cells: string[]): string {
  return `| ${cells.join(" | ")} |`;
}

function table(head: string[], rows: string[][]): string {
  return [row(head), row(head.map(() => "---")), ...rows.map(row)].join("\n");
}

function accessInWords(access: Access): string {
  switch (access.kind) {
    case "public":
      return "anyone";
    case "signed-in":
      return "anyone signed in";
    case "member":
      return "members of the partnership";
    case "capability":
      return `members with \`${access.capability}\` (${CAPABILITIES[access.capability].roles.map((r) => ROLE_LABELS[r].toLowerCase()).join(", ")})`;
    case "dispute":
      return "those who may see the dispute (below)";
    default: {
      const never: never = access;
      throw new Error(String(never));
    }
  }
}

/** A worked example of the visibility rule, computed by the rule itself. */
function visibilityExample(): string {
  const people: { who: string; agency: string; roles: Role[]; onIt?: boolean }[] = [
    { who: "The school practitioner who raised it", agency: "school", roles: ["practitioner"], onIt: true },
    { who: "The social worker whose decision it is", agency: "csc", roles: ["practitioner"], onIt: true },
    { who: "Another school practitioner", agency: "school", roles: ["practitioner"] },
    { who: "The school's manager", agency: "school", roles: ["manager"] },
    { who: "Children's social care's team manager", agency: "csc", roles: ["manager"] },
    { who: "A health visitor (another agency)", agency: "health", roles: ["practitioner"] },
    { who: "A named nurse (another agency's manager)", agency: "health", roles: ["manager"] },
    { who: "The board business manager", agency: "csc", roles: ["board_business_manager"] },
    { who: "The partnership administrator", agency: "csc", roles: ["partnership_admin"] },
  ];
  const teamManager = people[4]!.who;
  const at =
    (stage: "stage-1" | "stage-3", awaitingOwner = false) =>
    (p: (typeof people)[number]) =>
      escalationAccess(
        { userId: p.who, agencyId: p.agency, roles: p.roles },
        {
          raisingAgencyId: "school",
          respondingAgencyId: "csc",
          participantIds: people.filter((x) => x.onIt).map((x) => x.who),
          currentLevels:
            stage === "stage-1" ? { raising: "practitioner", responding: "practitioner" } : { raising: "senior-manager", responding: "senior-manager" },
          underBoardOversight: stage === "stage-3",
          // Nobody at children's social care owns it: its escalation contacts (by default its managers) take it.
          awaitingOwner: awaitingOwner ? { respondingContacts: [teamManager] } : undefined,
        },
      ) !== "none"
        ? yes
        : no;
  return table(
    [
      "Torbay: a school practitioner disputes a children's social care decision",
      "sees it at stage 1",
      "sees it at stage 3 (on the register)",
      "sees it at stage 3 while nobody at children's social care owns it (its managers are its escalation contacts)",
    ],
    people.map((p) => [p.who, at("stage-1")(p), at("stage-3")(p), at("stage-3", true)(p)]),
  );
}

/** What an API token with only one permission gets on each API route, computed by the table itself. */
function tokenRoutes(): string {
  const api = ROUTES.filter((r) => r.kind === "api" && r.access.kind !== "public");
  const cell = (rule: RouteRule, permissions: ApiTokenPermission[]) => {
    // A dispute of the token's agency at stage 1, which it did not raise.
    const seesDispute = tokenRoles(permissions).includes("director");
    const outcome = tokenOutcomeFor(rule, { permissions, seesDispute });
    return outcome === "ok" ? yes : outcome === "forbidden" ? "403" : outcome === "sign-in" ? "401" : "404";
  };
  return table(
    ["Method", "Path", ...TOKEN_PERMISSION_IDS.map((p) => `only \`${p}\``), "all four"],
    api.map((r) => [r.method, `\`${r.path}\``, ...TOKEN_PERMISSION_IDS.map((p) => cell(r, [p])), cell(r, TOKEN_PERMISSION_IDS)]),
  );
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** "a, b or c" */
function joinWithOr(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

/** Each action on a dispute: its page, its API command and whether an API token may take it, from the actions' descriptors. */
function actionsTable(): string {
  return table(
    ["Action", "Page (under `/p/{partnership}/disputes/{id}/`)", "API (`POST /api/v1/escalations/{id}/…`)", "API tokens"],
    ACTION_DESCRIPTORS.map((d) => [d.page.title, `\`${d.page.slug}\``, `\`${d.api.path}\``, d.api.token ? `with \`${d.api.token}\`` : "no token"]),
  );
}

/** What no API token may do, in words: the actions that need a person. */
const peopleOnly = () => joinWithOr(ACTION_DESCRIPTORS.filter((d) => !d.api.token).map((d) => lowerFirst(d.page.title)));

export function renderPermissionsDoc(): string {
  const capabilities = Object.keys(CAPABILITIES) as Capability[];
  return `<!-- Generated by npm run docs:permissions from lib/auth/permissions.ts, lib/auth/routes.ts and lib/escalations/action-registry.ts. Do not edit by hand. -->
# Who may see and do what

Access in Parley has three layers, checked on every request:

1. **Signed in.** Otherwise pages send you to sign in and the API answers \`401\`.
2. **A member of the partnership in the address** (\`/p/torbay/…\`, or \`?partnership=torbay\` in the API), with an active membership. Otherwise: **not found** (\`404\`), whether or not the partnership exists, so an address reveals nothing.
3. **Your roles in that partnership**, and for a dispute, **whether you may see it**. A page or record you may not use is also **not found** (\`404\`), never "forbidden": its existence is not disclosed. The API answers \`403\` only when you can see a dispute but may not take that action on it.

Underneath, every query runs in a transaction scoped to the partnership, and PostgreSQL's row-level security refuses rows of any other partnership ([deployment.md](deployment.md)).

## Roles

A person may belong to several partnerships, each membership with one agency and one or more roles.

${table(
  ["Role", "Id in policy files"],
  ROLES.map((r) => [ROLE_LABELS[r], `\`${r.replaceAll("_", "-")}\``]),
)}

## What each role may do in its partnership

${table(
  ["", ...ROLES.map((r) => ROLE_LABELS[r])],
  capabilities.map((c) => [`${CAPABILITIES[c].description} (\`${c}\`)`, ...ROLES.map((r) => (can({ roles: [r] }, c) ? yes : no))]),
)}

A partnership administrator manages people and sees the policy in force, but reads no case details unless they also hold a case role.

Limits on managing people, so that no administrator can widen their own access or reach into another partnership:

- nobody can give themselves a new role (removing one is allowed, as long as the partnership keeps an active administrator) or end their own access;
- a one-time link to choose a password is made only for someone whose only partnership is this one: the link lets its holder in as that person everywhere, so for anyone shared with another partnership the installation's administrator makes it (\`npm run admin -- password-link\`); adding someone who already has an account elsewhere gives no link at all;
- restoring someone's access brings their account back only if ending it here had deactivated it; an account the installation's administrator deactivated stays so;
- every change, and every link made, is in the partnership's audit trail.

## Who may see a dispute

- the people on it: whoever raised it, the person whose decision it is (when they use Parley), the owners of its current and past stages, and anyone an agreed action is assigned to (so they can open it and mark the action done);
- managers, senior managers and directors of the raising or responding agency, when their seniority is at or above the level the policy expects at the dispute's current stage on their side (practitioner 1, manager 2, senior manager 3, director 4; a stage the policy gives to a board role is above every agency's line);
- the board business manager and the board chair, once the dispute reaches the board-oversight stage of its policy (stage 3 in Torbay);
- while nobody at the responding agency owns it: that agency's escalation contacts (named by the partnership administrator; by default its managers, or failing those everyone there who works on cases), so that someone can take it or choose who will; and, when nobody at that agency uses Parley, the board business manager;
- nobody else: not other agencies, and not a partnership administrator without a case role.

For example, computed by the same rule:

${visibilityExample()}

## What the people on a dispute may do

Only what the dispute page (or \`availableActions\` in the API) offers at that moment; the same rule refuses anything else.

${table(
  ["Action", "Who", "When"],
  [
    ["Comment", "anyone who may see it", "any time, also after it is closed"],
    [
      "Record a discussion, a milestone, a completed form",
      "the raiser; the current owners; managers of either agency at or above the stage; the board business manager once it is on the register; the chair where the board decides",
      "while open",
    ],
    [
      "Escalate, expedite",
      "the current owners; managers of either agency at or above the stage; the board business manager once it is on the register",
      "while open; escalating needs what the stage requires first (e.g. a record of discussion); expediting only where the policy lets stages be skipped, with grounds",
    ],
    [
      "Assign the owner of a side",
      "that side's current owner or its managers at or above the stage; the board business manager once on the register",
      "while open",
    ],
    ["Set a timescale the policy leaves to a person", "whoever holds the role the policy names (Torbay stage 5: the chair)", "while open, at that stage"],
    [
      "Add an agreed action; resolve",
      "the current owners; managers at or above the stage; the board business manager once on the register; the chair where the board decides",
      "while open",
    ],
    ["Complete an agreed action", "as above, and the person the action is assigned to", "any time"],
    ["Withdraw", "the raiser; the raising side's current owner", "while open"],
  ],
)}

Each action has a page of its own on the dispute and a command in the JSON API ([api.md](api.md)):

${actionsTable()}

## Pages and API routes

${table(
  ["Method", "Path", "What", "Who may use it", "Anyone else gets"],
  ROUTES.map((r) => [
    r.method,
    `\`${r.path}\``,
    r.what,
    accessInWords(r.access),
    r.access.kind === "public" ? "" : r.kind === "page" ? "sign-in page if signed out, otherwise not found (404)" : "401 if signed out, otherwise 404",
  ]),
)}

\`e2e/access.spec.ts\` walks this table as someone signed out, a member of another partnership, and each role of the right partnership, and checks each gets exactly this.

## API tokens

A partnership administrator makes API tokens for agencies' case-management systems (Administration → API tokens; [administration.md](administration.md#api-tokens)). A token acts for one agency of one partnership, as a system account of its own: the dispute history names it as the actor. It reaches the JSON API only (\`Authorization: Bearer\`, [api.md](api.md#api-tokens)), never a page, and only in its own partnership: anywhere else is not found (\`404\`).

Every rule above applies to it as to a person, with the roles its permissions give it: **a director of its agency** when it may read, so that it sees what the agency's director sees (disputes raised by or with the agency, up to a stage the policy gives to the board), and **a practitioner of its agency** otherwise, so that it sees only what it raised itself. On top of that, each API route needs one of its permissions:

${table(
  ["Permission", "What it allows"],
  TOKEN_PERMISSION_IDS.map((p) => [`\`${p}\`: ${TOKEN_PERMISSIONS[p].label}`, TOKEN_PERMISSIONS[p].hint]),
)}

No token may ${peopleOnly()}: those decisions are a named person's. A token without the permission a route needs gets \`403\` in its own partnership, except for a dispute it may not see at all, which stays \`404\`. A token administers nothing.

What a token gets on each API route, with one permission only or with all four, for a dispute its agency is on at stage 1 that it did not raise:

${tokenRoutes()}

\`e2e/api-tokens.spec.ts\` makes a token with each permission in the administrator's pages and checks each gets exactly this.
`;
}
