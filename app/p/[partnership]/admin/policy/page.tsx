import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { BackLink } from "@/components/back-link";
import { NotificationBanner } from "@/components/notification-banner";
import { SummaryList } from "@/components/summary-list";
import { Tag } from "@/components/tag";
import { WarningText } from "@/components/warning-text";
import { appNow } from "@/lib/clock";
import { formatLocalDate } from "@/lib/policy/format";
import { loadedPolicies } from "@/lib/server/policies";
import { policyOverview, type PolicyDetail, type PolicyStageItem } from "@/lib/views/admin-policy";
import { readPolicySource } from "@/lib/views/policy-placeholders";
import { adminPath, requireAdmin } from "../_lib";

export async function generateMetadata({ params }: { params: Promise<{ partnership: string }> }): Promise<Metadata> {
  // The page's own gate: to anyone it turns away, this is the not-found page, titled as one.
  await requireAdmin((await params).partnership, "policy.manage");
  return { title: "Escalation policy" };
}

export default async function PolicyPage({ params }: { params: Promise<{ partnership: string }> }) {
  const actor = await requireAdmin((await params).partnership, "policy.manage");
  const overview = policyOverview(loadedPolicies(), actor.partnershipId, appNow(), readPolicySource);
  return (
    <div className="max-w-3xl">
      <BackLink href={adminPath(actor)}>Administration</BackLink>
      <h1 className="mb-6 text-3xl font-bold">Escalation policy</h1>
      {overview.problems.length > 0 ? (
        <NotificationBanner title="Policy files with problems">
          <p className="mb-2">These files were not loaded, so the rules in them are not in use. Fix each line, then restart Parley.</p>
          <ul className="list-disc pl-6">
            {overview.problems.map((p) => (
              <li key={p} className="break-words font-mono text-sm">
                {p}
              </li>
            ))}
          </ul>
        </NotificationBanner>
      ) : null}
      {overview.inForce ? null : <WarningText>No version of your partnership&apos;s policy is in force today, so nobody can raise a disagreement.</WarningText>}
      {overview.detail ? <PolicyDetailSection detail={overview.detail} /> : null}
      <h2 className="mb-4 text-2xl font-bold">Versions</h2>
      <ul className="mb-8 space-y-4">
        {overview.versions.map((v) => (
          <li key={v.ref} className="border-l-4 border-[var(--color-border)] pl-4">
            <p className="font-bold">
              {v.title}, version {v.version}{" "}
              {v.inForce ? <Tag colour="green">In force</Tag> : v.future ? <Tag colour="blue">Not yet in force</Tag> : <Tag>Earlier version</Tag>}
            </p>
            <p>In force from {formatLocalDate(v.effectiveFrom)}. Disputes keep the version they were raised under unless moved on purpose.</p>
            {v.extendsRegion ? <p>A local supplement to the regional procedure: {v.extendsRegion}.</p> : null}
            <p className="break-words text-[var(--color-ink-muted)]">File: {v.file}</p>
          </li>
        ))}
      </ul>
      {can(actor, "policy.move") ? (
        <p className="mb-8">
          <Link href={adminPath(actor, "/policy/move")}>Move open disputes to the version in force</Link>: see first what changes for each.
        </p>
      ) : null}
      <h2 className="mb-4 text-2xl font-bold">Working days</h2>
      {overview.calendar ? (
        <>
          <p className="mb-2">
            Deadlines count working days on the {overview.calendar.name} calendar, which has holiday data for {overview.calendar.from} to {overview.calendar.to}
            , less your partnership&apos;s own closure days.
          </p>
          {overview.calendar.missingSoon ? (
            <WarningText>
              There is no holiday data for {overview.calendar.to + 1}. Deadlines reaching into it say so and assume no bank holidays: add the year&apos;s
              holidays to the calendar file.
            </WarningText>
          ) : null}
        </>
      ) : (
        <p>No calendar: no policy is loaded for your partnership.</p>
      )}
    </div>
  );
}

