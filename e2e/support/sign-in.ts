import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../lib/seed/demo-data";

export { DEMO_PASSWORD };

/**
 * Signs in through the sign-in page as a person would, and waits until they have
 * arrived (by default at /p/…, their partnership or the chooser). For journeys:
 *
 *   await signInAs(page, "teacher@torbay.example");
 *   await signInAs(page, "shared-police@parley.example", { next: "/p/westbridge" });
 */
export async function signInAs(page: Page, email: string, options: { password?: string; next?: string } = {}): Promise<void> {
  const url = options.next ? `/sign-in?next=${encodeURIComponent(options.next)}` : "/sign-in";
  await page.goto(url);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(options.password ?? DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(options.next ? new RegExp(`${escape(options.next)}$`) : /\/p(\/[^/?#]+)?$/);
}

/** Signs out with the header's button and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signed-out=1$/);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
