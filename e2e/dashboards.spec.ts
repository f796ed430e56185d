import { expect, test, type Page } from "@playwright/test";
import type { EscalationSummary } from "../lib/views/dashboard";
import type { RegisterCounts } from "../lib/views/register";
import { DashboardPage } from "./pages/dashboard";
import { RegisterPage } from "./pages/register";
import { expectAccessible } from "./support/axe";
import { signInAs, signOut } from "./support/sign-in";

/**
 * Dashboards, the board register and partnership isolation, on the demo data the
 * server seeds at start-up (lib/seed/demo-disputes.ts) with its clock at
 * Thursday 4 June 2026, 9am London. Torbay's seeded references, in the order
 * the seed raises them:
 *   0001 stage 2, overdue (school with children's social care)   0007 stage 4, on the register, due later
 *   0002 stage 2, due today (health with CSC)                     0008 resolved at stage 3 (on the register)
 *   0003 stage 1, due this week (school with health)              0009 resolved at stage 2
 *   0004 stage 1, raised by the school manager                    0010 withdrawn
 *   0005 stage 3, on the register, due this week                  0011 stage 1, raised by the shared police sergeant
 *   0006 stage 3, on the register, overdue
 * Other journeys raise more disputes on the same server, so these tests look
 * for the seeded ones rather than count everything.
 */
const REF = (n: number) => `TSCP-2026-${String(n).padStart(4, "0")}`;

/** The disputes a signed-in page's user may see, from the JSON API. */
async function apiList(page: Page, query: string): Promise<EscalationSummary[]> {
  const response = await page.request.get(`/api/v1/escalations?${query}&limit=100`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: EscalationSummary[] }).items;
}

/** The register's counts worked out from the API's list of what is on it (the page counts in the database). */
function countsOf(items: EscalationSummary[]): RegisterCounts {
  const open = items.filter((i) => i.status === "open");
  return {
    total: items.length,
    open: open.length,
    overdue: open.filter((i) => i.nextDue.overdue).length,
    dueThisWeek: open.filter((i) => i.nextDue.tone === "today" || i.nextDue.tone === "soon").length,
    resolved: items.filter((i) => i.status === "resolved").length,
    withdrawn: items.filter((i) => i.status === "withdrawn").length,
  };
}

/** No sideways scrolling: the page is no wider than the window. */
async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: document.documentElement.clientWidth }));
  expect(widths.page, `page ${widths.page}px wide in a ${widths.window}px window`).toBeLessThanOrEqual(widths.window);
}

/** Raises a dispute from the page, as the raise flow's API client would (same origin, so CSRF allows it); its reference. */
function raiseFromPage(page: Page, respondingAgencyId: string, initials: string): Promise<string> {
  return page.evaluate(
    async ({ agency, initials }) => {
      const response = await fetch("/api/v1/escalations?partnership=torbay", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          respondingAgencyId: agency,
          respondingPerson: "The duty team manager",
          subjects: [{ kind: "child", initials, yearOfBirth: 2015 }],
          areas: ["need-for-action"],
          decisionDisputed: "The referral was closed.",
          whyUnsafe: "The child is left alone overnight.",
          evidenceSummary: "The school's safeguarding log.",
          outcomeSought: "An assessment.",
          immediateRisk: false,
        }),
      });
      return ((await response.json()) as { reference: string }).reference;
    },
    { agency: respondingAgencyId, initials },
  );
}

