import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { BackLink } from "@/components/back-link";
import { getDatabase } from "@/lib/db/client";
import { listAgencies } from "@/lib/users/members";
import { newPersonFields } from "@/lib/views/admin";
import { initialFormState } from "@/lib/views/form-spec";
import { addPersonAction } from "../../actions";
import { adminPath, requireAdmin } from "../../_lib";

export async function generateMetadata({ params }: { params: Promise<{ partnership: string }> }): Promise<Metadata> {
  // The page's own gate: to anyone it turns away, this is the not-found page, titled as one.
  await requireAdmin((await params).partnership);
  return { title: "Add a person" };
}

export default async function NewPersonPage({ params }: { params: Promise<{ partnership: string }> }) {
  const actor = await requireAdmin((await params).partnership);
  const agencies = await listAgencies(await getDatabase(), actor);
  return (
    <>
      <BackLink href={adminPath(actor, "/people")}>People</BackLink>
      <ActionForm
        action={addPersonAction.bind(null, actor.partnershipId)}
        initialState={initialFormState()}
        fields={newPersonFields(agencies)}
        submitLabel="Add person"
        intro={
          <>
            <h1 className="mb-4 text-3xl font-bold">Add a person</h1>
            <p className="mb-6 max-w-2xl">
              If they are new to Parley you will get a one-time link to give them, to choose a password. If your council signs people in with its own accounts,
              they can use that instead once added.
            </p>
          </>
        }
      />
    </>
  );
}
