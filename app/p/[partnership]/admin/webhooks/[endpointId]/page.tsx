import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { BackLink } from "@/components/back-link";
import { CopyButton } from "@/components/copy-button";
import { NotificationBanner } from "@/components/notification-banner";
import { SummaryList } from "@/components/summary-list";
import { Tag } from "@/components/tag";
import { getDatabase } from "@/lib/db/client";
import { formatDateTime } from "@/lib/policy/format";
import { DELIVERY_TAGS, deliveryWords, endpointState, eventWords, lastDeliveryWords } from "@/lib/views/admin-webhooks";
import { initialFormState } from "@/lib/views/form-spec";
import { claimSecretShowing, RECENT_DELIVERIES } from "@/lib/webhooks/admin";
import { WEBHOOK_EVENT_LABELS } from "@/lib/webhooks/outbox";
import { adminPath, partnershipTimeZone } from "../../_lib";
import { disableWebhookAction, retryFailedAction } from "../actions";
import { endpointOr404, flashedNewSecret } from "../_lib";
import { TableHead } from "@/components/table-head";

type Props = { params: Promise<{ partnership: string; endpointId: string }>; searchParams: Promise<{ done?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { partnership, endpointId } = await params;
  // The page's own gate: to anyone it turns away, this is the not-found page, titled as one.
  const { endpoint } = await endpointOr404(partnership, endpointId);
  return { title: `Webhook endpoint: ${endpoint.name}` };
}

const DONE: Record<string, string> = {
  disabled: "The endpoint has been disabled: nothing more is sent to it.",
  retried: "The failed deliveries will be sent again within a minute.",
};

export default async function WebhookEndpointPage({ params, searchParams }: Props) {
  const { partnership, endpointId } = await params;
  const { actor, endpoint, deliveries } = await endpointOr404(partnership, endpointId);
  const timeZone = partnershipTimeZone(actor.partnershipId);
  const done = (await searchParams).done;
  const justMade = done === "created";
  const flashed = justMade ? await flashedNewSecret(endpoint.id) : null;
  // Shown to its maker once: a reload, or the back button, finds it already shown.
  const secret = flashed && (await claimSecretShowing(await getDatabase(), actor, endpoint.id)) ? flashed : null;
  const doneMessage = done ? DONE[done] : undefined;
  return (
    <div className="max-w-4xl">
      <BackLink href={adminPath(actor, "/webhooks")}>Webhooks</BackLink>
      {secret ? (
        <NotificationBanner title="Endpoint registered">
          <p className="mb-2 font-bold">Copy the signing secret now. This is the only time Parley shows it.</p>
          <p className="mb-2">
            Give it to whoever runs the system at {endpoint.agencyName}, by a secure route. Their system checks the <code>webhook-signature</code> of every
            message with it, as the webhook guide describes.
          </p>
          <p className="break-all border-2 border-[var(--color-ink)] bg-white p-2 font-mono" id="new-webhook-secret">
            {secret}
          </p>
          <CopyButton text={secret} label="Copy secret" />
        </NotificationBanner>
      ) : justMade ? (
        <NotificationBanner title="The secret has been shown already">
          <p>Parley shows a signing secret only once. If it was not copied then, disable this endpoint and register it again.</p>
        </NotificationBanner>
      ) : doneMessage ? (
        <NotificationBanner variant="success">
          <p className="font-bold">{doneMessage}</p>
        </NotificationBanner>
      ) : null}
      <h1 className="mb-6 text-3xl font-bold">{endpoint.name}</h1>
      <SummaryList
        rows={[
          { key: "Status", value: <Tag colour={endpointState(endpoint).colour}>{endpointState(endpoint).text}</Tag> },
          { key: "Agency", value: endpoint.agencyName },
          { key: "Address", value: <span className="break-all font-mono">{endpoint.url}</span> },
          { key: "Told about", value: eventWords(endpoint.events).join("\n") },
          { key: "Registered", value: `${formatDateTime(endpoint.createdAt, timeZone)}${endpoint.createdByName ? ` by ${endpoint.createdByName}` : ""}` },
          ...(endpoint.disabledAt
            ? [{ key: "Disabled", value: `${formatDateTime(endpoint.disabledAt, timeZone)}${endpoint.disabledByName ? ` by ${endpoint.disabledByName}` : ""}` }]
            : []),
          { key: "Last delivery", value: lastDeliveryWords(endpoint.last, timeZone) },
        ]}
      />
      <h2 className="mb-2 mt-8 text-2xl font-bold">Deliveries</h2>
      {deliveries.length === 0 ? (
        <p>Nothing has been sent to this endpoint yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="mb-2 text-left">
              The {deliveries.length === RECENT_DELIVERIES ? `${RECENT_DELIVERIES} most recent` : deliveries.length} deliveries, newest first. Each
              delivery&apos;s id is its <code>webhook-id</code>.
            </caption>
            <TableHead columns={["Dispute", "About", "Written", "Status", "What happened"]} />
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id} className="border-b border-[var(--color-border)] align-top">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    <Link href={`/p/${encodeURIComponent(actor.partnershipId)}/disputes/${d.escalationId}`}>{d.reference ?? d.escalationId}</Link>
                    <div className="break-all font-mono text-xs text-[var(--color-ink-muted)]">{d.id}</div>
                  </th>
                  <td className="py-2 pr-4">{WEBHOOK_EVENT_LABELS[d.event]}</td>
                  <td className="py-2 pr-4">{formatDateTime(d.createdAt, timeZone)}</td>
                  <td className="py-2 pr-4">
                    <Tag colour={DELIVERY_TAGS[d.status].colour}>{DELIVERY_TAGS[d.status].text}</Tag>
                  </td>
                  <td className="py-2">{deliveryWords(d, timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!endpoint.disabledAt && endpoint.failed > 0 ? (
        <ActionForm
          action={retryFailedAction.bind(null, actor.partnershipId, endpoint.id)}
          initialState={initialFormState()}
          fields={[]}
          submitLabel="Send the failed deliveries again"
          intro={
            <>
              <h2 className="mb-2 mt-8 text-2xl font-bold">Send the failed deliveries again</h2>
              <p className="mb-4">
                {endpoint.failed === 1 ? "1 delivery" : `${endpoint.failed} deliveries`} failed. Once the agency&apos;s system has been put right, Parley can
                try each again, with its own id, from the first of its tries.
              </p>
            </>
          }
        />
      ) : null}
      {!endpoint.disabledAt ? (
        <ActionForm
          action={disableWebhookAction.bind(null, actor.partnershipId, endpoint.id)}
          initialState={initialFormState()}
          fields={[]}
          submitLabel="Disable this endpoint"
          variant="warning"
          intro={
            <>
              <h2 className="mb-2 mt-8 text-2xl font-bold">Disable this endpoint</h2>
              <p className="mb-4">
                Nothing more is sent to it, including anything still waiting. This cannot be undone: if the system still needs to be told, register the endpoint
                again. Its deliveries stay listed here.
              </p>
            </>
          }
        />
      ) : null}
    </div>
  );
}
