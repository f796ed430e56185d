-- Written by hand (policies are not managed by Prisma).
--
-- The signed-in user's own memberships in other partnerships, and those
-- memberships' agencies, were visible in every transaction that named the user,
-- including one scoped to a partnership. A query in partnership A that forgot to
-- filter by partnership could then list (or accept) an agency of partnership B.
-- Now a transaction scoped to a partnership sees that partnership's rows only;
-- the user's rows elsewhere are visible only when no partnership is in scope
-- (lib/db/scope.ts asUser: choosing a partnership, loading the actor).

CREATE FUNCTION parley_no_partnership_in_scope() RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT nullif(current_setting('parley.partnership_id', true), '') IS NULL
  $$;

DROP POLICY partnership_isolation ON "Agency";
CREATE POLICY partnership_isolation ON "Agency"
  USING (
    parley_in_scope("partnershipId")
    OR (
      parley_no_partnership_in_scope()
      AND EXISTS (SELECT 1 FROM "Membership" m WHERE m."agencyId" = "Agency"."id" AND m."userId" = parley_current_user())
    )
  )
  WITH CHECK (parley_in_scope("partnershipId"));

DROP POLICY partnership_isolation ON "Membership";
CREATE POLICY partnership_isolation ON "Membership"
  USING (parley_in_scope("partnershipId") OR (parley_no_partnership_in_scope() AND "userId" = parley_current_user()))
  WITH CHECK (parley_in_scope("partnershipId"));
