/**
 * Moving open disputes to the policy version in force (issue 14): the
 * partnership administrator finds the page from the policy page; it says which
 * version disputes would move to and lists the open disputes under older ones.
 * The policies this server runs on have one version per partnership, so the
 * list is empty here: the preview, the all-or-none move across Easter, the
 * history, the audit trail and another partnership's administrator are covered
 * with a second Torbay version in tests/integration/escalations/move-version.test.ts.
 * Only partnership administrators see the page; to anyone else it does not exist.
 */
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signInAs } from "./support/sign-in";

test("the administrator reaches the move page from the policy page, and it says what would move", async ({ page }) => {
  await signInAs(page, "admin@torbay.example");
  await page.getByRole("navigation", { name: "Partnership" }).getByRole("link", { name: "Administration" }).click();
  await page.getByRole("link", { name: "Escalation policy" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Escalation policy" })).toBeVisible();
  await expect(page.getByText("Disputes keep the version they were raised under unless moved on purpose.")).toBeVisible();

  await page.getByRole("link", { name: "Move open disputes to the version in force" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Move open disputes to the policy in force" })).toBeVisible();
  await expect(page).toHaveTitle(/^Move open disputes to the policy in force/);
  await expect(page.getByText(/^Version 2024-1 \(TSCP Professional Differences \(Escalation\) Policy\) has been in force since/)).toBeVisible();
  await expect(page.getByText("No open dispute is under an older version of the policy.")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Escalation policy" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Escalation policy" })).toBeVisible();
});

test("to anyone but a partnership administrator the page does not exist", async ({ page }) => {
  await signInAs(page, "business-manager@torbay.example");
  const response = await page.goto("/p/torbay/admin/policy/move");
  expect(response?.status()).toBe(404);
  await expectAccessible(page);
});
