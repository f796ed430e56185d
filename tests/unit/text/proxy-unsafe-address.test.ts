import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "../../../proxy";

const request = (path: string, method = "GET") =>
  new NextRequest(new URL(path, "http://localhost:3000"), { method, headers: { host: "localhost:3000", origin: "http://localhost:3000" } });

/** proxy.ts refuses an address Parley cannot use before any page or handler runs: 400, never a 500 further in. */
describe("proxy.ts: addresses with characters Parley cannot use", () => {
  it("answers the API with a 400 in its error shape naming the query parameter", async () => {
    const response = proxy(request("/api/v1/escalations?partnership=torbay%00"));
    expect(response.status).toBe(400);
    expect(response.headers.get("x-middleware-next")).toBeNull();
    expect(response.headers.get("cache-control")).toBe("no-store");
    const message = 'The query parameter "partnership" in the address contains a character Parley cannot use (a null character). Remove it and try again.';
    expect(await response.json()).toEqual({ error: { code: "invalid_request", message, fields: { partnership: message } } });

    const area = proxy(request("/api/v1/escalations?partnership=torbay&area=%00"));
    expect(area.status).toBe(400);
    expect(((await area.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty("area");
  });

  it("answers a page with a plain HTML 400 that says what is wrong, with the security headers", async () => {
    for (const path of ["/p/torbay%00", "/p/torbay?area=%00", "/p/torbay%E0%A4%A", "/p/torbay/disputes/%ED%A0%80", "/p/torbay?partnership=a%0Ab"]) {
      const response = proxy(request(path));
      expect(response.status, path).toBe(400);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("content-security-policy")).toMatch(/default-src/);
      const html = await response.text();
      expect(html).toContain('<html lang="en-GB">');
      expect(html).toContain("<h1>There is a problem with the page address</h1>");
      expect(html).toMatch(/contains a character Parley cannot use \((a null character|a broken %-code|an invisible control character)\)/);
      expect(html).toContain('<a href="/">Go to the Parley home page</a>');
    }
  });

  it("quotes a bad parameter name back safely", async () => {
    const html = await proxy(request("/p/torbay?%3Cb%3E%00=1")).text();
    expect(html).toContain("A query parameter name (&#34;&#60;b&#62;\ufffd&#34;)");
    expect(html).not.toContain("<b>");
  });

  it("refuses a bad address whatever the method, before the CSRF check", () => {
    expect(proxy(request("/p/torbay%00", "POST")).status).toBe(400);
  });

  it("lets ordinary addresses through", () => {
    for (const path of [
      "/",
      "/p/torbay?area=levels%20of%20need&status=open,resolved",
      "/sign-in?next=%2Fp%2Ftorbay",
      "/api/v1/escalations?partnership=torbay",
    ]) {
      expect(proxy(request(path)).headers.get("x-middleware-next"), path).toBe("1");
    }
  });
});
