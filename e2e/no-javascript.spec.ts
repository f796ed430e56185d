import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { DisputePage, fillDate } from "./pages/dispute";
import { RaiseFlow, torbayDisagreement } from "./pages/raise";
import { expectAccessibleWithoutJavaScript } from "./support/axe-without-javascript";

/**
 * Issue 15: the whole Torbay journey, raise → escalate → resolve, in browsers
 * that run no scripts at all. Every form is a plain form post; each new kind of
 * page is checked with axe on its markup as served (scripts taken out).
 */
test.use({ javaScriptEnabled: false });

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

const TORBAY = "Torbay Safeguarding Children Partnership";
const WHEN = /, \d{1,2}(:\d\d)?(am|pm) on Thursday 4 June 2026/;

/** Waits for a page by its heading (and its title), then checks its markup with axe. */
async function arrive(page: Page, heading: string | RegExp): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expect(page).toHaveTitle(/\S/);
  await expectAccessibleWithoutJavaScript(page);
}

/**
 * A person in a browser of their own with scripts off, signed in through the
 * plain sign-in form: "Use" asks for the page again with their account filled
 * in (it only does that when no script runs, which proves scripts are off here).
 */
async function person(browser: Browser, email: string, options: { check?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto("/sign-in");
  if (options.check) await arrive(page, "Sign in");
  await page
    .getByRole("table", { name: `Demo accounts in ${TORBAY}` })
    .getByRole("button", { name: `Use ${email}` })
    .click();
  await expect(page).toHaveURL(new RegExp(`[?&]use=${encodeURIComponent(email).replace(/[.]/g, "\\.")}`));
  await expect(page.getByLabel("Email address")).toHaveValue(email);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/p\/torbay$/);
  if (options.check) await arrive(page, TORBAY);
  return page;
}

