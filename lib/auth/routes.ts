/**
 * Every page and API route, and who may use it: the table behind the access
 * tests (e2e/access.spec.ts walks it as every kind of user) and the route
 * section of docs/permissions.md (npm run docs:permissions). Add a route here
 * when you add one to app/.
 */
import type { ApiTokenPermission, Role } from "../db/generated/enums";
import { type Capability, can } from "./permissions";

export type Access =
  | { kind: "public" }
  | { kind: "signed-in" }
  | { kind: "member" }
  | { kind: "capability"; capability: Capability }
  /** Visible to whoever escalationAccess allows (the dispute's own people, its agencies' line managers, the board). */
  | { kind: "dispute" };

export type RouteRule = {
  method: "GET" | "POST";
  /** With placeholders: {p} partnership, {id} dispute, {user} a member, {agency} an agency. */
  path: string;
  kind: "page" | "api";
  access: Access;
  what: string;
  /** The statuses a permitted caller may get (default 200; raising 201; a page that forwards you on, 307 too). */
  ok?: number[];
  /**
   * API routes: the API token permission that lets a token use it ("any": every
   * token of the partnership). Left out: no token may (404). Pages never read
   * tokens: they need a person signed in.
   */
  token?: ApiTokenPermission | "any";
};

export const ROUTES: readonly RouteRule[] = [
  { method: "GET", path: "/", kind: "page", access: { kind: "public" }, what: "Home" },
  { method: "GET", path: "/sign-in", kind: "page", access: { kind: "public" }, what: "Sign in (forwards someone already signed in)", ok: [200, 307] },
  { method: "GET", path: "/accessibility", kind: "page", access: { kind: "public" }, what: "Accessibility statement" },
  { method: "GET", path: "/privacy", kind: "page", access: { kind: "public" }, what: "Privacy notice" },
  { method: "GET", path: "/api/health", kind: "api", access: { kind: "public" }, what: "Health check" },
  { method: "GET", path: "/api/v1/openapi.json", kind: "api", access: { kind: "public" }, what: "The API's description" },
  { method: "GET", path: "/p", kind: "page", access: { kind: "signed-in" }, what: "Choose a partnership (forwards someone with one)", ok: [200, 307] },
  { method: "GET", path: "/mailbox", kind: "page", access: { kind: "signed-in" }, what: "The demo mailbox (demo mode only; not found otherwise)" },
  {
    method: "GET",
    path: "/mailbox/not-a-message.eml",
    kind: "page",
    access: { kind: "signed-in" },
    what: "One message of the demo mailbox (demo mode; a password link only to its recipient; here, one that does not exist)",
    ok: [404],
  },
  { method: "GET", path: "/p/{p}", kind: "page", access: { kind: "member" }, what: "Dashboard" },
  { method: "GET", path: "/p/{p}/settings", kind: "page", access: { kind: "member" }, what: "Your notice settings" },
  { method: "GET", path: "/p/{p}/disputes/new", kind: "page", access: { kind: "capability", capability: "escalations.raise" }, what: "Raise a disagreement" },
  { method: "GET", path: "/p/{p}/disputes/{id}", kind: "page", access: { kind: "dispute" }, what: "A dispute" },
  { method: "GET", path: "/p/{p}/disputes/{id}/comment", kind: "page", access: { kind: "dispute" }, what: "Comment on a dispute" },
  {
    method: "GET",
    path: "/p/{p}/disputes/{id}/forms/record-of-escalation",
    kind: "page",
    access: { kind: "dispute" },
    what: "A form the dispute's policy names, filled in from its record, to print (here, Torbay's Record of Escalation)",
  },
  {
    method: "GET",
    path: "/p/{p}/disputes/{id}/forms/record-of-escalation/pdf",
    kind: "page",
    access: { kind: "dispute" },
    what: "The same form as a PDF (where the server has a browser to print it; otherwise back to the form, which says to use the browser's Print)",
    ok: [200, 303],
  },
  { method: "GET", path: "/p/{p}/register", kind: "page", access: { kind: "capability", capability: "register.view" }, what: "The board register" },
  {
    method: "GET",
    path: "/p/{p}/register/counts",
    kind: "api",
    access: { kind: "capability", capability: "register.view" },
    what: "The register's counts, for the board's dashboard card",
  },
  {
    method: "GET",
    path: "/p/{p}/register/export",
    kind: "page",
    access: { kind: "capability", capability: "register.view" },
    what: "Download the board register, as filtered, as CSV",
  },
  {
    method: "GET",
    path: "/p/{p}/reports",
    kind: "page",
    access: { kind: "capability", capability: "reports.view" },
    what: "The partnership's reports for a period",
  },
  {
    method: "GET",
    path: "/p/{p}/reports/export?table=summary",
    kind: "page",
    access: { kind: "capability", capability: "reports.view" },
    what: "Download one of a report's tables as CSV",
  },
  {
    method: "GET",
    path: "/p/{p}/disputes?section=awaiting",
    kind: "page",
    access: { kind: "capability", capability: "escalations.raise" },
    what: "A dashboard section in full (here, what awaits an owner at one's agency; each section for whoever's dashboard has it)",
  },
  { method: "GET", path: "/p/{p}/admin", kind: "page", access: { kind: "capability", capability: "users.manage" }, what: "Administration" },
  { method: "GET", path: "/p/{p}/admin/people", kind: "page", access: { kind: "capability", capability: "users.manage" }, what: "People" },
  { method: "GET", path: "/p/{p}/admin/people/new", kind: "page", access: { kind: "capability", capability: "users.manage" }, what: "Add a person" },
  { method: "GET", path: "/p/{p}/admin/people/{user}", kind: "page", access: { kind: "capability", capability: "users.manage" }, what: "A person" },
  { method: "GET", path: "/p/{p}/admin/policy", kind: "page", access: { kind: "capability", capability: "policy.manage" }, what: "The policy in force" },
  {
    method: "GET",
    path: "/p/{p}/admin/policy/move",
    kind: "page",
    access: { kind: "capability", capability: "policy.move" },
    what: "Move open disputes to the policy version in force (preview, then move)",
  },
  { method: "GET", path: "/p/{p}/admin/audit", kind: "page", access: { kind: "capability", capability: "audit.export" }, what: "Audit trail of a dispute" },
  {
    method: "POST",
    path: "/p/{p}/admin/audit/export",
    kind: "page",
    access: { kind: "capability", capability: "audit.export" },
    what: "Download an audit trail",
  },
  {
    method: "GET",
    path: "/p/{p}/admin/contacts",
    kind: "page",
    access: { kind: "capability", capability: "users.manage" },
    what: "Every agency's escalation contacts",
  },
  {
    method: "GET",
    path: "/p/{p}/admin/contacts/{agency}",
    kind: "page",
    access: { kind: "capability", capability: "users.manage" },
    what: "An agency's escalation contacts",
  },
  {
    method: "GET",
    path: "/p/{p}/admin/contacts/{agency}/remove/{user}",
    kind: "page",
    access: { kind: "capability", capability: "users.manage" },
    what: "Confirm removing an escalation contact",
  },
  {
    method: "GET",
    path: "/p/{p}/admin/notices",
    kind: "page",
    access: { kind: "capability", capability: "users.manage" },
    what: "Notice hours, warnings and deliveries",
  },
  { method: "GET", path: "/p/{p}/admin/api-tokens", kind: "page", access: { kind: "capability", capability: "tokens.manage" }, what: "API tokens" },
  { method: "GET", path: "/p/{p}/admin/api-tokens/new", kind: "page", access: { kind: "capability", capability: "tokens.manage" }, what: "Make an API token" },
  {
    method: "GET",
    path: "/p/{p}/admin/api-tokens/{token}",
    kind: "page",
    access: { kind: "capability", capability: "tokens.manage" },
    what: "An API token (revoke it)",
  },
  { method: "GET", path: "/p/{p}/admin/webhooks", kind: "page", access: { kind: "capability", capability: "webhooks.manage" }, what: "Webhook endpoints" },
  {
    method: "GET",
    path: "/p/{p}/admin/webhooks/new",
    kind: "page",
    access: { kind: "capability", capability: "webhooks.manage" },
    what: "Register a webhook endpoint",
  },
  {
    method: "GET",
    path: "/p/{p}/admin/webhooks/{webhook}",
    kind: "page",
    access: { kind: "capability", capability: "webhooks.manage" },
    what: "A webhook endpoint and its deliveries (send again, disable)",
  },
  { method: "GET", path: "/api/v1/agencies?partnership={p}", kind: "api", access: { kind: "member" }, what: "The partnership's agencies", token: "any" },
  {
    method: "GET",
    path: "/api/v1/agencies/{agency}/contacts",
    kind: "api",
    access: { kind: "capability", capability: "users.manage" },
    what: "An agency's escalation contacts",
  },
  {
    method: "POST",
    path: "/api/v1/agencies/{agency}/contacts",
    kind: "api",
    access: { kind: "capability", capability: "users.manage" },
    what: "Name an escalation contact",
    ok: [201],
  },
  {
    method: "POST",
    path: "/api/v1/agencies/{agency}/contacts/{user}/remove",
    kind: "api",
    access: { kind: "capability", capability: "users.manage" },
    what: "Remove an escalation contact",
  },
  {
    method: "GET",
    path: "/api/v1/escalations?partnership={p}",
    kind: "api",
    access: { kind: "capability", capability: "escalations.list" },
    what: "List disputes",
    token: "read",
  },
  {
    method: "POST",
    path: "/api/v1/escalations?partnership={p}",
    kind: "api",
    access: { kind: "capability", capability: "escalations.raise" },
    what: "Raise a disagreement",
    ok: [201],
    token: "raise",
  },
  { method: "GET", path: "/api/v1/escalations/{id}", kind: "api", access: { kind: "dispute" }, what: "A dispute", token: "read" },
  { method: "POST", path: "/api/v1/escalations/{id}/comments", kind: "api", access: { kind: "dispute" }, what: "Comment on a dispute", token: "comment" },
  {
    method: "POST",
    path: "/api/v1/escalations/{id}/discussions",
    kind: "api",
    access: { kind: "dispute" },
    what: "Record a discussion on a dispute (at stage 1, everyone who may see it may)",
    token: "record",
  },
];

