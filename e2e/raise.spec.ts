import { expect, test } from "@playwright/test";
import { RaiseFlow, torbayDisagreement } from "./pages/raise";
import { accessible as expectAccessible } from "./pages/dispute-support";
import { signInAs } from "./support/sign-in";

test("immediate risk: answering yes shows the partnership's emergency contacts and guidance first", async ({ page }) => {
  await signInAs(page, "teacher@cambridgeshire-peterborough.example");
  const raise = new RaiseFlow(page, "cambridgeshire-peterborough");
  await raise.start();
  // The route comes before the question, on the first page.
  const route = page.getByRole("region", { name: "If a child is at immediate risk of harm" });
  await expect(route).toContainText("inform the designated safeguarding lead in your agency immediately");

  await raise.answerImmediateRisk(true);
  await raise.at("A child is at immediate risk of harm");
  const emergency = page.getByRole("region", { name: "Act on the risk now" });
  await expect(emergency).toContainText("call 999");
  for (const contact of ["The designated safeguarding lead in your agency", "Police", "Children's Social Care"]) {
    await expect(emergency.getByText(contact, { exact: true })).toBeVisible();
  }
  await expect(emergency).toContainText("refer the matter immediately to the Police or Social Care");
  // Before anything else on the page: the emergency route precedes the question about what was done.
  const note = page.getByLabel("What have you done about the immediate risk?");
  const [routeBox, noteBox] = [await emergency.boundingBox(), await note.boundingBox()];
  expect(routeBox!.y).toBeLessThan(noteBox!.y);

  // They may still go on, and must say what they did about the risk.
  await raise.continue();
  await expect(raise.errorSummary).toContainText("Say what you have done about the immediate risk.");
  await expectAccessible(page);
  await raise.sayWhatWasDone("Called the police at 8:40am; officers attended the home.");
  await raise.at("Is this the right process?");
  // Every later step still shows the route, compactly.
  await expect(page.getByRole("complementary", { name: "Immediate risk" })).toContainText("call 999");
});

test("bad input: an empty step shows the error summary linked to each field, and nothing is saved", async ({ page }) => {
  await signInAs(page, "teacher@torbay.example");
  const disputes = async () => {
    const response = await page.request.get("/api/v1/escalations?partnership=torbay");
    expect(response.status()).toBe(200);
    return ((await response.json()) as { items: { reference: string }[] }).items.map((d) => d.reference);
  };
  const before = await disputes();
  const raise = new RaiseFlow(page, "torbay");
  await raise.start();
  await raise.answerImmediateRisk(false);
  await raise.confirmRightProcess();
  await raise.chooseAgency(torbayDisagreement.agency);
  await raise.namePerson(torbayDisagreement.person, torbayDisagreement.parleyUser);
  await raise.describeChildren(torbayDisagreement.children);
  await raise.chooseAreas(torbayDisagreement.areas);
  await raise.describeDecision("The referral was closed.", "The child is left alone overnight.");
  await raise.at("Your evidence");

  // Back to the decision: empty both answers and send the step.
  await page.getByRole("link", { name: "Back" }).click();
  await raise.at("The decision you disagree with");
  const decision = page.getByLabel("What decision do you disagree with?");
  const why = page.getByLabel(/Why do you think the decision is unsafe/);
  await decision.fill("");
  await why.fill("");
  await raise.continue();

  await expect(raise.errorSummary).toBeFocused();
  const links = raise.errorSummary.getByRole("link");
  await expect(links).toHaveText(["Enter the decision you disagree with.", "Enter why you think the decision is unsafe."]);
  await expect(page).toHaveTitle(/^Error: /);
  await expect(decision).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await links.nth(1).click();
  await expect(why).toBeFocused();
  await links.nth(0).click();
  await expect(decision).toBeFocused();

  // Nothing was saved: the draft still has the earlier answers, and no dispute was raised.
  await page.reload();
  await raise.at("The decision you disagree with");
  await expect(decision).toHaveValue("The referral was closed.");
  await expect(why).toHaveValue("The child is left alone overnight.");
  expect(await disputes()).toEqual(before);
});

test("a Torbay school practitioner raises a dispute with children's social care and sees the confirmation", async ({ page }) => {
  await signInAs(page, "teacher@torbay.example");
  const raise = new RaiseFlow(page, "torbay");
  await raise.fillIn(torbayDisagreement);

  const main = page.getByRole("main");
  await expect(main).toContainText("Torbay Council Children's Services");
  await expect(main).toContainText("Sam Riley, social worker");
  await expect(main).toContainText("JS, born 2016");
  await expect(main).toContainText("Paignton Community Primary School case reference: PCPS-1142");
  await expect(main).toContainText("Levels of need or referral decisions");

  const confirmation = await raise.raise();
  expect(await confirmation.reference()).toMatch(/^TSCP-2026-\d{4}$/);
  await expect(confirmation.row("Stage")).toHaveText("Stage 1: Practitioner to practitioner");
  await expect(confirmation.row("Owner for Paignton Community Primary School")).toHaveText("Priya Shah");
  await expect(confirmation.row("Owner for Torbay Council Children's Services")).toHaveText("Sam Riley");
  // Raised Thursday 4 June 2026: five working days (stages 1 and 2 together) is Thursday 11 June.
  await expect(confirmation.row("First deadline")).toContainText("by 5pm on Thursday 11 June 2026");

  // The draft was deleted: starting again begins with a clean form.
  await page.goto("/p/torbay/disputes/new");
  await expect(page.getByRole("heading", { level: 1, name: "Before you raise a disagreement" })).toBeVisible();
  await expect(page.getByText("You have a disagreement in progress")).toHaveCount(0);
  await expectAccessible(page);
});

test("Start again on Check your answers asks first: No keeps every answer; Yes deletes them, without JavaScript too", async ({ page, browser }) => {
  // The whole raise flow, then the question twice (a second browser without JavaScript), each page checked with axe.
  test.slow();
  await signInAs(page, "teacher@torbay.example");
  const raise = new RaiseFlow(page, "torbay");
  await raise.fillIn(torbayDisagreement);

  // One click beside "Raise the disagreement" deletes nothing: it asks.
  await page.getByRole("button", { name: "Start again" }).click();
  await raise.at("Are you sure you want to delete your answers?");
  await expect(page.getByRole("button", { name: "Yes, delete my answers" })).toBeVisible();
  await page.getByRole("link", { name: "No, go back to check your answers" }).click();
  await raise.checkAnswers();
  await expect(page.getByRole("main")).toContainText("Sam Riley, social worker");
  await expect(page.getByRole("main")).toContainText("The referral made on 1 June was closed with no further action.");

  // Without JavaScript: the same question, and only "Yes" deletes the draft.
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  try {
    const plain = new RaiseFlow(await noScript.newPage(), "torbay");
    await plain.page.goto("/p/torbay/disputes/new/check");
    await plain.checkAnswers();
    await plain.page.getByRole("button", { name: "Start again" }).click();
    await plain.confirmStartAgain();
    await expectAccessible(plain.page);
    // Nothing is left to check.
    await plain.page.goto("/p/torbay/disputes/new/check");
    await expect(plain.heading("Before you raise a disagreement")).toBeVisible();
    await expect(plain.page.getByText("You have a disagreement in progress")).toHaveCount(0);
  } finally {
    await noScript.close();
  }
});
