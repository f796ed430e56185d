/** The one-time link to choose a password is e-mailed to the person, and Parley keeps no copy of it once sent. */
import { afterAll, describe, expect, it } from "vitest";
import { NO_REQUEST } from "../../../lib/auth/audit";
import type { Database } from "../../../lib/db/connect";
import { addMember } from "../../../lib/users/members";
import { asSystem } from "../../../lib/db/scope";
import { PreconditionError } from "../../../lib/errors";
import { retryFailedNotice } from "../../../lib/notices/admin";
import { TestClock, actorFor, agencyId, depsWith, rejection } from "../../support/escalations";
import { BASE_URL, MailFolder, allNotices, runTick } from "../../support/notices";
import { withTestDatabase } from "../../support/test-database";

describe("password links by e-mail", () => {
  let db: Database;
  const mail = new MailFolder();
  const clock = new TestClock("2026-06-06T22:00:00Z"); // a Saturday night: account mail does not wait for working hours

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  afterAll(async () => {
    mail.remove();
  });

  it("e-mails a new person their link at once, then forgets the link", async () => {
    const admin = await actorFor(db, "admin", "torbay");
    const school = await agencyId(db, "torbay", "school");
    const added = await addMember(
      db,
      admin,
      { name: "Ada Lovell", email: "ada.lovell@school.example", agencyId: school, roles: ["practitioner"] },
      NO_REQUEST,
      clock.now(),
    );
    expect(added.setup?.token).toBeTruthy();
    await runTick(db, depsWith(clock), mail);
    const [message] = await mail.to("ada.lovell@school.example");
    expect(message?.subject).toBe("Choose your password for Parley");
    expect(message?.text).toContain(`${BASE_URL}/set-password?token=${encodeURIComponent(added.setup!.token)}`);
    const [notice] = (await allNotices(db)).filter((n) => n.recipientEmail === "ada.lovell@school.example");
    expect(notice?.status).toBe("sent");
    expect(JSON.stringify(notice?.content)).not.toContain(added.setup!.token);
    // It is not news on their dashboard.
    expect(notice?.escalationId).toBeNull();
  });

  it("does not send a failed password link again: the administrator makes a new one", async () => {
    const admin = await actorFor(db, "admin", "torbay");
    const school = await agencyId(db, "torbay", "school");
    const added = await addMember(
      db,
      admin,
      { name: "Ben Ward", email: "ben.ward@school.example", agencyId: school, roles: ["practitioner"] },
      NO_REQUEST,
      clock.now(),
    );
    expect(added.setup).toBeTruthy();
    const [notice] = (await allNotices(db)).filter((n) => n.recipientEmail === "ben.ward@school.example");
    await asSystem(db, (tx) => tx.notice.update({ where: { id: notice!.id }, data: { status: "failed", nextAttemptAt: null } }));
    const refused = await rejection(retryFailedNotice(db, admin, notice!.id, clock.now()), PreconditionError);
    expect(refused.message).toContain("make the person a new link");
  });
});
