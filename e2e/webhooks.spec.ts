/**
 * Webhooks (issue 16): the partnership administrator registers an endpoint for
 * an agency's case system (a receiver on loopback here), copies its signing
 * secret from the one page that shows it, a dispute raised with the agency
 * reaches the system signed, within a worker tick, and the endpoint's page shows
 * it delivered; then the administrator disables it.
 */
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../lib/seed/demo-data";
import { verify } from "../lib/webhooks/signing";
import { expectAccessible } from "./support/axe";
import { signInAs } from "./support/sign-in";
import { startReceiver } from "./support/webhooks";

const CSC = "Torbay Council Children's Services";

test("the administrator registers a case system's endpoint, a dispute raised with its agency reaches it signed, and the page shows it delivered", async ({
  page,
  baseURL,
}) => {
  const receiver = await startReceiver();
  try {
    await signInAs(page, "admin@torbay.example");
    await page.getByRole("navigation", { name: "Partnership" }).getByRole("link", { name: "Administration" }).click();
    await page.getByRole("link", { name: "Webhooks" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole("link", { name: "Register an endpoint" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Register a webhook endpoint" })).toBeVisible();
    await expectAccessible(page);
    // Nothing filled in: the error summary names each question.
    await page.getByRole("button", { name: "Register endpoint" }).click();
    await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    await expect(page).toHaveTitle(/^Error: Register a webhook endpoint/);
    for (const message of [
      "Enter a name for the endpoint.",
      "Choose the agency whose system it is.",
      "Enter the endpoint's address, starting https://",
      "Choose at least one thing to be told about.",
    ]) {
      await expect(page.getByRole("link", { name: message })).toBeVisible();
    }
    await expectAccessible(page);
    // Plain http is for loopback only; what was typed stays.
    await page.getByLabel("Name", { exact: true }).fill("Mosaic case records");
    await page.getByLabel("Agency whose system it is").selectOption({ label: CSC });
    await page.getByLabel("Address (URL)").fill("http://mosaic.example.gov.uk/parley");
    await page.getByRole("checkbox", { name: "A dispute is raised", exact: true }).check();
    await page.getByRole("checkbox", { name: "A dispute is withdrawn", exact: true }).check();
    await page.getByRole("button", { name: "Register endpoint" }).click();
    await expect(page.getByRole("link", { name: "Enter an address starting https://" })).toBeVisible();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Mosaic case records");
    await page.getByLabel("Address (URL)").fill(receiver.url);
    await page.getByRole("button", { name: "Register endpoint" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "Mosaic case records" })).toBeVisible();
    await expect(page.getByText("Copy the signing secret now. This is the only time Parley shows it.")).toBeVisible();
    await expectAccessible(page);
    const secret = (await page.locator("#new-webhook-secret").textContent())!.trim();
    const endpointUrl = page.url().replace(/\?.*$/, "");
    await page.reload();
    await expect(page.getByText("The secret has been shown already")).toBeVisible();
    await expect(page.getByText(secret)).toHaveCount(0);

    // A teacher raises a disagreement with children's social care.
    const teacher = await playwrightRequest.newContext({ baseURL });
    const csrf = (await (await teacher.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const csrfCookie = async () => (await teacher.storageState()).cookies.find((c) => c.name === "parley-csrf")?.value ?? "";
    const signedIn = await teacher.post("/api/auth/callback/credentials", {
      form: { csrfToken: csrf.csrfToken, email: "teacher@torbay.example", password: DEMO_PASSWORD },
      headers: { "X-CSRF-Token": await csrfCookie() },
      maxRedirects: 0,
    });
    expect(signedIn.status()).toBe(302);
    const agencies = (await (await teacher.get("/api/v1/agencies?partnership=torbay")).json()) as { items: { id: string; name: string }[] };
    const raised = await teacher.post("/api/v1/escalations?partnership=torbay", {
      headers: { "X-CSRF-Token": await csrfCookie() },
      data: {
        respondingAgencyId: agencies.items.find((a) => a.name === CSC)!.id,
        respondingPerson: "Sam Riley",
        subjects: [{ kind: "child", initials: "AB", yearOfBirth: 2018, caseReferences: [] }],
        areas: ["levels-of-need"],
        decisionDisputed: "Closed with no further action.",
        whyUnsafe: "Repeated disclosures.",
        evidenceSummary: "Safeguarding log.",
        outcomeSought: "An assessment.",
        immediateRisk: false,
      },
    });
    expect(raised.status()).toBe(201);
    const dispute = (await raised.json()) as { id: string; reference: string };
    await teacher.dispose();

    // The worker (every 2 seconds here) sends it: signed with the secret, nothing about the child.
    // (Other journeys may raise disputes with the same agency meanwhile: this one's is picked out by its id.)
    const ours = () => receiver.received.find((r) => r.body.includes(dispute.id));
    await expect.poll(() => ours() !== undefined, { timeout: 30_000 }).toBe(true);
    const delivery = ours();
    expect(verify(secret, (name) => delivery!.headers[name], delivery!.body, new Date())).toEqual({ ok: true, id: delivery!.headers["webhook-id"] });
    expect(JSON.parse(delivery!.body)).toMatchObject({ type: "dispute.raised", data: { disputeId: dispute.id, reference: dispute.reference, status: "open" } });
    expect(delivery!.body).not.toContain("AB");
    expect(delivery!.body).not.toContain("Repeated disclosures");

    await page.goto(endpointUrl);
    const row = page.getByRole("row").filter({ hasText: dispute.reference });
    await expect(row).toContainText("A dispute is raised");
    await expect(row).toContainText("Delivered");
    await expect(row).toContainText(delivery!.headers["webhook-id"]!);
    await expectAccessible(page);

    await page.getByRole("button", { name: "Disable this endpoint" }).click();
    await expect(page.getByText("The endpoint has been disabled: nothing more is sent to it.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Disable this endpoint" })).toHaveCount(0);
    await page.getByRole("link", { name: "Webhooks", exact: true }).click();
    await expect(page.getByRole("row").filter({ hasText: "Mosaic case records" })).toContainText("Disabled");
    await expectAccessible(page);
  } finally {
    await receiver.stop();
  }
});
