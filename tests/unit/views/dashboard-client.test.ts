import { describe, expect, it } from "vitest";
import { ListRefreshError, fetchRegisterCounts, fetchSummaries } from "../../../lib/views/dashboard-client";
import { refs, summary } from "./dashboard-fixtures";

/** A fetch that answers each request with the next body (or status), and remembers what it was asked. */
function fakeFetch(answers: { status?: number; body?: unknown }[]) {
  const urls: string[] = [];
  let call = 0;
  const impl = (async (url: string | URL | Request) => {
    urls.push(String(url));
    const answer = answers[Math.min(call++, answers.length - 1)]!;
    return new Response(JSON.stringify(answer.body ?? { items: [], nextCursor: null }), { status: answer.status ?? 200 });
  }) as typeof fetch;
  return { impl, urls };
}

describe("refreshing a dashboard section from the JSON API", () => {
  it("asks GET /api/v1/escalations for the section's first page, with its filters, and keeps the next page's cursor", async () => {
    const a = summary({ key: "a" });
    const b = summary({ key: "b" });
    const { impl, urls } = fakeFetch([{ body: { items: [a, b], nextCursor: "next" } }]);
    const list = await fetchSummaries("torbay", { ownedByMe: true, status: ["open"] }, { fetch: impl });
    expect(refs(list.items)).toEqual(["a", "b"]);
    expect(list.nextCursor).toBe("next");
    // One request: the section shows one page and links to the rest.
    expect(urls).toEqual(["/api/v1/escalations?partnership=torbay&ownedByMe=true&status=open&limit=10"]);
  });

  it("asks for the register's counts for the board's card", async () => {
    const counts = { total: 9, open: 4, overdue: 1, dueThisWeek: 2, resolved: 4, withdrawn: 1 };
    const { impl, urls } = fakeFetch([{ body: counts }]);
    expect(await fetchRegisterCounts("isle-of-man", { fetch: impl })).toEqual(counts);
    expect(urls).toEqual(["/p/isle-of-man/register/counts"]);
  });

  it("fails with the status, and knows a 401 means the session has ended", async () => {
    const signedOut = await fetchSummaries("torbay", {}, { fetch: fakeFetch([{ status: 401 }]).impl }).catch((e: unknown) => e);
    expect(signedOut).toBeInstanceOf(ListRefreshError);
    expect((signedOut as ListRefreshError).signedOut).toBe(true);
    const broken = await fetchRegisterCounts("torbay", { fetch: fakeFetch([{ status: 503 }]).impl }).catch((e: unknown) => e);
    expect(broken).toMatchObject({ status: 503, signedOut: false });
  });
});
