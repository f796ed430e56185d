-- CreateIndex
CREATE INDEX "Escalation_partnershipId_raisedAt_raisingAgencyId_respondin_idx" ON "Escalation"("partnershipId", "raisedAt", "raisingAgencyId", "respondingAgencyId", "stageNumber", "urgent");

-- CreateIndex
CREATE INDEX "Escalation_partnershipId_closedAt_status_stageNumber_raised_idx" ON "Escalation"("partnershipId", "closedAt", "status", "stageNumber", "raisedAt");

-- CreateIndex
CREATE INDEX "EscalationEvent_partnershipId_type_at_idx" ON "EscalationEvent"("partnershipId", "type", "at");
