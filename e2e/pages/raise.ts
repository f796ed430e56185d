import { expect, type Locator, type Page } from "@playwright/test";
import { accessible as expectAccessible } from "./dispute-support";

export type Child = { initials: string; yearOfBirth: string; ourReference?: string; theirReference?: string; kind?: "Child" | "Adult" };

export type Disagreement = {
  agency: string;
  person: string;
  /** The Parley user whose decision it is, by the start of their name in the list. */
  parleyUser?: string;
  children: Child[];
  areas: string[];
  decision: string;
  whyUnsafe: string;
  evidence: string;
  outcome: string;
  timescale?: string;
};

/** The raise flow as a practitioner goes through it; every page is checked with axe on arrival. */
export class RaiseFlow {
  constructor(
    readonly page: Page,
    readonly partnership: string,
  ) {}

  heading(name: string | RegExp): Locator {
    return this.page.getByRole("heading", { level: 1, name });
  }

  /** Waits for a step by its heading and checks it is accessible. */
  async at(heading: string | RegExp): Promise<void> {
    await expect(this.heading(heading)).toBeVisible();
    await expectAccessible(this.page);
  }

  get errorSummary(): Locator {
    return this.page.locator("[aria-labelledby=error-summary-title]");
  }

  async continue(): Promise<void> {
    await this.page.getByRole("button", { name: "Continue", exact: true }).click();
  }

  /** The first page, with any earlier draft deleted ("Start again", which asks first). */
  async start(): Promise<void> {
    await this.page.goto(`/p/${this.partnership}/disputes/new`);
    await expect(this.heading("Before you raise a disagreement")).toBeVisible();
    const again = this.page.getByRole("button", { name: "Start again" });
    if (await again.isVisible()) {
      await again.click();
      await this.confirmStartAgain();
    }
    await expectAccessible(this.page);
  }

  /** On "Are you sure you want to delete your answers?": yes. Back on the first page, with nothing kept. */
  async confirmStartAgain(): Promise<void> {
    await this.at("Are you sure you want to delete your answers?");
    await this.page.getByRole("button", { name: "Yes, delete my answers" }).click();
    await expect(this.heading("Before you raise a disagreement")).toBeVisible();
    await expect(this.page.getByText("Your earlier answers have been deleted.")).toBeVisible();
  }

  async answerImmediateRisk(atRisk: boolean): Promise<void> {
    const group = this.page.getByRole("group", { name: /at immediate risk of harm\?/ });
    await group.getByLabel(atRisk ? "Yes" : "No", { exact: true }).check();
    await this.continue();
  }

  async sayWhatWasDone(note: string): Promise<void> {
    await this.at(/is at immediate risk of harm$/);
    await this.page.getByLabel("What have you done about the immediate risk?").fill(note);
    await this.continue();
  }

  async confirmRightProcess(): Promise<void> {
    await this.at("Is this the right process?");
    await this.page.getByLabel(/This is a disagreement with another agency about a decision/).check();
    await this.continue();
  }

  async chooseAgency(agency: string): Promise<void> {
    await this.at("Which agency made the decision you disagree with?");
    await this.page.getByLabel("Agency", { exact: true }).selectOption({ label: agency });
    await this.continue();
  }

  async namePerson(person: string, parleyUser?: string): Promise<void> {
    await this.at("Whose decision do you disagree with?");
    await this.page.getByLabel("Their name and role").fill(person);
    if (parleyUser) {
      const select = this.page.getByLabel("If they use Parley, choose them (optional)");
      const option = select.locator("option", { hasText: parleyUser });
      await select.selectOption({ label: (await option.first().textContent()) ?? parleyUser });
    }
    await this.continue();
  }

