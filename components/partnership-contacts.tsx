import Link from "next/link";
import type { PartnershipContacts } from "@/lib/views/statements";

/**
 * Whom to contact at each of the reader's partnerships, from the contacts in
 * its policy file; for someone not signed in, how to find them.
 */
export function PartnershipContactList({
  partnerships,
  signedIn,
  headingLevel = 3,
}: {
  partnerships: readonly PartnershipContacts[];
  signedIn: boolean;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  if (!signedIn) {
    return (
      <p className="mb-4">
        Your safeguarding partnership&apos;s business manager can help. If you use Parley, <Link href="/sign-in">sign in</Link> and come back to this page to
        see your partnership&apos;s contact details.
      </p>
    );
  }
  if (partnerships.length === 0) {
    return <p className="mb-4">Your safeguarding partnership&apos;s business manager can help.</p>;
  }
  return (
    <div className="mb-4 space-y-4">
      {partnerships.map((p) => (
        <section key={p.partnershipId} aria-labelledby={`contacts-${p.partnershipId}`}>
          <Heading id={`contacts-${p.partnershipId}`} className="mb-2 text-lg font-bold">
            {p.name}
          </Heading>
          {p.contacts.length === 0 ? (
            <p>Your partnership&apos;s policy gives no contact details. Ask your partnership&apos;s business manager.</p>
          ) : (
            <ul className="space-y-2">
              {p.contacts.map((c) => (
                <li key={`${c.label}:${c.email ?? c.phone ?? c.url ?? ""}`}>
                  <span className="font-bold">{c.label}</span>
                  {c.name ? `, ${c.name}` : ""}
                  {c.email ? (
                    <>
                      <br />
                      Email: <a href={`mailto:${c.email}`}>{c.email}</a>
                    </>
                  ) : null}
                  {c.phone ? (
                    <>
                      <br />
                      Telephone: {c.phone}
                    </>
                  ) : null}
                  {c.url && /^https?:\/\//.test(c.url) ? (
                    <>
                      <br />
                      Website: <a href={c.url}>{c.url}</a>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
