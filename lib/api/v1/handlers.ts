/**
 * The JSON API's request handling, as plain functions of (context, request) so
 * that tests can call them on a real database without a server. The route
 * files under app/api/v1 only build the context and call these.
 *
 * Which partnership? A dispute's id is unique across the installation, so
 * /escalations/{id} finds it among the caller's partnerships; listing and
 * raising take ?partnership=<id>, which may be left out by someone who belongs
 * to only one partnership (docs/api.md).
 */
import type { Actor } from "../../auth/actor";
import { actorIn } from "../../auth/actor";
import type { RequestContext } from "../../auth/audit";
import { authenticateToken, DEFAULT_TOKEN_LIMITS, type TokenLimits } from "../../auth/api-token-auth";
import { bearerToken, carriesSessionCookie } from "../../auth/api-tokens";
import { TOKEN_PERMISSIONS } from "../../auth/permissions";
import { readCookie, sessionCookieName, signedInUserFromToken, type SessionSettings } from "../../auth/request-auth";
import type { ApiTokenPermission } from "../../db/generated/enums";
import { maySeeEscalation } from "../../escalations/may-see";
import type { SignedInUser } from "../../auth/sessions";
import { appNow } from "../../clock";
import type { Database } from "../../db/connect";
import { inPartnership } from "../../db/scope";
import {
  ForbiddenError,
  getEscalation,
  listEscalations,
  NotFoundError,
  raiseEscalation,
  type ActionName,
  type CommandResult,
  type EscalationDeps,
} from "../../escalations";
import { apiError, errorToResponse, json, readJson, unsafeAddressResponse } from "../responses";
import { ACTION_TOKEN_PERMISSION, commandByPath } from "./commands";
import { agencyContactsJson, detailJson, links, summaryJson, type SerialiseContext } from "./json";
import { addAgencyContact, getAgencyContacts, removeAgencyContact } from "../../agencies/contacts-admin";

export type ApiContext = {
  db: Database;
  deps: EscalationDeps;
  session: SessionSettings;
  requestContext: RequestContext;
  /** API tokens' rate limit (PARLEY_API_TOKEN_REQUESTS_PER_MINUTE); the default when left out. */
  tokens?: TokenLimits;
};

type Outcome<T> = { ok: true; value: T } | { ok: false; response: Response };

const now = (ctx: ApiContext) => (ctx.deps.now ? ctx.deps.now() : appNow());

async function signedIn(ctx: ApiContext, request: Request): Promise<SignedInUser | null> {
  const token = readCookie(request.headers.get("cookie"), sessionCookieName(ctx.session.secure));
  return signedInUserFromToken(ctx.db, token, ctx.session, ctx.requestContext, now(ctx));
}

const unauthenticated = () => apiError(401, "unauthenticated", "Sign in to use this.");
const notFound = () => errorToResponse(new NotFoundError());

/**
 * Who is asking: a person by their session cookie, or an agency's system by an
 * API token (Authorization: Bearer), never both at once.
 */
type Caller = { kind: "person"; user: SignedInUser } | { kind: "token"; actor: Actor & { token: NonNullable<Actor["token"]> } };

const instant = (at: Date | undefined) => at?.toISOString() ?? "an earlier date";

