import Link from "next/link";
import { formatDateTime } from "@/lib/policy";
import type { WhatsNew } from "@/lib/notices/whats-new";
import { Tag } from "./tag";

/** The dashboard's "What's new for you": the same notices as the e-mails, newest first, with how many are unread. */
export function WhatsNewSection({
  news,
  timeZone,
  markAllRead,
  settingsHref,
}: {
  news: WhatsNew;
  timeZone: string;
  markAllRead: () => Promise<void>;
  settingsHref: string;
}) {
  return (
    <section aria-labelledby="whats-new-title" className="mb-10">
      <h2 id="whats-new-title" className="mb-2 text-2xl font-bold">
        What&apos;s new for you
        {news.unread > 0 ? (
          <>
            {" "}
            <Tag colour="blue">{news.unread} new</Tag>
          </>
        ) : null}
      </h2>
      {news.items.length === 0 ? (
        <p>Nothing yet. When Parley e-mails you about a dispute, it is listed here too.</p>
      ) : (
        <>
          <ul className="mb-4 border-t border-[var(--color-border)]">
            {news.items.map((item) => (
              <li key={item.id} className="border-b border-[var(--color-border)] py-2">
                {item.unread ? (
                  <>
                    <Tag colour="blue">New</Tag>{" "}
                  </>
                ) : null}
                {item.link ? <Link href={item.link}>{item.subject}</Link> : item.subject}
                <span className="block text-sm text-[var(--color-ink-muted)]">
                  {formatDateTime(item.createdAt, timeZone)}.{" "}
                  {item.email.state === "sent"
                    ? `E-mailed at ${formatDateTime(item.email.at, timeZone)}.`
                    : item.email.state === "failed"
                      ? "The e-mail could not be delivered."
                      : item.email.digest
                        ? "In your next daily digest e-mail."
                        : `E-mail to follow${item.email.from.getTime() > item.createdAt.getTime() ? ` at ${formatDateTime(item.email.from, timeZone)}` : ""}.`}
                </span>
              </li>
            ))}
          </ul>
          {news.unread > 0 ? (
            <form action={markAllRead}>
              <button type="submit" className="text-[var(--color-link)] underline">
                Mark all as read
              </button>
            </form>
          ) : null}
        </>
      )}
      <p className="mt-2">
        <Link href={settingsHref}>Your notice settings</Link> (a daily digest, reminders while overdue)
      </p>
    </section>
  );
}
