import { expect, test, type Page } from "@playwright/test";
import { RaiseFlow } from "./pages/raise";
import { expectAccessible } from "./support/axe";
import { signInAs } from "./support/sign-in";

/** What people tripped over (issue 15): page titles, the icon, and the raise flow's Back link. */

type Summary = { id: string; reference: string };

async function raisedBy(page: Page): Promise<Summary[]> {
  const response = await page.request.get("/api/v1/escalations?partnership=torbay&raisedByMe=true");
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: Summary[] }).items;
}

test("a dispute's pages are titled by its reference; what the reader may not open is titled 'Page not found'", async ({ page, browser }) => {
  // A dispute the health trust raised with children's services: nothing to do with the school.
  const health = await browser.newContext();
  let theirs: Summary;
  try {
    const other = await health.newPage();
    await signInAs(other, "health-visitor@torbay.example");
    theirs = (await raisedBy(other))[0]!;
  } finally {
    await health.close();
  }
  expect(theirs).toBeTruthy();

  await signInAs(page, "teacher@torbay.example");
  const mine = (await raisedBy(page))[0]!;
  await page.goto(`/p/torbay/disputes/${mine.id}`);
  await expect(page.getByRole("heading", { level: 1, name: /^Dispute / })).toBeVisible();
  await expect(page).toHaveTitle(`${mine.reference} – Dispute – Parley`);
  await expectAccessible(page);

  await page.goto(`/p/torbay/disputes/${mine.id}/comment`);
  await expect(page).toHaveTitle(`Add a comment – ${mine.reference} – Parley`);
  await expectAccessible(page);

  // The same not-found page, and title, whether the dispute is someone else's, does not exist, or the action is unknown.
  for (const path of [
    `/p/torbay/disputes/${theirs.id}`,
    `/p/torbay/disputes/${theirs.id}/escalate`,
    "/p/torbay/disputes/00000000-0000-4000-8000-000000000000",
    `/p/torbay/disputes/${mine.id}/no-such-action`,
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page).toHaveTitle("Page not found – Parley");
    expect(await page.content()).not.toContain(theirs.reference);
  }
  await expectAccessible(page);

  // A page the school practitioner may not use, a partnership they are not in, and an address that is nothing at all.
  for (const path of ["/p/torbay/admin", "/p/torbay/register", "/p/westbridge", "/no-such-page"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
    await expect(page).toHaveTitle("Page not found – Parley");
  }
  await expectAccessible(page);
});

test("the site has an icon: /favicon.ico and the SVG icon each page links to", async ({ page, request }) => {
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
  expect((await favicon.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));

  await page.goto("/sign-in");
  const icons = await page.locator("head link[rel=icon]").evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
  expect(icons.some((href) => new URL(href).pathname === "/favicon.ico")).toBe(true);
  const svg = icons.find((href) => new URL(href).pathname === "/icon.svg");
  expect(svg).toBeTruthy();
  const icon = await request.get(svg!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/^image\/svg\+xml/);
  await expectAccessible(page);
});

test("the Back link on the immediate-risk step goes back to the question it follows", async ({ page }) => {
  await signInAs(page, "teacher@eastmoor.example");
  const raise = new RaiseFlow(page, "eastmoor");
  await raise.start();
  await raise.answerImmediateRisk(true);
  await raise.at(/is at immediate risk of harm$/);
  const back = page.getByRole("link", { name: "Back" });
  await expect(back).toHaveAttribute("href", "/p/eastmoor/disputes/new");
  await back.click();
  await raise.at("Before you raise a disagreement");
  // The answer given is still there.
  await expect(page.getByRole("group", { name: /at immediate risk of harm\?/ }).getByLabel("Yes", { exact: true })).toBeChecked();

  // Leave nothing behind for later journeys.
  await raise.start();
});
