import type { Page } from "@playwright/test";
import { expectAccessible } from "./axe";

/**
 * axe on a page as a browser without JavaScript shows it. With scripts off,
 * Chromium runs no timers, and axe (itself a script) would wait on them for
 * ever; so the same markup, with its scripts taken out, is checked in a page of
 * its own where axe can run. Its styles still come from the server, so colour
 * contrast and the rest are checked as shown.
 */
export async function expectAccessibleWithoutJavaScript(page: Page): Promise<void> {
  const url = page.url();
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "");
  const browser = page.context().browser();
  if (!browser) throw new Error("expectAccessibleWithoutJavaScript needs a page of a launched browser");
  // Explicitly: a test's own options (javaScriptEnabled: false among them) are the default for every new context.
  const context = await browser.newContext({ javaScriptEnabled: true });
  try {
    const checker = await context.newPage();
    await checker.route(
      (address) => address.href === url,
      (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
    );
    await checker.goto(url);
    await expectAccessible(checker, `${url} (without JavaScript)`);
  } finally {
    await context.close();
  }
}
