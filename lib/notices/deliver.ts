/**
 * Delivering the outbox. A worker claims due notices (SKIP LOCKED, so several
 * instances never take the same one), commits the claim with a lease, sends
 * outside any transaction (a slow mail server must not hold the database), and
 * then records what happened: sent, retried later with back-off, failed for
 * good (kept, with the reason, for administrators), or cancelled because what
 * it was about changed first. Every try is a NoticeAttempt row.
 *
 * Exactly once: a notice is claimed by one worker at a time, under a lease
 * longer than the mail transport's own time-outs, and a worker records the
 * outcome only if its lease is still the one on the row. If a worker dies after
 * the mail server accepted a message but before recording it, the lease runs
 * out and it is sent again, with the same Message-ID (the notice's id) so that a
 * mail system can recognise the repeat.
 */
import type { Database } from "../db/connect";
import type { Prisma } from "../db/generated/client";
import { asPartnershipSystem, asSystem, type PartnershipTx, type SystemTx } from "../db/scope";
import { NoticeContent, renderMail } from "./content";
import { inLanes } from "./lanes";
import type { Mailer } from "./mail";
import { PASSWORD_LINK_TRIGGER } from "../users/setup-tokens";

/** Minutes to wait after the 1st, 2nd… failed try; after the last, the notice is marked failed. */
export const RETRY_MINUTES = [1, 5, 15, 60, 180, 360, 720, 720, 720] as const;
export const MAX_ATTEMPTS = RETRY_MINUTES.length + 1;
const LEASE_MS = 5 * 60_000;

export type DeliveryResult = { claimed: number; sent: number; retrying: number; failed: number; cancelled: number };

type Claimed = {
  id: string;
  trigger: string;
  leaseUntil: Date;
  partnershipId: string | null;
  escalationId: string | null;
  recipientEmail: string;
  recipientName: string;
  subject: string;
  content: unknown;
  deadlineId: string | null;
  dueAt: Date | null;
  actionId: string | null;
  attempts: number;
};

export type DeliveryOptions = { mailer: Mailer; baseUrl: string; now: () => Date; limit?: number };

/** Claims and delivers up to `limit` due notices. */
export async function deliverDue(db: Database, options: DeliveryOptions): Promise<DeliveryResult> {
  const now = options.now();
  const result: DeliveryResult = { claimed: 0, sent: 0, retrying: 0, failed: 0, cancelled: 0 };
  // Installation-level: the outbox of every partnership is delivered by the same workers.
  const claimed = await asSystem(
    db,
    (tx) =>
      tx.$queryRaw<Claimed[]>`
      UPDATE "Notice" SET status = 'sending', attempts = attempts + 1,
        "leaseUntil" = ${new Date(now.getTime() + LEASE_MS)}, "nextAttemptAt" = ${new Date(now.getTime() + LEASE_MS)}
      WHERE id IN (
        SELECT id FROM "Notice"
        WHERE "nextAttemptAt" <= ${now} AND status IN ('pending', 'sending') AND digest = false
        ORDER BY "nextAttemptAt"
        LIMIT ${options.limit ?? 25}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, trigger, "leaseUntil", "partnershipId", "escalationId", "recipientEmail", "recipientName", subject, content,
        "deadlineId", "dueAt", "actionId", attempts`,
  );
  result.claimed = claimed.length;
  // A few at once on PostgreSQL: a mail server takes messages in parallel.
  await inLanes(db, claimed, 5, async (notice) => {
    result[await deliverOne(db, notice, options)]++;
  });
  return result;
}

async function deliverOne(db: Database, notice: Claimed, options: DeliveryOptions): Promise<"sent" | "retrying" | "failed" | "cancelled"> {
  const stale = await scopeOf(db, notice, (tx) => whyNotRelevant(tx, notice, options.now()));
  if (stale) {
    await scopeOf(db, notice, (tx) =>
      tx.notice.updateMany({
        where: { id: notice.id, status: "sending", leaseUntil: notice.leaseUntil },
        data: { status: "cancelled", cancelledReason: stale, nextAttemptAt: null, leaseUntil: null },
      }),
    );
    return "cancelled";
  }
  let ok: boolean;
  let detail: string;
  try {
    const mail = renderMail(notice.subject, NoticeContent.parse(notice.content), options.baseUrl);
    detail = (
      await options.mailer.send({
        ...mail,
        id: notice.id,
        trigger: notice.trigger,
        date: options.now(),
        to: { name: notice.recipientName, email: notice.recipientEmail },
      })
    ).detail;
    ok = true;
  } catch (error) {
    ok = false;
    detail = error instanceof Error ? error.message : String(error);
  }
  const at = options.now();
  const giveUp = !ok && notice.attempts >= MAX_ATTEMPTS;
  const wait: number = RETRY_MINUTES[Math.min(notice.attempts, RETRY_MINUTES.length) - 1] ?? 720;
  const data: Prisma.NoticeUpdateManyMutationInput = ok
    ? {
        status: "sent",
        sentAt: at,
        nextAttemptAt: null,
        leaseUntil: null,
        lastError: null,
        ...(notice.trigger === PASSWORD_LINK_TRIGGER ? { content: withoutLink(notice.content) } : {}),
      }
    : giveUp
      ? // A password link that could not be delivered is not kept either: the administrator issues a new one.
        {
          status: "failed",
          nextAttemptAt: null,
          leaseUntil: null,
          lastError: detail,
          ...(notice.trigger === PASSWORD_LINK_TRIGGER ? { content: withoutLink(notice.content) } : {}),
        }
      : { status: "pending", nextAttemptAt: new Date(at.getTime() + wait * 60_000), leaseUntil: null, lastError: detail };
  await scopeOf(db, notice, async (tx) => {
    // What was tried is recorded whatever happens next; the outcome only while the lease is still ours.
    await tx.noticeAttempt.createMany({ data: [{ noticeId: notice.id, partnershipId: notice.partnershipId, at, ok, detail: detail.slice(0, 1000) }] });
    const { count } = await tx.notice.updateMany({ where: { id: notice.id, status: "sending", leaseUntil: notice.leaseUntil }, data });
    if (count === 1 && notice.trigger === "digest" && (ok || giveUp)) await settleBundled(tx, notice, ok, at, detail);
  });
  return ok ? "sent" : giveUp ? "failed" : "retrying";
}

