import type { Role } from "../db/generated/enums";

/**
 * Who is acting, and where: a signed-in user in one of their partnerships. The
 * seam between transport (session, API) and domain. Built only on the server from
 * the session and the user's membership, never from a request body.
 */
export type Actor = {
  userId: string;
  name: string;
  email: string;
  partnershipId: string;
  agencyId: string;
  roles: readonly Role[];
};
