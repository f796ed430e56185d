-- CreateIndex
CREATE INDEX "Escalation_partnershipId_onRegister_stageEnteredAt_id_idx" ON "Escalation"("partnershipId", "onRegister", "stageEnteredAt", "id");
