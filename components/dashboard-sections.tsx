"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import {
  MAX_PAGES,
  PAGE_SIZE,
  disputesCount,
  groupByDue,
  groupByStatus,
  splitByAgencySide,
  type DueGroupKey,
  type EscalationSummary,
  type ListFilters,
  type SectionKind,
  type SummaryList,
} from "@/lib/views/dashboard";
import { ListRefreshError, fetchSummaries } from "@/lib/views/dashboard-client";
import { registerCounts, registerHref } from "@/lib/views/register";
import { DisputeList } from "./dispute-list";
import { useRefreshOptions } from "./query-provider";
import { RegisterCounts } from "./register-counts";

/**
 * The dashboard's sections. Each renders the server's first data at once (so the
 * page works without JavaScript and never flashes empty), then TanStack Query
 * refetches it from GET /api/v1/escalations on window focus and every minute
 * (components/query-provider.tsx). Grouping and order: lib/views/dashboard.ts.
 */

type Common = { partnershipId: string; filters: ListFilters; initial: SummaryList };

function useSummaries(kind: SectionKind, { partnershipId, filters, initial }: Common) {
  return useQuery({
    queryKey: ["escalations", partnershipId, kind, filters],
    queryFn: ({ signal }) => fetchSummaries(partnershipId, filters, { signal }),
    initialData: initial,
    ...useRefreshOptions(),
  });
}

