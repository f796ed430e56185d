import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/back-link";
import { NotificationBanner } from "@/components/notification-banner";
import { Tag } from "@/components/tag";
import { listApiTokens } from "@/lib/api-tokens/admin";
import { appNow } from "@/lib/clock";
import { getDatabase } from "@/lib/db/client";
import { lastUsedWords, permissionWords, STATUS_TAGS, validityWords } from "@/lib/views/admin-api-tokens";
import { adminPath, partnershipTimeZone } from "../_lib";
import { requireTokenAdmin } from "./_lib";
import { TableHead } from "@/components/table-head";

export async function generateMetadata({ params }: { params: Promise<{ partnership: string }> }): Promise<Metadata> {
  // The page's own gate: to anyone it turns away, this is the not-found page, titled as one.
  await requireTokenAdmin((await params).partnership);
  return { title: "API tokens" };
}

type Props = { params: Promise<{ partnership: string }>; searchParams: Promise<{ done?: string; token?: string }> };

export default async function ApiTokensPage({ params, searchParams }: Props) {
  const actor = await requireTokenAdmin((await params).partnership);
  const now = appNow();
  const timeZone = partnershipTimeZone(actor.partnershipId, now);
  const tokens = await listApiTokens(await getDatabase(), actor, now);
  const { done, token: doneId } = await searchParams;
  const revoked = done === "revoked" ? tokens.find((t) => t.id === doneId && t.status === "revoked") : undefined;
  return (
    <>
      <BackLink href={adminPath(actor)}>Administration</BackLink>
      {revoked ? (
        <NotificationBanner variant="success">
          <p className="font-bold">{revoked.name} has been revoked: its system&apos;s requests are refused from now on.</p>
        </NotificationBanner>
      ) : null}
      <h1 className="mb-4 text-3xl font-bold">API tokens</h1>
      <div className="mb-6 max-w-3xl space-y-4">
        <p>
          An agency&apos;s case-management system (Liquidlogic, Mosaic, SystmOne and others) can use Parley&apos;s API with a token, without a person signing
          in. Each token acts for one agency: it sees what that agency&apos;s director would see, and does only what you allow. Everything it does is recorded
          under its name, as a person&apos;s actions are.
        </p>
        <p>
          Whoever runs the system needs the API guide (<code>docs/api.md</code>) and the token. Revoke a token as soon as it is no longer needed, or if it may
          have been seen by anyone else.
        </p>
      </div>
      <p className="mb-6">
        <Link
          href={adminPath(actor, "/api-tokens/new")}
          className="inline-block bg-[var(--color-success)] px-4 py-2 font-bold text-white no-underline visited:text-white"
        >
          Make an API token
        </Link>
      </p>
      {tokens.length === 0 ? (
        <p>There are no API tokens yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">Every API token of this partnership, active ones first</caption>
            <TableHead columns={["Name", "Agency", "May", "Last used", "Status"]} />
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id} className="border-b border-[var(--color-border)] align-top">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    <Link href={adminPath(actor, `/api-tokens/${t.id}`)}>{t.name}</Link>
                    <div className="font-mono text-sm text-[var(--color-ink-muted)]">{t.prefix}…</div>
                  </th>
                  <td className="py-2 pr-4">{t.agencyName}</td>
                  <td className="py-2 pr-4">
                    <ul>
                      {permissionWords(t.permissions).map((p) => (
                        <li key={p}>{p}</li>
                      ))}
                    </ul>
                  </td>
                  <td className="py-2 pr-4">{lastUsedWords(t, timeZone)}</td>
                  <td className="py-2">
                    <Tag colour={STATUS_TAGS[t.status].colour}>{STATUS_TAGS[t.status].text}</Tag>
                    <p className="mt-1 text-sm">{validityWords(t, timeZone)}</p>
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
