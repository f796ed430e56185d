import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { OIDC_ACCOUNTS, OIDC_DISPLAY_NAME, oidcIssuer, type OidcTestAccount } from "./support/oidc";
import { signInAs, signOut } from "./support/sign-in";

/**
 * Signing in through Parley's "Sign in with …" button against a real OpenID
 * Provider (panva's oidc-provider, e2e/support/oidc-provider.mjs) on loopback,
 * set up as docs/sign-in.md tells an Entra ID administrator to set up Parley:
 * discovery, the authorization code flow with PKCE, RS256-signed ID tokens with
 * `email` and `xms_edov` / `email_verified`. The people it knows are in
 * e2e/support/oidc.ts.
 */

test.skip(!!process.env.E2E_BASE_URL, "needs the OpenID Provider that playwright.config.ts starts beside Parley");

const ISSUER = oidcIssuer(Number(process.env.E2E_PORT));
const TORBAY = "Torbay Safeguarding Children Partnership";
const REFUSED = `You could not be signed in with ${OIDC_DISPLAY_NAME}. If you should be able to use Parley, ask your partnership administrator to check your invitation.`;

const oidcButton = (page: Page) => page.getByRole("button", { name: `Sign in with ${OIDC_DISPLAY_NAME}` });

/** From Parley's sign-in page, through the provider's own sign-in page (when it has no session of its own yet). */
async function signInWithProvider(page: Page, account: OidcTestAccount, options: { providerAsks?: boolean } = {}): Promise<void> {
  if (!page.url().includes("/sign-in")) await page.goto("/sign-in");
  await oidcButton(page).click();
  if (options.providerAsks === false) return;
  await expect(page).toHaveURL(new RegExp(`^${escape(ISSUER)}/interaction/`));
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email address").fill(account.login);
  await page.getByRole("button", { name: "Next" }).click();
}

/** Back on Parley's sign-in page with its one refusal message, focused in the error summary. */
async function expectRefused(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/sign-in\?(.*&)?error=/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary.getByRole("link")).toHaveText([REFUSED]);
  await expect(page).toHaveTitle(/^Error: Sign in/);
}

