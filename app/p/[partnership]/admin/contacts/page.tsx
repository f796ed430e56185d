import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/back-link";
import { Tag, type TagColour } from "@/components/tag";
import { listAgencyContacts } from "@/lib/agencies/contacts-admin";
import type { ContactsSource } from "@/lib/agencies/contacts-explained";
import { getDatabase } from "@/lib/db/client";
import { adminPath, requireAdmin } from "../_lib";
import { TableHead } from "@/components/table-head";

export async function generateMetadata({ params }: { params: Promise<{ partnership: string }> }): Promise<Metadata> {
  // The page's own gate: to anyone it turns away, this is the not-found page, titled as one.
  await requireAdmin((await params).partnership);
  return { title: "Escalation contacts" };
}

const SOURCE: Record<ContactsSource, { tag: string; colour: TagColour }> = {
  named: { tag: "Named", colour: "green" },
  managers: { tag: "Nobody named: its managers", colour: "blue" },
  members: { tag: "Nobody named: all its members", colour: "yellow" },
  nobody: { tag: "Not on Parley", colour: "red" },
};

export default async function ContactsPage({ params }: { params: Promise<{ partnership: string }> }) {
  const actor = await requireAdmin((await params).partnership);
  const agencies = await listAgencyContacts(await getDatabase(), actor);
  return (
    <>
      <BackLink href={adminPath(actor)}>Administration</BackLink>
      <h1 className="mb-4 text-3xl font-bold">Escalation contacts</h1>
      <div className="mb-6 max-w-3xl space-y-4">
        <p>
          When someone raises a disagreement with an agency and names nobody there who uses Parley, Parley tells that agency&apos;s escalation contacts at once.
          They can open the dispute, take it on or give it to a colleague.
        </p>
        <p>
          Name each agency&apos;s contacts: its designated safeguarding lead, whoever looks after its safeguarding mailbox, the managers who take disputes.
          Where you name nobody, its managers are its contacts; if it has no managers on Parley, all its members who work on cases are. Where nobody at an
          agency uses Parley, nobody there can be told, so disputes raised against it go to the partnership&apos;s business manager, who contacts the agency
          another way.
        </p>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">Each agency and who takes disputes raised against it</caption>
          <TableHead columns={["Agency", "Who takes disputes raised against it", "Why them"]} />
          <tbody>
            {agencies.map((a) => {
              const notCounting = a.named.filter((n) => !n.counts).length;
              return (
                <tr key={a.agencyId} className="border-b border-[var(--color-border)] align-top">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    <Link href={adminPath(actor, `/contacts/${a.agencyId}`)}>{a.name}</Link>
                  </th>
                  <td className="py-2 pr-4">
                    {a.contacts.length > 0 ? (
                      <ul>
                        {a.contacts.map((c) => (
                          <li key={c.userId}>
                            {c.name}
                            {c.duty ? <span className="text-[var(--color-ink-muted)]">, {c.duty}</span> : null}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      "The partnership's business manager"
                    )}
                  </td>
                  <td className="py-2">
                    <Tag colour={SOURCE[a.source].colour}>{SOURCE[a.source].tag}</Tag>
                    {notCounting > 0 ? (
                      <p className="mt-1 text-sm">{notCounting === 1 ? "1 named contact cannot" : `${notCounting} named contacts cannot`} take disputes now.</p>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
