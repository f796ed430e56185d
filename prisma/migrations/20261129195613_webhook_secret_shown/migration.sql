-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN     "secretShownAt" TIMESTAMPTZ(3);