/** Nobody is signed in on this page's browser: a partnership's page sends it to sign in. */
async function expectSignedOut(page: Page): Promise<void> {
  await page.goto("/p/torbay");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fp%2Ftorbay$/);
  await expect(page.getByText("You need to sign in to see that page.")).toBeVisible();
}

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test("an invited, active person signs in with their organisation's account and lands on their dashboard; the next time, the link made then lets them in", async ({
  page,
  browser,
}) => {
  await page.goto("/sign-in");
  // The password form is still there, beside the button.
  await expect(page.getByLabel("Email address")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Or use your organisation's account" })).toBeVisible();
  await expectAccessible(page);

  await signInWithProvider(page, OIDC_ACCOUNTS.invited);
  await expect(page).toHaveURL(/\/p\/torbay$/);
  await expect(page.getByRole("heading", { level: 1, name: TORBAY })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("Signed in as Grace Adeyemi");
  await signOut(page);

  // Another day, another browser; her mailbox has been renamed at the identity provider since.
  // The ID token's e-mail is no Parley user's now: only the subject linked at her first sign-in lets her in.
  const later = await newPage(browser);
  await signInWithProvider(later, OIDC_ACCOUNTS.invitedRenamed);
  await expect(later).toHaveURL(/\/p\/torbay$/);
  await expect(later.getByRole("banner")).toContainText("Signed in as Grace Adeyemi");
  await later.context().close();
});

test("someone who was never invited is refused with a clear message, and trying again changes nothing", async ({ page }) => {
  await signInWithProvider(page, OIDC_ACCOUNTS.neverInvited);
  await expectRefused(page);
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await expectAccessible(page);
  await expectSignedOut(page);

  // Signed in at the provider now, so it sends them straight back: still no account, still refused.
  await signInWithProvider(page, OIDC_ACCOUNTS.neverInvited, { providerAsks: false });
  await expectRefused(page);
});

test("an e-mail address the provider does not vouch for is refused, even when it is an invited person's", async ({ page }) => {
  // Sam Riley's address (an active demo user), with email_verified and xms_edov false.
  expect(OIDC_ACCOUNTS.unverified.claims.email).toBe("social-worker@torbay.example");
  await signInWithProvider(page, OIDC_ACCOUNTS.unverified);
  await expectRefused(page);
  await expectAccessible(page);
  await expectSignedOut(page);
});

test("a person whose access an administrator ends is signed out and then refused", async ({ page: admin, browser }) => {
  await signInAs(admin, "admin@torbay.example");
  await admin.goto("/p/torbay/admin/people/new");
  await admin.getByLabel("Full name").fill(OIDC_ACCOUNTS.leaver.claims.name);
  await admin.getByLabel("Work email address").fill(OIDC_ACCOUNTS.leaver.claims.email);
  await admin.getByLabel("Agency they act for").selectOption({ label: "Torbay and South Devon NHS Foundation Trust" });
  await admin.getByRole("checkbox", { name: "Practitioner", exact: true }).check();
  await admin.getByRole("button", { name: "Add person" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Alex Morgan" })).toBeVisible();
  await expect(admin.getByText("Invited: has not chosen a password yet")).toBeVisible();
  const personPage = admin.url().replace(/\?.*$/, "");

  // Alex never chooses a password: their organisation's account is enough.
  const alex = await newPage(browser);
  await signInWithProvider(alex, OIDC_ACCOUNTS.leaver);
  await expect(alex).toHaveURL(/\/p\/torbay$/);
  await expect(alex.getByRole("banner")).toContainText("Signed in as Alex Morgan");

  // Linked to their organisation's account, so no longer "Invited".
  await admin.goto(personPage);
  await expect(admin.getByText("Invited: has not chosen a password yet")).toHaveCount(0);
  await expect(admin.locator("dd", { hasText: /^Active$/ })).toBeVisible();
  await admin.getByRole("button", { name: "End access to this partnership" }).click();
  await expect(admin.getByText(/This was their only partnership, so their account is deactivated/)).toBeVisible();

  // Their next click finds them signed out; signing in again (the provider still knows them) is refused.
  await alex.reload();
  await expect(alex).toHaveURL(/\/sign-in\?next=%2Fp%2Ftorbay$/);
  await signInWithProvider(alex, OIDC_ACCOUNTS.leaver, { providerAsks: false });
  await expectRefused(alex);
  await expectSignedOut(alex);
  await alex.context().close();
});

test("a replayed callback is refused: its state is spent in the same browser, and not theirs when planted in another", async ({ page, browser, baseURL }) => {
  const callback = page.waitForRequest((request) => request.url().startsWith(`${baseURL}/api/auth/callback/oidc?`));
  await signInWithProvider(page, OIDC_ACCOUNTS.invited);
  const callbackUrl = (await callback).url();
  expect(new URL(callbackUrl).searchParams.get("code")).toBeTruthy();
  expect(new URL(callbackUrl).searchParams.get("state")).toBeTruthy();
  await expect(page).toHaveURL(/\/p\/torbay$/);
  await signOut(page);

  // The same address again, from the browser's history: the one-time state, PKCE and nonce cookies
  // were spent on the first use (next-auth: "State cookie was missing"), and the code with them.
  await page.goto(callbackUrl);
  await expectRefused(page);
  await expectSignedOut(page);

  // Planted in someone else's sign-in that has just started (login CSRF): its state is not theirs
  // (next-auth: "state mismatch"), so the code is never exchanged.
  const victim = await newPage(browser);
  await victim.goto("/sign-in");
  await oidcButton(victim).click();
  await expect(victim).toHaveURL(new RegExp(`^${escape(ISSUER)}/interaction/`));
  await victim.goto(callbackUrl);
  await expectRefused(victim);
  await expectSignedOut(victim);
  await victim.context().close();
});

test("signing out ends the Parley session: the old cookie no longer opens a page", async ({ page, context, browser }) => {
  await signInWithProvider(page, OIDC_ACCOUNTS.invited);
  await expect(page).toHaveURL(/\/p\/torbay$/);
  const cookie = (await context.cookies()).find((c) => c.name === "parley.session");
  expect(cookie).toBeTruthy();
  await signOut(page);
  await expect(page.getByText("You have signed out of Parley.")).toBeVisible();
  await expectSignedOut(page);

  // The cookie as it was before signing out, in a browser of its own: the session it named has ended.
  const copy = await browser.newContext();
  await copy.addCookies([cookie!]);
  const copied = await copy.newPage();
  await expectSignedOut(copied);
  await copy.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the button is a plain form: an invited person signs in through the provider and lands on their dashboard", async ({ page }) => {
    await signInWithProvider(page, OIDC_ACCOUNTS.invited);
    await expect(page).toHaveURL(/\/p\/torbay$/);
    await expect(page.getByRole("banner")).toContainText("Signed in as Grace Adeyemi");
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
