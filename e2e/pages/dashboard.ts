import { expect, type Locator, type Page } from "@playwright/test";
import { expectAccessible } from "../support/axe";

/**
 * The partnership dashboard (/p/<partnership>), as a person reads it: sections
 * (regions named by their headings), lists named by their group headings
 * ("Overdue (1)"), and disputes named by their reference links.
 */
export class DashboardPage {
  constructor(
    readonly page: Page,
    readonly partnershipId: string,
  ) {}

  get main(): Locator {
    return this.page.getByRole("main");
  }

  get nav(): Locator {
    return this.page.getByRole("navigation", { name: "Partnership" });
  }

  async goto(): Promise<void> {
    await this.page.goto(`/p/${this.partnershipId}`);
    await this.expectShown();
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL(new RegExp(`/p/${this.partnershipId}$`));
    await expect(this.main.getByText("Your dashboard")).toBeVisible();
    await expect(this.nav.getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
  }

  /** The axe check once the page has its title (Next.js streams metadata after the content). */
  async expectAccessible(): Promise<void> {
    await expect(this.page).toHaveTitle(/\S/);
    await expectAccessible(this.page);
  }

  /**
   * A section: "My disputes", "Assigned to me", "Awaiting an owner", "What my team raised",
   * "Raised with my team", "Raised against an agency not on Parley", "Board register".
   */
  section(name: string): Locator {
    return this.page.getByRole("region", { name, exact: true });
  }

  /** A list in a section, by its heading: a group ("Overdue", "Open"…) or, for the team sections, the section itself. */
  list(section: string, group?: string): Locator {
    const name = new RegExp(`^${escape(group ?? section)}( \\(\\d+\\))?$`);
    return this.section(section).getByRole("list", { name });
  }

  /** The references listed, in order. */
  async references(list: Locator): Promise<string[]> {
    return list.getByRole("listitem").getByRole("link").allInnerTexts();
  }

  /** One dispute in a list, by its reference. */
  item(list: Locator, reference: string): Locator {
    return list.getByRole("listitem").filter({ has: this.page.getByRole("link", { name: reference, exact: true }) });
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
