/**
 * The demo mailbox: the .eml files the file transport wrote to the mail
 * folder, read back as a newcomer would read their e-mail. Demo mode only: in
 * production the folder, if used at all, is an operator's concern.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";

export type MailboxEntry = { file: string; subject: string; to: string; from: string; date: Date | null };
export type MailboxMessage = MailboxEntry & { text: string };

const EML = /^[A-Za-z0-9._-]+\.eml$/;

/** The name of a message file, or null if it is not one (no paths, nothing but .eml). */
export const messageFile = (name: string): string | null => (EML.test(name) ? name : null);

function files(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => EML.test(f));
  } catch {
    return [];
  }
}

async function read(dir: string, file: string): Promise<MailboxMessage> {
  const mail = await simpleParser(readFileSync(path.join(dir, file)));
  const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(", ") : (mail.to?.text ?? "");
  return { file, subject: mail.subject ?? "(no subject)", to, from: mail.from?.text ?? "", date: mail.date ?? null, text: mail.text ?? "" };
}

/** Newest first, at most `limit`, optionally only those to one address. */
export async function listMailbox(dir: string, options: { limit?: number; to?: string } = {}): Promise<{ entries: MailboxEntry[]; total: number }> {
  const names = files(dir)
    .map((f) => ({ f, t: statSync(path.join(dir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t || b.f.localeCompare(a.f))
    .map((x) => x.f);
  const wanted = options.to?.toLowerCase();
  const entries: MailboxEntry[] = [];
  let total = 0;
  for (const f of names) {
    const m = await read(dir, f);
    if (wanted && !m.to.toLowerCase().includes(wanted)) continue;
    total++;
    if (entries.length < (options.limit ?? 100)) entries.push({ file: m.file, subject: m.subject, to: m.to, from: m.from, date: m.date });
  }
  return { entries, total };
}

export async function readMessage(dir: string, name: string): Promise<MailboxMessage | null> {
  const file = messageFile(name);
  if (!file || !files(dir).includes(file)) return null;
  return read(dir, file);
}
