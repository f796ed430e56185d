import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { DisputePage, fillDate } from "./pages/dispute";
import { RaiseFlow, torbayDisagreement } from "./pages/raise";
import { RegisterPage } from "./pages/register";
import { signInAs } from "./support/sign-in";

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

/** A person in a browser of their own, signed in once. */
async function as(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await signInAs(page, email);
  return page;
}

/** The teacher raises the usual Torbay disagreement with children's social care; returns the dispute's address. */
async function raiseTorbayDispute(page: Page): Promise<string> {
  const confirmation = await new RaiseFlow(page, "torbay").raiseDisagreement(torbayDisagreement);
  return confirmation.viewDispute();
}

const WHEN = /, \d{1,2}(:\d\d)?(am|pm) on Thursday 4 June 2026/;

test("Torbay ladder through the UI: the practitioner raises, the manager escalates, the senior manager records the Record of Escalation, the business manager finds it in the register", async ({
  page,
  browser,
}) => {
  await signInAs(page, "teacher@torbay.example");
  const url = await raiseTorbayDispute(page);
  const teacher = new DisputePage(page, url);
  await teacher.loaded();
  await expect(teacher.stage("Stage 1")).toContainText("Current");

  // Stage 1: the practitioners talk; the teacher escalates to stage 2, naming her manager as the school's owner.
  await teacher.recordDiscussion({
    with: "Sam Riley, social worker",
    how: "Phone call",
    when: { day: "4", month: "6", year: "2026", time: "8:30am" },
    said: "We went through the school's concerns and the reasons the referral was closed.",
    agreed: "Sam will not reopen the referral; the school will escalate.",
  });
  await teacher.openEscalate("stage 2");
  await expect(page.getByRole("main")).toContainText("The dispute is at Stage 1: Practitioner to practitioner");
  await expect(page.getByRole("main")).toContainText("A record of discussion on each agency's recording system");
  await expect(page.getByRole("main")).toContainText("Recorded");
  // Stages 1 and 2 share one deadline: 5 working days from raising.
  await expect(page.getByRole("main")).toContainText("Resolve at stages 1 and 2 (the other party responds)");
  await expect(page.getByRole("main")).toContainText("by 5pm on Thursday 11 June 2026");
  await teacher.escalate({ reason: "Children's social care will not reconsider the decision.", raisingOwner: "Tom Okafor", respondingOwner: "Grace Adeyemi" });
  await expect(teacher.stage("Stage 2")).toContainText("Current");
  await expect(teacher.entry("Escalated from stage 1 to stage 2: Manager to manager")).toContainText(/Priya Shah/);

  // Stage 2: the school manager records a discussion with his counterpart, then escalates to stage 3 naming the head teacher.
  const manager = new DisputePage(await as(browser, "school-manager@torbay.example"), url);
  await manager.open();
  await manager.recordDiscussion({
    with: "Grace Adeyemi, team manager",
    how: "Meeting",
    when: { day: "4", month: "6", year: "2026", time: "8:45am" },
    said: "Managers reviewed the referral and the school's evidence.",
  });
  await manager.openEscalate("stage 3");
  const main = manager.page.getByRole("main");
  await expect(main).toContainText("Stage 3: Senior manager to senior manager: the deadlines if you escalate now");
  await expect(main).toContainText(/Resolve at stage 3\s*Due by 5pm on Thursday 11 June 2026/);
  await expect(main).toContainText("Professional Differences Record of Escalation (required): send it to TSCP Business Manager (TSCP@torbay.gov.uk)");
  await expect(main).toContainText("The board is notified when the dispute reaches this stage.");
  await manager.escalate({ reason: "Managers could not agree.", raisingOwner: "Helen Marsh", respondingOwner: "Martin Cole" });
  await expect(manager.stage("Stage 3")).toContainText("Current");
  await expect(manager.section("Owners")).toContainText("Helen Marsh");
  await expect(manager.section("Owners")).toContainText("Martin Cole");
  // The record says what the policy asks of stage 3, never that it was done; the form is flagged until recorded.
  await expect(manager.entry("Reached stage 3, where the policy asks for the board to be told")).toContainText(
    "This records what the policy asks, not that it was done.",
  );
  const outstanding = "The policy requires the Professional Differences Record of Escalation at this stage, and it has not been recorded as completed.";
  await expect(manager.page.getByText(outstanding)).toBeVisible();
  await expect(manager.section("What the policy asks at this stage")).toContainText("Tell TSCP Business Manager");

  // Stage 3: the head teacher (senior manager) records the Record of Escalation, sent to the business manager.
  const head = new DisputePage(await as(browser, "headteacher@torbay.example"), url);
  await head.open();
  await head.completeForm("Professional Differences Record of Escalation");
  const form = head.entry("Form completed: Professional Differences Record of Escalation");
  await expect(form).toContainText("Helen Marsh");
  await expect(form).toContainText("TSCP Business Manager (TSCP@torbay.gov.uk)");
  await expect(head.page.getByText(outstanding)).toHaveCount(0);
  for (const [stage, status] of [
    ["Stage 1", "Done"],
    ["Stage 2", "Done"],
    ["Stage 3", "Current"],
    ["Stage 4", "Not started"],
  ] as const) {
    await expect(head.stage(stage)).toContainText(status);
  }
  await expect(head.stage("Stage 3")).toContainText("Resolve at stage 3: by 5pm on Thursday 11 June 2026");

  // The board business manager finds it in the register, with the Record of Escalation recorded.
  const reference = /[A-Z]+-\d{4}-\d{4}/.exec(await head.page.getByRole("heading", { level: 1 }).innerText())![0];
  const businessManager = await as(browser, "business-manager@torbay.example");
  const register = new RegisterPage(businessManager, "torbay");
  await register.goto();
  await register.expectAccessible();
  await expect(register.row(reference)).toContainText("Stage 3");
  await register.row(reference).getByRole("link", { name: reference, exact: true }).click();
  const onRecord = new DisputePage(businessManager, url);
  await onRecord.loaded();
  await expect(onRecord.entry("Form completed: Professional Differences Record of Escalation")).toContainText("Helen Marsh");
});