/** "Resolve: outcome, agreed actions…" → "resolve": what a refusal says the token may not do. */
const commandWords = (summary: string) => summary.replace(/^./, (c) => c.toLowerCase()).split(/ \(|[:,]/)[0]!;

async function callerOf(ctx: ApiContext, request: Request): Promise<Outcome<Caller>> {
  const bearer = bearerToken(request.headers.get("authorization"));
  if (bearer === null) {
    const user = await signedIn(ctx, request);
    return user ? { ok: true, value: { kind: "person", user } } : { ok: false, response: unauthenticated() };
  }
  if (carriesSessionCookie(request.headers.get("cookie"))) {
    return {
      ok: false,
      response: apiError(400, "invalid_request", "Send either an API token (Authorization: Bearer) or a session cookie, not both.", {
        authorization: "Leave out the session cookie when using an API token.",
      }),
    };
  }
  const result = await authenticateToken(ctx.db, bearer, ctx.tokens ?? DEFAULT_TOKEN_LIMITS, now(ctx));
  if (result.ok) return { ok: true, value: { kind: "token", actor: result.actor } };
  switch (result.reason) {
    case "rate_limited": {
      const response = apiError(
        429,
        "rate_limited",
        `This API token has made more than ${result.limit} requests this minute. Wait ${result.retryAfterSeconds} seconds (Retry-After) and try again.`,
      );
      response.headers.set("Retry-After", String(result.retryAfterSeconds));
      return { ok: false, response };
    }
    case "expired":
      return {
        ok: false,
        response: apiError(401, "unauthenticated", `This API token expired at ${instant(result.at)}. Ask a partnership administrator for a new one.`),
      };
    case "revoked":
      return {
        ok: false,
        response: apiError(401, "unauthenticated", `This API token was revoked at ${instant(result.at)}. Ask a partnership administrator for a new one.`),
      };
    case "unknown":
      return {
        ok: false,
        response: apiError(
          401,
          "unauthenticated",
          "This API token is not recognised. Check it was copied whole, or ask a partnership administrator for a new one.",
        ),
      };
    default: {
      const never: never = result;
      throw new Error(String(never));
    }
  }
}

/** Whether the caller may use a route that an API token needs `permission` for (a person always may: their roles decide). */
const mayUse = (caller: Caller, permission: ApiTokenPermission | undefined): boolean =>
  caller.kind === "person" || (permission !== undefined && caller.actor.token.permissions.includes(permission));

function tokenForbidden(permission: ApiTokenPermission | undefined, what: string): Response {
  return apiError(
    403,
    "forbidden",
    permission
      ? `This API token may not ${what}: it does not have the "${permission}" permission (${TOKEN_PERMISSIONS[permission].label.toLowerCase()}). A partnership administrator can make a token that has it.`
      : `API tokens may not ${what}: a person decides this in Parley.`,
  );
}

/**
 * Listing and raising are open to some roles only; to the others they do not
 * exist (404), as the pages do. A 403 is kept for a dispute the caller can see
 * but may not act on in that way.
 */
const hiddenIfForbidden = (error: unknown) => (error instanceof ForbiddenError ? new NotFoundError("Not found.") : error);

/** The caller's actors: a token's one, or a person's, one per active membership, by partnership id. */
async function actorsOf(ctx: ApiContext, caller: Caller): Promise<Actor[]> {
  if (caller.kind === "token") return [caller.actor];
  const user = caller.user;
  const memberships = user.memberships;
  return memberships
    .map((m) => actorIn(user, memberships, m.partnershipId))
    .filter((a): a is Actor => a !== null)
    .sort((a, b) => (a.partnershipId < b.partnershipId ? -1 : a.partnershipId > b.partnershipId ? 1 : 0));
}

/**
 * The caller as an actor in the partnership the request names (or their only
 * one: a token's is its own), where an API token also needs `permission`
 * (`what` it allows, for the refusal).
 */
async function actorForPartnership(ctx: ApiContext, request: Request, permission: ApiTokenPermission | "any", what: string): Promise<Outcome<Actor>> {
  const who = await callerOf(ctx, request);
  if (!who.ok) return who;
  const caller = who.value;
  let partnershipId = new URL(request.url).searchParams.get("partnership");
  const mine = await actorsOf(ctx, caller);
  if (!partnershipId) {
    if (mine.length !== 1) {
      return {
        ok: false,
        response: apiError(400, "invalid_request", `Say which partnership: add ?partnership= one of ${mine.map((a) => a.partnershipId).join(", ")}.`, {
          partnership: "Required when you belong to more than one partnership.",
        }),
      };
    }
    partnershipId = mine[0]!.partnershipId;
  }
  const actor = mine.find((a) => a.partnershipId === partnershipId);
  if (!actor) return { ok: false, response: notFound() };
  // The token's own partnership: nothing to hide from it by answering 404.
  if (permission !== "any" && !mayUse(caller, permission)) return { ok: false, response: tokenForbidden(permission, what) };
  return { ok: true, value: actor };
}

/**
 * Runs `run` as the caller in each of their partnerships until one can see the
 * dispute. Not found anywhere (or not visible) is a 404 either way. An API
 * token without `permission` gets 403 for a dispute it can see, and the same
 * 404 for one it cannot.
 */
async function inPartnershipOfEscalation(
  ctx: ApiContext,
  request: Request,
  id: string,
  token: { permission: ApiTokenPermission | undefined; what: string },
  run: (actor: Actor, caller: Caller) => Promise<Response>,
): Promise<Response> {
  const who = await callerOf(ctx, request);
  if (!who.ok) return who.response;
  const caller = who.value;
  if (caller.kind === "token" && !mayUse(caller, token.permission)) {
    return (await maySeeEscalation(ctx.db, caller.actor, id, ctx.deps)) ? tokenForbidden(token.permission, token.what) : notFound();
  }
  for (const actor of await actorsOf(ctx, caller)) {
    try {
      return await run(actor, caller);
    } catch (error) {
      if (error instanceof NotFoundError) continue;
      throw error;
    }
  }
  return notFound();
}

function serialiseContext(ctx: ApiContext, partnershipId: string, policyRef?: { id: string; version: string }): SerialiseContext | null {
  const at = now(ctx);
  const policy = policyRef ? ctx.deps.policies.get(policyRef.id, policyRef.version) : ctx.deps.policies.inForce(partnershipId, at);
  if (!policy) return null;
  return { now: at, calendar: ctx.deps.policies.calendarFor(policy), timeZone: policy.timeZone };
}

const commandJson = (partnershipId: string, result: CommandResult) => ({ ...result, links: links(partnershipId, result.id) });

const FILTERS = {
  raisedByMe: "boolean",
  ownedByMe: "boolean",
  myAgency: "boolean",
  raisedByMyAgency: "boolean",
  raisedWithMyAgency: "boolean",
  awaitingOwner: "boolean",
  agencyNotOnParley: "boolean",
  onRegister: "boolean",
  overdue: "boolean",
  stage: "integer",
  stageAtLeast: "integer",
  dueWithinWorkingDays: "integer",
  limit: "integer",
  status: "list",
  routeIds: "list",
  area: "text",
  agencyId: "text",
  unowned: "boolean",
  reference: "text",
  order: "text",
  cursor: "text",
} as const;

/** Query-string filters to the list use case's input; unknown parameters are refused, not ignored. */
function filtersFrom(url: URL): Outcome<Record<string, unknown>> {
  const filters: Record<string, unknown> = {};
  const fields: Record<string, string> = {};
  for (const key of new Set(url.searchParams.keys())) {
    if (key === "partnership") continue;
    const kind = FILTERS[key as keyof typeof FILTERS];
    const value = url.searchParams.get(key)!;
    switch (kind) {
      case "boolean":
        if (value === "true" || value === "false") filters[key] = value === "true";
        else fields[key] = 'Use "true" or "false".';
        break;
      case "integer":
        if (/^\d+$/.test(value)) filters[key] = Number(value);
        else fields[key] = "Use a whole number.";
        break;
      case "list":
        filters[key] = url.searchParams.getAll(key).flatMap((v) => v.split(","));
        break;
      case "text":
        filters[key] = value;
        break;
      case undefined:
        fields[key] = `Unknown parameter. Known: partnership, ${Object.keys(FILTERS).join(", ")}.`;
        break;
      default: {
        const never: never = kind;
        throw new Error(String(never));
      }
    }
  }
  if (Object.keys(fields).length > 0) return { ok: false, response: apiError(400, "invalid_request", "Some query parameters need correcting.", fields) };
  return { ok: true, value: filters };
}

export async function listRoute(ctx: ApiContext, request: Request): Promise<Response> {
  try {
    const badAddress = unsafeAddressResponse(request);
    if (badAddress) return badAddress;
    const who = await actorForPartnership(ctx, request, "read", "list disputes");
    if (!who.ok) return who.response;
    const filters = filtersFrom(new URL(request.url));
    if (!filters.ok) return filters.response;
    const page = await listEscalations(ctx.db, who.value, filters.value, ctx.deps).catch((e: unknown) => {
      throw hiddenIfForbidden(e);
    });
    const sc = serialiseContext(ctx, who.value.partnershipId);
    if (!sc) return apiError(422, "precondition_failed", "Your partnership has no escalation policy in force.");
    return json({ items: page.items.map((i) => summaryJson(i, who.value.partnershipId, sc)), nextCursor: page.nextCursor });
  } catch (error) {
    return errorToResponse(error);
  }
}

/** The partnership's agencies: what a raise names as the responding agency. */
export async function agenciesRoute(ctx: ApiContext, request: Request): Promise<Response> {
  try {
    const badAddress = unsafeAddressResponse(request);
    if (badAddress) return badAddress;
    const who = await actorForPartnership(ctx, request, "any", "list agencies");
    if (!who.ok) return who.response;
    const agencies = await inPartnership(ctx.db, who.value, (tx) =>
      tx.agency.findMany({ where: { partnershipId: who.value.partnershipId }, select: { id: true, name: true, type: true }, orderBy: { name: "asc" } }),
    );
    return json({ items: agencies });
  } catch (error) {
    return errorToResponse(error);
  }
}

export async function raiseRoute(ctx: ApiContext, request: Request): Promise<Response> {
  try {
    const badAddress = unsafeAddressResponse(request);
    if (badAddress) return badAddress;
    const who = await actorForPartnership(ctx, request, "raise", "raise disagreements");
    if (!who.ok) return who.response;
    const body = await readJson(request);
    if (!body.ok) return body.response;
    const result = await raiseEscalation(ctx.db, who.value, body.body, ctx.deps).catch((e: unknown) => {
      throw hiddenIfForbidden(e);
    });
    return json(commandJson(who.value.partnershipId, result), 201, { Location: `/api/v1/escalations/${result.id}` });
  } catch (error) {
    return errorToResponse(error);
  }
}

export async function getRoute(ctx: ApiContext, request: Request, id: string): Promise<Response> {
  try {
    const badAddress = unsafeAddressResponse(request, { id });
    if (badAddress) return badAddress;
    return await inPartnershipOfEscalation(ctx, request, id, { permission: "read", what: "read disputes" }, async (actor, caller) => {
      const view = await getEscalation(ctx.db, actor, id, ctx.deps, ctx.requestContext);
      const sc = serialiseContext(ctx, actor.partnershipId, { id: view.policy.id, version: view.policy.version });
      if (!sc) throw new Error(`Policy ${view.policy.id}@${view.policy.version} is not loaded`);
      const detail = detailJson(view, sc);
      // A token is offered only what its permissions let it do.
      if (caller.kind === "token")
        detail.availableActions = detail.availableActions.filter((a) => mayUse(caller, ACTION_TOKEN_PERMISSION[a.action as ActionName] ?? undefined));
      return json(detail);
    });
  } catch (error) {
    return errorToResponse(error);
  }
}

export async function commandRoute(ctx: ApiContext, request: Request, id: string, command: string): Promise<Response> {
  try {
    const badAddress = unsafeAddressResponse(request, { id, command });
    if (badAddress) return badAddress;
    const spec = commandByPath(command);
    if (!spec) return notFound();
    const body = await readJson(request);
    if (!body.ok) return body.response;
    return await inPartnershipOfEscalation(ctx, request, id, { permission: spec.token, what: commandWords(spec.summary) }, async (actor) => {
      const result = await spec.run(ctx.db, actor, id, body.body, ctx.deps);
      return json(commandJson(actor.partnershipId, result));
    });
  } catch (error) {
    return errorToResponse(error);
  }
}

// --- Escalation contacts (the partnership administrator) ----------------------

const agencyNotFound = () => errorToResponse(new NotFoundError("We could not find that agency."));

/**
 * Runs `run` as the caller in the partnership the agency belongs to, where they
 * must be its administrator. An agency's id is unique across the installation,
 * so it is looked for among the caller's partnerships; an agency they do not
 * administer is a 404, like one that does not exist.
 */
async function asAdministratorOfAgency(ctx: ApiContext, request: Request, agencyId: string, run: (actor: Actor) => Promise<Response>): Promise<Response> {
  const who = await callerOf(ctx, request);
  if (!who.ok) return who.response;
  // An API token administers nothing.
  if (who.value.kind === "token") return agencyNotFound();
  for (const actor of await actorsOf(ctx, who.value)) {
    try {
      await getAgencyContacts(ctx.db, actor, agencyId);
    } catch (error) {
      if (error instanceof NotFoundError) continue;
      throw error;
    }
    return run(actor);
  }
  return agencyNotFound();
}

/** GET /api/v1/agencies/{agencyId}/contacts */
export async function agencyContactsRoute(ctx: ApiContext, request: Request, agencyId: string): Promise<Response> {
  try {
    const badAddress = unsafeAddressResponse(request, { agencyId });
    if (badAddress) return badAddress;
    return await asAdministratorOfAgency(ctx, request, agencyId, async (actor) => json(agencyContactsJson(await getAgencyContacts(ctx.db, actor, agencyId))));
  } catch (error) {
    return errorToResponse(error);
  }
}

/** POST /api/v1/agencies/{agencyId}/contacts: name someone; 201 with the agency's contacts after. */
export async function addAgencyContactRoute(ctx: ApiContext, request: Request, agencyId: string): Promise<Response> {
  try {
    const badAddress = unsafeAddressResponse(request, { agencyId });
    if (badAddress) return badAddress;
    const body = await readJson(request);
    if (!body.ok) return body.response;
    return await asAdministratorOfAgency(ctx, request, agencyId, async (actor) => {
      // The agency is the one in the path, whatever the body says.
      const input = typeof body.body === "object" && body.body !== null && !Array.isArray(body.body) ? { ...body.body, agencyId } : body.body;
      const after = await addAgencyContact(ctx.db, actor, input, ctx.requestContext, now(ctx));
      return json(agencyContactsJson(after), 201, { Location: `/api/v1/agencies/${agencyId}/contacts` });
    });
  } catch (error) {
    return errorToResponse(error);
  }
}

/** POST /api/v1/agencies/{agencyId}/contacts/{userId}/remove: stop naming someone; 200 with the agency's contacts after. */
export async function removeAgencyContactRoute(ctx: ApiContext, request: Request, agencyId: string, userId: string): Promise<Response> {
  try {
    const badAddress = unsafeAddressResponse(request, { agencyId, userId });
    if (badAddress) return badAddress;
    const body = await readJson(request);
    if (!body.ok) return body.response;
    return await asAdministratorOfAgency(ctx, request, agencyId, async (actor) =>
      json(agencyContactsJson(await removeAgencyContact(ctx.db, actor, { agencyId, userId }, ctx.requestContext, now(ctx)))),
    );
  } catch (error) {
    return errorToResponse(error);
  }
}
