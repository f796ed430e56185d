import type { Metadata } from "next";
import Link from "next/link";
import {
  AssignedSection,
  AwaitingOwnerSection,
  MyDisputesSection,
  NotOnParleySection,
  RegisterSection,
  TeamRaisedSection,
  TeamWithSection,
} from "@/components/dashboard-sections";
import { AutoUpdateControl, QueryProvider } from "@/components/query-provider";
import { ROLE_LABELS, can } from "@/lib/auth/permissions";
import { decodeParam } from "@/lib/auth/redirects";
import { membershipsOf, requireActor } from "@/lib/auth/server";
import { getDatabase } from "@/lib/db/client";
import { policyRegistry } from "@/lib/server/policies";
import type { ListFilters, SectionKind, SummaryList } from "@/lib/views/dashboard";
import type { RegisterCounts } from "@/lib/views/register";
import { loadDashboard } from "@/lib/views/dashboard-data";
import { WhatsNewSection } from "@/components/whats-new";
import { appNow } from "@/lib/clock";
import { markAllReadAction } from "./actions";

type Params = Promise<{ partnership: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const actor = await requireActor(decodeParam((await params).partnership));
  const here = (await membershipsOf(actor.userId)).find((m) => m.partnershipId === actor.partnershipId);
  return { title: here?.partnershipName ?? "Partnership" };
}

const NONE: SummaryList = { items: [], nextCursor: null };

/**
 * A partnership's home: the dashboard for each role the person holds here. The
 * first data is read on the server (the page is complete without JavaScript);
 * the sections then refresh themselves from the JSON API.
 */
export default async function PartnershipHomePage({ params }: { params: Params }) {
  const actor = await requireActor(decodeParam((await params).partnership));
  const here = (await membershipsOf(actor.userId)).find((m) => m.partnershipId === actor.partnershipId);
  const data = await loadDashboard(await getDatabase(), actor, { policies: policyRegistry() });
  const base = `/p/${encodeURIComponent(actor.partnershipId)}`;
  const agency = { id: actor.agencyId, name: here?.agencyName ?? "your agency" };

  return (
    <div className="max-w-3xl">
      <span className="mb-1 block text-lg text-[var(--color-ink-muted)]">Your dashboard</span>
      <h1 className="mb-2 text-3xl font-bold">{here?.partnershipName ?? actor.partnershipId}</h1>
      <p className="mb-6 text-[var(--color-ink-muted)]">
        {actor.name} · {actor.roles.map((r) => ROLE_LABELS[r]).join(", ")} · {agency.name}
      </p>

      <WhatsNewSection
        news={data.whatsNew}
        timeZone={policyRegistry().inForce(actor.partnershipId, appNow())?.timeZone ?? "Europe/London"}
        markAllRead={markAllReadAction.bind(null, actor.partnershipId)}
        settingsHref={`/p/${encodeURIComponent(actor.partnershipId)}/settings`}
      />

      {data.policy === null ? (
        <p className="mb-6">Your partnership has no escalation policy in force today, so there are no disputes to show. Ask your partnership administrator.</p>
      ) : (
        <>
          {data.plan.canRaise ? (
            <p className="mb-8">
              <Link
                href={`${base}/disputes/new`}
                prefetch={false}
                className="inline-block bg-[var(--color-success)] px-4 py-2 text-lg font-bold text-white no-underline shadow-[0_2px_0_#002d18] visited:text-white hover:underline"
              >
                Raise a disagreement
              </Link>
            </p>
          ) : null}
          {data.plan.sections.length > 0 ? (
            <QueryProvider>
              <AutoUpdateControl />
              {data.plan.sections.map((section) => (
                <DashboardSection
                  key={section.kind}
                  kind={section.kind}
                  filters={section.filters}
                  partnershipId={actor.partnershipId}
                  initial={data.lists[section.kind] ?? NONE}
                  registerCounts={data.registerCounts ?? null}
                  agency={agency}
                  boardOversightStage={data.boardOversightStage}
                  policyTitle={data.policy.title}
                />
              ))}
            </QueryProvider>
          ) : can(actor, "users.manage") ? (
            <p className="mb-6">
              You administer this partnership: its users, agencies and policy. Disputes are not shown to administrators.{" "}
              <Link href={`${base}/admin`} prefetch={false}>
                Go to administration
              </Link>
              .
            </p>
          ) : (
            <p className="mb-6">Your role here does not include working on disputes.</p>
          )}
        </>
      )}
    </div>
  );
}

function DashboardSection(props: {
  kind: SectionKind;
  filters: ListFilters | null;
  partnershipId: string;
  initial: SummaryList;
  registerCounts: RegisterCounts | null;
  agency: { id: string; name: string };
  boardOversightStage: number | null;
  policyTitle: string;
}) {
  const common = { partnershipId: props.partnershipId, initial: props.initial, filters: props.filters ?? {} };
  switch (props.kind) {
    case "mine":
      return <MyDisputesSection {...common} myAgencyId={props.agency.id} />;
    case "assigned":
      return <AssignedSection {...common} myAgencyId={props.agency.id} />;
    case "awaiting":
      return <AwaitingOwnerSection {...common} myAgency={props.agency} />;
    case "team-raised":
      return <TeamRaisedSection {...common} myAgency={props.agency} />;
    case "team-with":
      return <TeamWithSection {...common} myAgency={props.agency} />;
    case "not-on-parley":
      return <NotOnParleySection {...common} myAgencyId={props.agency.id} />;
    case "register":
      return (
        <RegisterSection
          partnershipId={props.partnershipId}
          initial={props.registerCounts}
          boardOversightStage={props.boardOversightStage}
          policyTitle={props.policyTitle}
        />
      );
    default: {
      const never: never = props.kind;
      throw new Error(`unknown section ${String(never)}`);
    }
  }
}
