import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signInAs } from "./support/sign-in";

/**
 * The board's reports (issue 13), on the demo data with the server's clock at
 * Thursday 4 June 2026: the business manager opens the year's report, checks
 * that its tables agree, downloads one as CSV and prints the page.
 */
test("the board business manager reads the year's report, downloads a table and prints it", async ({ page }) => {
  await signInAs(page, "business-manager@torbay.example");
  await page.getByRole("navigation", { name: "Partnership" }).getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  await expect(page).toHaveTitle(/^Reports/);
  // With no period chosen, this reporting year.
  await expect(page.getByText("1 April 2026 to 31 March 2027", { exact: true })).toBeVisible();

  await page.getByLabel("This calendar year").check();
  await page.getByRole("button", { name: "Show the report" }).click();
  await expect(page).toHaveURL(/period=this-year/);
  await expect(page.getByText("1 January 2026 to 31 December 2026", { exact: true })).toBeVisible();

  // The summary and the month-by-month table count the same disputes raised.
  const summary = page.getByRole("table", { name: /^In this period/ });
  const raised = Number(
    await summary
      .getByRole("row", { name: /^Raised \d+$/ })
      .getByRole("cell")
      .textContent(),
  );
  expect(raised).toBeGreaterThan(0);
  const months = page.getByRole("table", { name: /^Month by month/ });
  await expect(months.getByRole("row")).toHaveCount(1 + 12 + 1); // heading, January to December, total
  expect(Number(await months.locator("tfoot td").first().textContent())).toBe(raised);
  // So does the agency matrix's total.
  const agencies = page.getByRole("table", { name: /^Between agencies/ });
  expect(Number(await agencies.locator("tfoot td").last().textContent())).toBe(raised);
  await expect(page.getByRole("img", { name: /^Raised and resolved each month/ })).toBeVisible();
  await expectAccessible(page);

  const link = page.getByRole("link", { name: "Download this table as CSV (Between agencies)" });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("torbay-agencies-2026-01-01-to-2026-12-31.csv");
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString("utf8").slice(1).split("\r\n");
  expect(lines[0]).toBe('"Between agencies, 1 January 2026 to 31 December 2026"');
  expect(lines[1]).toMatch(/^"Raised by \(rows\), with \(columns\)",/);
  expect(lines.at(-2)).toMatch(new RegExp(`^"Total",.*"${raised}"$`));

  // Printed, the page is the report alone: no navigation, no form, no download links.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Partnership" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Show the report" })).toBeHidden();
  await expect(link).toBeHidden();
  await expect(summary).toBeVisible();
  await page.emulateMedia({ media: "screen" });
});

test("dates that cannot be used are explained, and what was typed stays", async ({ page }) => {
  await signInAs(page, "chair@torbay.example");
  await page.goto("/p/torbay/reports");
  await page.getByLabel("Between two dates").check();
  const start = page.getByRole("group", { name: "Start date" });
  await start.getByLabel("Day").fill("31");
  await start.getByLabel("Month").fill("2");
  await start.getByLabel("Year").fill("2026");
  const end = page.getByRole("group", { name: "End date" });
  await end.getByLabel("Day").fill("1");
  await end.getByLabel("Month").fill("3");
  await end.getByLabel("Year").fill("2026");
  await page.getByRole("button", { name: "Show the report" }).click();

  const problem = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(problem).toBeVisible();
  await problem.getByRole("link", { name: "Start date must be a real date" }).click();
  await expect(page.locator("#from-day")).toBeFocused();
  await expect(page.locator("#from-day")).toHaveValue("31");
  await expect(page.getByRole("table")).toHaveCount(0);
  await expectAccessible(page);

  await start.getByLabel("Day").fill("28");
  await page.getByRole("button", { name: "Show the report" }).click();
  await expect(page.getByText("28 February 2026 to 1 March 2026", { exact: true })).toBeVisible();
});

test("anyone but the board is told the reports do not exist", async ({ page }) => {
  await signInAs(page, "team-manager@torbay.example");
  await expect(page.getByRole("navigation", { name: "Partnership" }).getByRole("link", { name: "Reports" })).toHaveCount(0);
  expect((await page.request.get("/p/torbay/reports")).status()).toBe(404);
  expect((await page.request.get("/p/torbay/reports/export?table=summary")).status()).toBe(404);
});
