-- Written by hand (Prisma does not manage functions).
--
-- The session lookup every signed-in request makes, as one statement outside a
-- transaction (lib/auth/sessions.ts): a transaction costs the server three
-- round trips more (begin, the scope, commit) on every page.
--
-- SECURITY DEFINER runs it as the role that owns the tables, which row-level
-- security still binds (FORCE). It reads the session, then scopes itself to
-- that session's user, as asUser does (parley.user_id, local to the statement's
-- own transaction): the memberships and agencies it returns are those the
-- policies show that user, their own. It writes nothing.
CREATE FUNCTION parley_session(session_id text)
  RETURNS TABLE (
    id text, "userId" uuid, "createdAt" timestamptz, "lastSeenAt" timestamptz, "expiresAt" timestamptz, "endedAt" timestamptz,
    name text, email text, "userActive" boolean, memberships json
  )
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
#variable_conflict use_column
DECLARE
  owner uuid;
  was_partnership text := coalesce(current_setting('parley.partnership_id', true), '');
  was_system text := coalesce(current_setting('parley.system', true), '');
  was_user text := coalesce(current_setting('parley.user_id', true), '');
BEGIN
  SELECT s."userId" INTO owner FROM "Session" s WHERE s.id = session_id;
  IF owner IS NULL THEN
    RETURN;
  END IF;
  PERFORM set_config('parley.partnership_id', '', true);
  PERFORM set_config('parley.system', '', true);
  PERFORM set_config('parley.user_id', owner::text, true);
  RETURN QUERY
    SELECT s.id, s."userId", s."createdAt", s."lastSeenAt", s."expiresAt", s."endedAt", u.name, u.email, u.active,
      (SELECT coalesce(json_agg(json_build_object('partnershipId', m."partnershipId", 'partnershipName', p.name,
                'agencyId', m."agencyId", 'agencyName', a.name, 'roles', m.roles::text[])), '[]'::json)
         FROM "Membership" m
         JOIN "Partnership" p ON p.id = m."partnershipId"
         JOIN "Agency" a ON a."partnershipId" = m."partnershipId" AND a.id = m."agencyId"
        WHERE m."userId" = s."userId" AND m."deactivatedAt" IS NULL)
    FROM "Session" s JOIN "User" u ON u.id = s."userId"
    WHERE s.id = session_id;
  -- As it was: called inside a transaction, the caller's scope is unchanged.
  PERFORM set_config('parley.partnership_id', was_partnership, true);
  PERFORM set_config('parley.system', was_system, true);
  PERFORM set_config('parley.user_id', was_user, true);
END $$;

REVOKE ALL ON FUNCTION parley_session(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION parley_session(text) TO parley_app, parley_system;
