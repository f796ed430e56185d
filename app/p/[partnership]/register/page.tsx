import { appNow } from "@/lib/clock";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ErrorSummary } from "@/components/error-summary";
import { RegisterCounts } from "@/components/register-counts";
import { RegisterFilters } from "@/components/register-filters";
import { PageLinks } from "@/components/register-paging";
import { RegisterTable } from "@/components/register-table";
import { can } from "@/lib/auth/permissions";
import { decodeParam } from "@/lib/auth/redirects";
import { requireActor } from "@/lib/auth/server";
import { getDatabase } from "@/lib/db/client";
import { policyRegistry } from "@/lib/server/policies";
import { datePartId } from "@/lib/views/date-input";
import { registerTitleOf } from "@/lib/policy";
import { SORT_LABELS, describeFilters, isFiltered, registerChoice, registerExportHref, registerHref } from "@/lib/views/register";
import { loadRegister } from "@/lib/views/register-data";

type Params = Promise<{ partnership: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: SearchParams }): Promise<Metadata> {
  // The page's own gate: to anyone it turns away, this is the not-found page, titled as one.
  const actor = await requireActor(decodeParam((await params).partnership));
  if (!can(actor, "register.view")) notFound();
  const policy = policyRegistry().inForce(actor.partnershipId, appNow());
  const chosen = (await searchParams).population;
  const population = policy?.populations?.find((p) => p.id === (Array.isArray(chosen) ? chosen[0] : chosen)?.trim());
  return { title: population ? registerTitleOf(population) : "Board register" };
}

/**
 * The board register: every dispute at or above the policy's board-oversight
 * stage, with counts, filters (in the address) and a link to each record, a
 * page at a time. Board roles only; anyone else gets the not-found page, as for
 * a page that does not exist.
 */
export default async function RegisterPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const actor = await requireActor(decodeParam((await params).partnership));
  if (!can(actor, "register.view")) notFound();
  const query = await searchParams;
  const data = await loadRegister(await getDatabase(), actor, { policies: policyRegistry() }, query);

  if (data.policy === null || data.boardOversightStage === null) {
    return (
      <div className="max-w-3xl">
        <h1 className="mb-6 text-3xl font-bold">Board register</h1>
        <p className="mb-4">
          {data.policy === null
            ? "Your partnership has no escalation policy in force today, so there is no register to show."
            : `Your partnership's policy, ${data.policy.title}, gives the board no part in individual disputes, so there is no register.`}
        </p>
      </div>
    );
  }

  const { filters, counts, list, population } = data;
  const title = population ? population.registerTitle : "Board register";
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
  const typed = (field: "raisedFrom" | "raisedTo") => ({
    day: one(query[`${field}.day`]),
    month: one(query[`${field}.month`]),
    year: one(query[`${field}.year`]),
  });
  const filtered = isFiltered(filters);
  const caption =
    (filtered
      ? `Disputes on the register, filtered by ${describeFilters(filters, data.options).join(", ")}`
      : `Disputes on the register: all ${counts.total}`) +
    (filters.sort ? `, ${SORT_LABELS[filters.sort].toLowerCase()}` : "") +
    (data.after ? " (continued)" : "");

  return (
    <div>
      <ErrorSummary errors={data.filterErrors.map((e) => ({ field: e.field, message: e.message, href: `#${datePartId(e.field, "day")}` }))} />
      <h1 className="mb-4 text-3xl font-bold">{title}</h1>
      <p className="mb-6 max-w-3xl">
        Every dispute {population ? `about ${population.title.toLowerCase()}, for the ${population.board}, ` : ""}that has reached stage{" "}
        {data.boardOversightStage} or above of the {data.policy.title}, open or closed. Choose a reference to see the record.
      </p>
      {data.options.populations ? (
        <nav aria-labelledby="registers-heading" className="mb-6">
          <h2 id="registers-heading" className="mb-2 text-xl font-bold">
            Registers
          </h2>
          <ul className="flex flex-wrap gap-x-6 gap-y-2">
            {data.options.populations.map((p) => (
              <li key={p.id}>
                <a href={registerHref(actor.partnershipId, { population: p.id })} aria-current={population?.id === p.id ? "page" : undefined}>
                  {p.registerTitle}
                </a>
              </li>
            ))}
            <li>
              <a href={registerHref(actor.partnershipId)} aria-current={population === null ? "page" : undefined}>
                Every population
              </a>
            </li>
          </ul>
        </nav>
      ) : null}

      <h2 id="counts-heading" className="mb-3 text-xl font-bold">
        On the register now
      </h2>
      <RegisterCounts counts={counts} partnershipId={actor.partnershipId} labelledBy="counts-heading" population={filters.population} />

      <RegisterFilters
        partnershipId={actor.partnershipId}
        filters={filters}
        options={data.options}
        typed={{ raisedFrom: typed("raisedFrom"), raisedTo: typed("raisedTo") }}
        errors={data.filterErrors}
      />

      {data.staleLink ? (
        <p role="status" className="mb-4 border-l-4 border-[var(--color-warning)] pl-3">
          That page of the register could not be found any more, so this is its first page.
        </p>
      ) : null}
      {list.items.length > 0 ? (
        <>
          <p className="mb-3 max-w-3xl">
            {filters.sort
              ? `${SORT_LABELS[filters.sort]}.`
              : "Soonest due first; then those with no due date, closed ones among them, most recently raised first."}
          </p>
          <p className="mb-3 max-w-3xl">
            <a href={registerExportHref(actor.partnershipId, filters)}>Download this list as CSV</a>{" "}
            <span className="text-[var(--color-ink-muted)]">
              ({filtered ? "every dispute these filters match" : "every dispute on the register"}, not only this page, as a spreadsheet file; your download is
              recorded)
            </span>
          </p>
          <RegisterTable
            rows={list.items}
            caption={caption}
            options={data.options}
            daysAtStage={data.daysAtStage}
            backHref={registerHref(actor.partnershipId, filters, data.after)}
          />
          <PageLinks
            label="Pages of the register"
            next={list.nextCursor ? registerHref(actor.partnershipId, filters, list.nextCursor) : null}
            first={data.after ? registerHref(actor.partnershipId, filters) : null}
          />
        </>
      ) : (
        <>
          <h2 className="mb-2 text-xl font-bold">{caption}</h2>
          <p className="mb-6">
            {counts.total === 0
              ? `No dispute has reached stage ${data.boardOversightStage} yet. Disputes that do will appear here.`
              : "No dispute on the register matches these filters."}{" "}
            {filtered ? <a href={registerHref(actor.partnershipId, registerChoice(filters))}>Clear filters</a> : null}
          </p>
        </>
      )}
    </div>
  );
}
