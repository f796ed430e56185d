-- Written by hand (Prisma does not manage roles, grants or policies).
--
-- Two roles that own nothing, so that the isolation and the append-only history
-- hold below the application (docs/decisions/0010-database-roles.md):
--   parley_app     every request: one partnership's data, or a user's own rows.
--                  It cannot enter installation-wide mode: parley.system is
--                  ignored for any role that is a member of parley_app.
--   parley_system  installation-level work: sign-in bookkeeping, the background
--                  worker, seeding and the administrator command line.
-- Neither may alter a table, disable a trigger, or update, delete or truncate
-- the append-only history. The role that runs migrations owns the tables.
-- lib/db/scope.ts switches to one of them (SET LOCAL ROLE) in every transaction.

DO $$
DECLARE
  missing text[] := ARRAY(SELECT r FROM unnest(ARRAY['parley_app', 'parley_system']) AS r WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r));
  r text;
BEGIN
  FOREACH r IN ARRAY missing LOOP
    BEGIN
      EXECUTE format('CREATE ROLE %I NOLOGIN', r);
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE EXCEPTION 'Parley needs the database roles parley_app and parley_system, and % may not create roles.', current_user
        USING HINT = format('Ask a database administrator to run: CREATE ROLE parley_app NOLOGIN; CREATE ROLE parley_system NOLOGIN; GRANT parley_app, parley_system TO %I; (docs/deployment.md, "Database roles"). Then start again.', current_user);
    END;
  END LOOP;
  -- The role that migrates also connects when only one role is configured (and in tests): let it switch.
  FOREACH r IN ARRAY ARRAY['parley_app', 'parley_system'] LOOP
    IF NOT pg_has_role(current_user, r, 'MEMBER') THEN
      BEGIN
        EXECUTE format('GRANT %I TO %I', r, current_user);
      EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE '% is not a member of %: connect the application as a role that is (docs/deployment.md, "Database roles").', current_user, r;
      END;
    END IF;
  END LOOP;
END $$;

GRANT USAGE ON SCHEMA public TO parley_app, parley_system;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO parley_app, parley_system;
DO $$ BEGIN
  -- Absent from the schema engine's shadow database.
  IF to_regclass('public."_prisma_migrations"') IS NOT NULL THEN
    REVOKE ALL ON "_prisma_migrations" FROM parley_app, parley_system;
  END IF;
END $$;
-- Append-only: insert and read only (the triggers stay as a second line).
REVOKE UPDATE, DELETE, TRUNCATE ON "EscalationEvent", "AuditEvent", "NoticeAttempt" FROM parley_app, parley_system;
-- Tables later migrations create (as this role) get the same grants; an
-- append-only one must revoke UPDATE and DELETE in its own migration.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO parley_app, parley_system;

-- Installation-wide mode: asked for with parley.system, honoured only for a
-- role that is not a member of parley_app (a superuser is a member of every
-- role, and bypasses row-level security anyway).
CREATE FUNCTION parley_is_system() RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('parley.system', true), '') = 'on'
       AND NOT pg_has_role(current_user, 'parley_app', 'MEMBER')
  $$;

-- The partnership comparison first: rows in scope never reach the role check.
CREATE OR REPLACE FUNCTION parley_in_scope(row_partnership text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT row_partnership = nullif(current_setting('parley.partnership_id', true), '')
        OR parley_is_system()
  $$;

DROP POLICY author_only ON "EscalationDraft";
CREATE POLICY author_only ON "EscalationDraft"
  USING (parley_in_scope("partnershipId") AND ("userId" = parley_current_user() OR parley_is_system()))
  WITH CHECK (parley_in_scope("partnershipId") AND ("userId" = parley_current_user() OR parley_is_system()));

DROP POLICY partnership_isolation ON "Notice";
CREATE POLICY partnership_isolation ON "Notice"
  USING (parley_in_scope("partnershipId"))
  WITH CHECK (parley_in_scope("partnershipId") OR ("partnershipId" IS NULL AND parley_is_system()));

DROP POLICY partnership_isolation ON "NoticeAttempt";
CREATE POLICY partnership_isolation ON "NoticeAttempt"
  USING (parley_in_scope("partnershipId"))
  WITH CHECK (parley_in_scope("partnershipId") OR ("partnershipId" IS NULL AND parley_is_system()));

DROP POLICY system_only ON "SystemSetting";
CREATE POLICY system_only ON "SystemSetting" USING (parley_is_system()) WITH CHECK (parley_is_system());

DROP POLICY system_only ON "Job";
CREATE POLICY system_only ON "Job" USING (parley_is_system()) WITH CHECK (parley_is_system());
