import { expect, test } from "@playwright/test";
import { DisputePage } from "./pages/dispute";
import { RaiseFlow } from "./pages/raise";
import { E2E_TODAY } from "./support/clock";
import { signInAs } from "./support/sign-in";

test("Isle of Man: a dispute raised the day before the TT bank holiday is due at stage 1 on Monday 8 June", async ({ page }) => {
  expect(E2E_TODAY).toBe("2026-06-04"); // Thursday; Friday 5 June 2026 is the TT bank holiday
  await signInAs(page, "teacher@isle-of-man.example");
  const raise = new RaiseFlow(page, "isle-of-man");
  const confirmation = await raise.raiseDisagreement({
    agency: "Isle of Man Government Children's Services",
    person: "Sam Riley, social worker",
    children: [{ kind: "Child", initials: "AK", yearOfBirth: "2012" }],
    areas: ["Perceived levels of risk"],
    decision: "The referral was not accepted for assessment.",
    whyUnsafe: "The young person has missed school for three weeks and was seen with an injury.",
    evidence: "Attendance records and a note of the injury, both on the school's safeguarding record.",
    outcome: "An assessment by Children and Families.",
  });
  expect(await confirmation.reference()).toMatch(/^IOMSB-2026-\d{4}$/);
  await expect(confirmation.row("Stage")).toHaveText("Stage 1: Direct professional to professional discussion");
  await expect(confirmation.row("First deadline")).toHaveText("Initial attempts to resolve the disagreement: by 5pm on Monday 8 June 2026");

  const dispute = new DisputePage(page, await confirmation.viewDispute());
  await dispute.loaded();
  const deadlines = dispute.section("Deadlines at stage 1");
  await expect(deadlines).toContainText("Due by 5pm on Monday 8 June 2026");
  await expect(deadlines).toContainText("Due in 1 working day (Monday 8 June, 5pm)");
  // How it was worked out, on request: the TT bank holiday by name.
  const how = deadlines.getByText("How this was worked out");
  await how.click();
  await expect(deadlines).toContainText(
    /1 working day from \d{1,2}(:\d\d)?am on Thursday 4 June 2026 \(dispute raised\): skipped Friday 5 June \(TT bank holiday\) and the weekend; due by 5pm on Monday 8 June 2026\./,
  );
  // The ladder shows the same deadline against stage 1.
  await expect(dispute.stage("Stage 1")).toContainText("Initial attempts to resolve the disagreement: by 5pm on Monday 8 June 2026");
});
