-- CreateEnum
CREATE TYPE "ApiTokenPermission" AS ENUM ('read', 'raise', 'comment', 'record');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuditType" ADD VALUE 'api_token_created';
ALTER TYPE "AuditType" ADD VALUE 'api_token_revoked';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "systemAccount" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" UUID NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "agencyId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "permissions" "ApiTokenPermission"[],
    "secretHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID,
    "shownAt" TIMESTAMPTZ(3),
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "revokedById" UUID,
    "lastUsedAt" TIMESTAMPTZ(3),
    "windowStartedAt" TIMESTAMPTZ(3),
    "windowCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_userId_key" ON "ApiToken"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_secretHash_key" ON "ApiToken"("secretHash");

-- CreateIndex
CREATE INDEX "ApiToken_partnershipId_agencyId_idx" ON "ApiToken"("partnershipId", "agencyId");

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_partnershipId_agencyId_fkey" FOREIGN KEY ("partnershipId", "agencyId") REFERENCES "Agency"("partnershipId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand: partnership isolation for the new table (see
-- 20261123090200_row_level_security and 20261129140000_database_roles). A
-- request finds its token installation-wide (parley_system, as it finds its
-- session); an administrator's pages see their own partnership's tokens only.
ALTER TABLE "ApiToken" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ApiToken" FORCE ROW LEVEL SECURITY;
CREATE POLICY partnership_isolation ON "ApiToken"
  USING (parley_in_scope("partnershipId")) WITH CHECK (parley_in_scope("partnershipId"));

-- The default privileges grant these only for tables the role that ran the
-- database_roles migration creates: grant them whoever runs this one. A token is
-- never deleted (revoked, and kept with the history it acted in).
GRANT SELECT, INSERT, UPDATE ON "ApiToken" TO parley_app, parley_system;
REVOKE DELETE, TRUNCATE ON "ApiToken" FROM parley_app, parley_system;
