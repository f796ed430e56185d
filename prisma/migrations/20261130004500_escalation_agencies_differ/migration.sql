-- A dispute is between two agencies: raising one against the raiser's own agency
-- is refused (lib/escalations/raise-escalation.ts), and nothing changes either
-- side afterwards. Said here too, so that the lists may leave out the arms that
-- would need one agency on both sides (lib/escalations/list-escalations.ts).
-- Adding it reads every dispute once while writes wait: about a second at a
-- million disputes.
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_agencies_differ" CHECK ("raisingAgencyId" <> "respondingAgencyId");
