import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { BackLink } from "@/components/back-link";
import { NotificationBanner } from "@/components/notification-banner";
import { decodeParam } from "@/lib/auth/redirects";
import { requireActor } from "@/lib/auth/server";
import { getDatabase } from "@/lib/db/client";
import { getNoticePreferences } from "@/lib/notices/preferences";
import { initialFormState } from "@/lib/views/form-spec";
import { noticePreferenceFields, noticePreferenceValues } from "@/lib/views/notice-preferences";
import { saveNoticePreferencesAction } from "../actions";

export async function generateMetadata({ params }: { params: Promise<{ partnership: string }> }): Promise<Metadata> {
  // The page's own gate: to anyone it turns away, this is the not-found page, titled as one.
  await requireActor(decodeParam((await params).partnership));
  return { title: "Your notice settings" };
}

const DONE: Record<string, string> = {
  saved: "Your notice settings have been saved.",
  unchanged: "Nothing has changed: those were already your settings.",
};

/** A person's own choices about Parley's e-mails: a daily digest, and daily reminders while overdue. */
export default async function NoticeSettingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ partnership: string }>;
  searchParams: Promise<{ done?: string }>;
}) {
  const actor = await requireActor(decodeParam((await params).partnership));
  const preferences = await getNoticePreferences(await getDatabase(), actor);
  const done = DONE[(await searchParams).done ?? ""];
  return (
    <div className="max-w-3xl">
      <BackLink href={`/p/${encodeURIComponent(actor.partnershipId)}`}>Back to your dashboard</BackLink>
      {done ? (
        <NotificationBanner variant="success">
          <p className="font-bold">{done}</p>
        </NotificationBanner>
      ) : null}
      <ActionForm
        key={`${preferences.noticeDigest}-${preferences.overdueReminders}`}
        action={saveNoticePreferencesAction.bind(null, actor.partnershipId)}
        initialState={initialFormState(noticePreferenceValues(preferences))}
        fields={noticePreferenceFields()}
        submitLabel="Save your notice settings"
        intro={
          <>
            <h1 className="mb-4 text-3xl font-bold">Your notice settings</h1>
            <p className="mb-6">
              Parley e-mails you at {actor.email} when a dispute needs you, and lists the same notices under &ldquo;What&apos;s new for you&rdquo; on your
              dashboard. These settings are yours and apply in every partnership you work in.
            </p>
          </>
        }
      />
    </div>
  );
}
