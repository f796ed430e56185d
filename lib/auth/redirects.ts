/**
 * Where to send someone around signing in. Only paths on this site are ever
 * followed, so a crafted link cannot bounce a user to another site.
 */

/** The request header proxy.ts sets to the request's path and query, for sign-in's `next`. */
export const PATH_HEADER = "x-parley-path";

/** A relative path on this site, safe to go to after signing in. */
export function safeNextPath(value: string | null | undefined): value is string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return false;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return false;
  if (value === "/sign-in" || value.startsWith("/sign-in?") || value.startsWith("/sign-in/")) return false;
  return !value.startsWith("/api/") && !value.startsWith("/set-password");
}

/** After signing in: where they were going, or the partnership chooser (which goes straight on when there is one). */
export function afterSignIn(next: string | null | undefined): string {
  return safeNextPath(next) ? next : "/p";
}

export function signInUrl(next?: string | null): string {
  return safeNextPath(next) ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in";
}

/** A dynamic route segment as text; a malformed escape is left as it is rather than failing the request. */
export function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * A 303 to a path on this site, with a relative Location: the browser stays on
 * the host it used, whatever address the server knows itself by.
 */
export function seeOther(path: string): Response {
  if (!path.startsWith("/") || path.startsWith("//")) throw new Error(`seeOther takes a path on this site, not ${JSON.stringify(path)}`);
  return new Response(null, { status: 303, headers: { Location: path, "Cache-Control": "no-store" } });
}