test("a practitioner sees their disputes by status, each with its deadline in words, and no register", async ({ page }) => {
  await signInAs(page, "teacher@torbay.example");
  const dashboard = new DashboardPage(page, "torbay");
  await dashboard.expectShown();
  await expect(page.getByRole("heading", { level: 1, name: "Torbay Safeguarding Children Partnership" })).toBeVisible();

  const open = dashboard.list("My disputes", "Open");
  const overdue = dashboard.item(open, REF(1));
  await expect(overdue).toContainText("Overdue by 3 working days (was due Monday 1 June, 5pm)");
  await expect(overdue).toContainText("Concerning LM (child) · With Torbay Council Children's Services");
  await expect(overdue).toContainText("Stage 2: Manager to manager");
  // Most urgent first.
  expect((await dashboard.references(open))[0]).toBe(REF(1));
  await expect(dashboard.item(open, REF(5))).toContainText("Due in 2 working days (Monday 8 June, 5pm)");
  await expect(dashboard.item(open, REF(3))).toContainText("With Torbay and South Devon NHS Foundation Trust");
  // A dispute raised by another agency that names the teacher.
  await expect(dashboard.item(open, REF(7))).toContainText("Raised by Torbay Council Children's Services");
  await expect(dashboard.item(dashboard.list("My disputes", "Resolved"), REF(9))).toContainText("Resolved");
  await expect(dashboard.item(dashboard.list("My disputes", "Withdrawn"), REF(10))).toContainText("Withdrawn");

  // Each dispute links to its page; the raise button to the raise flow.
  await expect(open.getByRole("link", { name: REF(1), exact: true })).toHaveAttribute("href", /^\/p\/torbay\/disputes\/[0-9a-f-]{36}$/);
  const raiseLinks = page.getByRole("link", { name: "Raise a disagreement" });
  await expect(raiseLinks).toHaveCount(2); // in the partnership navigation, and the dashboard's button
  for (const link of await raiseLinks.all()) await expect(link).toHaveAttribute("href", "/p/torbay/disputes/new");
  await expect(dashboard.nav.getByRole("link")).toHaveText(["Dashboard", "Raise a disagreement"]);
  await expect(page.getByRole("region", { name: "Board register" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /register/i })).toHaveCount(0);
  await dashboard.expectAccessible();

  // The register is not there for a practitioner: the same page as one that does not exist.
  const response = await page.goto("/p/torbay/register");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expectAccessible(page);
});

test("a manager sees what they own by urgency, and their team's disputes on both sides", async ({ page }) => {
  await signInAs(page, "team-manager@torbay.example");
  const dashboard = new DashboardPage(page, "torbay");
  await dashboard.expectShown();

  await expect(dashboard.item(dashboard.list("Assigned to me", "Overdue"), REF(1))).toContainText("Overdue by 3 working days");
  await expect(dashboard.item(dashboard.list("Assigned to me", "Due today"), REF(2))).toContainText("Due today (5pm)");
  await expect(dashboard.item(dashboard.list("Assigned to me", "Due today"), REF(2))).toContainText("Raised by Torbay and South Devon NHS Foundation Trust");
  await expect(dashboard.item(dashboard.list("What my team raised"), REF(7))).toContainText("Stage 4: Divisional director to divisional director");
  const raisedWith = dashboard.list("Raised with my team");
  for (const n of [1, 2, 5, 6, 11]) await expect(dashboard.item(raisedWith, REF(n))).toBeVisible();
  await dashboard.expectAccessible();

  // The school's manager has nothing due today: the list says what would be there.
  await signOut(page);
  await signInAs(page, "school-manager@torbay.example");
  await dashboard.expectShown();
  await expect(dashboard.section("Assigned to me")).toContainText("Nothing assigned to you is due today.");
  await expect(dashboard.item(dashboard.list("Assigned to me", "Due this week"), REF(4))).toContainText("With Devon and Cornwall Police");
  await dashboard.expectAccessible();
});

