/**
 * The end-to-end suite's OpenID Provider (e2e/support/oidc-provider.mjs, started
 * by playwright.config.ts beside Parley): its client registration and its
 * people, configured as docs/sign-in.md tells a Microsoft Entra ID administrator
 * to configure Parley's app registration.
 *
 * Everything here is test data: the secret protects nothing but a provider on
 * 127.0.0.1 that lives as long as one test run.
 */

export const OIDC_CLIENT_ID = "parley-e2e";
export const OIDC_CLIENT_SECRET = "e2e-client-secret-for-the-loopback-provider-only";
export const OIDC_DISPLAY_NAME = "Test Council account";

/**
 * The provider's port: Parley's plus 1000, so that side-by-side runs (each with
 * its own Parley port, playwright.config.ts) each have their own provider.
 */
export const oidcPort = (parleyPort: number): number => Number(process.env.E2E_OIDC_PORT ?? parleyPort + 1000);

/**
 * On 127.0.0.1 while Parley is on localhost: another site, as Entra's
 * login.microsoftonline.com is, so the browser keeps the two sites' cookies
 * apart and the return to Parley is a cross-site navigation.
 */
export const oidcIssuer = (parleyPort: number): string => `http://127.0.0.1:${oidcPort(parleyPort)}`;

/**
 * One person at the provider. `login` is what they type on its sign-in page;
 * `claims` go into the ID token as they are (with `sub`), as Entra puts the
 * `email` optional claim and `xms_edov` there.
 */
export type OidcTestAccount = {
  login: string;
  sub: string;
  claims: { email: string; name: string; email_verified?: boolean; xms_edov?: boolean };
};

/** Entra's subjects are opaque and pairwise: these look the part. */
export const OIDC_ACCOUNTS = {
  /** Grace Adeyemi, an invited, active demo user (Torbay team manager). Entra style: `xms_edov`, no `email_verified`. */
  invited: {
    login: "team-manager@torbay.example",
    sub: "AAAAAAAAAAAAAAAAAAAAAGrace-e2e-sub-01",
    claims: { email: "team-manager@torbay.example", name: "Grace Adeyemi", xms_edov: true },
  },
  /**
   * The same person after their mailbox was renamed at the identity provider:
   * the same subject, an e-mail no Parley user has. Only the link recorded at
   * their first sign-in lets them in.
   */
  invitedRenamed: {
    login: "grace.adeyemi@torbay.example",
    sub: "AAAAAAAAAAAAAAAAAAAAAGrace-e2e-sub-01",
    claims: { email: "grace.adeyemi@torbay.example", name: "Grace Adeyemi", xms_edov: true },
  },
  /** Verified, but nobody in Parley has this address: never invited. */
  neverInvited: {
    login: "stranger@torbay.example",
    sub: "AAAAAAAAAAAAAAAAAAAAAStranger-e2e-sub-02",
    claims: { email: "stranger@torbay.example", name: "Casey Stranger", email_verified: true },
  },
  /** An invited, active demo user's address (Sam Riley's), but the provider does not vouch for it. */
  unverified: {
    login: "unverified@torbay.example",
    sub: "AAAAAAAAAAAAAAAAAAAAAUnverified-e2e-sub-03",
    claims: { email: "social-worker@torbay.example", name: "Sam Riley", email_verified: false, xms_edov: false },
  },
  /** Someone the journey adds through the admin pages, signs in, and whose access then ends. */
  leaver: {
    login: "alex.morgan@torbay.example",
    sub: "AAAAAAAAAAAAAAAAAAAAALeaver-e2e-sub-04",
    claims: { email: "alex.morgan@torbay.example", name: "Alex Morgan", email_verified: true },
  },
} satisfies Record<string, OidcTestAccount>;
