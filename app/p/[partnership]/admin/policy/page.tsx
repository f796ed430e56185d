import type { Metadata } from "next";
import { BackLink } from "@/components/back-link";
import { NotificationBanner } from "@/components/notification-banner";
import { Tag } from "@/components/tag";
import { WarningText } from "@/components/warning-text";
import { appNow } from "@/lib/clock";
import { formatLocalDate } from "@/lib/policy/format";
import { loadedPolicies } from "@/lib/server/policies";
import { policyOverview } from "@/lib/views/admin-policy";
import { adminPath, requireAdmin } from "../_lib";

export const metadata: Metadata = { title: "Escalation policy" };

export default async function PolicyPage({ params }: { params: Promise<{ partnership: string }> }) {
  const actor = await requireAdmin((await params).partnership, "policy.manage");
  const overview = policyOverview(loadedPolicies(), actor.partnershipId, appNow());
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
      {overview.inForce ? null : (
        <WarningText>No version of your partnership&apos;s policy is in force today, so nobody can raise a disagreement.</WarningText>
      )}
      <h2 className="mb-4 text-2xl font-bold">Versions</h2>
      <ul className="mb-8 space-y-4">
        {overview.versions.map((v) => (
          <li key={v.ref} className="border-l-4 border-[var(--color-border)] pl-4">
            <p className="font-bold">
              {v.title}, version {v.version}{" "}
              {v.inForce ? <Tag colour="green">In force</Tag> : v.future ? <Tag colour="blue">Not yet in force</Tag> : <Tag>Earlier version</Tag>}
            </p>
            <p>In force from {formatLocalDate(v.effectiveFrom)}. Disputes keep the version they were raised under.</p>
            <p className="text-[var(--color-ink-muted)]">File: {v.file}</p>
          </li>
        ))}
      </ul>
      <h2 className="mb-4 text-2xl font-bold">Working days</h2>
      {overview.calendar ? (
        <>
          <p className="mb-2">
            Deadlines count working days on the {overview.calendar.name} calendar, which has holiday data for {overview.calendar.from} to{" "}
            {overview.calendar.to}, less your partnership&apos;s own closure days.
          </p>
          {overview.calendar.missingSoon ? (
            <WarningText>
              There is no holiday data for {overview.calendar.to + 1}. Deadlines reaching into it say so and assume no bank holidays: add
              the year&apos;s holidays to the calendar file.
            </WarningText>
          ) : null}
        </>
      ) : (
        <p>No calendar: no policy is loaded for your partnership.</p>
      )}
    </div>
  );
}
