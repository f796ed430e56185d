-- Written by hand (Prisma does not manage policies, functions or triggers, and
-- later generated migrations leave them alone).
--
-- Partnership isolation in the database: every partnership-owned row is
-- visible and writable only inside a transaction scoped to its partnership.
-- lib/db/scope.ts sets these per transaction with set_config(..., true):
--   parley.partnership_id  the partnership a request acts in
--   parley.user_id         the signed-in user (their own memberships, across partnerships)
--   parley.system          'on' for installation-level work (seed, admin command line)
-- FORCE applies the policies to the tables' owner too: the application connects as
-- that owner, which must be neither a superuser nor BYPASSRLS (docs/deployment.md).

CREATE FUNCTION parley_in_scope(row_partnership text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('parley.system', true), '') = 'on'
        OR row_partnership = nullif(current_setting('parley.partnership_id', true), '')
  $$;

CREATE FUNCTION parley_current_user() RETURNS uuid
  LANGUAGE sql STABLE AS $$
    SELECT nullif(current_setting('parley.user_id', true), '')::uuid
  $$;

-- Agencies: those of the partnership in scope, and those the signed-in user belongs to.
ALTER TABLE "Agency" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Agency" FORCE ROW LEVEL SECURITY;
CREATE POLICY partnership_isolation ON "Agency"
  USING (
    parley_in_scope("partnershipId")
    OR EXISTS (SELECT 1 FROM "Membership" m WHERE m."agencyId" = "Agency"."id" AND m."userId" = parley_current_user())
  )
  WITH CHECK (parley_in_scope("partnershipId"));

-- Memberships: those of the partnership in scope, and the signed-in user's own.
ALTER TABLE "Membership" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Membership" FORCE ROW LEVEL SECURITY;
CREATE POLICY partnership_isolation ON "Membership"
  USING (parley_in_scope("partnershipId") OR "userId" = parley_current_user())
  WITH CHECK (parley_in_scope("partnershipId"));

ALTER TABLE "Escalation" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Escalation" FORCE ROW LEVEL SECURITY;
CREATE POLICY partnership_isolation ON "Escalation"
  USING (parley_in_scope("partnershipId")) WITH CHECK (parley_in_scope("partnershipId"));

ALTER TABLE "EscalationEvent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "EscalationEvent" FORCE ROW LEVEL SECURITY;
CREATE POLICY partnership_isolation ON "EscalationEvent"
  USING (parley_in_scope("partnershipId")) WITH CHECK (parley_in_scope("partnershipId"));

ALTER TABLE "EscalationDeadline" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "EscalationDeadline" FORCE ROW LEVEL SECURITY;
CREATE POLICY partnership_isolation ON "EscalationDeadline"
  USING (parley_in_scope("partnershipId")) WITH CHECK (parley_in_scope("partnershipId"));

ALTER TABLE "EscalationParticipant" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "EscalationParticipant" FORCE ROW LEVEL SECURITY;
CREATE POLICY partnership_isolation ON "EscalationParticipant"
  USING (parley_in_scope("partnershipId")) WITH CHECK (parley_in_scope("partnershipId"));

ALTER TABLE "AgreedAction" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AgreedAction" FORCE ROW LEVEL SECURITY;
CREATE POLICY partnership_isolation ON "AgreedAction"
  USING (parley_in_scope("partnershipId")) WITH CHECK (parley_in_scope("partnershipId"));

ALTER TABLE "ReferenceCounter" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ReferenceCounter" FORCE ROW LEVEL SECURITY;
CREATE POLICY partnership_isolation ON "ReferenceCounter"
  USING (parley_in_scope("partnershipId")) WITH CHECK (parley_in_scope("partnershipId"));

-- Audit: a partnership's events in its scope; installation-level events (no
-- partnership, e.g. a failed sign-in) may be written from anywhere but read only
-- at installation level.
ALTER TABLE "AuditEvent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AuditEvent" FORCE ROW LEVEL SECURITY;
CREATE POLICY partnership_isolation ON "AuditEvent"
  USING (parley_in_scope("partnershipId"))
  WITH CHECK (parley_in_scope("partnershipId") OR "partnershipId" IS NULL);

-- Append-only history: no update, delete or truncate, whoever asks.
CREATE FUNCTION parley_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
    END
  $$;

CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON "EscalationEvent"
  FOR EACH ROW EXECUTE FUNCTION parley_append_only();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON "EscalationEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION parley_append_only();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION parley_append_only();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION parley_append_only();
