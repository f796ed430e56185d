import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RegisterCounts } from "@/components/register-counts";
import { RegisterFilters } from "@/components/register-filters";
import { RegisterTable } from "@/components/register-table";
import { can } from "@/lib/auth/permissions";
import { decodeParam } from "@/lib/auth/redirects";
import { requireActor } from "@/lib/auth/server";
import { getDatabase } from "@/lib/db/client";
import { policyRegistry } from "@/lib/server/policies";
import { MAX_PAGES, PAGE_SIZE } from "@/lib/views/dashboard";
import { describeFilters, isFiltered, parseRegisterFilters, registerCounts, registerHref, registerRows } from "@/lib/views/register";
import { loadRegister } from "@/lib/views/register-data";

type Params = Promise<{ partnership: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export const metadata: Metadata = { title: "Board register" };

/**
 * The board register: every dispute at or above the policy's board-oversight
 * stage, with counts, filters (in the address) and a link to each record. Board
 * roles only; anyone else gets the not-found page, as for a page that does not exist.
 */
export default async function RegisterPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const actor = await requireActor(decodeParam((await params).partnership));
  if (!can(actor, "register.view")) notFound();
  const data = await loadRegister(await getDatabase(), actor, { policies: policyRegistry() });

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

  const filters = parseRegisterFilters(await searchParams, data.options);
  const rows = registerRows(data.list.items, filters);
  const counts = registerCounts(data.list.items);
  const described = describeFilters(filters, data.options);
  const caption = isFiltered(filters)
    ? `Disputes on the register: ${rows.length} of ${counts.total}, filtered by ${described.join(", ")}`
    : `Disputes on the register: all ${counts.total}`;

  return (
    <div>
      <h1 className="mb-4 text-3xl font-bold">Board register</h1>
      <p className="mb-6 max-w-3xl">
        Every dispute that has reached stage {data.boardOversightStage} or above of the {data.policy.title}, open or closed. Choose a
        reference to see the record.
      </p>

      <h2 id="counts-heading" className="mb-3 text-xl font-bold">
        On the register now
      </h2>
      <RegisterCounts counts={counts} partnershipId={actor.partnershipId} labelledBy="counts-heading" />

      <RegisterFilters partnershipId={actor.partnershipId} filters={filters} options={data.options} />

      {data.list.truncated ? <p className="mb-4">The register is longer than this page can show: it shows the first {PAGE_SIZE * MAX_PAGES} disputes.</p> : null}
      {rows.length > 0 ? (
        <RegisterTable rows={rows} caption={caption} options={data.options} />
      ) : (
        <>
          <h2 className="mb-2 text-xl font-bold">{caption}</h2>
          <p className="mb-6">
            {counts.total === 0
              ? `No dispute has reached stage ${data.boardOversightStage} yet. Disputes that do will appear here.`
              : "No dispute on the register matches these filters."}{" "}
            {isFiltered(filters) ? <a href={registerHref(actor.partnershipId)}>Clear filters</a> : null}
          </p>
        </>
      )}
    </div>
  );
}