export type Caller = { signedIn: false } | { signedIn: true; member: false } | { signedIn: true; member: true; roles: readonly Role[]; seesDispute: boolean };

export type Outcome = "ok" | "sign-in" | "not-found" | "forbidden";

/** What the table says a caller gets: the route, a redirect to sign in (pages) or 401 (API), or not found. */
export function outcomeFor(rule: RouteRule, caller: Caller): Outcome {
  const { access } = rule;
  if (access.kind === "public") return "ok";
  if (!caller.signedIn) return "sign-in";
  if (access.kind === "signed-in") return "ok";
  if (!caller.member) return "not-found";
  switch (access.kind) {
    case "member":
      return "ok";
    case "capability":
      return can({ roles: caller.roles }, access.capability) ? "ok" : "not-found";
    case "dispute":
      return caller.seesDispute ? "ok" : "not-found";
    default: {
      const never: never = access;
      throw new Error(`unknown access ${JSON.stringify(never)}`);
    }
  }
}

/** An API token of the partnership in the address: what it may do, and whether its roles let it see the dispute. */
export type TokenCaller = { permissions: readonly ApiTokenPermission[]; seesDispute: boolean };

/**
 * What the table says an API token gets on an API route (null: a page, which
 * tokens do not open). Without the route's permission: 403 in its own
 * partnership, but 404 for a dispute it could not see anyway.
 */
export function tokenOutcomeFor(rule: RouteRule, token: TokenCaller): Outcome | null {
  if (rule.kind === "page") return null;
  if (rule.access.kind === "public") return "ok";
  // Only the JSON API reads tokens: elsewhere the request is as good as signed out.
  if (!rule.path.startsWith("/api/v1/")) return "sign-in";
  if (rule.token === undefined) return "not-found";
  if (rule.access.kind === "dispute" && !token.seesDispute) return "not-found";
  return rule.token === "any" || token.permissions.includes(rule.token) ? "ok" : "forbidden";
}

/** The HTTP status (pages: 307/303 to sign in; API: 401) for an outcome. */
export function statusFor(rule: RouteRule, outcome: Outcome): number[] {
  switch (outcome) {
    case "ok":
      return rule.ok ?? [200];
    case "sign-in":
      return rule.kind === "page" ? [303, 307] : [401];
    case "not-found":
      return [404];
    case "forbidden":
      return [403];
    default: {
      const never: never = outcome;
      throw new Error(String(never));
    }
  }
}
