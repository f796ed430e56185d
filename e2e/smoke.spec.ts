import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";

test("the home page introduces Parley and is accessible", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle("Parley");
  await expect(page.getByRole("heading", { level: 1, name: "Parley" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("Parley");
  await expect(page.getByRole("contentinfo")).toContainText("call 999");
  await expectAccessible(page);
});

test("keyboard users can skip to the main content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("#main-content")).toBeFocused();
});

test("the health check reports the embedded database with its migrations applied", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  expect(await response.json()).toMatchObject({
    status: "ok",
    engine: "pglite",
    migrations: { upToDate: true, pending: [], failed: [] },
  });
});
