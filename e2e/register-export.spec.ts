import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { RegisterPage } from "./pages/register";
import { signInAs } from "./support/sign-in";

/**
 * The board register's CSV export (issue 13), on the demo data with the
 * server's clock at Thursday 4 June 2026 (see e2e/dashboards.spec.ts for what
 * each seeded Torbay dispute is): the business manager filters the register
 * and downloads exactly the list the page shows.
 */
const REF = (n: number) => `TSCP-2026-${String(n).padStart(4, "0")}`;

test("the board business manager filters the register and downloads that list as CSV", async ({ page, browser }) => {
  await signInAs(page, "business-manager@torbay.example");
  const register = new RegisterPage(page, "torbay");
  await register.goto();
  await register.filter({ stage: "Stage 3: Senior manager to senior manager" });
  const shown = await register.references();
  for (const n of [5, 6, 8]) expect(shown).toContain(REF(n));

  // The link carries the filters in force, and sits with the table it downloads.
  const link = page.getByRole("link", { name: "Download this list as CSV" });
  await expect(link).toHaveAttribute("href", "/p/torbay/register/export?stage=3");
  await register.expectAccessible();

  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("torbay-register-2026-06-04.csv");
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString("utf8").slice(1).split("\r\n");
  expect(lines[0]).toMatch(/^"Reference","Raising agency","Responding agency","Area","Status","Stage",/);
  expect(lines.at(-1)).toBe("");
  const rows = lines.slice(1, -1);
  // The same disputes as the page, in the same order, each at stage 3.
  expect(rows.map((l) => l.split(",")[0]!.replaceAll('"', ""))).toEqual(shown);
  for (const row of rows) expect(row).toContain('"Stage 3: Senior manager to senior manager"');
  expect(rows.find((l) => l.startsWith(`"${REF(8)}"`))).toContain('"Resolved"');

  // A dispute opened from the filtered register leads back to it, filters kept.
  await page.getByRole("link", { name: REF(5), exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(REF(5));
  await page.getByRole("link", { name: "Back to the register" }).click();
  await expect(page).toHaveURL(/\/p\/torbay\/register\?stage=3$/);
  await expect(page.getByRole("link", { name: "Download this list as CSV" })).toHaveAttribute("href", "/p/torbay/register/export?stage=3");

  // Signed out, the link leads to signing in, and back to the register with the same filters.
  const signedOut = await browser.newContext();
  try {
    const response = await signedOut.request.get("/p/torbay/register/export?stage=3", { maxRedirects: 0 });
    expect(response.status()).toBe(303);
    expect(response.headers().location).toBe(`/sign-in?next=${encodeURIComponent("/p/torbay/register?stage=3")}`);
  } finally {
    await signedOut.close();
  }
});

test("anyone but the board is told the export does not exist", async ({ page }) => {
  await signInAs(page, "team-manager@torbay.example");
  const response = await page.request.get("/p/torbay/register/export");
  expect(response.status()).toBe(404);
  expect(await response.text()).not.toContain("TSCP-");
});
