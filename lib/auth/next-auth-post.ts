import NextAuth, { type AuthOptions } from "next-auth";
import { NextResponse } from "next/server";

/**
 * Hands a sign-in form to next-auth in-process, as a browser's own post to
 * /api/auth/… would reach it, so that the sign-in page works without
 * JavaScript while signing in stays next-auth's: the same options
 * (lib/auth/next-auth.ts), the same `authorize` and `jwt` callbacks, and so the
 * same session row (lib/auth/sessions.ts) and cookie.
 *
 * next-auth checks a CSRF token of its own on these posts: a token in the body
 * that matches its csrf-token cookie. A page cannot set that cookie before the
 * first post (a server component sets no cookies), so the post asks next-auth
 * for its token first, as next-auth's own client script does, and sends it on.
 * Against cross-site posts the sign-in form has what every other form of
 * Parley has: the proxy refuses a state-changing request from another origin
 * (lib/auth/csrf.ts), and Next.js checks a server action's Origin as well.
 *
 * It uses next-auth's documented `NextAuth(req, res, options)` entry with plain
 * objects, which takes the request's cookies and headers as given (the route
 * handler form reads them from next/headers), so it runs in a server action and
 * in tests alike. Server code only, free of next/headers.
 */

export type ResponseCookie = ReturnType<NextResponse["cookies"]["getAll"]>[number];

/** The browser's request as next-auth needs it: its headers (lower-case names) and its cookies. */
export type BrowserRequest = { headers: Record<string, string>; cookies: Record<string, string> };

/** next-auth's answer: its status, the address it sends the browser to, and the cookies to set. */
export type NextAuthAnswer = { status: number; url: string | null; cookies: ResponseCookie[] };

/**
 * Posts to next-auth's `callback/credentials` (email and password) or
 * `signin/<provider>` (OpenID Connect), with next-auth's CSRF token, and returns
 * its answer; the caller sets the cookies on its response and decides where to go.
 */
export async function postToNextAuth(
  options: AuthOptions,
  request: BrowserRequest,
  target: { action: "callback" | "signin"; provider: string },
  fields: Record<string, string>,
): Promise<NextAuthAnswer> {
  const csrf = await call(options, request, "GET", ["csrf"]);
  const token = (csrf.body as { csrfToken?: unknown } | undefined)?.csrfToken;
  const cookies = { ...request.cookies };
  for (const cookie of csrf.cookies) cookies[cookie.name] = cookie.value;
  const answer = await call(options, { ...request, cookies }, "POST", [target.action, target.provider], {
    ...fields,
    csrfToken: typeof token === "string" ? token : "",
    // Answer with the address as JSON rather than a 302: the caller decides where the browser goes.
    json: "true",
  });
  const url = (answer.body as { url?: unknown } | undefined)?.url;
  return { status: answer.status, url: typeof url === "string" ? url : null, cookies: [...csrf.cookies, ...answer.cookies] };
}

type Answer = { status: number; body: unknown; cookies: ResponseCookie[] };

/** One request to next-auth's handler, collecting what it writes to the response. */
async function call(options: AuthOptions, request: BrowserRequest, method: "GET" | "POST", path: string[], body?: Record<string, string>): Promise<Answer> {
  let status = 200;
  let payload: unknown;
  let setCookie: string[] = [];
  const res = {
    status(code: number) {
      status = code;
      return res;
    },
    getHeader(name: string) {
      return name.toLowerCase() === "set-cookie" ? [...setCookie] : undefined;
    },
    setHeader(name: string, value: string | string[]) {
      if (name.toLowerCase() === "set-cookie") setCookie = [value].flat();
      return res;
    },
    json(value: unknown) {
      payload = value;
    },
    send(value: unknown) {
      payload = value;
    },
    end() {},
  };
  const req = { method, query: { nextauth: path }, headers: request.headers, cookies: request.cookies, body };
  await (NextAuth as unknown as (req: unknown, res: unknown, options: AuthOptions) => Promise<unknown>)(req, res, options);
  return { status, body: payload, cookies: parseSetCookie(setCookie) };
}

/** Set-Cookie lines as cookies with their attributes (Next.js's own parser), ready for cookies().set. */
function parseSetCookie(lines: string[]): ResponseCookie[] {
  const headers = new Headers();
  for (const line of lines) headers.append("set-cookie", line);
  return new NextResponse(null, { headers }).cookies.getAll();
}
