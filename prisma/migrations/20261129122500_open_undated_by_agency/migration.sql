-- Written by hand: partial indexes, which prisma/schema.prisma cannot express
-- (later generated migrations leave them alone; docs/scale.md).
--
-- The undated end of an agency's open list ("What my team raised", "Raised with
-- my team", one agency's disputes), newest first: without these it is looked for
-- among all of the agency's closed disputes, which also have no due date.
CREATE INDEX "Escalation_open_undated_raising_idx" ON "Escalation"("partnershipId", "raisingAgencyId", "id") WHERE "status" = 'open' AND "nextDueAt" IS NULL;
CREATE INDEX "Escalation_open_undated_responding_idx" ON "Escalation"("partnershipId", "respondingAgencyId", "id") WHERE "status" = 'open' AND "nextDueAt" IS NULL;
