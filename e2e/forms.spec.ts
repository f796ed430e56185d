import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { RegisterPage } from "./pages/register";
import { expectAccessible } from "./support/axe";
import { signInAs } from "./support/sign-in";

/**
 * The policy's forms produced from the record (issue 13), on the demo data with
 * the server's clock at Thursday 4 June 2026: TSCP-2026-0005 is the Torbay
 * dispute at stage 3 (senior managers) on the register, raised by the school
 * against children's social care.
 */
const REFERENCE = "TSCP-2026-0005";

test("the board business manager prints a stage 3 dispute's Record of Escalation and downloads it as a PDF", async ({ page }) => {
  await signInAs(page, "business-manager@torbay.example");
  const register = new RegisterPage(page, "torbay");
  await register.goto();
  await register.filter({ stage: "Stage 3: Senior manager to senior manager" });
  await page.getByRole("link", { name: REFERENCE, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Dispute ${REFERENCE}` })).toBeVisible();

  // The dispute page lists the policy's forms; each opens filled in from the record.
  const forms = page.getByRole("region", { name: "The policy's forms" });
  await expect(forms).toContainText("Named by the policy at stages 1, 2 and 3");
  await forms.getByRole("link", { name: "Professional Differences Record of Escalation" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Professional Differences Record of Escalation" })).toBeVisible();
  await expect(page).toHaveTitle(`Professional Differences Record of Escalation – ${REFERENCE} – Parley`);
  const form = page.getByRole("article", { name: "Professional Differences Record of Escalation" });
  await expect(form).toContainText(`Reference ${REFERENCE}.`);
  await expect(form).toContainText(
    "Required by the policy at stage 3. To be completed by the senior manager on both sides and sent by email to TSCP Business Manager (TSCP@torbay.gov.uk).",
  );
  for (const heading of [
    "1. Details of the professional difference",
    "2. The child",
    "3. The professionals and agencies involved",
    "4. The concern",
    "5. Record of each stage",
    "6. Outcome",
    "7. Agreed actions",
  ]) {
    await expect(form.getByRole("heading", { level: 2, name: heading })).toBeVisible();
  }
  const stages = form.getByRole("region", { name: "5. Record of each stage" });
  await expect(stages.getByRole("heading", { level: 3 })).toHaveText([
    "Stage 1: Practitioner to practitioner",
    "Stage 2: Manager to manager",
    "Stage 3: Senior manager to senior manager",
  ]);
  // Stage 3 names the senior managers who own it, and the Record of Escalation sent on entering it.
  const stage3 = stages.getByRole("region", { name: "Stage 3: Senior manager to senior manager" });
  await expect(stage3).toContainText("Helen Marsh");
  await expect(stage3).toContainText("Martin Cole");
  await expect(stage3.getByRole("heading", { level: 4, name: "Form completed: Professional Differences Record of Escalation" })).toBeVisible();
  await expect(form.getByRole("region", { name: "7. Agreed actions" }).getByRole("table", { name: "Agreed actions" })).toContainText(
    "No actions have been agreed.",
  );
  await expect(form).toContainText(/Document fingerprint \(SHA-256\): [0-9a-f]{64}/);
  await expectAccessible(page);

  // Printed, the page is the form alone: no navigation, no back link, no buttons or links to other things.
  const pdfLink = page.getByRole("link", { name: "Download this form as a PDF (Professional Differences Record of Escalation)" });
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Partnership" })).toBeHidden();
  await expect(page.getByRole("link", { name: "Back to the dispute" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print this form" })).toBeHidden();
  await expect(pdfLink).toBeHidden();
  await expect(page.getByRole("heading", { name: "Recorded as completed" })).toBeHidden();
  await expect(form.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(stages).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  // The PDF: printed by the server's Chromium from the same document.
  const [download] = await Promise.all([page.waitForEvent("download"), pdfLink.click()]);
  expect(download.suggestedFilename()).toBe(`${REFERENCE}-record-of-escalation.pdf`);
  const bytes = await readFile(await download.path());
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
});

test("a form of a dispute the reader may not see does not exist, nor does one the policy does not name", async ({ page }) => {
  await signInAs(page, "business-manager@torbay.example");
  await page.goto("/p/torbay/register?stage=3");
  const href = await page.getByRole("link", { name: REFERENCE, exact: true }).getAttribute("href");
  const formUrl = `${href!.replace(/\?.*$/, "")}/forms/record-of-escalation`;
  expect((await page.request.get(`${href!.replace(/\?.*$/, "")}/forms/no-such-form`)).status()).toBe(404);
  expect((await page.request.get(`${formUrl}?version=0`)).status()).toBe(404);

  // A practitioner of another agency may not see the dispute: neither its form nor the PDF exists for them.
  await page.context().clearCookies();
  await signInAs(page, "health-visitor@torbay.example");
  for (const url of [formUrl, `${formUrl}/pdf`]) {
    const response = await page.request.get(url, { maxRedirects: 0 });
    expect(response.status(), url).toBe(404);
    expect(await response.text()).not.toContain(REFERENCE);
  }
});
