import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * Fails the test on any axe violation of WCAG 2.0, 2.1 and 2.2 A and AA rules,
 * listing each rule and the elements that break it.
 */
export async function expectAccessible(page: Page, context = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact ?? "unknown"}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`,
  );
  expect(summary, `accessibility violations on ${context}`).toEqual([]);
}
