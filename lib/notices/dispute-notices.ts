/** A dispute's notices as its page and audit trail show them: what Parley sent, tried to send, or will send. */
import type { PartnershipTx } from "../db/scope";

export type NoticeRecord = {
  id: string;
  trigger: string;
  dedupeKey: string;
  recipientName: string;
  recipientReason: string;
  subject: string;
  status: "pending" | "sending" | "sent" | "failed" | "cancelled";
  createdAt: Date;
  notBefore: Date;
  nextAttemptAt: Date | null;
  sentAt: Date | null;
  cancelledReason: string | null;
  attempts: { at: Date; ok: boolean; detail: string }[];
};

export async function noticesOf(tx: PartnershipTx, escalationId: string): Promise<NoticeRecord[]> {
  const rows = await tx.notice.findMany({
    where: { escalationId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      trigger: true,
      dedupeKey: true,
      recipientName: true,
      recipientReason: true,
      subject: true,
      status: true,
      createdAt: true,
      notBefore: true,
      nextAttemptAt: true,
      sentAt: true,
      cancelledReason: true,
      attemptsLog: { select: { at: true, ok: true, detail: true }, orderBy: { at: "asc" } },
    },
  });
  return rows.map(({ attemptsLog, ...n }) => ({ ...n, attempts: attemptsLog }));
}
