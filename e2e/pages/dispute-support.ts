import { expect, type Page } from "@playwright/test";
import { expectAccessible } from "../support/axe";

/**
 * The axe check, once the page has its title: Next.js streams a dynamic page's
 * metadata after its content, so the <title> may arrive just after the heading.
 */
export async function accessible(page: Page): Promise<void> {
  await expect(page).toHaveTitle(/\S/);
  await expectAccessible(page);
}
