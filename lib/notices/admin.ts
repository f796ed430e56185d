/**
 * The partnership administrator's side of notices: the hours routine notices go
 * out in and how far ahead deadlines are warned about (audited), and how
 * delivery is going: what was sent, what waits, and every notice that failed
 * for good or is being retried, with the reason, and "try again now".
 */
import { PASSWORD_LINK_TRIGGER } from "../users/setup-tokens";
import { queueNoticeRetime } from "../jobs/notice-retime";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { audit, NO_REQUEST, type RequestContext } from "../auth/audit";
import { can } from "../auth/permissions";
import { appNow } from "../clock";
import type { Database } from "../db/connect";
import { inPartnership } from "../db/scope";
import { NotFoundError, PreconditionError } from "../errors";
import { parseInput } from "../escalations/schemas";
import { minuteOfDay } from "../policy";
import { retryNotice } from "./deliver";
import { DEFAULT_NOTICE_HOURS, isTimeOfDay } from "./working-hours";

export const MAX_WARN_WORKING_DAYS = 10;
/** How far back the delivery counts look. */
export const DELIVERY_WINDOW_DAYS = 30;
/** How many failed or retrying notices the page lists, newest first. */
export const PROBLEMS_SHOWN = 50;

export type NoticeSettings = { noticeHoursStart: string; noticeHoursEnd: string; warnWorkingDays: number };

/**
 * "8:00", "8.00", "0800" and "08:00" as "08:00"; anything else unchanged, for
 * validation to refuse. People type times in many ways; the store keeps one.
 */
export function normaliseTimeOfDay(text: string): string {
  const match = /^(\d{1,2})[:.]?(\d{2})$/.exec(text.trim());
  return match ? `${match[1]!.padStart(2, "0")}:${match[2]}` : text.trim();
}

const timeOfDay = (which: "start" | "end") =>
  z
    .string({ error: `Enter the ${which} time.` })
    .transform(normaliseTimeOfDay)
    .refine((t) => t !== "", { error: `Enter the ${which} time.` })
    .refine((t) => t === "" || isTimeOfDay(t), {
      error: `Enter the ${which} time on the 24-hour clock, from 00:00 to 23:59, like ${which === "start" ? "08:00" : "18:00"}.`,
    });

export const NoticeSettingsInput = z
  .strictObject({
    noticeHoursStart: timeOfDay("start"),
    noticeHoursEnd: timeOfDay("end"),
    warnWorkingDays: z
      .int({ error: `Enter the number of working days as a whole number from 0 to ${MAX_WARN_WORKING_DAYS}.` })
      .min(0, { error: `Enter a number of working days from 0 to ${MAX_WARN_WORKING_DAYS}.` })
      .max(MAX_WARN_WORKING_DAYS, { error: `Enter a number of working days from 0 to ${MAX_WARN_WORKING_DAYS}.` }),
  })
  .superRefine((s, ctx) => {
    if (isTimeOfDay(s.noticeHoursStart) && isTimeOfDay(s.noticeHoursEnd) && minuteOfDay(s.noticeHoursEnd) <= minuteOfDay(s.noticeHoursStart)) {
      ctx.addIssue({ code: "custom", path: ["noticeHoursEnd"], message: "The end time must be after the start time." });
    }
  });

function requireManager(actor: Actor): void {
  // Seen from outside, a page the actor may not use does not exist.
  if (!can(actor, "users.manage")) throw new NotFoundError("We could not find that page.");
}

export async function getNoticeSettings(db: Database, actor: Actor): Promise<NoticeSettings> {
  requireManager(actor);
  const p = await inPartnership(db, actor, (tx) =>
    tx.partnership.findUnique({ where: { id: actor.partnershipId }, select: { noticeHoursStart: true, noticeHoursEnd: true, warnWorkingDays: true } }),
  );
  return {
    noticeHoursStart: p?.noticeHoursStart ?? DEFAULT_NOTICE_HOURS.start,
    noticeHoursEnd: p?.noticeHoursEnd ?? DEFAULT_NOTICE_HOURS.end,
    warnWorkingDays: p?.warnWorkingDays ?? DEFAULT_NOTICE_HOURS.warnWorkingDays,
  };
}

/** Saves the partnership's notice hours and warning lead, with an audit event saying what changed. Returns whether anything did. */
export async function saveNoticeSettings(db: Database, actor: Actor, input: unknown, context: RequestContext, now = appNow()): Promise<boolean> {
  requireManager(actor);
  const after = parseInput(NoticeSettingsInput, input);
  const changed = await inPartnership(db, actor, async (tx) => {
    const before = await tx.partnership.findUnique({
      where: { id: actor.partnershipId },
      select: { noticeHoursStart: true, noticeHoursEnd: true, warnWorkingDays: true },
    });
    if (!before) throw new NotFoundError("We could not find that page.");
    const same =
      before.noticeHoursStart === after.noticeHoursStart && before.noticeHoursEnd === after.noticeHoursEnd && before.warnWorkingDays === after.warnWorkingDays;
    if (same) return false;
    await tx.partnership.update({ where: { id: actor.partnershipId }, data: after });
    await audit(tx, context, [
      {
        type: "notice_settings_changed",
        at: now,
        partnershipId: actor.partnershipId,
        actorId: actor.userId,
        subjectType: "partnership",
        subjectId: actor.partnershipId,
        details: { before, after },
      },
    ]);
    return true;
  });
  // Warnings already planned for open disputes are worked out again on the new hours, in the background.
  if (changed) await queueNoticeRetime(db, actor.partnershipId, now);
  return changed;
}

