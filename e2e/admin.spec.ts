import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { expectAccessibleWithoutJavaScript } from "./support/axe-without-javascript";
import { signInAs } from "./support/sign-in";

test.describe("a partnership administrator", () => {
  test("adds a person, who chooses a password from their one-time link; changes their roles and ends their access", async ({ page, browser }) => {
    await signInAs(page, "admin@torbay.example");
    await page.getByRole("navigation", { name: "Partnership" }).getByRole("link", { name: "Administration" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Administration" })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole("link", { name: "People" }).click();
    await expect(page.getByRole("table")).toContainText("Priya Shah");
    await expectAccessible(page);

    await page.getByRole("link", { name: "Add a person" }).click();
    await page.getByRole("button", { name: "Add person" }).click();
    await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel("Full name").fill("Jo Mensah");
    await page.getByLabel("Work email address").fill("jo.mensah@torbay.example");
    await page.getByLabel("Agency they act for").selectOption({ label: "Paignton Community Primary School" });
    await page.getByLabel("Job title (optional)").fill("  Class   Teacher ");
    await page.getByRole("checkbox", { name: "Practitioner", exact: true }).check();
    await page.getByRole("button", { name: "Add person" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "Jo Mensah" })).toBeVisible();
    await expect(page.getByText("They have been added.")).toBeVisible();
    await expect(page.getByText("Class Teacher", { exact: true })).toBeVisible();
    await expect(page.getByText(/\/set-password\?token=/)).toBeVisible();
    await expectAccessible(page);

    const link = (await page.getByText(/\/set-password\?token=/).textContent())!.match(/\/set-password\?token=[\w-]+/)![0];

    await page.getByRole("checkbox", { name: "Manager", exact: true }).check();
    await page.getByRole("button", { name: "Save agency, job title and roles" }).click();
    await expect(page.getByText("Their agency, job title and roles have been saved.")).toBeVisible();
    await expect(page.getByText("Practitioner, Manager")).toBeVisible();

    // Jo follows the link in their own browser, chooses a password and signs in with it.
    const jo = await browser.newContext();
    const joPage = await jo.newPage();
    await joPage.goto(link);
    await expect(joPage.getByRole("heading", { level: 1, name: "Choose your password" })).toBeVisible();
    await expect(joPage.getByText("jo.mensah@torbay.example")).toBeVisible();
    await expectAccessible(joPage);
    await joPage.getByLabel("New password", { exact: true }).fill("too short");
    await joPage.getByLabel("Confirm new password").fill("too short");
    await joPage.getByRole("button", { name: "Set password" }).click();
    await expect(joPage.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    await expect(joPage.getByRole("link", { name: /12 characters or more/ })).toBeVisible();
    await expectAccessible(joPage);
    const chosen = "harbour kettle lantern meadow";
    await joPage.getByLabel("New password", { exact: true }).fill(chosen);
    await joPage.getByLabel("Confirm new password").fill(chosen);
    await joPage.getByRole("button", { name: "Set password" }).click();
    await expect(joPage).toHaveURL(/\/sign-in\?password-set=1$/);
    await signInAs(joPage, "jo.mensah@torbay.example", { password: chosen });
    await expect(joPage).toHaveURL(/\/p\/torbay$/);
    // The link worked once.
    await joPage.goto(link);
    await expect(joPage.getByRole("heading", { level: 1 })).not.toHaveText("Choose your password");
    await expectAccessible(joPage);
    await jo.close();

    await page.getByRole("button", { name: "End access to this partnership" }).click();
    await expect(page.getByText(/Their access has ended/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Restore access" })).toBeVisible();
  });

  test("sees the policy in force and its calendar, and downloads a dispute's audit trail", async ({ page }) => {
    await signInAs(page, "admin@torbay.example");
    await page.goto("/p/torbay/admin/policy");
    await expect(page.getByText("In force", { exact: true }).first()).toBeVisible();
    await expect(page.getByText(/England and Wales calendar/)).toBeVisible();
    await expectAccessible(page);

    await page.goto("/p/torbay/admin/audit");
    await page.getByLabel("Dispute reference").fill("TSCP-2026-9999");
    await page.getByRole("button", { name: "Download audit trail" }).click();
    await expect(page.getByRole("link", { name: "There is no dispute TSCP-2026-9999 in Torbay Safeguarding Children Partnership" })).toBeVisible();
    await expect(page).toHaveTitle(/^Error: Audit trail of a dispute/);
    await expect(page.getByLabel("Dispute reference")).toHaveValue("TSCP-2026-9999");
    await expectAccessible(page);

    await page.getByLabel("Dispute reference").fill("TSCP-2026-0001");
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download audit trail" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("TSCP-2026-0001-audit-trail.csv");
    const text = Buffer.concat(await (await file.createReadStream()).toArray()).toString("utf8");
    // A byte-order mark first, so Excel reads the names as UTF-8.
    expect(text).toMatch(/^\uFEFF"When","What","Stage","Who"/);
    expect(text).toMatch(/"Owner assigned: [^"]+ for [^"]+ \((raising|responding) side\)"/);
    expect(text).toContain('"Stage 1: Practitioner to practitioner"');
    expect(text).not.toContain('"stage-1"');
    expect(text).toContain('"not recorded"');
  });

  test("sees each stage of the policy, its owners and deadlines in plain English, and a warning for a placeholder", async ({ page }) => {
    await signInAs(page, "admin@torbay.example");
    await page.goto("/p/torbay/admin/policy");
    await expect(page.getByRole("heading", { level: 2, name: "The policy in force" })).toBeVisible();
    // The policy file marks its effective date as a placeholder.
    await expect(page.getByText(/The date this version is in force from, 1 January 2024, is a placeholder in the policy file/)).toBeVisible();
    await expect(page.getByRole("term").filter({ hasText: "Review due" })).toBeVisible();

    const stage = (title: string) => page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 4, name: title }) });
    const before = stage("Pre-escalation - consult a supervisor or manager in your own organisation");
    await expect(before).toContainText("Before raising");
    await expect(before).toContainText("recorded in the agency's own system, not in Parley");
    const stage1 = stage("Stage 1: Practitioner to practitioner");
    await expect(stage1).toContainText("Disputes start here");
    await expect(stage1).toContainText("Within 5 working days of the dispute being raised, by 5pm.");
    await expect(stage1).toContainText("One deadline for stage 1 and stage 2 together");
    const stage2 = stage("Stage 2: Manager to manager");
    await expect(stage2).toContainText("Raising agency:");
    await expect(stage2).toContainText("Supervisor/manager");
    await expect(stage("Stage 3: Senior manager to senior manager")).toContainText("Within 5 working days of the dispute reaching stage 3, by 5pm.");
    await expect(stage("Stage 5: Refer via TSCP")).toContainText("Set for each dispute by the TSCP Executive Chair");
    await expectAccessible(page);
  });

  test("without JavaScript, an audit trail request with no reference or an unknown one comes back with the error on the page", async ({ page, browser }) => {
    await signInAs(page, "admin@torbay.example");
    const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
    const plain = await noScript.newPage();
    await plain.goto("/p/torbay/admin/audit");
    await plain.getByRole("button", { name: "Download audit trail" }).click();
    await expect(plain).toHaveURL(/\/p\/torbay\/admin\/audit\?error=missing$/);
    await expect(plain.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    const summaryLink = plain.getByRole("link", { name: "Enter a dispute reference, like TSCP-2026-0042" });
    await expect(summaryLink).toHaveAttribute("href", "#reference");
    await expect(plain.locator("#reference-error")).toHaveText("Error: Enter a dispute reference, like TSCP-2026-0042");
    await expect(plain.getByLabel("Dispute reference")).toHaveAttribute("aria-invalid", "true");
    await expect(plain).toHaveTitle(/^Error: /);
    await expectAccessibleWithoutJavaScript(plain);

    await plain.getByLabel("Dispute reference").fill(" tscp-2026-9999 ");
    await plain.getByRole("button", { name: "Download audit trail" }).click();
    await expect(plain.getByRole("link", { name: "There is no dispute TSCP-2026-9999 in Torbay Safeguarding Children Partnership" })).toBeVisible();
    await expect(plain.getByLabel("Dispute reference")).toHaveValue("tscp-2026-9999");
    await expectAccessibleWithoutJavaScript(plain);

    // Text in the address bar is never shown as a message: only Parley's own.
    await plain.goto("/p/torbay/admin/audit?error=Call%20this%20number");
    await expect(plain.getByRole("heading", { name: "There is a problem" })).toHaveCount(0);
    await expect(plain.getByText("Call this number")).toHaveCount(0);
    await noScript.close();
  });

  test("names an escalation contact for the police, and sets the hours notices go out in", async ({ page }) => {
    await signInAs(page, "admin@torbay.example");
    await page.goto("/p/torbay/admin");
    await page.getByRole("link", { name: "Escalation contacts" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Escalation contacts" })).toBeVisible();
    await expect(page.getByRole("row", { name: /Devon and Cornwall Police/ })).toContainText("Nobody named: all its members");
    await expect(page.getByRole("row", { name: /Probation Service/ })).toContainText("Not on Parley");
    await expectAccessible(page);

    await page.getByRole("link", { name: "Devon and Cornwall Police" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Devon and Cornwall Police" })).toBeVisible();
    await page.getByRole("button", { name: "Add contact" }).click();
    await expect(page.getByRole("link", { name: "Choose the person to add as a contact." })).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel("Person", { exact: true }).selectOption({ label: "DC Jamie Fraser (Practitioner)" });
    await page.getByLabel("What they do for the agency (optional)").fill("Designated safeguarding lead");
    await page.getByRole("button", { name: "Add contact" }).click();
    await expect(page.getByText("DC Jamie Fraser is now a named contact of Devon and Cornwall Police.")).toBeVisible();
    await expect(page.getByRole("table")).toContainText("Designated safeguarding lead");
    await expectAccessible(page);

    await page.getByRole("link", { name: "Escalation contacts" }).click();
    const police = page.getByRole("row", { name: /Devon and Cornwall Police/ });
    await expect(police).toContainText("DC Jamie Fraser, Designated safeguarding lead");
    await expect(police).toContainText("Named");

    // Removed again (after a confirmation), so the journeys after this one find the police's contacts as seeded.
    await page.getByRole("link", { name: "Devon and Cornwall Police" }).click();
    await page.getByRole("link", { name: "Remove DC Jamie Fraser as a contact" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Remove DC Jamie Fraser as a contact of Devon and Cornwall Police?" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Remove contact" }).click();
    await expect(page.getByText("DC Jamie Fraser is no longer a named contact of Devon and Cornwall Police.")).toBeVisible();

    await page.getByRole("navigation", { name: "Partnership" }).getByRole("link", { name: "Administration" }).click();
    await page.getByRole("link", { name: "Notices", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Notices" })).toBeVisible();
    await expect(page.getByLabel("Start of working hours")).toHaveValue("08:00");
    await page.getByLabel("Start of working hours").fill("25:00");
    await page.getByLabel("Working days before a deadline to warn whoever must act").fill("11");
    await page.getByRole("button", { name: "Save notice settings" }).click();
    await expect(page.getByRole("link", { name: /Enter the start time on the 24-hour clock/ })).toBeVisible();
    await expect(page.getByRole("link", { name: "Enter a number of working days from 0 to 10." })).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel("Start of working hours").fill("9:00");
    await page.getByLabel("End of working hours").fill("17:30");
    await page.getByLabel("Working days before a deadline to warn whoever must act").fill("2");
    await page.getByRole("button", { name: "Save notice settings" }).click();
    await expect(page.getByText("The notice settings have been saved.")).toBeVisible();
    await expect(page.getByLabel("Start of working hours")).toHaveValue("09:00");
    await expect(page.getByRole("heading", { name: "Deliveries in the last 30 days" })).toBeVisible();
    await expectAccessible(page);

    // Back to the defaults the journeys after this one expect.
    await page.getByLabel("Start of working hours").fill("08:00");
    await page.getByLabel("End of working hours").fill("18:00");
    await page.getByLabel("Working days before a deadline to warn whoever must act").fill("1");
    await page.getByRole("button", { name: "Save notice settings" }).click();
    await expect(page.getByLabel("End of working hours")).toHaveValue("18:00");
  });

  test("at 375 pixels wide, the People page shows each person's access without scrolling sideways", async ({ page }) => {
    await signInAs(page, "admin@torbay.example");
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/p/torbay/admin/people");
    await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
    const priya = page.getByRole("listitem").filter({ hasText: "Priya Shah" });
    await expect(priya.getByText("Access", { exact: true })).toBeVisible();
    await expect(page.getByRole("table")).toBeHidden();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(page);
  });

  test("is not shown to anyone else", async ({ page }) => {
    await signInAs(page, "teacher@torbay.example");
    await expect(page.getByRole("navigation", { name: "Partnership" }).getByRole("link", { name: "Administration" })).toHaveCount(0);
    const response = await page.goto("/p/torbay/admin/people");
    expect(response?.status()).toBe(404);
  });
});
