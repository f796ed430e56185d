/**
 * Sending e-mail. Production: SMTP (PARLEY_SMTP_URL) through nodemailer. Demo,
 * the embedded database, or no SMTP configured: each message is written as one
 * RFC 5322 .eml file into PARLEY_MAIL_DIR, where the demo mailbox reads it.
 * Either way `send` resolves only once the transport has accepted the message.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import type { RenderedMail } from "./content";

export type OutgoingMail = RenderedMail & {
  /** The notice's id: the Message-ID, so a receiving server can spot a repeat. */
  id: string;
  /** What caused it (X-Parley-Notice): the demo mailbox shows a password link only to its recipient. */
  trigger: string;
  /** The Date header: the application clock. */
  date: Date;
  to: { name: string; email: string };
};

export type MailResult = { detail: string };

export type Mailer = {
  kind: "smtp" | "file";
  /** Where mail goes, safe to show (no password). */
  description: string;
  /** Resolves when the transport accepted the message; rejects with why it did not. */
  send(mail: OutgoingMail): Promise<MailResult>;
  close(): void;
};

export type MailSettings = { smtpUrl: string | undefined; from: string; mailDir: string };

export function createMailer(settings: MailSettings): Mailer {
  const headers = { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All" };
  const message = (mail: OutgoingMail) => ({
    from: settings.from,
    to: { name: mail.to.name, address: mail.to.email },
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: `<${mail.id}@parley>`,
    date: mail.date,
    headers: { ...headers, "X-Parley-Notice": mail.trigger },
  });

  if (settings.smtpUrl) {
    // Time-outs well inside the worker's five-minute lease on a notice (deliver.ts).
    const transport = nodemailer.createTransport({ url: settings.smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
    const url = new URL(settings.smtpUrl);
    return {
      kind: "smtp",
      description: `SMTP at ${url.hostname}${url.port ? `:${url.port}` : ""}`,
      async send(mail) {
        const info = await transport.sendMail(message(mail));
        if (info.rejected.length > 0) throw new Error(`The mail server refused ${info.rejected.join(", ")}: ${info.response}`);
        return { detail: `Accepted by the mail server: ${info.response}` };
      },
      close: () => transport.close(),
    };
  }

  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    kind: "file",
    description: `files in ${settings.mailDir}`,
    async send(mail) {
      const info = await transport.sendMail(message(mail));
      mkdirSync(settings.mailDir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${mail.id}.eml`;
      const file = path.join(settings.mailDir, name);
      // Written whole, then renamed: the mailbox never reads half a message.
      writeFileSync(`${file}.partial`, info.message as Buffer);
      renameSync(`${file}.partial`, file);
      return { detail: `Written to the mail folder as ${name}` };
    },
    close: () => transport.close(),
  };
}
