import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "../../../proxy";

const request = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
  new NextRequest(new URL(path, "http://localhost:3000"), { method: init.method ?? "GET", headers: { host: "localhost:3000", ...init.headers } });

describe("proxy.ts", () => {
  it("refuses a cross-origin POST to the API with a 403 and the JSON error shape", async () => {
    const response = proxy(request("/api/anything", { method: "POST", headers: { origin: "https://evil.example" } }));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: "csrf", message: expect.any(String), fields: {} } });
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });

  it("refuses a cross-origin form post to a page with a plain 403", async () => {
    const response = proxy(request("/p/torbay", { method: "POST", headers: { origin: "https://evil.example" } }));
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
  });

  it("lets a same-origin POST through, and a token-bearing one without Origin", () => {
    expect(proxy(request("/api/auth/sign-out", { method: "POST", headers: { origin: "http://localhost:3000" } })).headers.get("x-middleware-next")).toBe("1");
    const withToken = request("/api/x", { method: "DELETE", headers: { "x-csrf-token": "tok-123", cookie: "parley-csrf=tok-123" } });
    expect(proxy(withToken).headers.get("x-middleware-next")).toBe("1");
    expect(proxy(request("/api/x", { method: "DELETE", headers: { cookie: "parley-csrf=tok-123" } })).status).toBe(403);
  });

  it("puts a fresh nonce in the CSP of every response and passes it to the page", () => {
    const a = proxy(request("/sign-in"));
    const b = proxy(request("/sign-in"));
    const csp = a.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toBe(b.headers.get("content-security-policy"));
    expect(a.headers.get("x-middleware-request-x-nonce")).toBe(/'nonce-([^']+)'/.exec(csp)![1]);
    expect(a.headers.get("x-middleware-request-x-parley-path")).toBe("/sign-in");
    expect(a.headers.get("referrer-policy")).toBe("same-origin");
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("issues the parley-csrf cookie on a GET without one, readable by scripts and SameSite=Strict", () => {
    const cookie = proxy(request("/")).headers.get("set-cookie")!;
    expect(cookie).toMatch(/^parley-csrf=[A-Za-z0-9_-]{43}; Path=\/; SameSite=strict$/i);
    expect(proxy(request("/", { headers: { cookie: "parley-csrf=abc" } })).headers.get("set-cookie")).toBeNull();
  });

  it("lets an API token's POST through without Origin or CSRF token, and sets no cookie on its GET", () => {
    const post = proxy(request("/api/v1/escalations", { method: "POST", headers: { authorization: "Bearer parley_x" } }));
    expect(post.headers.get("x-middleware-next")).toBe("1");
    const get = proxy(request("/api/v1/escalations", { headers: { authorization: "Bearer parley_x" } }));
    expect(get.headers.get("set-cookie")).toBeNull();
    // Only the JSON API reads tokens: a page's form post still needs its CSRF check.
    expect(proxy(request("/p/torbay/admin/api-tokens/new", { method: "POST", headers: { authorization: "Bearer parley_x" } })).status).toBe(403);
  });
});
