import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { BackLink } from "@/components/back-link";
import { appNow } from "@/lib/clock";
import { getDatabase } from "@/lib/db/client";
import { listAgencies } from "@/lib/users/members";
import { apiTokenFields, todayIn } from "@/lib/views/admin-api-tokens";
import { initialFormState } from "@/lib/views/form-spec";
import { adminPath, partnershipTimeZone } from "../../_lib";
import { createApiTokenAction } from "../actions";
import { requireTokenAdmin } from "../_lib";

export async function generateMetadata({ params }: { params: Promise<{ partnership: string }> }): Promise<Metadata> {
  // The page's own gate: to anyone it turns away, this is the not-found page, titled as one.
  await requireTokenAdmin((await params).partnership);
  return { title: "Make an API token" };
}

export default async function NewApiTokenPage({ params }: { params: Promise<{ partnership: string }> }) {
  const actor = await requireTokenAdmin((await params).partnership);
  const now = appNow();
  const agencies = await listAgencies(await getDatabase(), actor);
  return (
    <>
      <BackLink href={adminPath(actor, "/api-tokens")}>API tokens</BackLink>
      <ActionForm
        action={createApiTokenAction.bind(null, actor.partnershipId)}
        initialState={initialFormState()}
        fields={apiTokenFields(agencies, todayIn(now, partnershipTimeZone(actor.partnershipId, now)))}
        submitLabel="Make token"
        intro={
          <>
            <h1 className="mb-4 text-3xl font-bold">Make an API token</h1>
            <p className="mb-6 max-w-2xl">
              The next page shows the token once. Give it to whoever runs the agency&apos;s system, by a secure route: anyone who has it can act for that agency
              in Parley, within what you allow here, until it expires or you revoke it.
            </p>
          </>
        }
      />
    </>
  );
}
