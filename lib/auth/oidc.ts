import type { Database } from "../db/connect";
import { asSystem } from "../db/scope";
import { audit, type RequestContext } from "./audit";
import { normaliseEmail } from "./sign-in";

/**
 * Matching a person who signed in with OpenID Connect (Microsoft Entra ID in
 * most councils) to a Parley user. Nobody gets access by signing in: the user
 * must already exist (invited by an administrator) and be active.
 *
 * - A user already linked to this subject (`sub`) is that user.
 * - Otherwise the ID token must carry an e-mail address the identity provider
 *   vouches for (`email_verified`, or Entra's `xms_edov`: the e-mail's domain is
 *   verified in the tenant), which matches an active user not yet linked to a
 *   different subject. The subject is then recorded on the user.
 * Anything else is refused, and the refusal is audited.
 */

export type OidcClaims = Record<string, unknown>;

export type OidcMatch =
  { ok: true; userId: string; linked: boolean } | { ok: false; reason: "no_subject" | "unverified_email" | "no_account" | "inactive" | "linked_elsewhere" };

const isTrue = (value: unknown) => value === true || value === "true" || value === 1 || value === "1";

/** The e-mail address the provider vouches for, lower-case, or null. */
export function verifiedEmail(claims: OidcClaims): string | null {
  const email = typeof claims.email === "string" ? normaliseEmail(claims.email) : "";
  if (!email || !email.includes("@")) return null;
  return isTrue(claims.email_verified) || isTrue(claims.xms_edov) ? email : null;
}

export async function matchOidcUser(db: Database, claims: OidcClaims, context: RequestContext): Promise<OidcMatch> {
  const subject = typeof claims.sub === "string" && claims.sub !== "" ? claims.sub : null;
  const email = verifiedEmail(claims);
  // Installation-level: sign-in bookkeeping, before anyone is signed in.
  return asSystem(db, async (tx) => {
    const refuse = async (reason: Exclude<OidcMatch, { ok: true }>["reason"], userId?: string): Promise<OidcMatch> => {
      await audit(tx, context, [
        {
          type: "sign_in_failed",
          actorId: userId ?? null,
          subjectType: userId ? "user" : undefined,
          subjectId: userId,
          details: {
            method: "oidc",
            reason,
            email: typeof claims.email === "string" ? claims.email.slice(0, 254) : null,
            subject: subject?.slice(0, 200) ?? null,
          },
        },
      ]);
      return { ok: false, reason };
    };
    if (!subject) return refuse("no_subject");

    const linked = await tx.user.findUnique({ where: { oidcSubject: subject }, select: { id: true, active: true } });
    if (linked) return linked.active ? { ok: true, userId: linked.id, linked: false } : refuse("inactive", linked.id);

    if (!email) return refuse("unverified_email");
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, active: true, oidcSubject: true } });
    if (!user) return refuse("no_account");
    if (!user.active) return refuse("inactive", user.id);
    if (user.oidcSubject !== null) return refuse("linked_elsewhere", user.id);
    const { count } = await tx.user.updateMany({ where: { id: user.id, oidcSubject: null }, data: { oidcSubject: subject } });
    if (count !== 1) return refuse("linked_elsewhere", user.id);
    return { ok: true, userId: user.id, linked: true };
  });
}

/** The user a linked subject belongs to (after matchOidcUser accepted it). */
export async function userIdForSubject(db: Database, subject: string): Promise<string | null> {
  // Installation-level: sign-in bookkeeping.
  const user = await asSystem(db, (tx) => tx.user.findUnique({ where: { oidcSubject: subject }, select: { id: true, active: true } }));
  return user?.active ? user.id : null;
}
