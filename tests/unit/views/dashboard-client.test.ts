import { describe, expect, it } from "vitest";
import { MAX_PAGES } from "../../../lib/views/dashboard";
import { ListRefreshError, fetchSummaries } from "../../../lib/views/dashboard-client";
import { refs, summary } from "./dashboard-fixtures";

/** A fetch that answers from a list of pages, and remembers what it was asked. */
function fakeFetch(pages: { status?: number; items?: ReturnType<typeof summary>[]; nextCursor?: string | null }[]) {
  const urls: string[] = [];
  let call = 0;
  const impl = (async (url: string | URL | Request) => {
    urls.push(String(url));
    const page = pages[Math.min(call++, pages.length - 1)]!;
    return new Response(JSON.stringify({ items: page.items ?? [], nextCursor: page.nextCursor ?? null }), { status: page.status ?? 200 });
  }) as typeof fetch;
  return { impl, urls };
}

describe("refreshing a dashboard list from the JSON API", () => {
  it("asks GET /api/v1/escalations with the section's filters and follows the cursor to the end", async () => {
    const a = summary({ key: "a" });
    const b = summary({ key: "b" });
    const { impl, urls } = fakeFetch([{ items: [a], nextCursor: "next" }, { items: [b] }]);
    const list = await fetchSummaries("torbay", { ownedByMe: true, status: ["open"] }, { fetch: impl });
    expect(refs(list.items)).toEqual(["a", "b"]);
    expect(list.truncated).toBe(false);
    expect(urls).toEqual([
      "/api/v1/escalations?partnership=torbay&ownedByMe=true&status=open&limit=100",
      "/api/v1/escalations?partnership=torbay&ownedByMe=true&status=open&limit=100&cursor=next",
    ]);
  });

  it("stops after MAX_PAGES requests and says the list is incomplete", async () => {
    const { impl, urls } = fakeFetch([{ items: [summary()], nextCursor: "more" }]);
    const list = await fetchSummaries("torbay", {}, { fetch: impl });
    expect(urls).toHaveLength(MAX_PAGES);
    expect(list).toMatchObject({ truncated: true });
    expect(list.items).toHaveLength(MAX_PAGES);
  });

  it("fails with the status, and knows a 401 means the session has ended", async () => {
    const signedOut = await fetchSummaries("torbay", {}, { fetch: fakeFetch([{ status: 401 }]).impl }).catch((e: unknown) => e);
    expect(signedOut).toBeInstanceOf(ListRefreshError);
    expect((signedOut as ListRefreshError).signedOut).toBe(true);
    const broken = await fetchSummaries("torbay", {}, { fetch: fakeFetch([{ status: 503 }]).impl }).catch((e: unknown) => e);
    expect(broken).toMatchObject({ status: 503, signedOut: false });
  });
});
