import type { Metadata } from "next";
import { headers } from "next/headers";
import { CopyButton } from "@/components/copy-button";
import { ActionForm } from "@/components/action-form";
import { BackLink } from "@/components/back-link";
import { NotificationBanner } from "@/components/notification-banner";
import { SummaryList } from "@/components/summary-list";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { config } from "@/lib/config";
import { getDatabase } from "@/lib/db/client";
import { setPasswordPath, SETUP_TOKEN_HOURS } from "@/lib/users/setup-tokens";
import { listAgencies, mayIssuePasswordLink } from "@/lib/users/members";
import { memberFields } from "@/lib/views/admin";
import { initialFormState } from "@/lib/views/form-spec";
import { changePersonAction, endAccessAction, passwordLinkAction, restoreAccessAction } from "../../actions";
import { adminPath, flashedSetupLink, memberOr404 } from "../../_lib";

const DONE: Record<string, string> = {
  added: "They have been added.",
  changed: "Their agency, job title and roles have been saved.",
  ended: "Their access to this partnership has ended. Their other partnerships are not affected.",
  "ended-account": "Their access has ended. This was their only partnership, so their account is deactivated and they have been signed out everywhere.",
  restored: "Their access has been restored.",
  "restored-account-off":
    "Their membership of this partnership has been restored, but your installation's administrator has deactivated their account, so they still cannot sign in.",
  link: "A new one-time link has been made.",
};

type Props = { params: Promise<{ partnership: string; userId: string }>; searchParams: Promise<{ done?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { partnership, userId } = await params;
  // The page's own gate: to anyone it turns away, this is the not-found page, titled as one.
  await memberOr404(partnership, userId);
  return { title: "Person" };
}

export default async function PersonPage({ params, searchParams }: Props) {
  const { partnership, userId } = await params;
  const { actor, member } = await memberOr404(partnership, userId);
  const db = await getDatabase();
  const agencies = await listAgencies(db, actor);
  const mayLink = member.active && (await mayIssuePasswordLink(db, actor, member.userId));
  const done = DONE[(await searchParams).done ?? ""];
  const token = await flashedSetupLink(member.userId);
  // The full address to paste into an e-mail: PARLEY_URL, or (unset, as in demo mode) the address this page was asked for.
  const host = (await headers()).get("host");
  const origin = config().publicUrl ?? (host ? `${config().secureCookies ? "https" : "http"}://${host}` : "");
  return (
    <div className="max-w-3xl">
      <BackLink href={adminPath(actor, "/people")}>People</BackLink>
      {done ? (
        <NotificationBanner variant="success">
          <p className="font-bold">{done}</p>
        </NotificationBanner>
      ) : null}
      {token ? (
        <NotificationBanner title="Give them this link">
          <p className="mb-2">
            Parley is e-mailing {member.name} a one-time link to choose a password, at {member.email}. If it does not reach them, give them this link yourself.
            It works once, for {SETUP_TOKEN_HOURS} hours, and is shown only now.
          </p>
          <p className="break-all font-mono">{`${origin}${setPasswordPath(token)}`}</p>
          <CopyButton text={`${origin}${setPasswordPath(token)}`} />
        </NotificationBanner>
      ) : null}
      <h1 className="mb-6 text-3xl font-bold">{member.name}</h1>
      <SummaryList
        rows={[
          { key: "Email", value: member.email },
          { key: "Agency", value: member.agencyName },
          { key: "Job title", value: member.jobTitle ?? "Not given" },
          { key: "Roles", value: member.roles.map((r) => ROLE_LABELS[r]).join(", ") },
          {
            key: "Access",
            value: member.active
              ? member.canSignIn
                ? "Active"
                : "Invited: has not chosen a password yet"
              : member.accountDeactivatedByInstallation && !member.ended
                ? "Account deactivated by your installation's administrator"
                : "Ended",
          },
        ]}
      />
      {member.active ? (
        <>
          <ActionForm
            action={changePersonAction.bind(null, actor.partnershipId, member.userId)}
            initialState={initialFormState({ agencyId: member.agencyId, jobTitle: member.jobTitle ?? "", roles: member.roles })}
            fields={memberFields(agencies)}
            submitLabel="Save agency, job title and roles"
            intro={<h2 className="mb-4 text-2xl font-bold">Change their agency, job title or roles</h2>}
          />
          <h2 className="mb-2 mt-8 text-2xl font-bold">Password</h2>
          {mayLink ? (
            <ActionForm
              action={passwordLinkAction.bind(null, actor.partnershipId, member.userId)}
              initialState={initialFormState()}
              fields={[]}
              submitLabel="Make a one-time link to choose a password"
              intro={<p className="mb-4">For someone new, or who has forgotten their password. Any earlier link stops working.</p>}
            />
          ) : (
            <p className="mb-4">
              They also belong to another partnership, so if they need a new password, your installation&apos;s administrator makes the link.
            </p>
          )}
          {member.userId !== actor.userId ? (
            <>
              <h2 className="mb-2 mt-8 text-2xl font-bold">End their access</h2>
              <ActionForm
                action={endAccessAction.bind(null, actor.partnershipId, member.userId)}
                initialState={initialFormState()}
                fields={[]}
                submitLabel="End access to this partnership"
                variant="warning"
                intro={
                  <p className="mb-4">
                    They will no longer see this partnership&apos;s disputes, from their next click. Everything they did stays on the record.
                  </p>
                }
              />
            </>
          ) : null}
        </>
      ) : member.accountDeactivatedByInstallation && !member.ended ? (
        <p className="mt-8">
          Your installation&apos;s administrator has deactivated their account, so they cannot sign in to any partnership. Ask them if this should change.
        </p>
      ) : (
        <ActionForm
          action={restoreAccessAction.bind(null, actor.partnershipId, member.userId)}
          initialState={initialFormState()}
          fields={[]}
          submitLabel="Restore access"
          intro={<h2 className="mb-4 text-2xl font-bold">Restore their access</h2>}
        />
      )}
    </div>
  );
}
