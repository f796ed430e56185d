import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { BackLink } from "@/components/back-link";
import { CopyButton } from "@/components/copy-button";
import { NotificationBanner } from "@/components/notification-banner";
import { SummaryList } from "@/components/summary-list";
import { Tag } from "@/components/tag";
import { claimShowing } from "@/lib/api-tokens/admin";
import { getDatabase } from "@/lib/db/client";
import { formatDateTime } from "@/lib/policy/format";
import { lastUsedWords, permissionWords, STATUS_TAGS, validityWords } from "@/lib/views/admin-api-tokens";
import { initialFormState } from "@/lib/views/form-spec";
import { adminPath, partnershipTimeZone } from "../../_lib";
import { revokeApiTokenAction } from "../actions";
import { flashedNewToken, tokenOr404 } from "../_lib";

type Props = { params: Promise<{ partnership: string; tokenId: string }>; searchParams: Promise<{ done?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { partnership, tokenId } = await params;
  // The page's own gate: to anyone it turns away, this is the not-found page, titled as one.
  const { token } = await tokenOr404(partnership, tokenId);
  return { title: `API token: ${token.name}` };
}

export default async function ApiTokenPage({ params, searchParams }: Props) {
  const { partnership, tokenId } = await params;
  const { actor, token } = await tokenOr404(partnership, tokenId);
  const timeZone = partnershipTimeZone(actor.partnershipId);
  const justMade = (await searchParams).done === "created";
  const flashed = justMade ? await flashedNewToken(token.id) : null;
  // Shown to its maker once: a reload, or the back button, finds it already shown.
  const secret = flashed && (await claimShowing(await getDatabase(), actor, token.id)) ? flashed : null;
  return (
    <div className="max-w-3xl">
      <BackLink href={adminPath(actor, "/api-tokens")}>API tokens</BackLink>
      {secret ? (
        <NotificationBanner title="Token made">
          <p className="mb-2 font-bold">Copy the token now. This is the only time Parley shows it.</p>
          <p className="mb-2">
            Give it to whoever runs the system at {token.agencyName}, by a secure route. Their system sends it with every request, as{" "}
            <code>Authorization: Bearer</code> followed by the token.
          </p>
          <p className="break-all border-2 border-[var(--color-ink)] bg-white p-2 font-mono" id="new-api-token">
            {secret}
          </p>
          <CopyButton text={secret} label="Copy token" />
        </NotificationBanner>
      ) : justMade ? (
        <NotificationBanner title="The token has been shown already">
          <p>Parley shows a token only once, on the page that follows making it. If it was not copied then, revoke this token and make another.</p>
        </NotificationBanner>
      ) : null}
      <h1 className="mb-6 text-3xl font-bold">{token.name}</h1>
      <SummaryList
        rows={[
          { key: "Status", value: <Tag colour={STATUS_TAGS[token.status].colour}>{STATUS_TAGS[token.status].text}</Tag> },
          { key: "Agency", value: token.agencyName },
          { key: "May", value: permissionWords(token.permissions).join("\n") },
          { key: "Starts with", value: <span className="font-mono">{token.prefix}…</span> },
          { key: "Made", value: `${formatDateTime(token.createdAt, timeZone)}${token.createdByName ? ` by ${token.createdByName}` : ""}` },
          { key: token.status === "revoked" ? "Revoked" : "Expires", value: validityWords(token, timeZone) },
          { key: "Last used", value: lastUsedWords(token, timeZone) },
        ]}
      />
      {token.status === "active" ? (
        <ActionForm
          action={revokeApiTokenAction.bind(null, actor.partnershipId, token.id)}
          initialState={initialFormState()}
          fields={[]}
          submitLabel="Revoke this token"
          variant="warning"
          intro={
            <>
              <h2 className="mb-2 mt-8 text-2xl font-bold">Revoke this token</h2>
              <p className="mb-4">
                Its system&apos;s next request is refused. This cannot be undone: if the system still needs to use Parley, make a new token. Everything it did
                stays on the record.
              </p>
            </>
          }
        />
      ) : null}
    </div>
  );
}
