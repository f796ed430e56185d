import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/back-link";
import { Tag } from "@/components/tag";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { getDatabase } from "@/lib/db/client";
import { listMembers } from "@/lib/users/members";
import { adminPath, requireAdmin } from "../_lib";
import { TableHead } from "@/components/table-head";

export async function generateMetadata({ params }: { params: Promise<{ partnership: string }> }): Promise<Metadata> {
  // The page's own gate: to anyone it turns away, this is the not-found page, titled as one.
  await requireAdmin((await params).partnership);
  return { title: "People" };
}

/** Whether they may sign in: access ended, active, or invited (no password chosen yet). */
function Access({ member }: { member: { active: boolean; canSignIn: boolean } }) {
  return !member.active ? <Tag colour="grey">Ended</Tag> : member.canSignIn ? <Tag colour="green">Active</Tag> : <Tag colour="yellow">Invited</Tag>;
}

/**
 * Everyone in the partnership. On a wide screen, a table; on a narrow one (a
 * phone, 375 pixels), where five columns do not fit, a card per person with the
 * same facts, Access included. Only one of the two is displayed (and so read
 * by screen readers) at any width.
 */
export default async function PeoplePage({ params }: { params: Promise<{ partnership: string }> }) {
  const actor = await requireAdmin((await params).partnership);
  const members = await listMembers(await getDatabase(), actor);
  return (
    <>
      <BackLink href={adminPath(actor)}>Administration</BackLink>
      <h1 className="mb-4 text-3xl font-bold">People</h1>
      <p className="mb-6">
        <Link
          href={adminPath(actor, "/people/new")}
          className="inline-block bg-[var(--color-success)] px-4 py-2 font-bold text-white no-underline visited:text-white"
        >
          Add a person
        </Link>
      </p>
      <ul className="sm:hidden">
        {members.map((m) => (
          <li key={m.userId} className="mb-4 border-2 border-[var(--color-border)] p-4">
            <h2 className="text-xl font-bold">
              <Link href={adminPath(actor, `/people/${m.userId}`)}>{m.name}</Link>
            </h2>
            <p className="mb-3 break-all text-sm text-[var(--color-ink-muted)]">{m.email}</p>
            <dl className="border-t border-[var(--color-border)]">
              <div className="border-b border-[var(--color-border)] py-2">
                <dt className="font-bold">Agency</dt>
                <dd>{m.agencyName}</dd>
              </div>
              {m.jobTitle ? (
                <div className="border-b border-[var(--color-border)] py-2">
                  <dt className="font-bold">Job title</dt>
                  <dd>{m.jobTitle}</dd>
                </div>
              ) : null}
              <div className="border-b border-[var(--color-border)] py-2">
                <dt className="font-bold">Roles</dt>
                <dd>{m.roles.map((r) => ROLE_LABELS[r]).join(", ")}</dd>
              </div>
              <div className="py-2">
                <dt className="font-bold">Access</dt>
                <dd>
                  <Access member={m} />
                </dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto sm:block">
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">Everyone with access to this partnership, or whose access has ended</caption>
          <TableHead columns={["Name", "Agency", "Job title", "Roles", "Access"]} />
          <tbody>
            {members.map((m) => (
              <tr key={m.userId} className="border-b border-[var(--color-border)] align-top">
                <th scope="row" className="py-2 pr-4 font-normal">
                  <Link href={adminPath(actor, `/people/${m.userId}`)}>{m.name}</Link>
                  <div className="text-sm text-[var(--color-ink-muted)] break-all">{m.email}</div>
                </th>
                <td className="py-2 pr-4">{m.agencyName}</td>
                <td className="py-2 pr-4">{m.jobTitle ?? <span className="text-[var(--color-ink-muted)]">Not given</span>}</td>
                <td className="py-2 pr-4">{m.roles.map((r) => ROLE_LABELS[r]).join(", ")}</td>
                <td className="py-2">
                  <Access member={m} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
