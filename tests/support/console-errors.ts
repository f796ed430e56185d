/**
 * Set-up for every test file (vitest.config.ts `setupFiles`, both projects): a
 * `console.error` nobody expected fails the test it happened in, or, when it
 * happened outside a test (in beforeAll, between tests, in afterAll), the file.
 *
 * A test that expects an error to be logged says so first:
 *
 *   expectConsoleError(/The register export failed/);
 *
 * Inside a test, the expectation lasts for that test, and the test fails if no
 * such error was logged. Called at the top of a file or in beforeAll, it lasts
 * for the rest of the file and may go unused. An expected error is not printed.
 * A test that replaces console.error itself (vi.spyOn(console, "error")) sees
 * the calls instead of this set-up, as before.
 */
import { format } from "node:util";
import { afterAll, afterEach, beforeEach } from "vitest";

type Expectation = { pattern: RegExp | string; seen: number; scope: "test" | "file" };

const original = console.error;
let inTest = false;
let expectations: Expectation[] = [];
let duringTest: string[] = [];
let outsideTests: string[] = [];

const matches = (pattern: RegExp | string, text: string) => (typeof pattern === "string" ? text.includes(pattern) : pattern.test(text));

console.error = (...args: unknown[]) => {
  const text = format(...args);
  const expected = expectations.find((e) => matches(e.pattern, text));
  if (expected) {
    expected.seen += 1;
    return;
  }
  (inTest ? duringTest : outsideTests).push(text);
  original(...args);
};

/** Declares that a console.error matching the pattern (a RegExp, or text it contains) is expected; see the top of this file. */
export function expectConsoleError(pattern: RegExp | string): void {
  expectations.push({ pattern, seen: 0, scope: inTest ? "test" : "file" });
}

const listed = (texts: string[]) => texts.map((t) => `  - ${t.split("\n")[0]}`).join("\n");

beforeEach(() => {
  inTest = true;
  duringTest = [];
});

afterEach(() => {
  inTest = false;
  const unused = expectations.filter((e) => e.scope === "test" && e.seen === 0);
  const logged = duringTest;
  expectations = expectations.filter((e) => e.scope === "file");
  duringTest = [];
  const problems: string[] = [];
  if (logged.length > 0)
    problems.push(`console.error was called, and the test did not expect it (expectConsoleError in tests/support/console-errors.ts):\n${listed(logged)}`);
  if (unused.length > 0) problems.push(`expected a console.error that was never logged: ${unused.map((e) => String(e.pattern)).join(", ")}`);
  if (problems.length > 0) throw new Error(problems.join("\n"));
});

afterAll(() => {
  const logged = outsideTests;
  outsideTests = [];
  if (logged.length > 0) {
    throw new Error(
      `console.error was called outside any test (in a hook or between tests), and nothing expected it (expectConsoleError in tests/support/console-errors.ts):\n${listed(logged)}`,
    );
  }
});
