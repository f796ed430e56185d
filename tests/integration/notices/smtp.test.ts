/** E-mail through a real SMTP server on loopback: accepted mail is recorded with the server's answer; refused mail is retried later, never lost. */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import { deliverDue } from "../../../lib/notices/deliver";
import { createMailer, type Mailer } from "../../../lib/notices/mail";
import { TestClock, actorFor, depsWith, raiseTorbayDispute } from "../../support/escalations";
import { allNotices } from "../../support/notices";
import { withTestDatabase } from "../../support/test-database";

describe("e-mail over SMTP", () => {
  let db: Database;
  let server: SMTPServer;
  let mailer: Mailer;
  const received: ParsedMail[] = [];
  let refuse = false;
  const dir = mkdtempSync(path.join(tmpdir(), "parley-smtp-"));

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (refuse) {
          const error = new Error("Mailbox unavailable") as Error & { responseCode: number };
          error.responseCode = 550;
          return callback(error);
        }
        callback();
      },
      onData(stream, _session, callback) {
        simpleParser(stream).then((m) => {
          received.push(m);
          callback();
        }, callback);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.server.address() as AddressInfo;
    mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: "Parley <parley@parley.example>", mailDir: dir });
  });
  afterAll(async () => {
    mailer.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it("records what the server said when it accepts a message, and retries one it refuses", async () => {
    const clock = new TestClock("2026-06-01T09:00:00Z");
    const deps = depsWith(clock);
    const social = await actorFor(db, "social-worker", "torbay");
    const raised = await raiseTorbayDispute(db, deps);
    await deliverDue(db, { mailer, baseUrl: "https://parley.test.example", now: clock.now });
    expect(received.map((m) => m.subject)).toEqual([`${raised.reference}: a disagreement has been raised with you`]);
    expect(received[0]?.messageId).toMatch(/@parley>$/);
    expect(received[0]?.html).toContain('lang="en-GB"');
    const [sent] = await allNotices(db, { escalationId: raised.id });
    expect(sent).toMatchObject({ status: "sent", recipientEmail: social.email });
    const [accepted] = await asSystem(db, (tx) => tx.noticeAttempt.findMany({ where: { noticeId: sent!.id } }));
    expect(accepted).toMatchObject({ ok: true });
    expect(accepted?.detail).toMatch(/^Accepted by the mail server: 250/);

    refuse = true;
    const second = await raiseTorbayDispute(db, deps);
    await deliverDue(db, { mailer, baseUrl: "https://parley.test.example", now: clock.now });
    let [notice] = await allNotices(db, { escalationId: second.id });
    expect(notice).toMatchObject({ status: "pending", attempts: 1 });
    expect(notice?.lastError).toMatch(/550/);
    expect(notice?.nextAttemptAt?.toISOString()).toBe("2026-06-01T09:01:00.000Z");

    refuse = false;
    clock.advance(61_000);
    await deliverDue(db, { mailer, baseUrl: "https://parley.test.example", now: clock.now });
    [notice] = await allNotices(db, { escalationId: second.id });
    expect(notice).toMatchObject({ status: "sent", attempts: 2 });
    expect(received.length).toBe(2);
  });
});