test("resolution: a dispute is resolved with two agreed actions, and the history shows every step with who and when", async ({ page }) => {
  await signInAs(page, "teacher@torbay.example");
  const dispute = new DisputePage(page, await raiseTorbayDispute(page));
  await dispute.loaded();
  await dispute.recordDiscussion({
    with: "Sam Riley, social worker",
    how: "Video call",
    when: { day: "4", month: "6", year: "2026", time: "8:30am" },
    said: "We reviewed the disclosures together.",
    agreed: "Children's social care will reopen the referral.",
  });
  await dispute.resolve({
    outcome: "Children's social care reopened the referral; an assessment starts this week.",
    actions: [
      { description: "Start a child and family assessment", owner: "Sam Riley, social worker", due: { day: "11", month: "6", year: "2026" } },
      { description: "Share the safeguarding log with children's social care", owner: "Priya Shah, teacher", due: { day: "8", month: "6", year: "2026" } },
    ],
    raising: { method: "Email", by: "Priya Shah, teacher" },
    responding: { method: "Phone call", by: "Sam Riley, social worker" },
  });

  await expect(page.getByRole("main").getByText("Resolved", { exact: true }).first()).toBeVisible();
  const actions = dispute.section("Agreed actions").getByRole("listitem");
  await expect(actions).toHaveCount(2);
  // Soonest due first.
  await expect(actions.nth(0)).toContainText("Share the safeguarding log with children's social care");
  await expect(actions.nth(0)).toContainText("Priya Shah, teacher. Due Monday 8 June 2026.");
  await expect(actions.nth(1)).toContainText("Start a child and family assessment");
  await expect(actions.nth(1)).toContainText("Sam Riley, social worker. Due Thursday 11 June 2026.");
  await expect(actions.nth(1)).toContainText("Not done yet");

  const titles = [
    "Disagreement raised at stage 1",
    /^Priya Shah now owns the dispute for Paignton Community Primary School/,
    /^Sam Riley now owns the dispute for Torbay Council Children's Services/,
    "Discussion recorded with Sam Riley, social worker",
    "Agreed action added: Start a child and family assessment",
    "Agreed action added: Share the safeguarding log with children's social care",
    "Resolved",
  ];
  // The record's own entries; Parley's e-mails about it are entries too, sent as the worker runs.
  const entries = dispute.history.getByRole("heading", { level: 3 }).filter({ hasNotText: /^Parley (e-mailed|could not e-mail) / });
  await expect(entries).toHaveText(titles);
  for (const title of titles) await expect(dispute.entry(title)).toContainText(WHEN);
  await expect(dispute.entry("Discussion recorded with Sam Riley, social worker")).toContainText("Children's social care will reopen the referral.");
  await expect(dispute.entry("Resolved")).toContainText("Sam Riley, social worker, by phone call");
  // Resolved: only comments remain.
  await expect(dispute.actions.getByRole("link")).toHaveText(["Add a comment"]);
});

