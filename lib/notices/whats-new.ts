/**
 * "What's new for you": the notices Parley has for the signed-in person in
 * this partnership, newest first, the same as the e-mails (including those
 * still waiting for working hours), with how many they have not seen.
 */
import type { Actor } from "../auth/actor";
import type { Database } from "../db/connect";
import { Prisma } from "../db/generated/client";
import type { NoticeStatus } from "../db/generated/enums";
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

export async function whatsNew(db: Database, actor: Actor, limit = 8): Promise<WhatsNew> {
  return inPartnership(db, actor, prepareWhatsNew(actor, limit));
}

// About disputes only: account mail (a password link) is not news on a dashboard.
const mine = (actor: Pick<Actor, "partnershipId" | "userId">) => ({
  partnershipId: actor.partnershipId,
  recipientUserId: actor.userId,
  escalationId: { not: null },
  status: { not: "cancelled" as const },
});

/**
 * The same, read in a transaction the caller already has in the actor's
 * partnership (the dashboard's): the newest notices and the unread count in one
 * statement, since every dashboard asks.
 */
export function prepareWhatsNew(actor: Actor, limit = 8): (tx: PartnershipTx) => Promise<WhatsNew> {
  return async (tx) => {
    // mine(actor), as SQL.
    const mineSql = Prisma.sql`n."partnershipId" = ${actor.partnershipId} AND n."recipientUserId" = ${actor.userId}::uuid
      AND n."escalationId" IS NOT NULL AND n.status <> 'cancelled'`;
    const rows = await tx.$queryRaw<Row[]>`
      SELECT c.unread, l.*
      FROM (SELECT count(*)::int AS unread FROM "Notice" n WHERE ${mineSql} AND n."readAt" IS NULL) c
      LEFT JOIN LATERAL (
        SELECT n.id, n.subject, n."createdAt", n."readAt", n.content, n.status::text AS status, n."sentAt", n."notBefore", n.digest, n."digestNoticeId"
        FROM "Notice" n WHERE ${mineSql} ORDER BY n."createdAt" DESC, n.id DESC LIMIT ${limit}::int
      ) l ON true
      ORDER BY l."createdAt" DESC, l.id DESC`;
    return {
      unread: Number(rows[0]?.unread ?? 0),
      items: rows.flatMap((r) => (r.id === null ? [] : [item({ ...r, id: r.id })])),
    };
  };
}

type Row = {
  unread: number | bigint;
  id: string | null;
  subject: string;
  createdAt: Date | string;
  readAt: Date | string | null;
  content: unknown;
  status: NoticeStatus;
  sentAt: Date | string | null;
  notBefore: Date | string;
  digest: boolean;
  digestNoticeId: string | null;
};

function item(r: Row & { id: string }): WhatsNewItem {
  const content = (typeof r.content === "string" ? JSON.parse(r.content) : r.content) as { link?: unknown } | null;
  return {
    id: r.id,
    subject: r.subject,
    createdAt: new Date(r.createdAt),
    unread: r.readAt === null,
    link: typeof content?.link === "string" ? content.link : null,
    email:
      r.status === "sent" && r.sentAt
        ? { state: "sent" as const, at: new Date(r.sentAt) }
        : r.status === "failed"
          ? { state: "failed" as const }
          : { state: "waiting" as const, from: new Date(r.notBefore), digest: r.digest || r.digestNoticeId !== null },
  };
}

/** Marks every notice the person has here as seen. */
export async function markAllRead(db: Database, actor: Actor, now: Date): Promise<number> {
  return inPartnership(db, actor, async (tx) => (await tx.notice.updateMany({ where: { ...mine(actor), readAt: null }, data: { readAt: now } })).count);
}
