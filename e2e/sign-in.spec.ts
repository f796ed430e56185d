import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { expectAccessibleWithoutJavaScript } from "./support/axe-without-javascript";
import { DEMO_PASSWORD, signInAs, signOut } from "./support/sign-in";

/** Fails the test on any Content-Security-Policy violation the page reports. */
function watchForCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("a demo user signs in from the listed accounts and lands on their partnership", async ({ page }) => {
  const csp = watchForCspViolations(page);
  await page.goto("/p/torbay");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fp%2Ftorbay$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(page.getByText("You need to sign in to see that page.")).toBeVisible();
  await expectAccessible(page);

  const demo = page.getByRole("region", { name: "Demo accounts" });
  await expect(demo).toContainText(DEMO_PASSWORD);
  const torbay = demo.getByRole("table", { name: "Demo accounts in Torbay Safeguarding Children Partnership" });
  const row = torbay.getByRole("row", { name: /Priya Shah/ });
  await expect(row).toContainText("Practitioner");
  await expect(row).toContainText("teacher@torbay.example");
  await row.getByRole("button", { name: "Use teacher@torbay.example" }).click();
  await expect(page.getByLabel("Email address")).toHaveValue("teacher@torbay.example");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();

  await expect(page).toHaveURL(/\/p\/torbay$/);
  await expect(page.getByRole("heading", { level: 1, name: "Torbay Safeguarding Children Partnership" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("Paignton Community Primary School");
  await expect(page.getByRole("banner")).toContainText("Signed in as Priya Shah");
  await expectAccessible(page);

  // Not a member of another partnership: the same page as one that does not exist.
  const elsewhere = await page.goto("/p/westbridge");
  expect(elsewhere?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expectAccessible(page);
  expect((await page.goto("/p/atlantis"))?.status()).toBe(404);

  await signOut(page);
  await expect(page.getByText("You have signed out of Parley.")).toBeVisible();
  await page.goto("/p/torbay");
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  expect(csp).toEqual([]);
});

test("someone in two partnerships chooses between them, and can switch from the header", async ({ page }) => {
  await signInAs(page, "shared-police@parley.example");
  await expect(page).toHaveURL(/\/p$/);
  await expect(page.getByRole("heading", { level: 1, name: "Choose a partnership" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Westbridge Local Safeguarding Children Partnership" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Westbridge Local Safeguarding Children Partnership" })).toBeVisible();

  const account = page.getByRole("navigation", { name: "Your account" });
  await account.getByText("Switch partnership").click();
  await account.getByRole("link", { name: "Torbay Safeguarding Children Partnership" }).click();
  await expect(page).toHaveURL(/\/p\/torbay$/);
  await expect(page.getByRole("heading", { level: 1, name: "Torbay Safeguarding Children Partnership" })).toBeVisible();
  await expectAccessible(page);
});

test("a wrong password shows the error summary, which takes focus and links to the field", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText("There is a problem");
  await expect(summary).toContainText("Enter your email address");
  await expect(summary).toContainText("Enter your password");

  await page.getByLabel("Email address").fill("teacher@eastmoor.example");
  await page.getByLabel("Password", { exact: true }).fill("not-the-right-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(summary.getByRole("link")).toHaveText(["Enter a correct email address and password."]);
  await expect(page.locator("[aria-labelledby=error-summary-title]")).toBeFocused();
  await expect(page).toHaveTitle(/^Error: Sign in/);
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await expectAccessible(page);

  // An address with no account reads exactly the same.
  await page.getByLabel("Email address").fill("nobody-at-all@eastmoor.example");
  await page.getByLabel("Password", { exact: true }).fill("not-the-right-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // The summary already reads the same, so wait for this attempt's answer: the
  // summary takes focus again and the password is cleared.
  await expect(page.locator("[aria-labelledby=error-summary-title]")).toBeFocused();
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await expect(summary.getByRole("link")).toHaveText(["Enter a correct email address and password."]);

  await summary.getByRole("link").click();
  await expect(page.getByLabel("Email address")).toBeFocused();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a demo user signs in with a plain form post: 'Use' fills in the form, and they land where they were going", async ({ page }) => {
    await page.goto("/p/torbay");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fp%2Ftorbay$/);
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await expect(page.getByText("You need to turn on JavaScript")).toHaveCount(0);
    await expectAccessibleWithoutJavaScript(page);

    // Without scripts, "Use" asks for the page again with that account filled in.
    const torbay = page.getByRole("table", { name: "Demo accounts in Torbay Safeguarding Children Partnership" });
    await torbay.getByRole("button", { name: "Use teacher@torbay.example" }).click();
    await expect(page).toHaveURL(/[?&]use=teacher%40torbay\.example/);
    await expect(page.getByLabel("Email address")).toHaveValue("teacher@torbay.example");
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue(DEMO_PASSWORD);
    await expectAccessibleWithoutJavaScript(page);

    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/p\/torbay$/);
    await expect(page.getByRole("heading", { level: 1, name: "Torbay Safeguarding Children Partnership" })).toBeVisible();
    await expect(page.getByRole("banner")).toContainText("Signed in as Priya Shah");
    await expectAccessibleWithoutJavaScript(page);

    await signOut(page);
    await expect(page.getByText("You have signed out of Parley.")).toBeVisible();
  });

  test("a failed sign-in comes back with the error summary and the email address as typed, never the password", async ({ page }) => {
    await page.goto("/sign-in?next=%2Fp%2Ftorbay%2Fregister");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(summary.getByRole("link")).toHaveText(["Enter your email address", "Enter your password"]);
    await expectAccessibleWithoutJavaScript(page);

    await page.getByLabel("Email address").fill("business-manager@torbay.example");
    await page.getByLabel("Password", { exact: true }).fill("not-the-right-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(summary.getByRole("link")).toHaveText(["Enter a correct email address and password."]);
    await expect(page.locator("#email-error")).toContainText("Enter a correct email address and password.");
    await expect(page.getByLabel("Email address")).toHaveValue("business-manager@torbay.example");
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
    expect(await page.content()).not.toContain("not-the-right-password");
    await expectAccessibleWithoutJavaScript(page);

    // Then the right password: on to the page they asked for.
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/p\/torbay\/register$/);
    await expect(page.getByRole("banner")).toContainText("Signed in as Ruth Bennett");
    await expectAccessibleWithoutJavaScript(page);
  });
});

test("a cross-origin POST is refused (CSRF), from a foreign Origin or without the double-submit token", async ({ request, baseURL }) => {
  const foreign = await request.post("/api/auth/sign-out", { headers: { Origin: "https://evil.example" }, maxRedirects: 0 });
  expect(foreign.status()).toBe(403);
  expect(await foreign.json()).toEqual({ error: { code: "csrf", message: expect.any(String), fields: {} } });

  const credentials = await request.post("/api/auth/callback/credentials", {
    headers: { Origin: "https://evil.example" },
    form: { email: "teacher@torbay.example", password: DEMO_PASSWORD, csrfToken: "x" },
    maxRedirects: 0,
  });
  expect(credentials.status()).toBe(403);

  // No Origin at all (curl): refused without the token, accepted with it.
  expect((await request.post("/api/auth/sign-out", { maxRedirects: 0 })).status()).toBe(403);
  const page = await request.get("/sign-in");
  const token = /parley-csrf=([^;]+)/.exec(page.headers()["set-cookie"] ?? "")?.[1];
  expect(token).toBeTruthy();
  const withToken = await request.post("/api/auth/sign-out", { headers: { "X-CSRF-Token": token! }, maxRedirects: 0 });
  expect(withToken.status()).toBe(303);

  // The same origin is welcome.
  const own = await request.post("/api/auth/sign-out", { headers: { Origin: new URL(baseURL!).origin }, maxRedirects: 0 });
  expect(own.status()).toBe(303);
});

test("every response carries the security headers and a fresh CSP nonce", async ({ request }) => {
  const first = await request.get("/sign-in");
  const second = await request.get("/sign-in");
  const headers = first.headers();
  const csp = headers["content-security-policy"]!;
  expect(csp).toMatch(/default-src 'self'/);
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).toMatch(/frame-ancestors 'none'/);
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(csp).not.toBe(second.headers()["content-security-policy"]);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["permissions-policy"]).toContain("camera=()");
  // Demo mode over http: no HSTS (production only).
  expect(headers["strict-transport-security"]).toBeUndefined();
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
  expect(await first.text()).toContain(`nonce="${nonce}"`);

  const api = await request.get("/api/health");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["content-security-policy"]).toBeTruthy();
});

test("the session cookie is HttpOnly and SameSite=Lax, and holds no personal data", async ({ page, context }) => {
  await signInAs(page, "admin@torbay.example");
  const session = (await context.cookies()).find((c) => c.name === "parley.session");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  expect(session!.value).not.toContain("admin");
  // A JWE: five base64url parts, encrypted.
  expect(session!.value.split(".")).toHaveLength(5);
});

test("at 375 pixels wide, each demo account's Use button is on the screen and the page does not scroll sideways", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/sign-in");
  const use = page.getByRole("region", { name: "Demo accounts" }).getByRole("button", { name: "Use teacher@torbay.example" });
  await expect(use).toBeVisible();
  const box = (await use.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(375);
  expect(box.height).toBeGreaterThanOrEqual(24);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expectAccessible(page);
  await use.click();
  await expect(page.getByLabel("Email address")).toHaveValue("teacher@torbay.example");
});
