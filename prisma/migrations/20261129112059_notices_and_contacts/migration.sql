-- CreateEnum
CREATE TYPE "NoticeStatus" AS ENUM ('pending', 'sending', 'sent', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('pending', 'running', 'done', 'failed');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuditType" ADD VALUE 'contacts_changed';
ALTER TYPE "AuditType" ADD VALUE 'notice_settings_changed';

-- AlterTable
ALTER TABLE "Escalation" ADD COLUMN     "formOutstanding" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Partnership" ADD COLUMN     "noticeHoursEnd" TEXT NOT NULL DEFAULT '18:00',
ADD COLUMN     "noticeHoursStart" TEXT NOT NULL DEFAULT '08:00',
ADD COLUMN     "warnWorkingDays" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "noticeDigest" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "overdueReminders" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "AgencyContact" (
    "id" UUID NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "agencyId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "duty" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgencyContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notice" (
    "id" UUID NOT NULL,
    "partnershipId" TEXT,
    "escalationId" UUID,
    "trigger" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "recipientUserId" UUID,
    "recipientEmail" TEXT NOT NULL,
    "recipientName" TEXT NOT NULL,
    "recipientReason" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "notBefore" TIMESTAMPTZ(3) NOT NULL,
    "deadlineId" TEXT,
    "dueAt" TIMESTAMPTZ(3),
    "actionId" UUID,
    "digest" BOOLEAN NOT NULL DEFAULT false,
    "status" "NoticeStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3),
    "leaseUntil" TIMESTAMPTZ(3),
    "sentAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "cancelledReason" TEXT,
    "readAt" TIMESTAMPTZ(3),

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeAttempt" (
    "id" UUID NOT NULL,
    "noticeId" UUID NOT NULL,
    "partnershipId" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "detail" TEXT NOT NULL,

    CONSTRAINT "NoticeAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeTimer" (
    "id" UUID NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "escalationId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "fireAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NoticeTimer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SystemSetting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SystemSetting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'pending',
    "cursor" TEXT,
    "progress" JSONB NOT NULL DEFAULT '{}',
    "runAfter" TIMESTAMPTZ(3) NOT NULL,
    "leaseUntil" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AgencyContact_partnershipId_userId_idx" ON "AgencyContact"("partnershipId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "AgencyContact_agencyId_userId_key" ON "AgencyContact"("agencyId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Notice_dedupeKey_key" ON "Notice"("dedupeKey");

-- CreateIndex
CREATE INDEX "Notice_nextAttemptAt_idx" ON "Notice"("nextAttemptAt");

-- CreateIndex
CREATE INDEX "Notice_partnershipId_recipientUserId_createdAt_idx" ON "Notice"("partnershipId", "recipientUserId", "createdAt");

-- CreateIndex
CREATE INDEX "Notice_escalationId_createdAt_idx" ON "Notice"("escalationId", "createdAt");

-- CreateIndex
CREATE INDEX "NoticeAttempt_noticeId_at_idx" ON "NoticeAttempt"("noticeId", "at");

-- CreateIndex
CREATE INDEX "NoticeTimer_fireAt_idx" ON "NoticeTimer"("fireAt");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeTimer_escalationId_kind_subject_dueAt_key" ON "NoticeTimer"("escalationId", "kind", "subject", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Job_key_key" ON "Job"("key");

-- CreateIndex
CREATE INDEX "Job_status_runAfter_idx" ON "Job"("status", "runAfter");

-- AddForeignKey
ALTER TABLE "AgencyContact" ADD CONSTRAINT "AgencyContact_partnershipId_agencyId_fkey" FOREIGN KEY ("partnershipId", "agencyId") REFERENCES "Agency"("partnershipId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgencyContact" ADD CONSTRAINT "AgencyContact_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeAttempt" ADD CONSTRAINT "NoticeAttempt_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand: partnership isolation and append-only history for the new
-- tables (see 20261123090200_row_level_security).
ALTER TABLE "AgencyContact" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AgencyContact" FORCE ROW LEVEL SECURITY;
CREATE POLICY partnership_isolation ON "AgencyContact"
  USING (parley_in_scope("partnershipId")) WITH CHECK (parley_in_scope("partnershipId"));

ALTER TABLE "NoticeTimer" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "NoticeTimer" FORCE ROW LEVEL SECURITY;
CREATE POLICY partnership_isolation ON "NoticeTimer"
  USING (parley_in_scope("partnershipId")) WITH CHECK (parley_in_scope("partnershipId"));

-- Installation-level notices (no partnership) are seen only at installation level.
ALTER TABLE "Notice" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Notice" FORCE ROW LEVEL SECURITY;
CREATE POLICY partnership_isolation ON "Notice"
  USING (parley_in_scope("partnershipId"))
  WITH CHECK (parley_in_scope("partnershipId") OR ("partnershipId" IS NULL AND coalesce(current_setting('parley.system', true), '') = 'on'));

ALTER TABLE "NoticeAttempt" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "NoticeAttempt" FORCE ROW LEVEL SECURITY;
CREATE POLICY partnership_isolation ON "NoticeAttempt"
  USING (parley_in_scope("partnershipId"))
  WITH CHECK (parley_in_scope("partnershipId") OR ("partnershipId" IS NULL AND coalesce(current_setting('parley.system', true), '') = 'on'));

CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON "NoticeAttempt"
  FOR EACH ROW EXECUTE FUNCTION parley_append_only();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON "NoticeAttempt"
  FOR EACH STATEMENT EXECUTE FUNCTION parley_append_only();

-- Installation-wide bookkeeping: only installation-level work reads or writes it.
ALTER TABLE "SystemSetting" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "SystemSetting" FORCE ROW LEVEL SECURITY;
CREATE POLICY system_only ON "SystemSetting"
  USING (coalesce(current_setting('parley.system', true), '') = 'on')
  WITH CHECK (coalesce(current_setting('parley.system', true), '') = 'on');

ALTER TABLE "Job" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Job" FORCE ROW LEVEL SECURITY;
CREATE POLICY system_only ON "Job"
  USING (coalesce(current_setting('parley.system', true), '') = 'on')
  WITH CHECK (coalesce(current_setting('parley.system', true), '') = 'on');
