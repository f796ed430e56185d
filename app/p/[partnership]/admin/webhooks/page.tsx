import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/back-link";
import { Tag } from "@/components/tag";
import { getDatabase } from "@/lib/db/client";
import { endpointState, eventWords, lastDeliveryWords } from "@/lib/views/admin-webhooks";
import { listWebhookEndpoints } from "@/lib/webhooks/admin";
import { adminPath, partnershipTimeZone } from "../_lib";
import { endpointPath, requireWebhookAdmin } from "./_lib";
import { TableHead } from "@/components/table-head";

export async function generateMetadata({ params }: { params: Promise<{ partnership: string }> }): Promise<Metadata> {
  // The page's own gate: to anyone it turns away, this is the not-found page, titled as one.
  await requireWebhookAdmin((await params).partnership);
  return { title: "Webhooks" };
}

export default async function WebhooksPage({ params }: { params: Promise<{ partnership: string }> }) {
  const actor = await requireWebhookAdmin((await params).partnership);
  const timeZone = partnershipTimeZone(actor.partnershipId);
  const endpoints = await listWebhookEndpoints(await getDatabase(), actor);
  return (
    <>
      <BackLink href={adminPath(actor)}>Administration</BackLink>
      <h1 className="mb-4 text-3xl font-bold">Webhooks</h1>
      <div className="mb-6 max-w-3xl space-y-4">
        <p>
          A webhook tells an agency&apos;s case-management system as soon as one of the agency&apos;s disputes changes: raised, given an owner, moved to another
          stage, about to miss a deadline or missed one, resolved or withdrawn. Each message is signed, carries only the dispute&apos;s reference, stage and
          dates (never anything about the child or adult), and is tried again for about a day and a half if the system does not accept it.
        </p>
        <p>
          Whoever runs the system needs the webhook guide (<code>docs/webhooks.md</code>), the address they gave you and the signing secret shown once, when you
          register it.
        </p>
      </div>
      <p className="mb-6">
        <Link
          href={adminPath(actor, "/webhooks/new")}
          className="inline-block bg-[var(--color-success)] px-4 py-2 font-bold text-white no-underline visited:text-white"
        >
          Register an endpoint
        </Link>
      </p>
      {endpoints.length === 0 ? (
        <p>There are no webhook endpoints yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">Every webhook endpoint of this partnership, live ones first</caption>
            <TableHead columns={["Name", "Agency", "Told about", "Last delivery", "Status"]} />
            <tbody>
              {endpoints.map((e) => (
                <tr key={e.id} className="border-b border-[var(--color-border)] align-top">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    <Link href={endpointPath(actor, e.id)}>{e.name}</Link>
                    <div className="break-all font-mono text-sm text-[var(--color-ink-muted)]">{e.url}</div>
                  </th>
                  <td className="py-2 pr-4">{e.agencyName}</td>
                  <td className="py-2 pr-4">
                    <ul>
                      {eventWords(e.events).map((w) => (
                        <li key={w}>{w}</li>
                      ))}
                    </ul>
                  </td>
                  <td className="py-2 pr-4">
                    {lastDeliveryWords(e.last, timeZone)}
                    {e.failed > 0 ? <p className="mt-1 font-bold text-[var(--color-error)]">{e.failed} failed</p> : null}
                    {e.waiting > 0 ? <p className="mt-1">{e.waiting} waiting</p> : null}
                  </td>
                  <td className="py-2">
                    <Tag colour={endpointState(e).colour}>{endpointState(e).text}</Tag>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
