import { expect, type Page } from "@playwright/test";

export type NewToken = { id: string; token: string };

/**
 * Makes an API token in Torbay's administration pages as a person would (the
 * page must be signed in as its administrator), with or without JavaScript,
 * and reads it from the page that shows it once.
 */
export async function makeApiToken(
  page: Page,
  t: { name: string; agency: string; may: string[]; lastDay?: { day: string; month: string; year: string } },
): Promise<NewToken> {
  await page.goto("/p/torbay/admin/api-tokens/new");
  await page.getByLabel("Name", { exact: true }).fill(t.name);
  await page.getByLabel("Agency whose system will use it").selectOption({ label: t.agency });
  for (const label of t.may) await page.getByRole("checkbox", { name: label, exact: true }).check();
  const date = page.getByRole("group", { name: "Date it expires" });
  const last = t.lastDay ?? { day: "31", month: "12", year: "2026" };
  await date.getByLabel("Day").fill(last.day);
  await date.getByLabel("Month").fill(last.month);
  await date.getByLabel("Year").fill(last.year);
  await page.getByRole("button", { name: "Make token" }).click();
  await expect(page.getByRole("heading", { level: 1, name: t.name })).toBeVisible();
  const token = (await page.locator("#new-api-token").textContent())?.trim() ?? "";
  expect(token).toMatch(/^parley_[A-Za-z0-9_-]{43}$/);
  const id = /\/api-tokens\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  expect(id, page.url()).toBeTruthy();
  return { id: id!, token };
}