/** The version in force as the deadline engine reads it: dates, placeholders, and each route's stages, owners and deadlines. */
function PolicyDetailSection({ detail }: { detail: PolicyDetail }) {
  return (
    <section aria-labelledby="policy-in-force" className="mb-10">
      <h2 id="policy-in-force" className="mb-2 text-2xl font-bold">
        {detail.standing === "In force" ? "The policy in force" : "The next version"}
      </h2>
      <p className="mb-4">
        {detail.title}, version {detail.version} <Tag colour={detail.standing === "In force" ? "green" : "blue"}>{detail.standing}</Tag>
      </p>
      {detail.placeholders.map((p) => (
        <WarningText key={p.path}>{p.message}</WarningText>
      ))}
      <SummaryList rows={detail.dates.map((d) => ({ key: d.key, value: d.value }))} />
      {detail.dateWarnings.map((w) => (
        <WarningText key={w}>{w}</WarningText>
      ))}
      {detail.notStated.length > 0 ? (
        <>
          <h3 className="mb-2 mt-6 text-xl font-bold">What the policy does not say</h3>
          <SummaryList rows={detail.notStated.map((n) => ({ key: n.what, value: `The policy does not say. ${n.instead}` }))} />
        </>
      ) : null}

      <h2 className="mb-2 mt-8 text-2xl font-bold">Stages, owners and deadlines</h2>
      <p className="mb-2">This is how Parley reads the policy file: who owns a dispute at each stage, and when each deadline falls.</p>
      <p className="mb-2">{detail.counting}</p>
      <p className="mb-6">{detail.boardOversight}</p>
      {detail.routes.map((route) => (
        <section key={route.id} aria-labelledby={`route-${route.id}`} className="mb-8">
          <h3 id={`route-${route.id}`} className="mb-2 text-xl font-bold">
            {detail.routes.length > 1 ? `Route: ${route.title}` : route.title}
          </h3>
          {route.appliesWhen ? <p className="mb-2">For: {route.appliesWhen}</p> : null}
          {route.urgent ? <p className="mb-4">{route.urgent}</p> : null}
          <ol className="border-t border-[var(--color-border)]">
            {route.stages.map((stage) => (
              <StageItem key={stage.key} stage={stage} routeId={route.id} />
            ))}
          </ol>
        </section>
      ))}
    </section>
  );
}

function StageItem({ stage, routeId }: { stage: PolicyStageItem; routeId: string }) {
  const headingId = `stage-${routeId}-${stage.key}`;
  return (
    <li className="border-b border-[var(--color-border)] py-4">
      <h4 id={headingId} className="mb-1 text-lg font-bold">
        {stage.title}
      </h4>
      {stage.tags.length > 0 ? (
        <p className="mb-2 flex flex-wrap gap-2">
          {stage.tags.map((t) => (
            <Tag key={t} colour={t === "Disputes start here" ? "blue" : "grey"}>
              {t}
            </Tag>
          ))}
        </p>
      ) : null}
      {stage.summary ? <p className="mb-2">{stage.summary}</p> : null}
      <dl className="mb-2">
        {stage.owners.map((o) => (
          <div key={o.side} className="flex flex-col sm:flex-row sm:gap-2">
            <dt className="font-bold">{o.side}:</dt>
            <dd>
              {o.who}
              {o.who !== o.level ? <span className="text-[var(--color-ink-muted)]"> (Parley role: {o.level.toLowerCase()})</span> : null}
              {o.note ? <span className="block text-sm">{o.note}</span> : null}
            </dd>
          </div>
        ))}
        {stage.decidedBy ? (
          <div className="flex flex-col sm:flex-row sm:gap-2">
            <dt className="font-bold">Decided by:</dt>
            <dd>{stage.decidedBy}</dd>
          </div>
        ) : null}
      </dl>
      {stage.board ? <p className="mb-2">{stage.board}</p> : null}
      {stage.deadlines.length > 0 ? (
        <ul className="mt-2 space-y-3">
          {stage.deadlines.map((d) => (
            <li key={d.id} className="border-l-4 border-[var(--color-border)] pl-3">
              <p className="font-bold">{d.label}</p>
              {d.branch ? <p>{d.branch}:</p> : null}
              <p>{d.when}.</p>
              <p className="text-sm">
                {d.kind}
                {d.decidesOverdue ? ". Decides when the stage is overdue" : ""}
                {d.shared ? `. ${d.shared}` : ""}.
              </p>
              {d.metBy ? <p className="text-sm">{d.metBy}.</p> : null}
              {d.onMiss ? <p className="text-sm">{d.onMiss}</p> : null}
              <p className="text-sm text-[var(--color-ink-muted)]">Policy reference: {d.cite}</p>
            </li>
          ))}
        </ul>
      ) : null}
      {stage.deadlineNote ? <p className="mt-2 text-sm">{stage.deadlineNote}</p> : null}
    </li>
  );
}
