/**
 * The demo mailbox: the .eml files the file transport wrote to the mail
 * folder, read back as a newcomer would read their e-mail. Demo mode only: in
 * production the folder, if used at all, is an operator's concern. Everyone
 * signed in sees every message, except a password link, which only its
 * recipient sees.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { PASSWORD_LINK_TRIGGER } from "../users/setup-tokens";

export type MailboxEntry = { file: string; subject: string; to: string; from: string; date: Date | null; trigger: string | null };
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
  const trigger = mail.headers.get("x-parley-notice");
  return {
    file,
    subject: mail.subject ?? "(no subject)",
    to,
    from: mail.from?.text ?? "",
    date: mail.date ?? null,
    trigger: typeof trigger === "string" ? trigger : null,
    text: mail.text ?? "",
  };
}

/** A one-time password link is its recipient's alone: anyone else with it could take over the account. */
const mayRead = (m: Pick<MailboxEntry, "trigger" | "to">, viewerEmail: string) =>
  m.trigger !== PASSWORD_LINK_TRIGGER || m.to.toLowerCase().includes(viewerEmail.toLowerCase());

/** Newest first, at most `limit`, optionally only those to one address. */
export async function listMailbox(
  dir: string,
  viewerEmail: string,
  options: { limit?: number; to?: string } = {},
): Promise<{ entries: MailboxEntry[]; total: number }> {
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
    if (!mayRead(m, viewerEmail)) continue;
    total++;
    if (entries.length < (options.limit ?? 100)) entries.push({ file: m.file, subject: m.subject, to: m.to, from: m.from, date: m.date, trigger: m.trigger });
  }
  return { entries, total };
}

export async function readMessage(dir: string, name: string, viewerEmail: string): Promise<MailboxMessage | null> {
  const file = messageFile(name);
  if (!file || !files(dir).includes(file)) return null;
  const message = await read(dir, file);
  return mayRead(message, viewerEmail) ? message : null;
}
