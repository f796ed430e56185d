-- AlterEnum
ALTER TYPE "AuditType" ADD VALUE 'register_exported';
