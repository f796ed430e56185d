import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireSession } from "@/lib/auth/server";
import { config, hasDemoMailbox } from "@/lib/config";
import { listMailbox } from "@/lib/notices/mailbox";
import { formatDateTime } from "@/lib/policy";

export async function generateMetadata(): Promise<Metadata> {
  // The page's own gate: without a demo mailbox, this is the not-found page, titled as one.
  await requireSession();
  if (!hasDemoMailbox(config())) notFound();
  return { title: "Demo mailbox" };
}

/** Demo mode only: every e-mail Parley has written to the mail folder, newest first, so a newcomer sees what was sent. */
export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ to?: string | string[] }> }) {
  const user = await requireSession();
  const c = config();
  if (!hasDemoMailbox(c)) notFound();
  const raw = (await searchParams).to;
  const mineOnly = raw === "me";
  const { entries, total } = await listMailbox(c.mail.dir, user.email, { limit: 200, ...(mineOnly ? { to: user.email } : {}) });
  return (
    <div className="max-w-4xl">
      <h1 className="mb-4 text-3xl font-bold">Demo mailbox</h1>
      <p className="mb-4">
        In demo mode Parley sends no real e-mail: each message is written to a folder on this computer instead, and listed here, for everyone signed in to read
        (except a one-time password link, which only the person it was sent to sees).
      </p>
      <p className="mb-6">
        {mineOnly ? (
          <>
            Showing {total} {total === 1 ? "message" : "messages"} to you ({user.email}). <Link href="/mailbox">Show every message</Link>
          </>
        ) : (
          <>
            Showing {total} {total === 1 ? "message" : "messages"}. <Link href="/mailbox?to=me">Show only messages to you</Link>
          </>
        )}
      </p>
      {entries.length === 0 ? (
        <p>No messages yet.</p>
      ) : (
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">Messages, newest first</caption>
          <thead>
            <tr className="border-b-2 border-[var(--color-ink)]">
              <th scope="col" className="py-2 pr-4">
                Subject
              </th>
              <th scope="col" className="py-2 pr-4">
                To
              </th>
              <th scope="col" className="py-2">
                Sent
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.file} className="border-b border-[var(--color-border)] align-top">
                <td className="py-2 pr-4">
                  <Link href={`/mailbox/${encodeURIComponent(e.file)}`}>{e.subject}</Link>
                </td>
                <td className="py-2 pr-4 break-all">{e.to}</td>
                <td className="py-2">{e.date ? formatDateTime(e.date, "Europe/London") : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
