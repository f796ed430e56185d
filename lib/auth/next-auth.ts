import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { config, type Config } from "../config";
import type { Database } from "../db/connect";
import { getDatabase } from "../db/client";
import type { RequestContext } from "./audit";
import { matchOidcUser, userIdForSubject, type OidcClaims } from "./oidc";
import { readCookie, sessionCookieName, sessionIdFromToken } from "./request-auth";
import { authSecret } from "./secret";
import { endSession, startSession, validateSession, type SignInMethod } from "./sessions";
import { signInWithPassword } from "./sign-in";

/**
 * next-auth (v4) configuration, built per request so the callbacks know the
 * request's address and browser for the audit trail.
 *
 * next-auth handles the sign-in protocols (its CSRF token, the OpenID Connect
 * redirect, state, PKCE and nonce checks) and the cookie. Parley keeps the
 * session: on sign-in the `jwt` callback opens a row in our Session table and
 * the token carries its id (`{ sid }`) and nothing else; every later use of the
 * token re-checks that row (lib/auth/sessions.ts).
 *
 * Server code only (it reaches the database); free of next/headers, so the
 * callbacks are tested as plain functions.
 */

export const OIDC_PROVIDER_ID = "oidc";

type OidcProfile = { sub: string; email?: string; name?: string } & OidcClaims;

/**
 * next-auth works out its own URL from NEXTAUTH_URL, or from the request's
 * forwarded host when AUTH_TRUST_HOST is set. Parley's PARLEY_URL is the former;
 * without it, the host the request was addressed to.
 */
export function prepareNextAuthEnvironment(c: Config = config()): void {
  if (c.publicUrl) process.env.NEXTAUTH_URL ??= c.publicUrl;
  else process.env.AUTH_TRUST_HOST ??= "true";
}

/**
 * `cookieHeader` is the request's Cookie header, from the route handler. Signing
 * in on a browser that still holds a session cookie ends that earlier session
 * (docs/decisions/0006). next-auth hands the request to `authorize`, so password
 * sign-in finds the cookie there too; OpenID Connect's callbacks never see the
 * request, so for it only `cookieHeader` carries the earlier cookie.
 */
export function authOptions(
  context: RequestContext,
  c: Config = config(),
  openDatabase: () => Promise<Database> = getDatabase,
  cookieHeader: string | null = null,
): AuthOptions {
  const secret = authSecret(c);
  const rules = c.session;
  const cookieName = sessionCookieName(c.secureCookies);
  // Options are built per request: this is that request's session cookie, if any.
  let earlierToken = readCookie(cookieHeader, cookieName);

  const providers: AuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email address", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const header: unknown = request?.headers?.cookie;
        earlierToken ??= readCookie(typeof header === "string" ? header : null, cookieName);
        const result = await signInWithPassword(
          await openDatabase(),
          { email: String(credentials?.email ?? ""), password: String(credentials?.password ?? "") },
          context,
        );
        // Whatever the reason, next-auth reports one error (CredentialsSignin): one message for every failure.
        return result.ok ? result.user : null;
      },
    }),
  ];
  if (c.oidc) {
    const oidc: OAuthConfig<OidcProfile> = {
      id: OIDC_PROVIDER_ID,
      name: c.oidc.displayName,
      type: "oauth",
      wellKnown: `${c.oidc.issuer}/.well-known/openid-configuration`,
      clientId: c.oidc.clientId,
      clientSecret: c.oidc.clientSecret,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state", "nonce"],
      profile: (profile) => ({ id: profile.sub, name: profile.name ?? null, email: profile.email ?? null }),
    };
    providers.push(oidc);
  }

  return {
    secret,
    providers,
    session: { strategy: "jwt", maxAge: Math.round(rules.maxHours * 3600) },
    jwt: { maxAge: Math.round(rules.maxHours * 3600) },
    useSecureCookies: c.secureCookies,
    cookies: {
      sessionToken: {
        name: cookieName,
        options: { httpOnly: true, sameSite: "lax", path: "/", secure: c.secureCookies },
      },
    },
    pages: { signIn: "/sign-in", error: "/sign-in", signOut: "/sign-in" },
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const match = await matchOidcUser(await openDatabase(), (profile ?? {}) as OidcClaims, context);
        return match.ok;
      },
      async jwt({ token, user, account, trigger }) {
        if (trigger === "signIn" || trigger === "signUp") {
          const method: SignInMethod = account?.provider === OIDC_PROVIDER_ID ? "oidc" : "password";
          const userId = method === "oidc" ? await userIdForSubject(await openDatabase(), String(account?.providerAccountId ?? "")) : user?.id;
          if (!userId) throw new Error("No Parley user for this sign-in");
          // The session this browser signed in with before, if its cookie is still ours: it ends now.
          const earlier = await sessionIdFromToken(earlierToken, secret);
          earlierToken = undefined;
          const sid = await startSession(await openDatabase(), userId, method, context, rules, undefined, earlier);
          return { sid };
        }
        if (typeof token.sid !== "string") throw new Error("Not a Parley session token");
        return { sid: token.sid };
      },
      async session({ session, token }) {
        const user = typeof token.sid === "string" ? await validateSession(await openDatabase(), token.sid, context, rules) : null;
        // Throwing here makes next-auth clear the cookie and answer "no session".
        if (!user) throw new SessionEndedError();
        return { expires: session.expires, user: { name: user.name, email: user.email } };
      },
      redirect({ url, baseUrl }) {
        // Only Parley's own pages, as a path: never another site.
        if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\")) return `${baseUrl}${url}`;
        try {
          if (new URL(url).origin === baseUrl) return url;
        } catch {
          // not a URL: fall through
        }
        return baseUrl;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(await openDatabase(), token.sid, "signed_out", context);
      },
    },
    logger: {
      error(code, metadata) {
        const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown })?.error;
        if (error instanceof SessionEndedError) return; // an ended session is routine, not an error
        // The reason only (e.g. an unreachable OIDC_ISSUER): never tokens or profiles.
        const reason = error instanceof Error ? error.message : typeof metadata?.message === "string" ? metadata.message : "";
        const provider = (metadata as { providerId?: unknown })?.providerId;
        console.error(`[next-auth] ${code}${provider ? ` (${String(provider)})` : ""}${reason ? `: ${reason}` : ""}`);
      },
      warn(code) {
        console.warn(`[next-auth] ${code}`);
      },
      debug() {},
    },
  };
}

class SessionEndedError extends Error {
  constructor() {
    super("Session ended");
    this.name = "SessionEndedError";
  }
}