/**
 * The notices a digest carried: sent when it was (each with an attempt saying
 * so), or, if it failed for good, back to being sent one by one.
 */
async function settleBundled(tx: SystemTx | PartnershipTx, digest: Claimed, ok: boolean, at: Date, detail: string): Promise<void> {
  const bundled = await tx.notice.findMany({ where: { digestNoticeId: digest.id }, select: { id: true } });
  if (bundled.length === 0) return;
  if (ok) {
    await tx.noticeAttempt.createMany({
      data: bundled.map((n) => ({
        noticeId: n.id,
        partnershipId: digest.partnershipId,
        at,
        ok: true,
        detail: `Sent in the daily digest. ${detail}`.slice(0, 1000),
      })),
    });
    await tx.notice.updateMany({ where: { digestNoticeId: digest.id }, data: { status: "sent", sentAt: at } });
  } else {
    await tx.notice.updateMany({ where: { digestNoticeId: digest.id }, data: { status: "pending", digestNoticeId: null, nextAttemptAt: at } });
  }
}

/** A sent password link is not kept: the stored message keeps everything but the link. */
function withoutLink(content: unknown): Prisma.InputJsonObject {
  const { link: _link, linkText: _text, ...rest } = NoticeContent.parse(content);
  return { ...rest, lines: [...rest.lines, "(The one-time link was removed from Parley's copy once sent.)"] };
}

/** The notice's own partnership's scope, or installation-level for mail that has none (a password link from the command line). */
function scopeOf<T>(db: Database, notice: Pick<Claimed, "partnershipId">, run: (tx: SystemTx | PartnershipTx) => Promise<T>): Promise<T> {
  return notice.partnershipId ? asPartnershipSystem(db, notice.partnershipId, run) : asSystem(db, run);
}

/** Why a deadline or agreed action notice should no longer go, or null when it should. */
export async function whyNotRelevant(
  tx: SystemTx | PartnershipTx,
  notice: Pick<Claimed, "trigger" | "escalationId" | "deadlineId" | "dueAt" | "actionId">,
  now: Date,
): Promise<string | null> {
  if (!notice.escalationId) return null;
  if ((notice.trigger === "deadline_warning" || notice.trigger === "action_warning") && notice.dueAt && notice.dueAt.getTime() <= now.getTime()) {
    return "It fell due before the warning went out (the miss is told separately).";
  }
  if (notice.trigger === "awaiting_owner") {
    const escalation = await tx.escalation.findUnique({ where: { id: notice.escalationId }, select: { status: true, respondingOwnerId: true } });
    if (escalation?.status !== "open") return "The dispute was closed before the notice went out.";
    if (escalation.respondingOwnerId) return "Someone took the dispute before the notice went out.";
  }
  if (notice.deadlineId && notice.dueAt) {
    const [escalation, deadline] = await Promise.all([
      tx.escalation.findUnique({ where: { id: notice.escalationId }, select: { status: true } }),
      tx.escalationDeadline.findFirst({ where: { escalationId: notice.escalationId, deadlineId: notice.deadlineId }, select: { dueAt: true, status: true } }),
    ]);
    // A resolved dispute's deadlines are what the policy asks for after resolution: those still go.
    if (escalation?.status !== "open" && !(escalation?.status === "resolved" && deadline)) return "The dispute was closed before the notice went out.";
    if (!deadline) return "The dispute moved to another stage before the notice went out.";
    if (deadline.status === "met") return "The deadline was met before the notice went out.";
    if (deadline.dueAt?.getTime() !== notice.dueAt.getTime()) return "The deadline moved before the notice went out.";
  }
  if (notice.actionId) {
    const action = await tx.agreedAction.findFirst({ where: { id: notice.actionId, escalationId: notice.escalationId }, select: { doneAt: true } });
    if (!action || action.doneAt) return "The agreed action was done before the notice went out.";
  }
  return null;
}

/** An administrator's "try again now" for a notice of their partnership that failed. */
export async function retryNotice(tx: PartnershipTx, noticeId: string, now: Date): Promise<boolean> {
  // A failed digest's notices have gone out one by one already; a failed password link no longer has its link.
  const { count } = await tx.notice.updateMany({
    where: { id: noticeId, status: "failed", trigger: { notIn: ["digest", PASSWORD_LINK_TRIGGER] } },
    data: { status: "pending", nextAttemptAt: now, attempts: 0 },
  });
  return count === 1;
}
