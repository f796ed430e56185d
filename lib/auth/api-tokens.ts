/**
 * API tokens, the pure parts: what a token looks like, how it is stored, how a
 * request carries it, its expiry and its rate limit's window
 * (docs/decisions/0011-api-tokens.md). The database side is
 * lib/auth/api-token-auth.ts (each request) and lib/api-tokens/admin.ts (the
 * administrator's pages).
 */
import { createHash, randomBytes } from "node:crypto";
import { civilFromDays, dayFromIso, daysFromCivil, formatDayLong, isIsoDate, isoFromDay } from "../calendar/days";
import { ZoneClock } from "../calendar/time-zone";

/** Every token starts with this, so that secret scanners and people can tell one at a glance. */
export const TOKEN_PREFIX = "parley_";

/** How many characters of a token the administrator's pages show (the prefix and five more). */
export const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 5;

/** A new token: 32 random bytes (256 bits), base64url, after the prefix. */
export function newToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

/**
 * What is stored: the token's SHA-256, hex. The token is 256 random bits, so a
 * fast hash is enough (nothing to guess, unlike a password); a lookup by it is
 * one unique index probe.
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export const shownPrefix = (token: string): string => token.slice(0, SHOWN_PREFIX_LENGTH);

/** Only tokens of the right shape are looked up: anything else is unknown without a query. */
export const looksLikeToken = (token: string): boolean => /^parley_[A-Za-z0-9_-]{43}$/.test(token);

/**
 * The token an Authorization header carries: null when there is no header or it
 * is not the Bearer scheme (the request is then a person's, by session cookie);
 * "" when it says Bearer but carries nothing usable.
 */
export function bearerToken(authorization: string | null): string | null {
  if (authorization === null) return null;
  const match = /^\s*bearer(?:\s+(.*))?$/i.exec(authorization);
  if (!match) return null;
  return (match[1] ?? "").trim();
}

/** The session cookie's two names (lib/auth/request-auth.ts sessionCookieName). */
const SESSION_COOKIES = ["parley.session", "__Host-parley.session"];

/** Whether a Cookie header carries a Parley session: a request may not be both a person's and a token's. */
export function carriesSessionCookie(cookieHeader: string | null): boolean {
  if (!cookieHeader) return false;
  return cookieHeader.split(";").some((part) => SESSION_COOKIES.includes(part.slice(0, part.indexOf("=") < 0 ? undefined : part.indexOf("=")).trim()));
}

// ---- Expiry ----

/** A token works for at most a year: then someone decides again whether the system still needs it. */
export const MAX_TOKEN_YEARS = 1;

export type ExpiryDecision = { ok: true; expiresAt: Date; lastDay: string } | { ok: false; message: string };

/** The latest last day a token made on `today` may have: the same date a year later (28 February for 29 February). */
export function latestLastDay(today: string): string {
  const days = dayFromIso(today);
  const c = civilFromDays(days);
  const year = c.year + MAX_TOKEN_YEARS;
  const last = c.month === 2 && c.day === 29 ? daysFromCivil(year, 2, 28) : daysFromCivil(year, c.month, c.day);
  return isoFromDay(last);
}

/**
 * A token works until the end of `lastDay` in the partnership's time zone:
 * that day must be after today and no more than a year away.
 */
export function expiryOf(lastDay: string, now: Date, timeZone: string): ExpiryDecision {
  if (!isIsoDate(lastDay)) return { ok: false, message: "Enter the date the token expires" };
  const zone = ZoneClock.for(timeZone);
  const today = isoFromDay(zone.localDay(now.getTime()));
  if (lastDay <= today) return { ok: false, message: "Date the token expires must be after today" };
  const latest = latestLastDay(today);
  if (lastDay > latest) return { ok: false, message: `Date the token expires must be no later than ${formatDayLong(dayFromIso(latest))}` };
  const expiresAt = new Date(zone.instantAt(dayFromIso(lastDay) + 1, 0));
  return { ok: true, expiresAt, lastDay };
}

// ---- Rate limit ----

export const RATE_WINDOW_MS = 60_000;

/** The fixed window (one clock minute) an instant falls in. */
export function windowStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / RATE_WINDOW_MS) * RATE_WINDOW_MS);
}

/** Whole seconds until the window ends and the count starts again (at least 1): the Retry-After header. */
export function retryAfterSeconds(window: Date, now: Date): number {
  return Math.max(1, Math.ceil((window.getTime() + RATE_WINDOW_MS - now.getTime()) / 1000));
}
