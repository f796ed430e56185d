import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { BackLink } from "@/components/back-link";
import { Button } from "@/components/form-fields";
import { NotificationBanner } from "@/components/notification-banner";
import { SummaryList } from "@/components/summary-list";
import { Tag } from "@/components/tag";
import { appNow } from "@/lib/clock";
import { getDatabase } from "@/lib/db/client";
import { DELIVERY_WINDOW_DAYS, RETRY_REFUSED, getNoticeSettings, noticeDeliveries } from "@/lib/notices/admin";
import { formatDateTime, plural } from "@/lib/policy/format";
import { policyRegistry } from "@/lib/server/policies";
import { noticeSettingsFields, noticeSettingsValues } from "@/lib/views/admin-contacts";
import { initialFormState } from "@/lib/views/form-spec";
import { retryNoticeAction, saveNoticeSettingsAction } from "../actions";
import { adminPath, requireAdmin } from "../_lib";
import { TableHead } from "@/components/table-head";

export async function generateMetadata({ params }: { params: Promise<{ partnership: string }> }): Promise<Metadata> {
  // The page's own gate: to anyone it turns away, this is the not-found page, titled as one.
  await requireAdmin((await params).partnership);
  return { title: "Notices" };
}

const DONE: Record<string, { text: string; success: boolean }> = {
  saved: { text: "The notice settings have been saved.", success: true },
  unchanged: { text: "Nothing has changed: those were already the settings.", success: true },
  retried: { text: "The notice is back in the queue: the next round of sending will try it again.", success: true },
  "not-failed": { text: "That notice was not tried again: it has been sent, or it is already waiting to be sent again.", success: false },
  "link-not-resent": { text: RETRY_REFUSED["link-not-resent"], success: false },
  "digest-not-resent": { text: RETRY_REFUSED["digest-not-resent"], success: false },
};

type Props = { params: Promise<{ partnership: string }>; searchParams: Promise<{ done?: string }> };

export default async function NoticesPage({ params, searchParams }: Props) {
  const actor = await requireAdmin((await params).partnership);
  const db = await getDatabase();
  const now = appNow();
  const policies = policyRegistry();
  const timeZone = (policies.inForce(actor.partnershipId, now) ?? policies.get(actor.partnershipId))?.timeZone ?? "Europe/London";
  const [settings, deliveries] = await Promise.all([getNoticeSettings(db, actor), noticeDeliveries(db, actor, now)]);
  const doneKey = (await searchParams).done ?? "";
  const done = DONE[doneKey];
  const when = (at: Date) => formatDateTime(at, timeZone);
  return (
    <>
      <BackLink href={adminPath(actor)}>Administration</BackLink>
      {done ? (
        <NotificationBanner variant={done.success ? "success" : "important"}>
          <p className="font-bold">{done.text}</p>
        </NotificationBanner>
      ) : null}
      <div className="max-w-3xl">
        <ActionForm
          // A fresh form after each save, so no earlier attempt's errors stay on it.
          key={`${doneKey}:${settings.noticeHoursStart}-${settings.noticeHoursEnd}-${settings.warnWorkingDays}`}
          action={saveNoticeSettingsAction.bind(null, actor.partnershipId, timeZone)}
          initialState={initialFormState(noticeSettingsValues(settings))}
          fields={noticeSettingsFields(timeZone)}
          submitLabel="Save notice settings"
          intro={
            <>
              <h1 className="mb-4 text-3xl font-bold">Notices</h1>
              <p className="mb-4">
                Parley e-mails people when a dispute needs them: when it is raised or escalated, before a deadline and when one is missed. Routine notices go
                out only in working hours on the partnership&apos;s working days. A dispute raised with an immediate risk is notified at once, day or night.
              </p>
              <h2 className="mb-2 text-2xl font-bold">Working hours and warnings</h2>
              <p className="mb-4">
                Changes apply from now on: warnings already planned for open disputes are worked out again in the background, about a thousand disputes a
                minute. A notice already written and waiting for working hours keeps its time.
              </p>
            </>
          }
        />
      </div>

      <h2 id="deliveries" className="mb-2 mt-8 text-2xl font-bold">
        Deliveries in the last {DELIVERY_WINDOW_DAYS} days
      </h2>
      <SummaryList
        className="max-w-3xl"
        rows={[
          { key: "Sent", value: plural(deliveries.sent, "notice") },
          { key: "Waiting to go", value: plural(deliveries.waiting, "notice") },
          { key: "Failed", value: plural(deliveries.failed, "notice") },
        ]}
      />

      <h2 className="mb-2 mt-8 text-2xl font-bold">Notices not delivered</h2>
      {deliveries.problems.length === 0 ? (
        <p>Every notice has been delivered or is waiting for its time.</p>
      ) : (
        <>
          <p className="mb-4 max-w-3xl">
            A notice that cannot be delivered is tried again, less often each time, for about two days; then it is marked failed and waits here for you. It is
            never dropped. Check the address and the reason, then try again.
          </p>
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-left">
              <caption className="sr-only">Notices that failed or are being tried again, newest first</caption>
              <TableHead columns={["To", "Subject", "Attempts", "Last error", "When", "State"]} />
              <tbody>
                {deliveries.problems.map((n) => (
                  <tr key={n.id} className="border-b border-[var(--color-border)] align-top">
                    <th scope="row" className="py-2 pr-4 font-normal">
                      {n.recipientName}
                      <div className="break-all text-sm text-[var(--color-ink-muted)]">{n.recipientEmail}</div>
                    </th>
                    <td className="py-2 pr-4">{n.subject}</td>
                    <td className="py-2 pr-4">{n.attempts}</td>
                    <td className="break-words py-2 pr-4 font-mono text-sm">{n.lastError ?? "None recorded"}</td>
                    <td className="py-2 pr-4">
                      {n.lastTriedAt ? `Last tried at ${when(n.lastTriedAt)}` : `Written at ${when(n.createdAt)}`}
                      {n.nextAttemptAt ? <div className="text-sm">Next try at {when(n.nextAttemptAt)}</div> : null}
                    </td>
                    <td className="py-2">
                      {n.state === "failed" ? (
                        <>
                          <Tag colour="red">Failed</Tag>
                          <form action={retryNoticeAction.bind(null, actor.partnershipId, n.id)} className="mt-2">
                            <Button variant="secondary">
                              Try again now
                              <span className="sr-only">
                                {" "}
                                to send “{n.subject}” to {n.recipientName}
                              </span>
                            </Button>
                          </form>
                        </>
                      ) : (
                        <Tag colour="yellow">Trying again</Tag>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {deliveries.moreProblems > 0 ? (
            <p className="mt-4">And {plural(deliveries.moreProblems, "older notice")} not delivered. Deal with these first; older ones then show here.</p>
          ) : null}
        </>
      )}
    </>
  );
}
