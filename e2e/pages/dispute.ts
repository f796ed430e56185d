import { expect, type Locator, type Page } from "@playwright/test";
import { accessible as expectAccessible } from "./dispute-support";

/** A date as typed in the GOV.UK date input's boxes (and its Time box, for a moment). */
export type TypedDate = { day: string; month: string; year: string; time?: string };
export type Discussion = { with: string; how: string; when: TypedDate; said: string; agreed?: string };
export type AgreedAction = { description: string; owner: string; due: TypedDate };

/** Types a date into the Day, Month, Year (and Time) boxes of a date question, found by its legend. */
export async function fillDate(question: Locator, date: TypedDate): Promise<void> {
  await question.getByLabel("Day", { exact: true }).fill(date.day);
  await question.getByLabel("Month", { exact: true }).fill(date.month);
  await question.getByLabel("Year", { exact: true }).fill(date.year);
  if (date.time !== undefined) await question.getByLabel("Time", { exact: true }).fill(date.time);
}
export type Confirmed = { method: string; by: string };

/** The dispute page and the forms it leads to, as someone working on the dispute uses them. */
export class DisputePage {
  constructor(
    readonly page: Page,
    readonly url: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(this.url);
    await this.loaded();
  }

  async loaded(): Promise<void> {
    await expect(this.page.getByRole("heading", { level: 1, name: /^Dispute / })).toBeVisible();
    await expectAccessible(this.page);
  }

  section(name: string | RegExp): Locator {
    return this.page.getByRole("region", { name });
  }

  get actions(): Locator {
    return this.section("What you can do");
  }

  get history(): Locator {
    return this.section("History");
  }

  get ladder(): Locator {
    return this.section("Stages");
  }

  get banner(): Locator {
    return this.page.getByRole("alert").filter({ hasText: "Success" });
  }

  /** A stage of the ladder, by the start of its title ("Stage 2"). */
  stage(title: string): Locator {
    return this.ladder.getByRole("listitem").filter({ has: this.page.locator("p.font-bold", { hasText: title }) });
  }

  /** Follows one of "What you can do" and waits for its form. */
  async take(action: string | RegExp, heading: string | RegExp): Promise<void> {
    await this.actions.getByRole("link", { name: action }).click();
    await this.formPage(heading);
  }

  async formPage(heading: string | RegExp): Promise<void> {
    await expect(this.page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectAccessible(this.page);
  }

  async submit(label: string): Promise<void> {
    await this.page.getByRole("button", { name: label, exact: true }).click();
  }

  /** After a successful action: back on the dispute with a banner. */
  async done(message: string | RegExp): Promise<void> {
    await expect(this.banner).toContainText(message);
    await expectAccessible(this.page);
  }

  async recordDiscussion(d: Discussion): Promise<void> {
    await this.take("Record a discussion", "Record a discussion");
    await this.page.getByLabel("Who did you speak with?").fill(d.with);
    await this.page.getByRole("group", { name: "How did you speak?" }).getByLabel(d.how, { exact: true }).check();
    await fillDate(this.page.getByRole("group", { name: "When did it take place?" }), d.when);
    await this.page.getByLabel("What was discussed?").fill(d.said);
    if (d.agreed) await this.page.getByLabel("What was agreed? (optional)").fill(d.agreed);
    await this.submit("Record the discussion");
    await this.done("The discussion has been recorded.");
  }

  /** Opens the escalate page (its preview is checked by the caller), then fills it in and confirms. */
  async openEscalate(toStage: string): Promise<void> {
    await this.take(`Escalate to ${toStage}`, new RegExp(`^Escalate to ${toStage}`));
  }

  async escalate(e: { reason: string; raisingOwner?: string; respondingOwner?: string; formsOnEntry?: string[] }): Promise<void> {
    await this.page.getByLabel(/^Why does the dispute need to go to/).fill(e.reason);
    const owner = async (label: RegExp, name: string) => {
      const select = this.page.getByLabel(label);
      const text = await select.locator("option", { hasText: name }).first().textContent();
      await select.selectOption({ label: text ?? name });
    };
    if (e.raisingOwner) await owner(/^Who will own it for .* School\? \(optional\)$/, e.raisingOwner);
    if (e.respondingOwner) await owner(/^Who will own it for .*Children's Services\? \(optional\)$/, e.respondingOwner);
    for (const form of e.formsOnEntry ?? []) await this.page.getByLabel(new RegExp(`I have completed the ${form}`)).check();
    await this.page.getByRole("button", { name: /^Escalate to / }).click();
    await this.done(/The dispute has been escalated/);
  }

  async completeForm(title: string): Promise<void> {
    await this.take("Record a completed form", "Record a completed form");
    await this.page.getByLabel(title, { exact: true }).check();
    await this.submit("Record the form");
    await this.done("The form has been recorded as completed.");
  }

  async resolve(r: { outcome: string; actions: AgreedAction[]; raising: Confirmed; responding: Confirmed }): Promise<void> {
    await this.take("Record that it is resolved", "Record that the dispute is resolved");
    await this.page.getByLabel("What was decided, and why?").fill(r.outcome);
    for (const [i, action] of r.actions.entries()) {
      await this.page.getByRole("button", { name: "Add an agreed action" }).click();
      const group = this.page.getByRole("group", { name: `Agreed action ${i + 1}` });
      await expect(group).toBeVisible();
      await group.getByLabel("What was agreed?").fill(action.description);
      await group.getByLabel("Who will do it?").fill(action.owner);
      await fillDate(group.getByRole("group", { name: "When is it due?" }), action.due);
    }
    for (const [side, c] of [
      ["raising", r.raising],
      ["responding", r.responding],
    ] as const) {
      const agency = side === "raising" ? /School confirm the outcome\?$/ : /Children's Services confirm the outcome\?$/;
      await this.page.getByRole("group", { name: agency }).getByLabel(c.method, { exact: true }).check();
      await this.page.getByLabel(side === "raising" ? /^Who confirmed it for .*School\?$/ : /^Who confirmed it for .*Children's Services\?$/).fill(c.by);
    }
    await this.submit("Record as resolved");
    await this.done("The dispute has been recorded as resolved.");
  }

  async openComment(): Promise<void> {
    await this.take("Add a comment", "Add a comment");
  }

  async writeComment(text: string): Promise<void> {
    await this.page.getByLabel("Your comment").fill(text);
    await this.submit("Add the comment");
  }

  /** A history entry by its title, with who did it and when. */
  entry(title: string | RegExp): Locator {
    return this.history.getByRole("listitem").filter({ has: this.page.getByRole("heading", { level: 3, name: title }) });
  }
}
