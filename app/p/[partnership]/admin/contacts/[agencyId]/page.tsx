import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { BackLink } from "@/components/back-link";
import { NotificationBanner } from "@/components/notification-banner";
import { Tag } from "@/components/tag";
import { addContactFields } from "@/lib/views/admin-contacts";
import { initialFormState } from "@/lib/views/form-spec";
import { addContactAction } from "../../actions";
import { adminPath, agencyContactsOr404 } from "../../_lib";
import { TableHead } from "@/components/table-head";

type Props = {
  params: Promise<{ partnership: string; agencyId: string }>;
  searchParams: Promise<{ done?: string; person?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { partnership, agencyId } = await params;
  // The page's own gate: to anyone it turns away, this is the not-found page, titled as one.
  await agencyContactsOr404(partnership, agencyId);
  return { title: "An agency's escalation contacts" };
}

export default async function AgencyContactsPage({ params, searchParams }: Props) {
  const { partnership, agencyId } = await params;
  const { actor, agency } = await agencyContactsOr404(partnership, agencyId);
  const { done, person } = await searchParams;
  const who = [...agency.named, ...agency.eligible].find((p) => p.userId === person)?.name;
  const banner =
    done === "added"
      ? `${who ?? "They"} ${who ? "is" : "are"} now a named contact of ${agency.name}.`
      : done === "removed"
        ? `${who ?? "They"} ${who ? "is" : "are"} no longer a named contact of ${agency.name}.`
        : null;
  return (
    <div className="max-w-3xl">
      <BackLink href={adminPath(actor, "/contacts")}>Escalation contacts</BackLink>
      {banner ? (
        <NotificationBanner variant="success">
          <p className="font-bold">{banner}</p>
        </NotificationBanner>
      ) : null}
      <p className="mb-1 text-lg text-[var(--color-ink-muted)]">Escalation contacts</p>
      <h1 className="mb-4 text-3xl font-bold">{agency.name}</h1>
      <p className="mb-6">{agency.explanation}</p>

      <h2 className="mb-2 text-2xl font-bold">Who takes disputes raised against it now</h2>
      {agency.contacts.length > 0 ? (
        <ul className="mb-8 list-disc pl-6">
          {agency.contacts.map((c) => (
            <li key={c.userId}>
              {c.name} <span className="break-all text-[var(--color-ink-muted)]">({c.email})</span>
              {c.duty ? `, ${c.duty}` : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-8">Nobody at this agency: the partnership&apos;s business manager.</p>
      )}

      <h2 className="mb-2 text-2xl font-bold">Named contacts</h2>
      {agency.named.length === 0 ? (
        <p className="mb-8">Nobody is named.</p>
      ) : (
        <div className="mb-8 overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">The people named as contacts of {agency.name}</caption>
            <TableHead
              columns={[
                "Name",
                "What they do",
                "Takes disputes now",
                <span key="action" className="sr-only">
                  Action
                </span>,
              ]}
            />
            <tbody>
              {agency.named.map((n) => (
                <tr key={n.userId} className="border-b border-[var(--color-border)] align-top">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    {n.name}
                    <div className="break-all text-sm text-[var(--color-ink-muted)]">{n.email}</div>
                  </th>
                  <td className="py-2 pr-4">{n.duty ?? "Not given"}</td>
                  <td className="py-2 pr-4">
                    {n.counts ? (
                      <Tag colour="green">Yes</Tag>
                    ) : (
                      <>
                        <Tag colour="grey">No</Tag>
                        <p className="mt-1 text-sm">{n.note}</p>
                      </>
                    )}
                  </td>
                  <td className="py-2">
                    <Link href={adminPath(actor, `/contacts/${agency.agencyId}/remove/${n.userId}`)}>
                      Remove<span className="sr-only"> {n.name} as a contact</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {agency.eligible.length > 0 ? (
        <ActionForm
          // A fresh form after each change, so no earlier attempt's errors stay on it.
          key={`${done ?? ""}:${person ?? ""}`}
          action={addContactAction.bind(null, actor.partnershipId, agency.agencyId)}
          initialState={initialFormState()}
          fields={addContactFields(agency.eligible)}
          submitLabel="Add contact"
          intro={
            <>
              <h2 className="mb-2 text-2xl font-bold">Name a contact</h2>
              <p className="mb-4">They will be told at once about disputes raised against {agency.name} that nobody there owns yet, and can open them.</p>
            </>
          }
        />
      ) : (
        <>
          <h2 className="mb-2 text-2xl font-bold">Name a contact</h2>
          <p>
            {agency.named.length > 0 ? "Everyone at this agency who works on cases is already named." : "Nobody at this agency works on cases in Parley yet."}{" "}
            To name {agency.named.length > 0 ? "someone else" : "someone"}, first{" "}
            <Link href={adminPath(actor, "/people")}>add them, or give them a role that works on cases</Link>.
          </p>
        </>
      )}
    </div>
  );
}
