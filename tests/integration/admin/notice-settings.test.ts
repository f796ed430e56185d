/**
 * The partnership administrator's notice settings (working hours, how early to
 * warn; validated and audited), the deliveries overview, and "try again now".
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../lib/db/connect";
import type { Prisma } from "../../../lib/db/generated/client";
import { asSystem } from "../../../lib/db/scope";
import { NotFoundError, PreconditionError, ValidationError } from "../../../lib/errors";
import { getNoticeSettings, noticeDeliveries, retryFailedNotice, saveNoticeSettings } from "../../../lib/notices/admin";
import { deliverDue } from "../../../lib/notices/deliver";
import type { Mailer } from "../../../lib/notices/mail";
import { actorFor, rejection } from "../../support/escalations";
import { withTestDatabase } from "../../support/test-database";

const browser = { ipAddress: "198.51.100.31", userAgent: "notices-test" };
const NOW = new Date("2026-06-04T09:00:00Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
const daysAgo = (d: number) => minutesAgo(d * 24 * 60);

describe("notice settings and deliveries, for the partnership administrator", () => {
  let db: Database;

  withTestDatabase({ disputes: false }, (opened) => (db = opened));

  const settingsAudits = () => asSystem(db, (tx) => tx.auditEvent.findMany({ where: { type: "notice_settings_changed" }, orderBy: { id: "asc" } }));
  const admin = () => actorFor(db, "admin", "torbay");
  const settings = (noticeHoursStart: unknown, noticeHoursEnd: unknown, warnWorkingDays: unknown) => ({ noticeHoursStart, noticeHoursEnd, warnWorkingDays });

  describe("settings", () => {
    it("start at 08:00 to 18:00, warning one working day ahead", async () => {
      expect(await getNoticeSettings(db, await admin())).toEqual({ noticeHoursStart: "08:00", noticeHoursEnd: "18:00", warnWorkingDays: 1 });
    });

    it("saves new hours (as typed, tidied) and lead, with an audit event of before and after", async () => {
      const a = await admin();
      expect(await saveNoticeSettings(db, a, settings("8.30", " 17:00 ", 2), browser, NOW)).toBe(true);
      expect(await getNoticeSettings(db, a)).toEqual({ noticeHoursStart: "08:30", noticeHoursEnd: "17:00", warnWorkingDays: 2 });
      const stored = await asSystem(db, (tx) => tx.partnership.findUniqueOrThrow({ where: { id: "torbay" } }));
      expect(stored).toMatchObject({ noticeHoursStart: "08:30", noticeHoursEnd: "17:00", warnWorkingDays: 2 });
      expect(await settingsAudits()).toEqual([
        expect.objectContaining({
          partnershipId: "torbay",
          actorId: a.userId,
          at: NOW,
          subjectType: "partnership",
          subjectId: "torbay",
          ipAddress: browser.ipAddress,
          details: {
            before: { noticeHoursStart: "08:00", noticeHoursEnd: "18:00", warnWorkingDays: 1 },
            after: { noticeHoursStart: "08:30", noticeHoursEnd: "17:00", warnWorkingDays: 2 },
          },
        }),
      ]);
      // Only Torbay's.
      expect(await getNoticeSettings(db, await actorFor(db, "admin", "westbridge"))).toEqual({
        noticeHoursStart: "08:00",
        noticeHoursEnd: "18:00",
        warnWorkingDays: 1,
      });
    });

    it("saving the same settings again changes nothing and audits nothing", async () => {
      expect(await saveNoticeSettings(db, await admin(), settings("08:30", "17:00", 2), browser, NOW)).toBe(false);
      expect(await settingsAudits()).toHaveLength(1);
    });

    it.each([
      ["an hour past 23", settings("25:00", "18:00", 1), { noticeHoursStart: "Enter the start time on the 24-hour clock, from 00:00 to 23:59, like 08:00." }],
      ["minutes past 59", settings("08:00", "17:60", 1), { noticeHoursEnd: "Enter the end time on the 24-hour clock, from 00:00 to 23:59, like 18:00." }],
      ["words", settings("morning", "18:00", 1), { noticeHoursStart: "Enter the start time on the 24-hour clock, from 00:00 to 23:59, like 08:00." }],
      ["an empty start", settings("", "18:00", 1), { noticeHoursStart: "Enter the start time." }],
      ["an end before the start", settings("18:00", "08:00", 1), { noticeHoursEnd: "The end time must be after the start time." }],
      ["an end the same as the start", settings("09:00", "9:00", 1), { noticeHoursEnd: "The end time must be after the start time." }],
      ["more than 10 working days", settings("08:00", "18:00", 11), { warnWorkingDays: "Enter a number of working days from 0 to 10." }],
      ["fewer than 0 working days", settings("08:00", "18:00", -1), { warnWorkingDays: "Enter a number of working days from 0 to 10." }],
      ["part of a day", settings("08:00", "18:00", 1.5), { warnWorkingDays: "Enter the number of working days as a whole number from 0 to 10." }],
      ["text for days", settings("08:00", "18:00", "two"), { warnWorkingDays: "Enter the number of working days as a whole number from 0 to 10." }],
      ["no days", settings("08:00", "18:00", undefined), { warnWorkingDays: "Enter the number of working days as a whole number from 0 to 10." }],
    ])("refuses %s, naming the field, and saves nothing", async (_what, input, fields) => {
      const refused = await rejection(saveNoticeSettings(db, await admin(), input, browser, NOW), ValidationError);
      expect(refused.fields).toEqual(fields);
      expect(await getNoticeSettings(db, await admin())).toEqual({ noticeHoursStart: "08:30", noticeHoursEnd: "17:00", warnWorkingDays: 2 });
      expect(await settingsAudits()).toHaveLength(1);
    });

    it("accepts the edges: 0 and 10 working days, 00:00 to 23:59", async () => {
      const a = await admin();
      expect(await saveNoticeSettings(db, a, settings("00:00", "23:59", 0), browser, NOW)).toBe(true);
      expect(await saveNoticeSettings(db, a, settings("08:00", "18:00", 10), browser, NOW)).toBe(true);
      expect(await getNoticeSettings(db, a)).toEqual({ noticeHoursStart: "08:00", noticeHoursEnd: "18:00", warnWorkingDays: 10 });
    });

    it("is refused to anyone but the partnership administrator, as if the page did not exist", async () => {
      for (const key of ["teacher", "director", "business-manager", "chair"]) {
        const someone = await actorFor(db, key, "torbay");
        await rejection(getNoticeSettings(db, someone), NotFoundError);
        await rejection(saveNoticeSettings(db, someone, settings("09:00", "17:00", 1), browser, NOW), NotFoundError);
        await rejection(noticeDeliveries(db, someone, NOW), NotFoundError);
        await rejection(retryFailedNotice(db, someone, "0190c0de-0000-7000-8000-000000000000", NOW), NotFoundError);
      }
    });
  });

  describe("deliveries", () => {
    let n = 0;
    async function notice(
      partnershipId: string,
      data: Partial<Prisma.NoticeCreateManyInput>,
      attempts: { at: Date; ok: boolean; detail: string }[] = [],
    ): Promise<string> {
      n++;
      const createdAt = data.createdAt ? new Date(data.createdAt) : minutesAgo(60);
      return asSystem(db, async (tx) => {
        const [row] = await tx.notice.createManyAndReturn({
          data: [
            {
              partnershipId,
              trigger: "raised",
              dedupeKey: `admin-test:${n}`,
              recipientEmail: `person${n}@torbay.example`,
              recipientName: `Person ${n}`,
              recipientReason: "Owner for the responding side",
              subject: `TSCP-2026-00${n}: a disagreement has been raised with you`,
              content: { partnership: "Torbay Safeguarding Children Partnership", headline: "A disagreement has been raised with you.", lines: [] },
              notBefore: createdAt,
              nextAttemptAt: null,
              ...data,
              createdAt,
            },
          ],
          select: { id: true },
        });
        if (attempts.length) await tx.noticeAttempt.createMany({ data: attempts.map((t) => ({ noticeId: row!.id, partnershipId, ...t })) });
        return row!.id;
      });
    }

    let failed: string;
    let retrying: string;
    let westbridgeFailed: string;

    beforeAll(async () => {
      await notice("torbay", { status: "sent", sentAt: minutesAgo(50), attempts: 1 }, [{ at: minutesAgo(50), ok: true, detail: "accepted" }]);
      await notice("torbay", { status: "sent", sentAt: daysAgo(2), createdAt: daysAgo(2), attempts: 1 });
      // Written before the last 30 days: not counted.
      await notice("torbay", { status: "sent", sentAt: daysAgo(40), createdAt: daysAgo(40), attempts: 1 });
      await notice("torbay", { status: "pending", nextAttemptAt: minutesAgo(-120) });
      await notice("torbay", { status: "cancelled", cancelledReason: "The deadline was met before the notice went out." });
      failed = await notice(
        "torbay",
        { status: "failed", attempts: 10, lastError: "550 5.1.1 mailbox unavailable", createdAt: daysAgo(3), recipientName: "Ruth Bennett" },
        [
          { at: daysAgo(2), ok: false, detail: "550 5.1.1 mailbox unavailable" },
          { at: daysAgo(1), ok: false, detail: "550 5.1.1 mailbox unavailable" },
        ],
      );
      retrying = await notice(
        "torbay",
        { status: "pending", attempts: 2, lastError: "connect ECONNREFUSED 10.0.0.5:25", nextAttemptAt: minutesAgo(-5), createdAt: minutesAgo(30) },
        [{ at: minutesAgo(10), ok: false, detail: "connect ECONNREFUSED 10.0.0.5:25" }],
      );
      westbridgeFailed = await notice("westbridge", { status: "failed", attempts: 10, lastError: "550", recipientEmail: "someone@westbridge.example" });
    });

    it("counts what was sent, what waits and what failed in the last 30 days, and lists what failed or is being retried, newest first", async () => {
      const d = await noticeDeliveries(db, await admin(), NOW);
      expect(d.since).toEqual(daysAgo(30));
      expect({ sent: d.sent, waiting: d.waiting, failed: d.failed }).toEqual({ sent: 2, waiting: 2, failed: 1 });
      expect(d.moreProblems).toBe(0);
      expect(d.problems).toEqual([
        {
          id: retrying,
          state: "retrying",
          recipientName: expect.any(String),
          recipientEmail: expect.stringMatching(/@torbay\.example$/),
          subject: expect.any(String),
          attempts: 2,
          lastError: "connect ECONNREFUSED 10.0.0.5:25",
          createdAt: minutesAgo(30),
          lastTriedAt: minutesAgo(10),
          nextAttemptAt: minutesAgo(-5),
        },
        expect.objectContaining({
          id: failed,
          state: "failed",
          recipientName: "Ruth Bennett",
          attempts: 10,
          lastError: "550 5.1.1 mailbox unavailable",
          lastTriedAt: daysAgo(1),
          nextAttemptAt: null,
        }),
      ]);
      // Westbridge's administrator sees only Westbridge's.
      expect((await noticeDeliveries(db, await actorFor(db, "admin", "westbridge"), NOW)).problems.map((p) => p.id)).toEqual([westbridgeFailed]);
    });

    it("tries a failed notice again now, with a fresh set of attempts; the next delivery round sends it", async () => {
      const a = await admin();
      await retryFailedNotice(db, a, failed, NOW);
      const row = await asSystem(db, (tx) => tx.notice.findUniqueOrThrow({ where: { id: failed } }));
      expect(row).toMatchObject({ status: "pending", attempts: 0, nextAttemptAt: NOW });
      expect((await noticeDeliveries(db, a, NOW)).problems.map((p) => p.id)).toEqual([retrying]);

      // Pressed twice (two tabs): the second is told it is already waiting.
      const twice = await rejection(retryFailedNotice(db, a, failed, NOW), PreconditionError);
      expect(twice.message).toBe("That notice is already waiting to be sent again.");

      const sent: string[] = [];
      const mailer: Mailer = { kind: "file", description: "test", send: async (m) => (sent.push(m.to.name), { detail: "accepted" }), close: () => {} };
      await deliverDue(db, { mailer, baseUrl: "https://parley.test", now: () => NOW });
      expect(sent).toContain("Ruth Bennett");
      expect(await asSystem(db, (tx) => tx.notice.findUniqueOrThrow({ where: { id: failed }, select: { status: true } }))).toEqual({ status: "sent" });
      const again = await rejection(retryFailedNotice(db, a, failed, NOW), PreconditionError);
      expect(again.message).toBe("That notice has been sent since you loaded the page.");
    });

    it("does not reach another partnership's notice, an unknown one, or a malformed id", async () => {
      const a = await admin();
      await rejection(retryFailedNotice(db, a, westbridgeFailed, NOW), NotFoundError);
      await rejection(retryFailedNotice(db, a, "0190c0de-0000-7000-8000-000000000000", NOW), NotFoundError);
      await rejection(retryFailedNotice(db, a, "not-an-id", NOW), NotFoundError);
      expect(await asSystem(db, (tx) => tx.notice.findUniqueOrThrow({ where: { id: westbridgeFailed }, select: { status: true } }))).toEqual({
        status: "failed",
      });
    });
  });
});