test("the board business manager sees the register's counts and filters it", async ({ page }) => {
  await signInAs(page, "business-manager@torbay.example");
  const dashboard = new DashboardPage(page, "torbay");
  await dashboard.expectShown();
  await expect(dashboard.nav.getByRole("link")).toHaveText(["Dashboard", "Register", "Reports"]);
  await expect(dashboard.main.getByRole("link", { name: "Raise a disagreement" })).toHaveCount(0);
  // What nobody on Parley can take is the business manager's to take forward.
  await expect(dashboard.section("Raised against an agency not on Parley")).toBeVisible();

  // The counts agree with the JSON API's view of the register, and with what the card refreshes from.
  const expected = countsOf(await apiList(page, "partnership=torbay&onRegister=true"));
  expect(await (await page.request.get("/p/torbay/register/counts")).json()).toEqual(expected);
  expect(expected.open).toBeGreaterThanOrEqual(3);
  expect(expected.overdue).toBeGreaterThanOrEqual(1);
  const card = dashboard.section("Board register");
  await expect(card.getByRole("link", { name: `${expected.open} Open on the register` })).toBeVisible();
  await expect(card.getByRole("link", { name: `${expected.overdue} Overdue` })).toBeVisible();
  await expect(card.getByRole("link", { name: `${expected.dueThisWeek} Due this week` })).toBeVisible();
  await expect(card.getByRole("link", { name: `${expected.resolved} Resolved` })).toBeVisible();
  await dashboard.expectAccessible();

  await card.getByRole("link", { name: "Open the board register" }).click();
  const register = new RegisterPage(page, "torbay");
  await register.expectShown();
  expect(await register.count("Open on the register")).toBe(expected.open);
  expect(await register.count("Overdue")).toBe(expected.overdue);
  expect(await register.count("Due this week")).toBe(expected.dueThisWeek);
  expect(await register.count("Resolved")).toBe(expected.resolved);
  for (const n of [5, 6, 7, 8]) await expect(register.row(REF(n))).toBeVisible();
  await expect(register.row(REF(1))).toHaveCount(0); // stage 2: not on the register
  await expect(register.row(REF(6))).toContainText("Overdue by 3 working days");
  await expect(register.row(REF(6))).toContainText("Torbay and South Devon NHS Foundation Trust");
  await expect(register.table.getByRole("columnheader")).toHaveText(["Dispute", "Agencies", "Area", "Stage", "Owners", "Deadline or outcome"]);
  await register.expectAccessible();

  // Filter by stage: only stage 3, open or resolved; the filter is in the address.
  await register.filter({ stage: "Stage 3: Senior manager to senior manager" });
  await expect(page).toHaveURL(/stage=3/);
  await expect(register.table).toHaveAccessibleName(/filtered by Stage 3/);
  for (const n of [5, 6, 8]) await expect(register.row(REF(n))).toBeVisible();
  await expect(register.row(REF(7))).toHaveCount(0);
  for (const row of await register.rows.all()) await expect(row).toContainText("Stage 3: Senior manager to senior manager");
  await register.expectAccessible();

  // Add the agency: health's disputes at stage 3.
  await register.filter({ agency: "Torbay and South Devon NHS Foundation Trust" });
  await expect(page).toHaveURL(/stage=3.*agency=/);
  await expect(register.row(REF(6))).toBeVisible();
  await expect(register.row(REF(8))).toBeVisible();
  await expect(register.row(REF(5))).toHaveCount(0);

  // Area, then overdue only, from a clean start.
  await page.getByRole("link", { name: "Clear filters" }).first().click();
  await expect(page).toHaveURL(/\/register$/);
  await register.filter({ area: "Care planning", deadline: "Overdue" });
  expect(await register.references()).toEqual([REF(6)]);
  await register.expectAccessible();

  // Each count opens the disputes it counts.
  await register.countLink("Resolved").click();
  await expect(page).toHaveURL(/\/register\?status=resolved$/);
  await expect(register.row(REF(8))).toBeVisible();
  for (const row of await register.rows.all()) await expect(row).toContainText("Resolved");
  await register.countLink("Overdue").click();
  await expect(page).toHaveURL(/\/register\?due=overdue$/);
  expect(await register.rows.count()).toBe(expected.overdue);
  await register.expectAccessible();
});

test("isolation: a Torbay user cannot open an Isle of Man dispute, by either address", async ({ page, browser }) => {
  // The Isle of Man teacher finds one of their disputes through the API.
  const manx = await browser.newContext();
  const manxPage = await manx.newPage();
  await signInAs(manxPage, "teacher@isle-of-man.example");
  const [manxDispute] = await apiList(manxPage, "partnership=isle-of-man");
  expect(manxDispute?.reference).toMatch(/^IOMSB-2026-\d{4}$/);
  await manx.close();

  await signInAs(page, "teacher@torbay.example");
  for (const address of [`/p/isle-of-man/disputes/${manxDispute!.id}`, `/p/torbay/disputes/${manxDispute!.id}`]) {
    const response = await page.goto(address);
    expect(response?.status(), address).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("main")).not.toContainText(manxDispute!.reference);
    await expectAccessible(page);
  }
  expect((await page.request.get(`/api/v1/escalations/${manxDispute!.id}`)).status()).toBe(404);
});

