/**
 * The outbox: notices are written in the transaction of whatever causes them
 * (a command's events, a timer firing), one row per recipient, and a worker
 * delivers them (deliver.ts). The dedupe key makes each (dispute, trigger,
 * subject, recipient) a single notice however often the cause is seen again.
 */
import type { WorkingCalendar } from "../calendar/working-calendar";
import type { Prisma } from "../db/generated/client";
import type { PartnershipTx } from "../db/scope";
import type { NoticeContent } from "./content";
import { distinctRecipients, recipientKey, withPreference, type Recipient } from "./recipients";
import { DEFAULT_NOTICE_HOURS, nextWorkingMoment, nextWorkingMorning, type NoticeHours } from "./working-hours";

export const TRIGGERS = [
  "raised",
  "awaiting_owner",
  "agency_not_on_parley",
  "owner_assigned",
  "stage_entered",
  "stage_left",
  "resolved",
  "withdrawn",
  "deadline_warning",
  "deadline_missed",
  "deadline_reminder",
  "action_assigned",
  "action_warning",
  "action_overdue",
  "digest",
] as const;
export type Trigger = (typeof TRIGGERS)[number];

export type NoticeDraft = {
  trigger: Trigger;
  /** With the dispute, trigger and recipient, what makes it one notice: an event id, or "<deadline>@<due instant>". */
  subjectKey: string;
  recipients: readonly Recipient[];
  subject: string;
  content: NoticeContent;
  /** Sent at once, day or night. */
  urgent: boolean;
  deadlineId?: string;
  dueAt?: Date;
  actionId?: string;
};

export type OutboxContext = {
  partnershipId: string;
  escalationId: string;
  now: Date;
  hours: NoticeHours;
  calendar: WorkingCalendar;
  /** Whoever caused it is not told about their own act. */
  actorId?: string | null;
};

/** The partnership's notice hours and warning lead, in its policy's time zone. */
export async function noticeHoursFor(tx: PartnershipTx, partnershipId: string, timeZone: string): Promise<NoticeHours> {
  const p = await tx.partnership.findUnique({
    where: { id: partnershipId },
    select: { noticeHoursStart: true, noticeHoursEnd: true, warnWorkingDays: true },
  });
  return {
    start: p?.noticeHoursStart ?? DEFAULT_NOTICE_HOURS.start,
    end: p?.noticeHoursEnd ?? DEFAULT_NOTICE_HOURS.end,
    warnWorkingDays: p?.warnWorkingDays ?? DEFAULT_NOTICE_HOURS.warnWorkingDays,
    timeZone,
  };
}

/** Every notice of one dispute, trigger and subject has a dedupe key starting so; the recipient completes it. */
export const dedupePrefix = (escalationId: string, trigger: Trigger, subjectKey: string) => `${escalationId}:${trigger}:${subjectKey}:`;

export const dedupeKey = (escalationId: string, trigger: Trigger, subjectKey: string, recipient: Recipient) =>
  `${dedupePrefix(escalationId, trigger, subjectKey)}${recipientKey(recipient)}`;

/** Writes the drafts' notices; those already written (same dedupe key) are left as they are. Returns how many are new. */
export async function enqueue(tx: PartnershipTx, ctx: OutboxContext, drafts: readonly NoticeDraft[]): Promise<number> {
  const data: Prisma.NoticeCreateManyInput[] = [];
  const routineAt = nextWorkingMoment(ctx.now, ctx.hours, ctx.calendar);
  const digestAt = nextWorkingMorning(ctx.now, ctx.hours, ctx.calendar);
  // People who asked for one e-mail a day get routine notices in their digest instead.
  const routine = drafts.filter((d) => !d.urgent).flatMap((d) => d.recipients);
  const digested = new Set((await withPreference(tx, routine, "noticeDigest")).map((r) => r.userId));
  for (const d of drafts) {
    for (const r of distinctRecipients(d.recipients, ctx.actorId)) {
      const digest = !d.urgent && digested.has(r.userId);
      const notBefore = d.urgent ? ctx.now : digest ? digestAt : routineAt;
      data.push({
        partnershipId: ctx.partnershipId,
        escalationId: ctx.escalationId,
        trigger: d.trigger,
        dedupeKey: dedupeKey(ctx.escalationId, d.trigger, d.subjectKey, r),
        recipientUserId: r.userId,
        recipientEmail: r.email,
        recipientName: r.name,
        recipientReason: r.reason,
        subject: d.subject,
        content: d.content,
        urgent: d.urgent,
        createdAt: ctx.now,
        notBefore,
        digest,
        // A digest's notices are picked up by the digest (digest.ts), not one by one.
        nextAttemptAt: digest ? null : notBefore,
        deadlineId: d.deadlineId ?? null,
        dueAt: d.dueAt ?? null,
        actionId: d.actionId ?? null,
      });
    }
  }
  if (data.length === 0) return 0;
  const { count } = await tx.notice.createMany({ data, skipDuplicates: true });
  return count;
}
