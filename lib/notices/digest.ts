/**
 * The daily digest, for people who ask for one e-mail a day instead of one per
 * notice: on each working morning, their routine notices waiting since the
 * last one are bundled into a single notice (trigger "digest"), which is then
 * delivered like any other. The bundled notices are marked sent only when the
 * digest is (deliver.ts); if it cannot be delivered, they go back to being
 * sent one by one. Urgent notices never wait for a digest.
 */
import type { Database } from "../db/connect";
import { asPartnershipSystem, asSystem } from "../db/scope";
import { uuidv7 } from "../escalations/ids";
import { NoticeContent } from "./content";
import { whyNotRelevant } from "./deliver";

export type DigestResult = { digests: number; bundled: number; cancelled: number };

/** Bundles every recipient's due digest notices, one digest per person and partnership. */
export async function bundleDigests(db: Database, now: Date, limit = 100): Promise<DigestResult> {
  // Installation-level: finding who has a digest due, in every partnership.
  const due = await asSystem(
    db,
    (tx) =>
      tx.$queryRaw<{ partnershipId: string; recipientUserId: string }[]>`
      SELECT DISTINCT "partnershipId", "recipientUserId" FROM "Notice"
      WHERE digest AND "notBefore" <= ${now} AND "partnershipId" IS NOT NULL AND "recipientUserId" IS NOT NULL
      LIMIT ${limit}`,
  );
  const result: DigestResult = { digests: 0, bundled: 0, cancelled: 0 };
  for (const { partnershipId, recipientUserId } of due) {
    await asPartnershipSystem(db, partnershipId, async (tx) => {
      const notices = await tx.$queryRaw<
        {
          id: string;
          trigger: string;
          escalationId: string | null;
          subject: string;
          content: unknown;
          deadlineId: string | null;
          dueAt: Date | null;
          actionId: string | null;
          recipientEmail: string;
          recipientName: string;
        }[]
      >`
        SELECT id, trigger, "escalationId", subject, content, "deadlineId", "dueAt", "actionId", "recipientEmail", "recipientName" FROM "Notice"
        WHERE digest AND "notBefore" <= ${now} AND "partnershipId" = ${partnershipId} AND "recipientUserId" = ${recipientUserId}::uuid
        ORDER BY "createdAt", id
        FOR UPDATE SKIP LOCKED`;
      if (notices.length === 0) return;
      const keep: typeof notices = [];
      for (const n of notices) {
        const stale = await whyNotRelevant(tx, n, now);
        if (stale) {
          await tx.notice.updateMany({ where: { id: n.id }, data: { status: "cancelled", cancelledReason: stale, digest: false, nextAttemptAt: null } });
          result.cancelled++;
        } else keep.push(n);
      }
      if (keep.length === 0) return;
      const first = keep[0]!;
      const partnership = NoticeContent.parse(first.content).partnership;
      const id = uuidv7();
      await tx.notice.createMany({
        data: [
          {
            id,
            partnershipId,
            escalationId: null,
            trigger: "digest",
            dedupeKey: `digest:${partnershipId}:${recipientUserId}:${id}`,
            recipientUserId,
            recipientEmail: first.recipientEmail,
            recipientName: first.recipientName,
            recipientReason: "Your daily digest",
            subject: keep.length === 1 ? `Parley: 1 notice for you` : `Parley: ${keep.length} notices for you`,
            content: {
              partnership,
              headline: `${keep.length === 1 ? "One thing needs" : `${keep.length} things need`} your attention in Parley.`,
              lines: keep.map((n) => n.subject),
              link: `/p/${partnershipId}`,
              linkText: "Open your dashboard in Parley",
            },
            createdAt: now,
            notBefore: now,
            nextAttemptAt: now,
          },
        ],
      });
      await tx.notice.updateMany({
        where: { id: { in: keep.map((n) => n.id) } },
        data: { digest: false, digestNoticeId: id, status: "sending", nextAttemptAt: null },
      });
      result.digests++;
      result.bundled += keep.length;
    });
  }
  return result;
}
