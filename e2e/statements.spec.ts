import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signInAs } from "./support/sign-in";

/** Fails if the page is wider than the window (content that makes you scroll sideways). */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "the page scrolls sideways").toBeLessThanOrEqual(0);
}

test.describe("the accessibility statement and the privacy notice", () => {
  test("are linked from every page's footer and open for anyone", async ({ page }) => {
    await page.goto("/sign-in");
    const footer = page.getByRole("contentinfo");
    await expect(footer).toContainText("call 999");
    const links = footer.getByRole("navigation", { name: "Support links" });

    await links.getByRole("link", { name: "Accessibility statement" }).click();
    await expect(page).toHaveURL(/\/accessibility$/);
    await expect(page.getByRole("heading", { level: 1, name: "Accessibility statement for Parley" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Enforcement procedure" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Equality Advisory and Support Service (EASS)" })).toBeVisible();
    await expect(page.getByText(/WCAG 2\.2 success criterion 2\.2\.1/)).toBeVisible();
    await expect(page.getByText(/sign in and come back to this page/)).toBeVisible();
    await expectAccessible(page);

    await page.getByRole("contentinfo").getByRole("link", { name: "Privacy notice" }).click();
    await expect(page).toHaveURL(/\/privacy$/);
    await expect(page.getByRole("heading", { level: 1, name: "Privacy notice" })).toBeVisible();
    await expect(page.getByText("Their initials (1 to 4 letters), not their name")).toBeVisible();
    await expect(page.getByText(/public task \(Article 6\(1\)\(e\)\)/)).toBeVisible();
    await expect(page.getByRole("table", { name: "Records Parley deletes by itself" })).toContainText("Deleted 30 days after it was last changed");
    await expect(page.getByRole("link", { name: "Information Commissioner's Office" })).toBeVisible();
    await expectAccessible(page);
  });

  test("give a signed-in reader their partnership's contact details, and the footer is on partnership pages too", async ({ page }) => {
    await signInAs(page, "teacher@torbay.example");
    await expect(page.getByRole("contentinfo").getByRole("link", { name: "Privacy notice" })).toBeVisible();
    await page.getByRole("contentinfo").getByRole("link", { name: "Privacy notice" }).click();
    const torbay = page.getByRole("region", { name: "Torbay Safeguarding Children Partnership" });
    await expect(torbay).toContainText("TSCP Business Manager, Neil Cotton");
    await expect(torbay.getByRole("link", { name: "TSCP@torbay.gov.uk" })).toHaveAttribute("href", "mailto:TSCP@torbay.gov.uk");
    await expectAccessible(page);

    await page.goto("/accessibility");
    await expect(page.getByRole("region", { name: "Torbay Safeguarding Children Partnership" })).toContainText("TSCP@torbay.gov.uk");
    await expectAccessible(page);
  });
});

test.describe("on a 375 px wide phone", () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test("both statements reflow without scrolling sideways", async ({ page }) => {
    for (const path of ["/accessibility", "/privacy"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSidewaysScroll(page);
      await expectAccessible(page);
    }
  });
});
