-- CreateEnum
CREATE TYPE "DeactivationReason" AS ENUM ('installation', 'no_memberships');

-- AlterEnum
ALTER TYPE "AuditType" ADD VALUE 'password_link_issued';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "deactivationReason" "DeactivationReason";
