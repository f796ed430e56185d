/** "What's new for you": the same notices as the e-mails, the person's own, with where each e-mail is and what is unread. */
import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "../../../lib/db/connect";
import { markAllRead, whatsNew } from "../../../lib/notices/whats-new";
import { loadDashboard } from "../../../lib/views/dashboard-data";
import { TestClock, actorFor, depsWith, raiseTorbayDispute } from "../../support/escalations";
import { MailFolder, runTick } from "../../support/notices";
import { withTestDatabase } from "../../support/test-database";

describe("What's new for you", () => {
  let db: Database;
  const mail = new MailFolder();

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  afterAll(async () => {
    mail.remove();
  });

  it("lists a person's notices newest first, says where each e-mail is, and counts the unread until they are marked read", async () => {
    const clock = new TestClock("2026-06-05T17:30:00Z"); // Friday 5 June, 6:30pm BST: after hours
    const deps = depsWith(clock);
    const social = await actorFor(db, "social-worker", "torbay");
    const teacher = await actorFor(db, "teacher", "torbay");
    const raised = await raiseTorbayDispute(db, deps);
    let news = await whatsNew(db, social);
    expect(news.unread).toBe(1);
    expect(news.items).toEqual([
      expect.objectContaining({
        subject: `${raised.reference}: a disagreement has been raised with you`,
        unread: true,
        link: `/p/torbay/disputes/${raised.id}`,
        email: { state: "waiting", from: new Date("2026-06-08T07:00:00Z"), digest: false },
      }),
    ]);
    expect((await whatsNew(db, teacher)).items).toEqual([]); // nobody is told of their own act
    // The dashboard reads the same, in its one transaction.
    expect((await loadDashboard(db, social, deps)).whatsNew).toEqual(news);

    clock.set("2026-06-08T07:00:00Z");
    await runTick(db, deps, mail);
    news = await whatsNew(db, social);
    expect(news.items[0]?.email).toEqual({ state: "sent", at: new Date("2026-06-08T07:00:00Z") });
    expect(await markAllRead(db, social, clock.now())).toBe(1);
    expect((await whatsNew(db, social)).unread).toBe(0);
  });
});