export type NoticeProblem = {
  id: string;
  /** failed: every attempt failed and it waits for "try again now"; retrying: it will be tried again by itself. */
  state: "failed" | "retrying";
  recipientName: string;
  recipientEmail: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  /** The latest attempt, when there was one. */
  lastTriedAt: Date | null;
  /** Retrying: when it will be tried next. */
  nextAttemptAt: Date | null;
};

export type NoticeDeliveries = {
  since: Date;
  /** Notices written since then, by what became of them. */
  sent: number;
  waiting: number;
  failed: number;
  problems: NoticeProblem[];
  /** Problems beyond those listed. */
  moreProblems: number;
};

/** How delivery is going for the partnership: counts over the last 30 days, and the notices that need a look. */
export async function noticeDeliveries(db: Database, actor: Actor, now = appNow()): Promise<NoticeDeliveries> {
  requireManager(actor);
  const since = new Date(now.getTime() - DELIVERY_WINDOW_DAYS * 24 * 3_600_000);
  return inPartnership(db, actor, async (tx) => {
    const partnershipId = actor.partnershipId;
    const counts = await tx.notice.groupBy({ by: ["status"], where: { partnershipId, createdAt: { gte: since } }, _count: { _all: true } });
    const count = (...statuses: string[]) => counts.filter((c) => statuses.includes(c.status)).reduce((n, c) => n + c._count._all, 0);
    const problemWhere = {
      partnershipId,
      OR: [{ status: "failed" as const }, { status: "pending" as const, attempts: { gt: 0 }, lastError: { not: null } }],
    };
    const [rows, total] = await Promise.all([
      tx.notice.findMany({
        where: problemWhere,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: PROBLEMS_SHOWN,
        select: {
          id: true,
          status: true,
          recipientName: true,
          recipientEmail: true,
          subject: true,
          attempts: true,
          lastError: true,
          createdAt: true,
          nextAttemptAt: true,
        },
      }),
      tx.notice.count({ where: problemWhere }),
    ]);
    const lastTries = rows.length
      ? await tx.noticeAttempt.groupBy({ by: ["noticeId"], where: { noticeId: { in: rows.map((r) => r.id) } }, _max: { at: true } })
      : [];
    const lastTried = new Map(lastTries.map((t) => [t.noticeId, t._max.at]));
    return {
      since,
      sent: count("sent"),
      waiting: count("pending", "sending"),
      failed: count("failed"),
      problems: rows.map((r) => ({
        id: r.id,
        state: r.status === "failed" ? ("failed" as const) : ("retrying" as const),
        recipientName: r.recipientName,
        recipientEmail: r.recipientEmail,
        subject: r.subject,
        attempts: r.attempts,
        lastError: r.lastError,
        createdAt: r.createdAt,
        lastTriedAt: lastTried.get(r.id) ?? null,
        nextAttemptAt: r.status === "failed" ? null : r.nextAttemptAt,
      })),
      moreProblems: Math.max(0, total - rows.length),
    };
  });
}

/** "Try again now" on a notice that failed for good: the workers take it on their next round, with a fresh set of attempts. */
/** Why "Try again now" does nothing for a failed password link or digest, by the code the page shows it under. */
export const RETRY_REFUSED = {
  "link-not-resent": "A password link that could not be delivered is not sent again: make the person a new link from their page in People.",
  "digest-not-resent": "A daily digest that could not be delivered is not sent again: the notices it carried have gone back to being sent one by one.",
} as const;

export async function retryFailedNotice(db: Database, actor: Actor, noticeId: string, now = appNow(), context: RequestContext = NO_REQUEST): Promise<void> {
  requireManager(actor);
  if (!z.uuid().safeParse(noticeId).success) throw new NotFoundError("We could not find that notice.");
  await inPartnership(db, actor, async (tx) => {
    if (await retryNotice(tx, noticeId, now)) {
      await audit(tx, context, [
        { type: "notice_retried", at: now, partnershipId: actor.partnershipId, actorId: actor.userId, subjectType: "notice", subjectId: noticeId },
      ]);
      return;
    }
    const notice = await tx.notice.findFirst({ where: { id: noticeId, partnershipId: actor.partnershipId }, select: { status: true, trigger: true } });
    if (!notice) throw new NotFoundError("We could not find that notice.");
    if (notice.status === "failed" && notice.trigger === PASSWORD_LINK_TRIGGER) throw new PreconditionError(RETRY_REFUSED["link-not-resent"]);
    if (notice.status === "failed" && notice.trigger === "digest") throw new PreconditionError(RETRY_REFUSED["digest-not-resent"]);
    throw new PreconditionError(
      notice.status === "sent" ? "That notice has been sent since you loaded the page." : "That notice is already waiting to be sent again.",
    );
  });
}
