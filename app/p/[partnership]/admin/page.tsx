import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { getDatabase } from "@/lib/db/client";
import { listMembers } from "@/lib/users/members";
import { adminPath, requireAdmin } from "./_lib";

export async function generateMetadata({ params }: { params: Promise<{ partnership: string }> }): Promise<Metadata> {
  // The page's own gate: to anyone it turns away, this is the not-found page, titled as one.
  await requireAdmin((await params).partnership);
  return { title: "Administration" };
}

export default async function AdminPage({ params }: { params: Promise<{ partnership: string }> }) {
  const actor = await requireAdmin((await params).partnership);
  const members = await listMembers(await getDatabase(), actor);
  const active = members.filter((m) => m.active).length;
  return (
    <div className="max-w-3xl">
      <h1 className="mb-6 text-3xl font-bold">Administration</h1>
      <ul className="space-y-6">
        <li>
          <h2 className="text-xl font-bold">
            <Link href={adminPath(actor, "/people")}>People</Link>
          </h2>
          <p>
            {active} {active === 1 ? "person has" : "people have"} access. Add or invite people, set their agency and roles, or end their access.
          </p>
        </li>
        <li>
          <h2 className="text-xl font-bold">
            <Link href={adminPath(actor, "/contacts")}>Escalation contacts</Link>
          </h2>
          <p>Who in each agency takes a disagreement raised against it while nobody there owns it, and who that is by default.</p>
        </li>
        <li>
          <h2 className="text-xl font-bold">
            <Link href={adminPath(actor, "/notices")}>Notices</Link>
          </h2>
          <p>The working hours notices go out in, how early deadlines are warned about, and any notice that could not be delivered.</p>
        </li>
        {can(actor, "tokens.manage") ? (
          <li>
            <h2 className="text-xl font-bold">
              <Link href={adminPath(actor, "/api-tokens")}>API tokens</Link>
            </h2>
            <p>Let an agency&apos;s case-management system use Parley&apos;s API without a person: what it may do, until when, and when it was last used.</p>
          </li>
        ) : null}
        {can(actor, "webhooks.manage") ? (
          <li>
            <h2 className="text-xl font-bold">
              <Link href={adminPath(actor, "/webhooks")}>Webhooks</Link>
            </h2>
            <p>Tell an agency&apos;s case-management system when one of its disputes changes, and see whether each message arrived.</p>
          </li>
        ) : null}
        {can(actor, "policy.manage") ? (
          <li>
            <h2 className="text-xl font-bold">
              <Link href={adminPath(actor, "/policy")}>Escalation policy</Link>
            </h2>
            <p>The versions of your partnership&apos;s policy, which is in force, and any problem with its files or holiday calendar.</p>
          </li>
        ) : null}
        {can(actor, "audit.export") ? (
          <li>
            <h2 className="text-xl font-bold">
              <Link href={adminPath(actor, "/audit")}>Audit trail of a dispute</Link>
            </h2>
            <p>Download who did what to a dispute, and who looked at it, when and from where.</p>
          </li>
        ) : null}
      </ul>
    </div>
  );
}
