import { expect, type Locator, type Page } from "@playwright/test";
import { expectAccessible } from "../support/axe";

export type RegisterFilterChoice = { status?: string; stage?: string; agency?: string; area?: string; deadline?: string };

/** The board register (/p/<partnership>/register): counts, a GET filter form and a table of disputes. */
export class RegisterPage {
  constructor(
    readonly page: Page,
    readonly partnershipId: string,
  ) {}

  async goto(query = ""): Promise<void> {
    await this.page.goto(`/p/${this.partnershipId}/register${query}`);
    await this.expectShown();
  }

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole("heading", { level: 1, name: "Board register" })).toBeVisible();
    await expect(this.page.getByRole("navigation", { name: "Partnership" }).getByRole("link", { name: "Register" })).toHaveAttribute("aria-current", "page");
  }

  async expectAccessible(): Promise<void> {
    await expect(this.page).toHaveTitle(/Board register/);
    await expectAccessible(this.page);
  }

  get counts(): Locator {
    return this.page.getByRole("list", { name: "On the register now" });
  }

  /** A count at the top of the register, e.g. count("Overdue"), as a link to the disputes it counts. */
  countLink(label: string): Locator {
    return this.counts.getByRole("link", { name: new RegExp(`^\\d+ ${label}$`) });
  }

  async count(label: string): Promise<number> {
    const text = await this.countLink(label).innerText();
    return Number(text.trim().split(/\s+/)[0]);
  }

  get table(): Locator {
    return this.page.getByRole("table", { name: /^Disputes on the register/ });
  }

  /** The table's rows, without the header row. */
  get rows(): Locator {
    return this.table.getByRole("row").filter({ has: this.page.getByRole("rowheader") });
  }

  async references(): Promise<string[]> {
    return this.rows.getByRole("rowheader").getByRole("link").allInnerTexts();
  }

  row(reference: string): Locator {
    return this.rows.filter({ has: this.page.getByRole("link", { name: reference, exact: true }) });
  }

  /** Chooses filters by their labels in the form and applies them (a GET: the choice lands in the address). */
  async filter(choice: RegisterFilterChoice): Promise<void> {
    const form = this.page.getByRole("form", { name: "Filter the register" });
    const selects: [keyof RegisterFilterChoice, string][] = [
      ["status", "Status"],
      ["stage", "Stage"],
      ["agency", "Agency"],
      ["area", "Area of disagreement"],
      ["deadline", "Deadline"],
    ];
    for (const [key, label] of selects) {
      const value = choice[key];
      if (value !== undefined) await form.getByLabel(label, { exact: true }).selectOption({ label: value });
    }
    await form.getByRole("button", { name: "Apply filters" }).click();
    await expect(this.page).toHaveURL(/\/register\?/);
    await this.expectShown();
  }
}
