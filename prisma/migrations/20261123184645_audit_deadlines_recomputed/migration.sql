-- AlterEnum
ALTER TYPE "AuditType" ADD VALUE 'deadlines_recomputed';
