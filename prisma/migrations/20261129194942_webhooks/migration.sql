-- CreateEnum
CREATE TYPE "WebhookEvent" AS ENUM ('raised', 'owner_assigned', 'escalated', 'deadline_warning', 'deadline_missed', 'resolved', 'withdrawn');

-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('pending', 'sending', 'delivered', 'failed');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuditType" ADD VALUE 'webhook_endpoint_created';
ALTER TYPE "AuditType" ADD VALUE 'webhook_endpoint_disabled';
ALTER TYPE "AuditType" ADD VALUE 'webhook_delivery_retried';

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" UUID NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "agencyId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "events" "WebhookEvent"[],
    "secret" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "createdById" UUID,
    "disabledAt" TIMESTAMPTZ(3),
    "disabledById" UUID,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" UUID NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "endpointId" UUID NOT NULL,
    "escalationId" UUID NOT NULL,
    "event" "WebhookEvent" NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3),
    "leaseUntil" TIMESTAMPTZ(3),
    "lastAttemptAt" TIMESTAMPTZ(3),
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMPTZ(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookEndpoint_partnershipId_agencyId_idx" ON "WebhookEndpoint"("partnershipId", "agencyId");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_dedupeKey_key" ON "WebhookDelivery"("dedupeKey");

-- CreateIndex
CREATE INDEX "WebhookDelivery_nextAttemptAt_idx" ON "WebhookDelivery"("nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_endpointId_createdAt_idx" ON "WebhookDelivery"("endpointId", "createdAt");

-- AddForeignKey
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_partnershipId_agencyId_fkey" FOREIGN KEY ("partnershipId", "agencyId") REFERENCES "Agency"("partnershipId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand: partnership isolation for the new tables (see
-- 20261123090200_row_level_security and 20261129140000_database_roles). The
-- worker finds due deliveries installation-wide (parley_system, as it finds due
-- notices); an administrator's pages see their own partnership's endpoints only.
ALTER TABLE "WebhookEndpoint" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "WebhookEndpoint" FORCE ROW LEVEL SECURITY;
CREATE POLICY partnership_isolation ON "WebhookEndpoint"
  USING (parley_in_scope("partnershipId")) WITH CHECK (parley_in_scope("partnershipId"));
ALTER TABLE "WebhookDelivery" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "WebhookDelivery" FORCE ROW LEVEL SECURITY;
CREATE POLICY partnership_isolation ON "WebhookDelivery"
  USING (parley_in_scope("partnershipId")) WITH CHECK (parley_in_scope("partnershipId"));

-- The default privileges grant these only for tables the role that ran the
-- database_roles migration creates: grant them whoever runs this one. An
-- endpoint is never deleted (disabled, and kept with its deliveries), and a
-- delivery is kept like a notice (lib/retention.ts).
GRANT SELECT, INSERT, UPDATE ON "WebhookEndpoint", "WebhookDelivery" TO parley_app, parley_system;
REVOKE DELETE, TRUNCATE ON "WebhookEndpoint", "WebhookDelivery" FROM parley_app, parley_system;
