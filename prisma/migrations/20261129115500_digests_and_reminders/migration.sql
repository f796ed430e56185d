-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuditType" ADD VALUE 'notice_retried';
ALTER TYPE "AuditType" ADD VALUE 'notice_preferences_changed';

-- AlterTable
ALTER TABLE "Notice" ADD COLUMN     "digestNoticeId" UUID;

-- CreateIndex
CREATE INDEX "Notice_digest_notBefore_idx" ON "Notice"("digest", "notBefore");

-- CreateIndex
CREATE INDEX "Notice_digestNoticeId_idx" ON "Notice"("digestNoticeId");
