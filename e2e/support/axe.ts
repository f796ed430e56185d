import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * Fails the test on any axe violation of WCAG 2.0, 2.1 and 2.2 A and AA rules,
 * listing each rule and the elements that break it.
 */
export async function expectAccessible(page: Page, context = page.url()): Promise<void> {
  // axe runs as a script in the page: in a context with scripts off it cannot run (and would
  // wait forever). Those pages' markup is the one the scripted journeys check.
  if (!(await scriptsRun(page))) return;
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact ?? "unknown"}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
  expect(summary, `accessibility violations on ${context}`).toEqual([]);
}

/**
 * Whether the page's own timers run: false in a context made with
 * javaScriptEnabled: false, where Playwright can still evaluate but a
 * setTimeout in the page never fires (so axe would wait forever).
 */
async function scriptsRun(page: Page): Promise<boolean> {
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1_000));
  const timerFires = page.evaluate(() => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 0))).catch(() => false);
  return Promise.race([timerFires, timeout]);
}