  async describeChildren(children: Child[]): Promise<void> {
    await this.at(/is this about\?$/);
    for (const [i, child] of children.entries()) {
      if (i > 0) {
        await this.page.getByRole("button", { name: /^Add another/ }).click();
        const added = this.page.getByRole("group", { name: new RegExp(`^(Child|Adult|Person) ${i + 1}$`) });
        await expect(added).toBeVisible();
        // Focus follows the press into the new item, not back to the top of the page.
        await expect(added.locator(":focus")).toHaveCount(1);
      }
      const group = this.page.getByRole("group", { name: new RegExp(`^(Child|Adult|Person) ${i + 1}$`) });
      if (child.kind) await group.getByLabel(child.kind, { exact: true }).check();
      await group.getByLabel("Initials").fill(child.initials);
      await group.getByLabel("Year of birth").fill(child.yearOfBirth);
      if (child.ourReference)
        await group
          .getByLabel(/case reference/)
          .first()
          .fill(child.ourReference);
      if (child.theirReference)
        await group
          .getByLabel(/case reference/)
          .nth(1)
          .fill(child.theirReference);
    }
    await this.continue();
  }

  async chooseAreas(areas: string[]): Promise<void> {
    await this.at("What is the disagreement about?");
    for (const area of areas) await this.page.getByLabel(area, { exact: true }).check();
    await this.continue();
  }

  async describeDecision(decision: string, whyUnsafe: string): Promise<void> {
    await this.at("The decision you disagree with");
    await this.page.getByLabel("What decision do you disagree with?").fill(decision);
    await this.page.getByLabel(/Why do you think the decision is unsafe/).fill(whyUnsafe);
    await this.continue();
  }

  async giveEvidence(evidence: string): Promise<void> {
    await this.at("Your evidence");
    await this.page.getByLabel("Summarise your evidence").fill(evidence);
    await this.continue();
  }

  async seekOutcome(outcome: string, timescale?: string): Promise<void> {
    await this.at("What outcome do you want?");
    await this.page.getByLabel("The outcome you want").fill(outcome);
    if (timescale) await this.page.getByLabel("By when? (optional)").fill(timescale);
    await this.continue();
  }

  async checkAnswers(): Promise<void> {
    await this.at("Check your answers before raising the disagreement");
  }

  /** Raises from "Check your answers" and waits for the confirmation. */
  async raise(): Promise<Confirmation> {
    await this.page.getByRole("button", { name: "Raise the disagreement" }).click();
    await expect(this.heading("Disagreement raised")).toBeVisible();
    await expectAccessible(this.page);
    return new Confirmation(this.page);
  }

  /** The whole flow with no immediate risk, up to "Check your answers". */
  async fillIn(d: Disagreement): Promise<void> {
    await this.start();
    await this.answerImmediateRisk(false);
    await this.confirmRightProcess();
    await this.chooseAgency(d.agency);
    await this.namePerson(d.person, d.parleyUser);
    await this.describeChildren(d.children);
    await this.chooseAreas(d.areas);
    await this.describeDecision(d.decision, d.whyUnsafe);
    await this.giveEvidence(d.evidence);
    await this.seekOutcome(d.outcome, d.timescale);
    await this.checkAnswers();
  }

  /** Raises a disagreement from start to confirmation. */
  async raiseDisagreement(d: Disagreement): Promise<Confirmation> {
    await this.fillIn(d);
    return this.raise();
  }
}

/** The confirmation page after raising. */
export class Confirmation {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.locator("h1", { hasText: "Disagreement raised" }).locator("..");
  }

  async reference(): Promise<string> {
    return ((await this.panel.locator("strong").textContent()) ?? "").trim();
  }

  /** The value of a row of "What happens next". */
  row(key: string | RegExp): Locator {
    return this.page
      .locator("dl > div")
      .filter({ has: this.page.locator("dt", { hasText: key }) })
      .locator("dd")
      .first();
  }

  /** Opens the dispute page and returns its address. */
  async viewDispute(): Promise<string> {
    await this.page.getByRole("link", { name: "View the dispute" }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: /^Dispute / })).toBeVisible();
    return this.page.url();
  }
}

export const torbayDisagreement: Disagreement = {
  agency: "Torbay Council Children's Services",
  person: "Sam Riley, social worker",
  parleyUser: "Sam Riley",
  children: [{ initials: "JS", yearOfBirth: "2016", ourReference: "PCPS-1142" }],
  areas: ["Levels of need or referral decisions"],
  decision: "The referral made on 1 June was closed with no further action.",
  whyUnsafe: "The child has disclosed being left alone overnight twice this month.",
  evidence: "Two disclosures recorded on the school's safeguarding log, 28 May and 2 June.",
  outcome: "A child and family assessment.",
  timescale: "Within 2 working days",
};
