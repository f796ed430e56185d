/**
 * How the browser refreshes a dashboard list: GET /api/v1/escalations with the
 * section's filters, following the cursor as the server does (listSummaries in
 * dashboard-data.ts), so a refreshed list holds what the first render held.
 * Plain fetch, no schema library: this runs in the browser and stays small.
 */
import { MAX_PAGES, listQueryString, type EscalationSummary, type ListFilters, type SummaryList } from "./dashboard";

/** A refresh that failed; `signedOut` when the session has ended (401). */
export class ListRefreshError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ListRefreshError";
  }
  get signedOut(): boolean {
    return this.status === 401;
  }
}

type Page = { items: EscalationSummary[]; nextCursor: string | null };

export async function fetchSummaries(
  partnershipId: string,
  filters: ListFilters,
  options: { fetch?: typeof fetch; signal?: AbortSignal } = {},
): Promise<SummaryList> {
  const doFetch = options.fetch ?? fetch;
  const items: EscalationSummary[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await doFetch(`/api/v1/escalations?${listQueryString(partnershipId, filters, cursor)}`, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      cache: "no-store",
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (!response.ok) throw new ListRefreshError(response.status, `GET /api/v1/escalations answered ${response.status}`);
    const body = (await response.json()) as Page;
    items.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) return { items, truncated: false };
  }
  return { items, truncated: true };
}