test("conflict: two people open the same dispute; one comments, the other sees what changed and succeeds on retry", async ({ page, browser }) => {
  await signInAs(page, "teacher@torbay.example");
  const url = await raiseTorbayDispute(page);
  const teacher = new DisputePage(page, url);
  const social = new DisputePage(await as(browser, "social-worker@torbay.example"), url);

  await teacher.open();
  await teacher.openComment();
  await social.open();
  await social.openComment();

  await teacher.writeComment("I have sent the safeguarding log by secure email.");
  await teacher.done("Your comment has been added.");

  await social.writeComment("I will review the log today.");
  const notice = social.page.getByRole("region", { name: "Someone else changed this dispute" });
  await expect(notice).toBeFocused();
  await expect(notice).toContainText("Comment");
  await expect(notice).toContainText(/Priya Shah, \d{1,2}(:\d\d)?(am|pm) on Thursday 4 June 2026/);
  await expect(social.page.getByLabel("Your comment")).toHaveValue("I will review the log today.");
  await social.formPage("Add a comment");

  await social.submit("Add the comment");
  await social.done("Your comment has been added.");
  const comments = social.history.getByRole("listitem").filter({ has: social.page.getByRole("heading", { level: 3, name: "Comment" }) });
  await expect(comments).toHaveCount(2);
  await expect(comments.nth(0)).toContainText("I have sent the safeguarding log by secure email.");
  await expect(comments.nth(1)).toContainText("I will review the log today.");
  await expect(comments.nth(1)).toContainText("Sam Riley");
});

test("without JavaScript, a comment with a character Parley cannot store comes back as a validation error, and nothing is added", async ({ page, browser }) => {
  await signInAs(page, "teacher@torbay.example");
  const url = await raiseTorbayDispute(page);
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  contexts.push(noScript);
  const plain = new DisputePage(await noScript.newPage(), url);
  await plain.open();
  await plain.openComment();
  await plain.writeComment("We spoke\u0000 today.");

  const message = 'Your comment contains a character Parley cannot store (a null character, just after "We spoke"). Remove it and try again.';
  const summary = plain.page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary.getByRole("link")).toHaveText([message]);
  await expect(plain.page.locator("#text-error")).toContainText(message);
  await plain.formPage("Add a comment");

  await plain.open();
  await expect(plain.entry("Comment")).toHaveCount(0);

  // An address Parley cannot use is a plain 400 page, not an error.
  const response = await plain.page.goto("/p/torbay%00");
  expect(response?.status()).toBe(400);
  await expect(plain.page.getByRole("heading", { level: 1, name: "There is a problem with the page address" })).toBeVisible();
});

