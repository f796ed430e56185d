import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { BackLink } from "@/components/back-link";
import { initialFormState } from "@/lib/views/form-spec";
import { removeContactAction } from "../../../../actions";
import { adminPath, agencyContactsOr404 } from "../../../../_lib";

type Props = { params: Promise<{ partnership: string; agencyId: string; userId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { partnership, agencyId } = await params;
  // The page's own gate: to anyone it turns away, this is the not-found page, titled as one.
  await agencyContactsOr404(partnership, agencyId);
  return { title: "Remove an escalation contact" };
}

/** The confirmation before removing a contact: a page of its own, so it works without JavaScript. */
export default async function RemoveContactPage({ params }: Props) {
  const { partnership, agencyId, userId } = await params;
  const { actor, agency } = await agencyContactsOr404(partnership, agencyId);
  const back = adminPath(actor, `/contacts/${agency.agencyId}`);
  const contact = agency.named.find((n) => n.userId === userId);
  if (!contact) {
    return (
      <div className="max-w-3xl">
        <BackLink href={back}>{agency.name}</BackLink>
        <h1 className="mb-4 text-3xl font-bold">Not a named contact</h1>
        <p>This person is not a named contact of {agency.name}, so there is nothing to remove. Someone may have removed them already.</p>
      </div>
    );
  }
  const othersCounting = agency.named.filter((n) => n.userId !== userId && n.counts).length;
  return (
    <div className="max-w-3xl">
      <BackLink href={back}>{agency.name}</BackLink>
      <ActionForm
        action={removeContactAction.bind(null, actor.partnershipId, agency.agencyId, contact.userId)}
        initialState={initialFormState()}
        fields={[]}
        submitLabel="Remove contact"
        variant="warning"
        intro={
          <>
            <h1 className="mb-4 text-3xl font-bold">
              Remove {contact.name} as a contact of {agency.name}?
            </h1>
            <p className="mb-4">
              They will no longer be told about disputes raised against {agency.name} that nobody there owns yet. Disputes they already own or take part in are
              not affected.
            </p>
            {othersCounting === 0 ? (
              <p className="mb-4">
                Nobody else named can take disputes, so they will go to the agency&apos;s managers; if it has none on Parley, to all its members who work on
                cases.
              </p>
            ) : null}
          </>
        }
        after={
          <p>
            <Link href={back}>Cancel</Link>
          </p>
        }
      />
    </div>
  );
}
