/**
 * A request that carries an API token: which token, who it acts as, and whether
 * it is within its rate limit, in one statement on the token's row
 * (docs/decisions/0011-api-tokens.md).
 *
 * Like a session, the token is looked up before anyone knows whose it is, so
 * this is installation-level bookkeeping (asSystem). Everything the request then
 * does runs as the token's actor in the token's partnership, under the same
 * row-level security as a person.
 *
 * The rate limit is a fixed window per token: the minute being counted and the
 * requests in it so far live on the token's row, so every instance behind the
 * load balancer counts against the same limit and a restart forgets nothing.
 */
import { appNow } from "../clock";
import { DEFAULT_API_TOKEN_REQUESTS_PER_MINUTE } from "../config";
import type { Database } from "../db/connect";
import type { ApiTokenPermission } from "../db/generated/enums";
import { asSystem } from "../db/scope";
import type { Actor } from "./actor";
import { hashToken, looksLikeToken, retryAfterSeconds, windowStart } from "./api-tokens";
import { tokenRoles } from "./permissions";

export type TokenLimits = { requestsPerMinute: number };

export const DEFAULT_TOKEN_LIMITS: TokenLimits = { requestsPerMinute: DEFAULT_API_TOKEN_REQUESTS_PER_MINUTE };

/** lastUsedAt moves at most this often, as a session's lastSeenAt does. */
export const LAST_USED_INTERVAL_MS = 60_000;

export type TokenRefusal = "unknown" | "expired" | "revoked";

export type TokenAuthResult =
  | { ok: true; actor: Actor & { token: NonNullable<Actor["token"]> } }
  | { ok: false; reason: TokenRefusal; at?: Date }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number; limit: number };

type Row = {
  id: string;
  partnershipId: string;
  agencyId: string;
  userId: string;
  permissions: ApiTokenPermission[];
  windowCount: number;
  name: string;
  email: string;
};

/**
 * The token's actor, or why not. Counts the request in the token's current
 * window whether or not it is then let through: a client that keeps sending
 * while refused stays refused until the window ends.
 */
export async function authenticateToken(
  db: Database,
  token: string,
  limits: TokenLimits = DEFAULT_TOKEN_LIMITS,
  now: Date = appNow(),
): Promise<TokenAuthResult> {
  if (!looksLikeToken(token)) return { ok: false, reason: "unknown" };
  const hash = hashToken(token);
  const window = windowStart(now);
  const touchBefore = new Date(now.getTime() - LAST_USED_INTERVAL_MS);
  // Installation-level: the token is found before anyone knows whose it is.
  return asSystem(db, async (tx) => {
    const [row] = await tx.$queryRaw<Row[]>`
      UPDATE "ApiToken" t SET
        "windowStartedAt" = ${window}::timestamptz,
        "windowCount" = CASE WHEN t."windowStartedAt" = ${window}::timestamptz THEN t."windowCount" + 1 ELSE 1 END,
        "lastUsedAt" = CASE WHEN t."lastUsedAt" IS NULL OR t."lastUsedAt" <= ${touchBefore}::timestamptz THEN ${now}::timestamptz ELSE t."lastUsedAt" END
      FROM "User" u
      WHERE t."secretHash" = ${hash} AND u.id = t."userId" AND t."revokedAt" IS NULL AND t."expiresAt" > ${now}::timestamptz
      RETURNING t.id, t."partnershipId", t."agencyId", t."userId", t.permissions::text[] AS permissions, t."windowCount", u.name, u.email`;
    if (!row) {
      // Why not, for the message: the caller holds the token, so this tells them nothing new.
      const known = await tx.apiToken.findUnique({ where: { secretHash: hash }, select: { revokedAt: true, expiresAt: true } });
      if (!known) return { ok: false, reason: "unknown" };
      return known.revokedAt ? { ok: false, reason: "revoked", at: known.revokedAt } : { ok: false, reason: "expired", at: known.expiresAt };
    }
    if (row.windowCount > limits.requestsPerMinute) {
      return { ok: false, reason: "rate_limited", retryAfterSeconds: retryAfterSeconds(window, now), limit: limits.requestsPerMinute };
    }
    const permissions = row.permissions;
    return {
      ok: true,
      actor: {
        userId: row.userId,
        name: row.name,
        email: row.email,
        partnershipId: row.partnershipId,
        agencyId: row.agencyId,
        roles: tokenRoles(permissions),
        token: { id: row.id, permissions },
      },
    };
  });
}
