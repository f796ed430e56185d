-- A dispute is between two agencies: raising one against the raiser's own agency
-- is refused (lib/escalations/raise-escalation.ts), and nothing changes either
-- side afterwards. Said here too, so that the lists may leave out the arms that
-- would need one agency on both sides (lib/escalations/list-escalations.ts).
-- NOT VALID then VALIDATE: existing rows are checked without blocking writes meanwhile.
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_agencies_differ" CHECK ("raisingAgencyId" <> "respondingAgencyId") NOT VALID;
ALTER TABLE "Escalation" VALIDATE CONSTRAINT "Escalation_agencies_differ";
