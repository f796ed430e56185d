/**
 * A partnership administrator keeping the API tokens of their partnership's
 * agencies: make one (shown once, stored as its SHA-256), list them with when
 * each was last used, revoke one. Each change and its audit event are written
 * in one transaction (docs/decisions/0011-api-tokens.md).
 *
 * Each token acts as a system account of its own: a User row marked
 * systemAccount, never active (so no way of signing in accepts it) and never a
 * member of anything (so no list of people, contacts or notice recipients ever
 * includes it). Its name is what the dispute history shows as the actor.
 */
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { audit, type RequestContext } from "../auth/audit";
import { expiryOf, hashToken, newToken, shownPrefix } from "../auth/api-tokens";
import { can, TOKEN_PERMISSION_IDS } from "../auth/permissions";
import { appNow } from "../clock";
import type { Database } from "../db/connect";
import type { ApiTokenPermission } from "../db/generated/enums";
import { inPartnership, type PartnershipTx } from "../db/scope";
import { NotFoundError, PreconditionError, ValidationError } from "../errors";
import { uuidv7 } from "../escalations/ids";
import { parseInput } from "../escalations/schemas";

export const TOKEN_NAME_MAX = 100;

/** The system account's name: what the dispute history shows as the actor. */
export const actorNameOf = (tokenName: string) => `${tokenName} (API token)`;

/** A system account's address: on the reserved .invalid domain, so no mail server would ever deliver to it. */
const systemEmail = (tokenId: string) => `api-token-${tokenId}@api-tokens.parley.invalid`;

export const CreateApiTokenInput = z.strictObject({
  name: z
    .string({ error: "Enter a name for the token." })
    .trim()
    .min(1, { error: "Enter a name for the token." })
    .max(TOKEN_NAME_MAX, { error: `Enter a name of ${TOKEN_NAME_MAX} characters or fewer.` }),
  agencyId: z.uuid({ error: "Choose the agency whose system will use it." }),
  permissions: z
    .array(z.enum(TOKEN_PERMISSION_IDS as [ApiTokenPermission, ...ApiTokenPermission[]]), { error: "Choose at least one thing the token may do." })
    .min(1, { error: "Choose at least one thing the token may do." })
    .transform((chosen) => TOKEN_PERMISSION_IDS.filter((p) => chosen.includes(p))),
  /** The last day it works, in the partnership's time zone ("2027-06-03"). */
  expiresOn: z.string({ error: "Enter the date the token expires" }).min(1, { error: "Enter the date the token expires" }),
});
export type CreateApiTokenInput = z.input<typeof CreateApiTokenInput>;

export type TokenStatus = "active" | "expired" | "revoked";

export type ApiTokenSummary = {
  id: string;
  name: string;
  agencyId: string;
  agencyName: string;
  permissions: ApiTokenPermission[];
  /** Its first characters ("parley_Ab3dE"), to tell it apart. */
  prefix: string;
  createdAt: Date;
  createdByName: string | null;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedByName: string | null;
  lastUsedAt: Date | null;
  status: TokenStatus;
  /** The system account it acts as. */
  actorId: string;
};

export type CreatedApiToken = { id: string; token: string; prefix: string; expiresAt: Date };

function requireTokenManager(actor: Actor): void {
  // Seen from outside, a page the actor may not use does not exist.
  if (!can(actor, "tokens.manage")) throw new NotFoundError("We could not find that page.");
}

export const statusOf = (t: { revokedAt: Date | null; expiresAt: Date }, now: Date): TokenStatus =>
  t.revokedAt ? "revoked" : t.expiresAt.getTime() <= now.getTime() ? "expired" : "active";

/**
 * Makes a token for one agency of the actor's partnership. The token is in the
 * result and nowhere else: only its hash is stored. `timeZone` is the
 * partnership's, in which `expiresOn` is its last day.
 */
export async function createApiToken(
  db: Database,
  actor: Actor,
  input: unknown,
  context: RequestContext,
  timeZone: string,
  now: Date = appNow(),
): Promise<CreatedApiToken> {
  requireTokenManager(actor);
  const cmd = parseInput(CreateApiTokenInput, input);
  const expiry = expiryOf(cmd.expiresOn, now, timeZone);
  if (!expiry.ok) throw ValidationError.field("expiresOn", expiry.message);
  const token = newToken();
  const id = uuidv7(now.getTime());
  return inPartnership(db, actor, async (tx) => {
    const agency = await tx.agency.findFirst({ where: { id: cmd.agencyId, partnershipId: actor.partnershipId }, select: { id: true, name: true } });
    if (!agency) throw ValidationError.field("agencyId", "Choose one of this partnership's agencies.");
    const user = await tx.user.create({
      data: { email: systemEmail(id), name: actorNameOf(cmd.name), active: false, systemAccount: true, createdAt: now },
      select: { id: true },
    });
    await tx.apiToken.create({
      data: {
        id,
        partnershipId: actor.partnershipId,
        agencyId: agency.id,
        userId: user.id,
        name: cmd.name,
        permissions: cmd.permissions,
        secretHash: hashToken(token),
        prefix: shownPrefix(token),
        createdAt: now,
        createdById: actor.userId,
        expiresAt: expiry.expiresAt,
      },
      select: { id: true },
    });
    await audit(tx, context, [
      {
        type: "api_token_created",
        at: now,
        partnershipId: actor.partnershipId,
        actorId: actor.userId,
        subjectType: "api_token",
        subjectId: id,
        details: {
          name: cmd.name,
          agencyId: agency.id,
          agencyName: agency.name,
          permissions: cmd.permissions,
          expiresAt: expiry.expiresAt.toISOString(),
          prefix: shownPrefix(token),
          actorUserId: user.id,
        },
      },
    ]);
    return { id, token, prefix: shownPrefix(token), expiresAt: expiry.expiresAt };
  });
}

