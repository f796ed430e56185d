/**
 * "What's new for you": the notices Parley has for the signed-in person in
 * this partnership, newest first, the same as the e-mails (including those
 * still waiting for working hours), with how many they have not seen.
 */
import type { Actor } from "../auth/actor";
import type { Database } from "../db/connect";
import { inPartnership, type PartnershipTx } from "../db/scope";

export type WhatsNewItem = {
  id: string;
  subject: string;
  createdAt: Date;
  unread: boolean;
  link: string | null;
  /** Where its e-mail is: sent, waiting (until `notBefore`, or for the daily digest), or failed. */
  email: { state: "sent"; at: Date } | { state: "waiting"; from: Date; digest: boolean } | { state: "failed" };
};
export type WhatsNew = { items: WhatsNewItem[]; unread: number };

const mine = (actor: Pick<Actor, "partnershipId" | "userId">) => ({
  partnershipId: actor.partnershipId,
  recipientUserId: actor.userId,
  // About disputes only: account mail (a password link) is not news on a dashboard.
  escalationId: { not: null },
  status: { not: "cancelled" as const },
});

export async function whatsNew(db: Database, actor: Actor, limit = 8): Promise<WhatsNew> {
  return inPartnership(db, actor, prepareWhatsNew(actor, limit));
}

/** The same, read in a transaction the caller already has in the actor's partnership (the dashboard's). */
export function prepareWhatsNew(actor: Actor, limit = 8): (tx: PartnershipTx) => Promise<WhatsNew> {
  return async (tx) => {
    const [rows, unread] = await Promise.all([
      tx.notice.findMany({
        where: mine(actor),
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: limit,
        select: {
          id: true,
          subject: true,
          createdAt: true,
          readAt: true,
          content: true,
          status: true,
          sentAt: true,
          notBefore: true,
          digest: true,
          digestNoticeId: true,
        },
      }),
      tx.notice.count({ where: { ...mine(actor), readAt: null } }),
    ]);
    return {
      unread,
      items: rows.map((r) => ({
        id: r.id,
        subject: r.subject,
        createdAt: r.createdAt,
        unread: r.readAt === null,
        link: typeof (r.content as { link?: unknown }).link === "string" ? (r.content as { link: string }).link : null,
        email:
          r.status === "sent" && r.sentAt
            ? { state: "sent" as const, at: r.sentAt }
            : r.status === "failed"
              ? { state: "failed" as const }
              : { state: "waiting" as const, from: r.notBefore, digest: r.digest || r.digestNoticeId !== null },
      })),
    };
  };
}

/** Marks every notice the person has here as seen. */
export async function markAllRead(db: Database, actor: Actor, now: Date): Promise<number> {
  return inPartnership(db, actor, async (tx) => (await tx.notice.updateMany({ where: { ...mine(actor), readAt: null }, data: { readAt: now } })).count);
}
