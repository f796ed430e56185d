/**
 * A person's own choices about notices: one e-mail a day (a digest of routine
 * notices, sent each working morning) instead of one each, and a reminder each
 * working morning while a dispute they own is overdue. Urgent notices are
 * always sent at once.
 */
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { audit, type RequestContext } from "../auth/audit";
import type { Database } from "../db/connect";
import { inPartnership } from "../db/scope";
import { parseInput } from "../escalations/schemas";

export type NoticePreferences = { noticeDigest: boolean; overdueReminders: boolean };

const yesNo = (what: string) => z.boolean({ error: `Choose whether you want ${what}.` });

export const NoticePreferencesInput = z.strictObject({
  noticeDigest: yesNo("a daily digest"),
  overdueReminders: yesNo("daily reminders while a dispute you own is overdue"),
});

export async function getNoticePreferences(db: Database, actor: Actor): Promise<NoticePreferences> {
  return inPartnership(db, actor, async (tx) =>
    tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { noticeDigest: true, overdueReminders: true } }),
  );
}

/** Saves the person's choices (theirs only: the actor), audited. Returns whether anything changed. */
export async function saveNoticePreferences(db: Database, actor: Actor, input: unknown, context: RequestContext, now: Date): Promise<boolean> {
  const after = parseInput(NoticePreferencesInput, input);
  return inPartnership(db, actor, async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { noticeDigest: true, overdueReminders: true } });
    if (before.noticeDigest === after.noticeDigest && before.overdueReminders === after.overdueReminders) return false;
    await tx.user.update({ where: { id: actor.userId }, data: after });
    await audit(tx, context, [
      {
        type: "notice_preferences_changed",
        at: now,
        partnershipId: actor.partnershipId,
        actorId: actor.userId,
        subjectType: "user",
        subjectId: actor.userId,
        details: { before, after },
      },
    ]);
    return true;
  });
}
