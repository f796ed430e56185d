"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import {
  PAGE_SIZE,
  SEE_ALL,
  SECTION_TITLES,
  disputesCount,
  groupByDue,
  groupByStatus,
  sectionHref,
  shownGroups,
  type DueGroupKey,
  type EscalationSummary,
  type ListFilters,
  type SectionKind,
  type SummaryList,
} from "@/lib/views/dashboard";
import { ListRefreshError, fetchRegisterCounts, fetchSummaries } from "@/lib/views/dashboard-client";
import { registerHref, type RegisterCounts as Counts } from "@/lib/views/register";
import { DisputeList } from "./dispute-list";
import { useRefreshOptions } from "./query-provider";
import { RegisterCounts } from "./register-counts";

/**
 * The dashboard's sections. Each renders the server's first data at once (so the
 * page works without JavaScript and never flashes empty), then TanStack Query
 * refetches it from GET /api/v1/escalations on window focus and every minute
 * (components/query-provider.tsx). Each shows one page, most urgent first, and
 * links to its full list when there is more. Grouping and order: lib/views/dashboard.ts.
 */

type ListKind = Exclude<SectionKind, "register">;
type Common = { partnershipId: string; filters: ListFilters; initial: SummaryList };

function useSummaries(kind: ListKind, { partnershipId, filters, initial }: Common) {
  return useQuery({
    queryKey: ["escalations", partnershipId, kind, filters],
    queryFn: ({ signal }) => fetchSummaries(partnershipId, filters, { signal }),
    initialData: initial,
    ...useRefreshOptions(),
  });
}

/** Says when a refresh failed: the list still shows what it last knew. */
function RefreshNote({ error, partnershipId }: { error: Error | null; partnershipId: string }) {
  if (!error) return null;
  return (
    <p role="status" className="mb-4 border-l-4 border-[var(--color-warning)] pl-3">
      {error instanceof ListRefreshError && error.signedOut ? (
        <>
          Your session has ended, so this list is no longer updating. <a href={`/sign-in?next=${encodeURIComponent(`/p/${partnershipId}`)}`}>Sign in again</a>{" "}
          to see the latest.
        </>
      ) : (
        "This list could not be updated just now. It shows what it last knew and will try again in a minute."
      )}
    </p>
  );
}

