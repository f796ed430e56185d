/** Test helpers for notices: a real mail folder, the worker's steps, and what the outbox holds. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import type { Database } from "../../lib/db/connect";
import { asSystem } from "../../lib/db/scope";
import type { EscalationDeps } from "../../lib/escalations/deps";
import { createMailer, type Mailer } from "../../lib/notices/mail";
import { tick, type WorkerOptions } from "../../lib/worker";

export const BASE_URL = "https://parley.test.example";

/** A mail folder of its own, written by the real file transport. */
export class MailFolder {
  readonly dir = mkdtempSync(path.join(tmpdir(), "parley-mail-"));
  readonly mailer: Mailer = createMailer({ smtpUrl: undefined, from: "Parley <parley@parley.example>", mailDir: this.dir });

  files(): string[] {
    return readdirSync(this.dir)
      .filter((f) => f.endsWith(".eml"))
      .sort();
  }

  async messages(): Promise<ParsedMail[]> {
    return Promise.all(this.files().map((f) => simpleParser(readFileSync(path.join(this.dir, f)))));
  }

  /** Messages to this address, oldest first. */
  async to(email: string): Promise<ParsedMail[]> {
    return (await this.messages()).filter((m) => addresses(m).includes(email.toLowerCase()));
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function addresses(m: ParsedMail): string[] {
  const to = Array.isArray(m.to) ? m.to : m.to ? [m.to] : [];
  return to.flatMap((a) => a.value.map((v) => (v.address ?? "").toLowerCase()));
}

export function workerOptions(deps: EscalationDeps, mail: MailFolder): WorkerOptions {
  return { deps, mailer: mail.mailer, baseUrl: BASE_URL };
}

/** One worker tick at the deps' clock. */
export const runTick = (db: Database, deps: EscalationDeps, mail: MailFolder) => tick(db, workerOptions(deps, mail));

/** Every notice, with installation-level access so a test sees all of them. */
export function allNotices(db: Database, where: { escalationId?: string } = {}) {
  return asSystem(db, (tx) => tx.notice.findMany({ where, orderBy: [{ createdAt: "asc" }, { recipientEmail: "asc" }] }));
}
