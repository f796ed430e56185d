-- AlterEnum
ALTER TYPE "AuditType" ADD VALUE 'policy_version_moved';
