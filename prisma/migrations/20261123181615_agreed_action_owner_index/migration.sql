-- CreateIndex
CREATE INDEX "AgreedAction_partnershipId_ownerUserId_idx" ON "AgreedAction"("partnershipId", "ownerUserId");
