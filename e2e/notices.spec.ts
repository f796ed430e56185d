import { expect, test } from "@playwright/test";
import { accessible } from "./pages/dispute-support";
import { RaiseFlow, torbayDisagreement } from "./pages/raise";
import { signInAs, signOut } from "./support/sign-in";

/**
 * Journey: a health visitor raises a disagreement with the police naming nobody
 * there who uses Parley; the police's escalation contact finds it awaiting an
 * owner, reads Parley's e-mail in the demo mailbox, follows its link and takes it.
 */
test("a dispute naming nobody at the other agency reaches its contact, who takes it", async ({ page }) => {
  await signInAs(page, "health-visitor@torbay.example");
  const raise = new RaiseFlow(page, "torbay");
  const confirmation = await raise.raiseDisagreement({
    ...torbayDisagreement,
    agency: "Devon and Cornwall Police",
    person: "The officer in the case, Paignton CID",
    parleyUser: undefined,
  });
  const reference = await confirmation.reference();
  // The raiser is told who will take it, and not asked to do it for the other side.
  await expect(confirmation.row("Owner for Devon and Cornwall Police")).toContainText(
    "It is on the list of disputes awaiting an owner at Devon and Cornwall Police, and Parley is letting DC Jamie Fraser and Sergeant Lee Carter know",
  );
  await signOut(page);

  await signInAs(page, "police-officer@torbay.example");
  const awaiting = page.getByRole("region", { name: /^Awaiting an owner/ });
  await expect(awaiting.getByRole("link", { name: new RegExp(reference) })).toBeVisible();
  await expect(page.getByRole("region", { name: /^What's new for you/ })).toContainText(
    `${reference}: a disagreement raised with Devon and Cornwall Police needs an owner`,
  );
  await accessible(page);

  // The e-mail, in the demo mailbox: the worker sends it within seconds of the raise.
  const subject = `${reference}: a disagreement raised with Devon and Cornwall Police needs an owner`;
  await expect(async () => {
    await page.goto("/mailbox?to=me");
    await expect(page.getByRole("link", { name: subject })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await accessible(page);
  await page.getByRole("link", { name: subject }).click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(page.getByText("The officer in the case")).toHaveCount(0); // nothing from the dispute itself
  await accessible(page);
  await page.getByRole("link", { name: /\/p\/torbay\/disputes\// }).click();

  await expect(page.getByRole("heading", { level: 1, name: `Dispute ${reference}` })).toBeVisible();
  await page.getByRole("link", { name: "Choose who owns it for Devon and Cornwall Police" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Choose who owns the dispute for Devon and Cornwall Police" })).toBeVisible();
  await accessible(page);
  const who = page.getByLabel("Who will own it?");
  await who.selectOption({ label: (await who.locator("option", { hasText: "DC Jamie Fraser" }).first().textContent()) ?? "DC Jamie Fraser" });
  await page.getByRole("button", { name: "Save the owner" }).click();
  await expect(page.getByText("The owner has been recorded.")).toBeVisible();
  const owners = page.getByRole("region", { name: "Owners" });
  await expect(owners).toContainText("DC Jamie Fraser");
  // The history says what Parley sent, and to whom.
  await expect(page.getByRole("region", { name: "History" })).toContainText("Parley e-mailed DC Jamie Fraser");
  await accessible(page);
});
