import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/back-link";
import { SummaryList } from "@/components/summary-list";
import { requireSession } from "@/lib/auth/server";
import { config, hasDemoMailbox } from "@/lib/config";
import { readMessage } from "@/lib/notices/mailbox";
import { formatDateTime } from "@/lib/policy";

export async function generateMetadata({ params }: { params: Promise<{ file: string }> }): Promise<Metadata> {
  // The page's own gate and read: a message the reader may not see is the not-found page, titled as one.
  const user = await requireSession();
  const c = config();
  if (!hasDemoMailbox(c)) notFound();
  const message = await readMessage(c.mail.dir, decodeURIComponent((await params).file), user.email);
  if (!message) notFound();
  return { title: `${message.subject} – Demo mailbox` };
}

const URL_PATTERN = /(https?:\/\/[^\s]+)/g;

/** One message of the demo mailbox, as its plain-text part (links made clickable). */
export default async function MailboxMessagePage({ params }: { params: Promise<{ file: string }> }) {
  const user = await requireSession();
  const c = config();
  if (!hasDemoMailbox(c)) notFound();
  const message = await readMessage(c.mail.dir, decodeURIComponent((await params).file), user.email);
  if (!message) notFound();
  return (
    <div className="max-w-3xl">
      <BackLink href="/mailbox">Back to the demo mailbox</BackLink>
      <h1 className="mb-4 text-3xl font-bold">{message.subject}</h1>
      <SummaryList
        rows={[
          { key: "From", value: message.from },
          { key: "To", value: message.to },
          { key: "Sent", value: message.date ? formatDateTime(message.date, "Europe/London") : "" },
        ]}
      />
      <div className="mt-6 whitespace-pre-line break-words border-l-4 border-[var(--color-border)] pl-4">
        {message.text.split(URL_PATTERN).map((part, i) =>
          /^https?:\/\//.test(part) ? (
            <Link key={i} href={new URL(part).pathname + new URL(part).search}>
              {part}
            </Link>
          ) : (
            part
          ),
        )}
      </div>
    </div>
  );
}