/** When the section holds only the first page: how much it shows, and the way to the rest. */
function SeeAll({ kind, list, partnershipId }: { kind: ListKind; list: SummaryList; partnershipId: string }) {
  if (list.nextCursor === null) return null;
  return (
    <p className="mb-6">
      This shows the first {PAGE_SIZE}, soonest due first.{" "}
      <Link href={sectionHref(partnershipId, kind)} prefetch={false} className="font-bold">
        {SEE_ALL[kind]}
      </Link>
    </p>
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
  const complete = data.nextCursor === null;
  return (
    <Section id="mine-heading" title={SECTION_TITLES.mine}>
      <RefreshNote error={error} partnershipId={props.partnershipId} />
      {data.items.length === 0 ? (
        <p className="mb-6">Disputes you raise, or that name you, will appear here.</p>
      ) : (
        // Open always (saying when there are none); resolved and withdrawn only when there are some.
        shownGroups(groupByStatus(data.items), complete)
          .filter((g) => g.key === "open" || g.items.length > 0)
          .map((g) => (
            <Group key={g.key} id={`mine-${g.key}`} title={g.title} items={g.items} empty="You have no open disputes." myAgencyId={props.myAgencyId} />
          ))
      )}
      <SeeAll kind="mine" list={data} partnershipId={props.partnershipId} />
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
    <Section id="assigned-heading" title={SECTION_TITLES.assigned}>
      <RefreshNote error={error} partnershipId={props.partnershipId} />
      {data.items.length === 0 ? (
        <p className="mb-6">
          Disputes you own at their current stage, whether your agency raised them or they were raised with it, will appear here, most urgent first.
        </p>
      ) : (
        shownGroups(groupByDue(data.items), data.nextCursor === null).map((g) => (
          <Group key={g.key} id={`assigned-${g.key}`} title={g.title} items={g.items} empty={DUE_EMPTY[g.key]} myAgencyId={props.myAgencyId} />
        ))
      )}
      <SeeAll kind="assigned" list={data} partnershipId={props.partnershipId} />
    </Section>
  );
}

/**
 * One open list, most urgent first, with a sentence saying what it is ("3 disputes
 * raised by …", or "The 10 most urgent disputes raised by …" when there are more),
 * or what would be in it.
 */
function PlainSection(props: Common & { kind: ListKind; myAgencyId: string; what: string; then?: string; empty: string; hideWhenEmpty?: boolean }) {
  const { data, error } = useSummaries(props.kind, props);
  if (props.hideWhenEmpty && data.items.length === 0 && !error) return null;
  const id = `${props.kind}-heading`;
  return (
    <Section id={id} title={SECTION_TITLES[props.kind]}>
      <RefreshNote error={error} partnershipId={props.partnershipId} />
      {data.items.length > 0 ? (
        <>
          <p className="mb-2">
            {data.nextCursor === null
              ? `${disputesCount(data.items.length)} ${props.what}, most urgent first.`
              : `The ${PAGE_SIZE} most urgent disputes ${props.what}.`}
            {props.then ? ` ${props.then}` : null}
          </p>
          <DisputeList items={data.items} labelledBy={id} myAgencyId={props.myAgencyId} />
        </>
      ) : (
        <p className="mb-6">{props.empty}</p>
      )}
      <SeeAll kind={props.kind} list={data} partnershipId={props.partnershipId} />
    </Section>
  );
}

/**
 * Open disputes raised with the reader's agency that nobody there owns yet: what
 * its escalation contacts take. Shown only when there are some (only contacts,
 * and those already on a dispute, find any).
 */
export function AwaitingOwnerSection(props: Common & { myAgency: { id: string; name: string } }) {
  return (
    <PlainSection
      {...props}
      kind="awaiting"
      myAgencyId={props.myAgency.id}
      hideWhenEmpty
      what={`raised with ${props.myAgency.name} that nobody there owns yet`}
      then="Open one to choose who takes it."
      empty={`Open disputes raised with ${props.myAgency.name} that nobody there owns yet will appear here.`}
    />
  );
}

/** A manager's agency's open disputes that it raised. */
export function TeamRaisedSection(props: Common & { myAgency: { id: string; name: string } }) {
  return (
    <PlainSection
      {...props}
      kind="team-raised"
      myAgencyId={props.myAgency.id}
      what={`raised by ${props.myAgency.name}`}
      empty={`Open disputes raised by people in ${props.myAgency.name} that you can see will appear here.`}
    />
  );
}

/** Open disputes other agencies raised with a manager's agency. */
export function TeamWithSection(props: Common & { myAgency: { id: string; name: string } }) {
  return (
    <PlainSection
      {...props}
      kind="team-with"
      myAgencyId={props.myAgency.id}
      what={`raised with ${props.myAgency.name} by other agencies`}
      empty={`Open disputes other agencies raise with ${props.myAgency.name} that you can see will appear here.`}
    />
  );
}

/** For the board business manager: open disputes raised with an agency that has nobody on Parley to take them. */
export function NotOnParleySection(props: Common & { myAgencyId: string }) {
  return (
    <PlainSection
      {...props}
      kind="not-on-parley"
      what="raised with an agency that has nobody on Parley to take them"
      then="You take these forward with the agency."
      empty="Open disputes raised with an agency that has nobody on Parley will appear here, for you to take forward with the agency."
    />
  );
}

/** A board member's view of the register: its counts, each a link into it. */
export function RegisterSection(props: { partnershipId: string; initial: Counts | null; boardOversightStage: number | null; policyTitle: string }) {
  const { data, error } = useQuery({
    queryKey: ["register-counts", props.partnershipId],
    queryFn: ({ signal }) => fetchRegisterCounts(props.partnershipId, { signal }),
    ...(props.initial ? { initialData: props.initial } : {}),
    enabled: props.initial !== null,
    ...useRefreshOptions(),
  });
  return (
    <Section id="register-heading" title={SECTION_TITLES.register}>
      {props.boardOversightStage === null || !data ? (
        <p className="mb-6">Your partnership&apos;s policy, {props.policyTitle}, gives the board no part in individual disputes, so there is no register.</p>
      ) : (
        <>
          <RefreshNote error={error} partnershipId={props.partnershipId} />
          <p className="mb-4">
            Every dispute that reaches stage {props.boardOversightStage} or above is on the register.
            {data.total === 0 ? " None has yet: they will appear here when one does." : null}
          </p>
          <RegisterCounts counts={data} partnershipId={props.partnershipId} labelledBy="register-heading" />
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
