-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "jobTitle" VARCHAR(120);