test("dates: a discussion's date in Day, Month, Year and Time boxes; an error names the part, keeps what was typed, and the date reads back in British English", async ({
  page,
}) => {
  await signInAs(page, "teacher@torbay.example");
  const dispute = new DisputePage(page, await raiseTorbayDispute(page));
  await dispute.loaded();
  await dispute.take("Record a discussion", "Record a discussion");
  const when = page.getByRole("group", { name: "When did it take place?" });
  await expect(when).toContainText("For example, 4 6 2026");
  await expect(when).toContainText("For example, 10:30am or 14:30");
  for (const box of ["Day", "Month", "Year"]) await expect(when.getByLabel(box, { exact: true })).toHaveAttribute("inputmode", "numeric");

  await page.getByLabel("Who did you speak with?").fill("Sam Riley, social worker");
  await page.getByRole("group", { name: "How did you speak?" }).getByLabel("Phone call", { exact: true }).check();
  await fillDate(when, { day: "4", month: "", year: "2026", time: "8:30am" });
  await page.getByLabel("What was discussed?").fill("The school's concerns.");
  await dispute.submit("Record the discussion");

  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary.getByRole("link")).toHaveText(["Date of the discussion must include a month"]);
  await expect(page.locator("#occurredAt-error")).toContainText("Date of the discussion must include a month");
  // Only the month box is marked; what was typed is kept.
  await expect(when.getByLabel("Month", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(when.getByLabel("Day", { exact: true })).not.toHaveAttribute("aria-invalid", "true");
  await expect(when.getByLabel("Day", { exact: true })).toHaveValue("4");
  await expect(when.getByLabel("Time", { exact: true })).toHaveValue("8:30am");
  await expect(page.getByLabel("What was discussed?")).toHaveValue("The school's concerns.");
  await dispute.formPage("Record a discussion");
  // The link goes to the box to fix.
  await summary.getByRole("link").click();
  await expect(when.getByLabel("Month", { exact: true })).toBeFocused();

  await when.getByLabel("Month", { exact: true }).fill("June");
  await dispute.submit("Record the discussion");
  await dispute.done("The discussion has been recorded.");
  await expect(dispute.entry("Discussion recorded with Sam Riley, social worker")).toContainText("8:30am on Thursday 4 June 2026");
});

test("length: a comment shows its limit and a live count, and one too long is refused naming the field", async ({ page, browser }) => {
  // The whole raise flow first, and a second browser without JavaScript, each page checked with axe.
  test.slow();
  await signInAs(page, "teacher@torbay.example");
  const url = await raiseTorbayDispute(page);
  const dispute = new DisputePage(page, url);
  await dispute.open();
  await dispute.openComment();
  const comment = page.getByLabel("Your comment");
  // The limit is read with the box; the visible count takes its place once the script runs.
  await expect(comment).toHaveAccessibleDescription(/You can enter up to 5,000 characters/);
  const count = page.locator("#text-info + [aria-hidden=true]");
  await expect(count).toHaveText("You have 5,000 characters remaining");
  await comment.fill("x".repeat(5001));
  await expect(count).toHaveText("You have 1 character too many");
  // Screen readers hear it once typing stops.
  await expect(page.locator("[aria-live=polite]", { hasText: "You have 1 character too many" })).toHaveCount(1);
  await dispute.submit("Add the comment");

  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary.getByRole("link")).toHaveText(["Your comment must be 5,000 characters or fewer."]);
  await expect(page.locator("#text-error")).toContainText("Your comment must be 5,000 characters or fewer.");
  await expect(comment).toHaveValue("x".repeat(5001));
  await dispute.formPage("Add a comment");

  // Without JavaScript, the limit is there to read.
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  contexts.push(noScript);
  const plain = new DisputePage(await noScript.newPage(), url);
  await plain.open();
  await plain.openComment();
  await expect(plain.page.getByText("You can enter up to 5,000 characters")).toBeVisible();
});