type TokenRow = {
  id: string;
  name: string;
  agencyId: string;
  agency: { name: string };
  permissions: ApiTokenPermission[];
  prefix: string;
  createdAt: Date;
  createdById: string | null;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedById: string | null;
  lastUsedAt: Date | null;
  userId: string;
};

const SUMMARY = {
  id: true,
  name: true,
  agencyId: true,
  agency: { select: { name: true } },
  permissions: true,
  prefix: true,
  createdAt: true,
  createdById: true,
  expiresAt: true,
  revokedAt: true,
  revokedById: true,
  lastUsedAt: true,
  userId: true,
} as const;

function summaries(rows: TokenRow[], names: Map<string, string>, now: Date): ApiTokenSummary[] {
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    agencyId: r.agencyId,
    agencyName: r.agency.name,
    permissions: TOKEN_PERMISSION_IDS.filter((p) => r.permissions.includes(p)),
    prefix: r.prefix,
    createdAt: r.createdAt,
    createdByName: r.createdById ? (names.get(r.createdById) ?? null) : null,
    expiresAt: r.expiresAt,
    revokedAt: r.revokedAt,
    revokedByName: r.revokedById ? (names.get(r.revokedById) ?? null) : null,
    lastUsedAt: r.lastUsedAt,
    status: statusOf(r, now),
    actorId: r.userId,
  }));
}

async function namesOf(tx: PartnershipTx, rows: TokenRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((r) => [r.createdById, r.revokedById]).filter((id): id is string => id !== null))];
  const users = ids.length > 0 ? await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  return new Map(users.map((u) => [u.id, u.name]));
}

/** Every token of the partnership: active ones first (soonest to expire first), then expired and revoked ones, newest first. */
export async function listApiTokens(db: Database, actor: Actor, now: Date = appNow()): Promise<ApiTokenSummary[]> {
  requireTokenManager(actor);
  return inPartnership(db, actor, async (tx) => {
    const rows = await tx.apiToken.findMany({ where: { partnershipId: actor.partnershipId }, select: SUMMARY, orderBy: { createdAt: "desc" } });
    const all = summaries(rows, await namesOf(tx, rows), now);
    const active = all.filter((t) => t.status === "active").sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime());
    return [...active, ...all.filter((t) => t.status !== "active")];
  });
}

/** One token of the partnership, or NotFoundError. */
export async function getApiToken(db: Database, actor: Actor, tokenId: string, now: Date = appNow()): Promise<ApiTokenSummary> {
  requireTokenManager(actor);
  if (!z.uuid().safeParse(tokenId).success) throw new NotFoundError("We could not find that API token.");
  return inPartnership(db, actor, async (tx) => {
    const row = await tx.apiToken.findFirst({ where: { id: tokenId, partnershipId: actor.partnershipId }, select: SUMMARY });
    if (!row) throw new NotFoundError("We could not find that API token.");
    return summaries([row], await namesOf(tx, [row]), now)[0]!;
  });
}

/**
 * The one time its creator's page may show the token: true the first time it
 * is asked for a token this actor made, false ever after. The token travels to
 * that page in a short-lived cookie; this makes a second showing (a reload, a
 * back button) show nothing.
 */
export async function claimShowing(db: Database, actor: Actor, tokenId: string, now: Date = appNow()): Promise<boolean> {
  requireTokenManager(actor);
  return inPartnership(db, actor, async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { id: tokenId, partnershipId: actor.partnershipId, createdById: actor.userId, shownAt: null },
      data: { shownAt: now },
    });
    return count === 1;
  });
}

/** Revokes a token at once: its next request is refused with 401. Revoking twice is refused (422). */
export async function revokeApiToken(db: Database, actor: Actor, tokenId: string, context: RequestContext, now: Date = appNow()): Promise<ApiTokenSummary> {
  requireTokenManager(actor);
  if (!z.uuid().safeParse(tokenId).success) throw new NotFoundError("We could not find that API token.");
  return inPartnership(db, actor, async (tx) => {
    const row = await tx.apiToken.findFirst({ where: { id: tokenId, partnershipId: actor.partnershipId }, select: { id: true, name: true, revokedAt: true } });
    if (!row) throw new NotFoundError("We could not find that API token.");
    const { count } = await tx.apiToken.updateMany({ where: { id: row.id, revokedAt: null }, data: { revokedAt: now, revokedById: actor.userId } });
    if (count === 0) throw new PreconditionError("This token has already been revoked.");
    await audit(tx, context, [
      {
        type: "api_token_revoked",
        at: now,
        partnershipId: actor.partnershipId,
        actorId: actor.userId,
        subjectType: "api_token",
        subjectId: row.id,
        details: { name: row.name },
      },
    ]);
    const after = await tx.apiToken.findFirstOrThrow({ where: { id: row.id }, select: SUMMARY });
    return summaries([after], await namesOf(tx, [after]), now)[0]!;
  });
}
