/**
 * How the browser refreshes a dashboard section: GET /api/v1/escalations with
 * the section's filters for its first page, as the server read it (listSummaries
 * in dashboard-data.ts), so a refreshed list holds what the first render held;
 * and the register's counts from GET /p/<partnership>/register/counts.
 * Plain fetch, no schema library: this runs in the browser and stays small.
 */
import { listQueryString, type ListFilters, type SummaryList } from "./dashboard";
import type { RegisterCounts } from "./register";

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

type Options = { fetch?: typeof fetch; signal?: AbortSignal };

async function getJson<T>(url: string, options: Options): Promise<T> {
  const doFetch = options.fetch ?? fetch;
  const response = await doFetch(url, {
    headers: { Accept: "application/json" },
    credentials: "same-origin",
    cache: "no-store",
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!response.ok) throw new ListRefreshError(response.status, `GET ${url.split("?")[0]} answered ${response.status}`);
  return (await response.json()) as T;
}

/** A section's first page again. */
export async function fetchSummaries(partnershipId: string, filters: ListFilters, options: Options = {}): Promise<SummaryList> {
  const body = await getJson<SummaryList>(`/api/v1/escalations?${listQueryString(partnershipId, filters)}`, options);
  return { items: body.items, nextCursor: body.nextCursor };
}

/** The register's counts again. */
export function fetchRegisterCounts(partnershipId: string, options: Options = {}): Promise<RegisterCounts> {
  return getJson<RegisterCounts>(`/p/${encodeURIComponent(partnershipId)}/register/counts`, options);
}