/** Says when a refresh failed (the list still shows what it last knew), or that a list is incomplete. */
function ListNotes({ error, truncated, partnershipId }: { error: Error | null; truncated: boolean; partnershipId: string }) {
  return (
    <>
      {error ? (
        <p role="status" className="mb-4 border-l-4 border-[var(--color-warning)] pl-3">
          {error instanceof ListRefreshError && error.signedOut ? (
            <>
              Your session has ended, so this list is no longer updating.{" "}
              <a href={`/sign-in?next=${encodeURIComponent(`/p/${partnershipId}`)}`}>Sign in again</a> to see the latest.
            </>
          ) : (
            "This list could not be updated just now. It shows what it last knew and will try again in a minute."
          )}
        </p>
      ) : null}
      {truncated ? <p className="mb-4">This shows the first {PAGE_SIZE * MAX_PAGES} only.</p> : null}
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-10">
      <h2 id={id} className="mb-4 text-2xl font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Group({ id, title, items, empty, myAgencyId }: { id: string; title: string; items: EscalationSummary[]; empty: string; myAgencyId: string }) {
  return (
    <>
      <h3 id={id} className="mb-2 text-xl font-bold">
        {title} <span className="font-normal">({items.length})</span>
      </h3>
      {items.length > 0 ? <DisputeList items={items} labelledBy={id} myAgencyId={myAgencyId} /> : <p className="mb-6">{empty}</p>}
    </>
  );
}

/** A practitioner's own disputes (raised by them, or naming them), by status. */
export function MyDisputesSection(props: Common & { myAgencyId: string }) {
  const { data, error } = useSummaries("mine", props);
  return (
    <Section id="mine-heading" title="My disputes">
      <ListNotes error={error} truncated={data.truncated} partnershipId={props.partnershipId} />
      {data.items.length === 0 ? (
        <p className="mb-6">Disputes you raise, or that name you, will appear here.</p>
      ) : (
        // Open always (saying when there are none); resolved and withdrawn only when there are some.
        groupByStatus(data.items)
          .filter((g) => g.key === "open" || g.items.length > 0)
          .map((g) => (
            <Group key={g.key} id={`mine-${g.key}`} title={g.title} items={g.items} empty="You have no open disputes." myAgencyId={props.myAgencyId} />
          ))
      )}
    </Section>
  );
}

const DUE_EMPTY: Record<DueGroupKey, string> = {
  overdue: "Nothing assigned to you is overdue.",
  today: "Nothing assigned to you is due today.",
  week: "Nothing else assigned to you is due in the next 5 working days.",
  later: "Nothing assigned to you is due later or waiting for a date.",
};

/** What a manager owns at its current stage, on either side, by urgency. */
export function AssignedSection(props: Common & { myAgencyId: string }) {
  const { data, error } = useSummaries("assigned", props);
  return (
    <Section id="assigned-heading" title="Assigned to me">
      <ListNotes error={error} truncated={data.truncated} partnershipId={props.partnershipId} />
      {data.items.length === 0 ? (
        <p className="mb-6">
          Disputes you own at their current stage, whether your agency raised them or they were raised with it, will appear here, most urgent first.
        </p>
      ) : (
        groupByDue(data.items).map((g) => (
          <Group key={g.key} id={`assigned-${g.key}`} title={g.title} items={g.items} empty={DUE_EMPTY[g.key]} myAgencyId={props.myAgencyId} />
        ))
      )}
    </Section>
  );
}

/** A manager's agency's open disputes: what it raised, and what was raised with it. */
export function TeamSections(props: Common & { myAgency: { id: string; name: string } }) {
  const { data, error } = useSummaries("team", props);
  const { raisedBy, raisedWith } = splitByAgencySide(data.items, props.myAgency.id);
  return (
    <>
      <Section id="team-raised-heading" title="What my team raised">
        <ListNotes error={error} truncated={data.truncated} partnershipId={props.partnershipId} />
        {raisedBy.length > 0 ? (
          <>
            <p className="mb-2">
              {disputesCount(raisedBy.length)} raised by {props.myAgency.name}, most urgent first.
            </p>
            <DisputeList items={raisedBy} labelledBy="team-raised-heading" myAgencyId={props.myAgency.id} />
          </>
        ) : (
          <p className="mb-6">Open disputes raised by people in {props.myAgency.name} that you can see will appear here.</p>
        )}
      </Section>
      <Section id="team-with-heading" title="Raised with my team">
        {raisedWith.length > 0 ? (
          <>
            <p className="mb-2">
              {disputesCount(raisedWith.length)} raised with {props.myAgency.name} by other agencies, most urgent first.
            </p>
            <DisputeList items={raisedWith} labelledBy="team-with-heading" myAgencyId={props.myAgency.id} />
          </>
        ) : (
          <p className="mb-6">Open disputes other agencies raise with {props.myAgency.name} that you can see will appear here.</p>
        )}
      </Section>
    </>
  );
}

/** A board member's view of the register: its counts, each a link into it. */
export function RegisterSection(props: Omit<Common, "filters"> & { filters: ListFilters | null; boardOversightStage: number | null; policyTitle: string }) {
  const { data, error } = useQuery({
    queryKey: ["escalations", props.partnershipId, "register", props.filters],
    queryFn: ({ signal }) => fetchSummaries(props.partnershipId, props.filters ?? {}, { signal }),
    initialData: props.initial,
    enabled: props.filters !== null,
    ...useRefreshOptions(),
  });
  const counts = registerCounts(data.items);
  return (
    <Section id="register-heading" title="Board register">
      {props.boardOversightStage === null ? (
        <p className="mb-6">
          Your partnership&apos;s policy, {props.policyTitle}, gives the board no part in individual disputes, so there is no register.
        </p>
      ) : (
        <>
          <ListNotes error={error} truncated={data.truncated} partnershipId={props.partnershipId} />
          <p className="mb-4">
            Every dispute that reaches stage {props.boardOversightStage} or above is on the register.
            {counts.total === 0 ? " None has yet: they will appear here when one does." : null}
          </p>
          <RegisterCounts counts={counts} partnershipId={props.partnershipId} labelledBy="register-heading" />
          <p className="mb-6">
            <Link href={registerHref(props.partnershipId)} prefetch={false} className="text-lg font-bold">
              Open the board register
            </Link>
          </p>
        </>
      )}
    </Section>
  );
}
