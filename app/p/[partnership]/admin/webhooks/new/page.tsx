import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { BackLink } from "@/components/back-link";
import { getDatabase } from "@/lib/db/client";
import { listAgencies } from "@/lib/users/members";
import { webhookFields } from "@/lib/views/admin-webhooks";
import { initialFormState } from "@/lib/views/form-spec";
import { adminPath } from "../../_lib";
import { createWebhookAction } from "../actions";
import { requireWebhookAdmin } from "../_lib";

export async function generateMetadata({ params }: { params: Promise<{ partnership: string }> }): Promise<Metadata> {
  // The page's own gate: to anyone it turns away, this is the not-found page, titled as one.
  await requireWebhookAdmin((await params).partnership);
  return { title: "Register a webhook endpoint" };
}

export default async function NewWebhookPage({ params }: { params: Promise<{ partnership: string }> }) {
  const actor = await requireWebhookAdmin((await params).partnership);
  const agencies = await listAgencies(await getDatabase(), actor);
  return (
    <>
      <BackLink href={adminPath(actor, "/webhooks")}>Webhooks</BackLink>
      <ActionForm
        action={createWebhookAction.bind(null, actor.partnershipId)}
        initialState={initialFormState()}
        fields={webhookFields(agencies)}
        submitLabel="Register endpoint"
        intro={
          <>
            <h1 className="mb-4 text-3xl font-bold">Register a webhook endpoint</h1>
            <p className="mb-6 max-w-2xl">
              The next page shows the endpoint&apos;s signing secret once. Give it to whoever runs the agency&apos;s system, by a secure route: their system
              uses it to check that each message came from Parley.
            </p>
          </>
        }
      />
    </>
  );
}