test("without JavaScript: the practitioner raises, the managers escalate to stage 3, the head teacher records the form and resolves it, and the history lists every step", async ({
  browser,
}) => {
  test.setTimeout(300_000);

  // 1. The practitioner raises the disagreement through every step and "Check your answers".
  const teacherPage = await person(browser, "teacher@torbay.example", { check: true });
  await expect(teacherPage.getByRole("banner")).toContainText("Signed in as Priya Shah");
  const raise = new RaiseFlow(teacherPage, "torbay");
  const d = torbayDisagreement;
  await raise.start();
  await arrive(teacherPage, "Before you raise a disagreement");
  await raise.answerImmediateRisk(false);
  await arrive(teacherPage, "Is this the right process?");
  await raise.confirmRightProcess();
  await arrive(teacherPage, "Which agency made the decision you disagree with?");
  await raise.chooseAgency(d.agency);
  await arrive(teacherPage, "Whose decision do you disagree with?");
  await raise.namePerson(d.person, d.parleyUser);
  await arrive(teacherPage, /is this about\?$/);
  await raise.describeChildren(d.children);
  await arrive(teacherPage, "What is the disagreement about?");
  await raise.chooseAreas(d.areas);
  await arrive(teacherPage, "The decision you disagree with");
  await raise.describeDecision(d.decision, d.whyUnsafe);
  await arrive(teacherPage, "Your evidence");
  await raise.giveEvidence(d.evidence);
  await arrive(teacherPage, "What outcome do you want?");
  await raise.seekOutcome(d.outcome, d.timescale);
  await raise.checkAnswers();
  await expectAccessibleWithoutJavaScript(teacherPage);
  const check = teacherPage.getByRole("main");
  for (const answer of [d.agency, "Sam Riley, social worker", "JS", d.decision, d.evidence, d.outcome]) await expect(check).toContainText(answer);

  const confirmation = await raise.raise();
  await expectAccessibleWithoutJavaScript(teacherPage);
  const reference = await confirmation.reference();
  expect(reference).toMatch(/^[A-Z]+-\d{4}-\d{4}$/);
  const url = await confirmation.viewDispute();
  const teacher = new DisputePage(teacherPage, url);
  await teacher.loaded();
  await expect(teacherPage.getByRole("heading", { level: 1 })).toContainText(reference);
  await expectAccessibleWithoutJavaScript(teacherPage);
  await expect(teacher.stage("Stage 1")).toContainText("Current");

  // 2a. Stage 1: she records her discussion with the social worker (the GOV.UK date boxes, posted plainly)…
  await teacher.take("Record a discussion", "Record a discussion");
  await expectAccessibleWithoutJavaScript(teacherPage);
  await teacherPage.getByLabel("Who did you speak with?").fill("Sam Riley, social worker");
  await teacherPage.getByRole("group", { name: "How did you speak?" }).getByLabel("Phone call", { exact: true }).check();
  await fillDate(teacherPage.getByRole("group", { name: "When did it take place?" }), { day: "4", month: "6", year: "2026", time: "8:30am" });
  await teacherPage.getByLabel("What was discussed?").fill("We went through the school's concerns and the reasons the referral was closed.");
  await teacherPage.getByLabel("What was agreed? (optional)").fill("Sam will not reopen the referral; the school will escalate.");
  await teacher.submit("Record the discussion");
  await teacher.done("The discussion has been recorded.");
  await expectAccessibleWithoutJavaScript(teacherPage);
  await expect(teacher.entry("Discussion recorded with Sam Riley, social worker")).toContainText("8:30am on Thursday 4 June 2026");

  // …and escalates to stage 2, naming the two managers as owners.
  await teacher.openEscalate("stage 2");
  await expectAccessibleWithoutJavaScript(teacherPage);
  await expect(teacherPage.getByRole("main")).toContainText("The dispute is at Stage 1: Practitioner to practitioner");
  await teacher.escalate({ reason: "Children's social care will not reconsider the decision.", raisingOwner: "Tom Okafor", respondingOwner: "Grace Adeyemi" });
  await expect(teacher.stage("Stage 2")).toContainText("Current");

  // 2b. Stage 2: the school manager records a discussion with his counterpart and escalates to stage 3.
  const manager = new DisputePage(await person(browser, "school-manager@torbay.example"), url);
  await manager.open();
  await manager.recordDiscussion({
    with: "Grace Adeyemi, team manager",
    how: "Meeting",
    when: { day: "4", month: "6", year: "2026", time: "8:45am" },
    said: "Managers reviewed the referral and the school's evidence.",
  });
  await manager.openEscalate("stage 3");
  await expect(manager.page.getByRole("main")).toContainText("Stage 3: Senior manager to senior manager: the deadlines if you escalate now");
  await manager.escalate({ reason: "Managers could not agree.", raisingOwner: "Helen Marsh", respondingOwner: "Martin Cole" });
  await expect(manager.stage("Stage 3")).toContainText("Current");
  await expect(manager.section("Owners")).toContainText("Helen Marsh");
  await expect(manager.section("Owners")).toContainText("Martin Cole");
  const outstanding = "The policy requires the Professional Differences Record of Escalation at this stage, and it has not been recorded as completed.";
  await expect(manager.page.getByText(outstanding)).toBeVisible();

  // 2c. Stage 3: the head teacher records the Record of Escalation the stage asks for.
  const headPage = await person(browser, "headteacher@torbay.example");
  const head = new DisputePage(headPage, url);
  await head.open();
  await head.take("Record a completed form", "Record a completed form");
  await expectAccessibleWithoutJavaScript(headPage);
  await headPage.getByLabel("Professional Differences Record of Escalation", { exact: true }).check();
  await head.submit("Record the form");
  await head.done("The form has been recorded as completed.");
  await expect(headPage.getByText(outstanding)).toHaveCount(0);

  // 3. The head teacher, the school's owner at stage 3, records it as resolved. "Add an agreed action"
  // is a plain submit button: the page comes back from the server with the new item and what was typed.
  await head.take("Record that it is resolved", "Record that the dispute is resolved");
  await expectAccessibleWithoutJavaScript(headPage);
  const outcome = "Children's social care reopened the referral; an assessment starts this week.";
  await headPage.getByLabel("What was decided, and why?").fill(outcome);
  await headPage.getByRole("button", { name: "Add an agreed action" }).click();
  const item = headPage.getByRole("group", { name: "Agreed action 1" });
  await expect(item).toBeVisible();
  await expect(headPage.getByLabel("What was decided, and why?")).toHaveValue(outcome);
  await expect(headPage.getByRole("heading", { level: 1, name: "Record that the dispute is resolved" })).toBeVisible();
  await expectAccessibleWithoutJavaScript(headPage);
  await item.getByLabel("What was agreed?").fill("Start a child and family assessment");
  await item.getByLabel("Who will do it?").fill("Sam Riley, social worker");
  await fillDate(item.getByRole("group", { name: "When is it due?" }), { day: "11", month: "6", year: "2026" });
  await headPage
    .getByRole("group", { name: /School confirm the outcome\?$/ })
    .getByLabel("Email", { exact: true })
    .check();
  await headPage.getByLabel(/^Who confirmed it for .*School\?$/).fill("Helen Marsh, head teacher");
  await headPage
    .getByRole("group", { name: /Children's Services confirm the outcome\?$/ })
    .getByLabel("Phone call", { exact: true })
    .check();
  await headPage.getByLabel(/^Who confirmed it for .*Children's Services\?$/).fill("Martin Cole, head of service");
  await head.submit("Record as resolved");
  await head.done("The dispute has been recorded as resolved.");
  await expectAccessibleWithoutJavaScript(headPage);

  // Resolved, with the agreed action, and only comments left to add.
  await expect(headPage.getByRole("main").getByText("Resolved", { exact: true }).first()).toBeVisible();
  await expect(head.section("Agreed actions").getByRole("listitem")).toHaveCount(1);
  await expect(head.section("Agreed actions")).toContainText("Sam Riley, social worker. Due Thursday 11 June 2026.");
  await expect(head.actions.getByRole("link")).toHaveText(["Add a comment"]);

  // The history lists each step, in order, each with who and when.
  const titles = [
    "Disagreement raised at stage 1",
    /^Priya Shah now owns the dispute for Paignton Community Primary School/,
    /^Sam Riley now owns the dispute for Torbay Council Children's Services/,
    "Discussion recorded with Sam Riley, social worker",
    "Escalated from stage 1 to stage 2: Manager to manager",
    /^Tom Okafor now owns the dispute for Paignton Community Primary School/,
    /^Grace Adeyemi now owns the dispute for Torbay Council Children's Services/,
    "Discussion recorded with Grace Adeyemi, team manager",
    "Escalated from stage 2 to stage 3: Senior manager to senior manager",
    /^Helen Marsh now owns the dispute for Paignton Community Primary School/,
    /^Martin Cole now owns the dispute for Torbay Council Children's Services/,
    "Reached stage 3, where the policy asks for the board to be told",
    "Form completed: Professional Differences Record of Escalation",
    "Agreed action added: Start a child and family assessment",
    "Resolved",
  ];
  // The record's own entries; Parley's e-mails about it are entries too, sent as the worker runs.
  const entries = head.history.getByRole("heading", { level: 3 }).filter({ hasNotText: /^Parley (e-mailed|could not e-mail) / });
  await expect(entries).toHaveText(titles);
  for (const title of titles) await expect(head.entry(title)).toContainText(WHEN);
  for (const [title, who] of [
    ["Disagreement raised at stage 1", "Priya Shah"],
    ["Escalated from stage 1 to stage 2: Manager to manager", "Priya Shah"],
    ["Discussion recorded with Grace Adeyemi, team manager", "Tom Okafor"],
    ["Escalated from stage 2 to stage 3: Senior manager to senior manager", "Tom Okafor"],
    ["Form completed: Professional Differences Record of Escalation", "Helen Marsh"],
    ["Resolved", "Helen Marsh"],
  ] as const) {
    await expect(head.entry(title)).toContainText(who);
  }
  await expect(head.entry("Escalated from stage 1 to stage 2: Manager to manager")).toContainText("Children's social care will not reconsider the decision.");
  await expect(head.entry("Resolved")).toContainText(outcome);
  await expect(head.entry("Resolved")).toContainText("Martin Cole, head of service, by phone call");

  // The practitioner who raised it sees it resolved too.
  await teacher.open();
  await expect(teacherPage.getByRole("main").getByText("Resolved", { exact: true }).first()).toBeVisible();
  await expect(teacher.entry("Resolved")).toContainText("Helen Marsh, head teacher, by email");
});
