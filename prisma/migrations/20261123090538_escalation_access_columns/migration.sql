-- AlterTable
ALTER TABLE "Escalation" ADD COLUMN     "onRegister" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "raisingRank" INTEGER NOT NULL,
ADD COLUMN     "respondingRank" INTEGER NOT NULL;

-- CreateIndex
CREATE INDEX "Escalation_partnershipId_onRegister_idx" ON "Escalation"("partnershipId", "onRegister");

-- CreateIndex
CREATE INDEX "Escalation_partnershipId_raisingAgencyId_idx" ON "Escalation"("partnershipId", "raisingAgencyId");

-- CreateIndex
CREATE INDEX "Escalation_partnershipId_respondingAgencyId_idx" ON "Escalation"("partnershipId", "respondingAgencyId");