test("lists refresh themselves: on returning to the window, and every minute", async ({ page }) => {
  await signInAs(page, "teacher@torbay.example");
  await page.clock.install();
  const dashboard = new DashboardPage(page, "torbay");
  await dashboard.goto();
  const open = dashboard.list("My disputes", "Open");
  const before = await dashboard.references(open);
  const cscId = (await apiList(page, "partnership=torbay")).find((d) => d.reference === REF(1))!.respondingAgency.id;

  const raise = (initials: string) => raiseFromPage(page, cscId, initials);

  const first = await raise("QF");
  await expect(open.getByRole("link", { name: first })).toHaveCount(0); // not yet: nothing has asked
  // Back to the window after a while: the list asks again.
  await page.clock.fastForward(20_000);
  await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange", { bubbles: true })));
  await expect(dashboard.item(open, first)).toContainText("Concerning QF (child)");

  // And once a minute while the page is open.
  const second = await raise("QM");
  await page.clock.fastForward(61_000);
  await expect(dashboard.item(open, second)).toContainText("Due in 5 working days");
  expect((await dashboard.references(open)).length).toBe(before.length + 2);
});

test("automatic updates can be stopped, stay stopped, and the lists can still be updated on request", async ({ page }) => {
  await signInAs(page, "teacher@torbay.example");
  await page.clock.install();
  const dashboard = new DashboardPage(page, "torbay");
  await dashboard.goto();
  const open = dashboard.list("My disputes", "Open");
  await expect(page.getByRole("status").filter({ hasText: "These lists update every minute" })).toBeVisible();
  await page.getByRole("button", { name: "Stop automatic updates" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Automatic updates are off." })).toBeVisible();
  await expectAccessible(page, "dashboard, automatic updates off");

  const cscId = (await apiList(page, "partnership=torbay")).find((d) => d.reference === REF(1))!.respondingAgency.id;
  const reference = await raiseFromPage(page, cscId, "PZ");

  // Neither a minute passing nor coming back to the window changes the list now.
  await page.clock.fastForward(61_000);
  await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange", { bubbles: true })));
  await page.clock.fastForward(61_000);
  await expect(open.getByRole("link", { name: reference })).toHaveCount(0);

  await page.getByRole("button", { name: "Update now" }).click();
  await expect(dashboard.item(open, reference)).toContainText("Concerning PZ (child)");

  // The choice is remembered in this browser, until it is turned back on.
  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: "Automatic updates are off." })).toBeVisible();
  await page.getByRole("button", { name: "Turn automatic updates on" }).click();
  await expect(page.getByRole("status").filter({ hasText: "These lists update every minute" })).toBeVisible();
});

test("the dashboard is complete without JavaScript", async ({ page, browser }) => {
  await signInAs(page, "team-manager@torbay.example");
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = new DashboardPage(await noScript.newPage(), "torbay");
  await plain.goto();
  await expect(plain.item(plain.list("Assigned to me", "Overdue"), REF(1))).toContainText("Overdue by 3 working days");
  await expect(plain.item(plain.list("Raised with my team"), REF(6))).toBeVisible();
  // Nothing updates itself without JavaScript, so no control claims it does.
  await expect(plain.page.getByRole("button", { name: "Stop automatic updates" })).toHaveCount(0);
  await noScript.close();
});

test.describe("on a 360 px wide phone", () => {
  test.use({ viewport: { width: 360, height: 780 } });

  test("the dashboard and the register reflow without scrolling sideways", async ({ page }) => {
    await signInAs(page, "team-manager@torbay.example");
    const dashboard = new DashboardPage(page, "torbay");
    await dashboard.expectShown();
    await expect(dashboard.item(dashboard.list("Assigned to me", "Overdue"), REF(1))).toBeVisible();
    await expectNoHorizontalScroll(page);
    await dashboard.expectAccessible();

    await signOut(page);
    await signInAs(page, "business-manager@torbay.example");
    const register = new RegisterPage(page, "torbay");
    await register.goto();
    await expect(register.row(REF(6))).toBeVisible();
    // Each dispute is a block of labelled lines, still a table row to assistive technology.
    await expect(register.row(REF(6))).toContainText("Deadline or outcome");
    await expect(register.table.getByRole("columnheader")).toHaveCount(6);
    await expectNoHorizontalScroll(page);
    await register.expectAccessible();
  });
});
