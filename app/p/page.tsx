import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { membershipsOf, requireSession } from "@/lib/auth/server";

export const metadata: Metadata = { title: "Choose a partnership" };

/** After sign-in: straight on to the one partnership, or a choice between several. */
export default async function ChoosePartnershipPage() {
  const user = await requireSession();
  const memberships = await membershipsOf(user.userId);
  if (memberships.length === 1) redirect(`/p/${encodeURIComponent(memberships[0]!.partnershipId)}`);
  return (
    <div className="max-w-3xl">
      <h1 className="mb-6 text-3xl font-bold">Choose a partnership</h1>
      {memberships.length === 0 ? (
        <p>You are not a member of any partnership in Parley yet. Ask your partnership administrator to add you.</p>
      ) : (
        <>
          <p className="mb-4">You work with more than one safeguarding partnership. Choose the one you want to work in now.</p>
          <ul className="space-y-4">
            {memberships.map((m) => (
              <li key={m.partnershipId} className="border-b border-[var(--color-border)] pb-4">
                <Link href={`/p/${encodeURIComponent(m.partnershipId)}`} className="text-xl font-bold">
                  {m.partnershipName}
                </Link>
                <p className="text-[var(--color-ink-muted)]">
                  {m.agencyName} · {m.roles.map((r) => ROLE_LABELS[r]).join(", ")}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
