import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/back-link";
import { DisputeList } from "@/components/dispute-list";
import { PageLinks } from "@/components/register-paging";
import { decodeParam } from "@/lib/auth/redirects";
import { requireActor } from "@/lib/auth/server";
import { getDatabase } from "@/lib/db/client";
import { ValidationError } from "@/lib/escalations";
import { policyRegistry } from "@/lib/server/policies";
import { FULL_PAGE_SIZE, SECTION_TITLES, parseSectionKind, sectionHref } from "@/lib/views/dashboard";
import { loadSectionPage } from "@/lib/views/dashboard-data";

type Params = Promise<{ partnership: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: SearchParams }): Promise<Metadata> {
  // The page's own gate: to anyone it turns away, this is the not-found page, titled as one.
  await requireActor(decodeParam((await params).partnership));
  const kind = parseSectionKind((await searchParams).section);
  if (!kind) notFound();
  return { title: SECTION_TITLES[kind] };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || null;

/**
 * A dashboard section's full list ("See all"): /p/<partnership>/disputes?section=<kind>,
 * a page at a time, soonest due first, with "Next page" links (in the address,
 * so it works without JavaScript). Only the sections the person's dashboard
 * has; any other is the not-found page.
 */
export default async function SectionListPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const actor = await requireActor(decodeParam((await params).partnership));
  const query = await searchParams;
  const kind = parseSectionKind(query.section);
  if (!kind) notFound();
  const db = await getDatabase();
  const deps = { policies: policyRegistry() };
  let after = first(query.after);
  let stale = false;
  let data = await loadSectionPage(db, actor, deps, kind, after, FULL_PAGE_SIZE).catch((error: unknown) => {
    if (error instanceof ValidationError && "cursor" in error.fields) return undefined;
    throw error;
  });
  if (data === undefined) {
    stale = true;
    after = null;
    data = await loadSectionPage(db, actor, deps, kind, null, FULL_PAGE_SIZE);
  }
  if (data === null) notFound();
  const title = SECTION_TITLES[kind];
  const dashboard = `/p/${encodeURIComponent(actor.partnershipId)}`;

  return (
    <div className="max-w-3xl">
      <BackLink href={dashboard}>Back to your dashboard</BackLink>
      <h1 id="list-heading" className="mb-4 text-3xl font-bold">
        {title}
      </h1>
      {data.policy === null ? (
        <p className="mb-6">Your partnership has no escalation policy in force today, so there are no disputes to show.</p>
      ) : (
        <>
          {stale ? (
            <p role="status" className="mb-4 border-l-4 border-[var(--color-warning)] pl-3">
              That page of the list could not be found any more, so this is its first page.
            </p>
          ) : null}
          <p className="mb-4">{after ? "Continued. " : null}Soonest due first; then those with no due date, most recently raised first.</p>
          {data.list.items.length > 0 ? (
            <DisputeList items={data.list.items} labelledBy="list-heading" myAgencyId={actor.agencyId} />
          ) : (
            <p className="mb-6">There are no disputes in this list now.</p>
          )}
          <PageLinks
            label="Pages of this list"
            next={data.list.nextCursor ? sectionHref(actor.partnershipId, kind, data.list.nextCursor) : null}
            first={after ? sectionHref(actor.partnershipId, kind) : null}
          />
        </>
      )}
    </div>
  );
}
