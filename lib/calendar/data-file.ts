/**
 * Reading YAML data (a policy, a holiday calendar, a closures list) and
 * describing what is wrong with it in lines a business manager can act on:
 *   policies/x.yaml: routes[0].stages[2].deadlines[0].amount: expected a positive whole number
 * No Node-only imports: the app can validate a policy held in the database in any runtime.
 */
import { parseDocument } from "yaml";
import type { z } from "zod";

export type FileErrors = { file: string; messages: string[] };

export type YamlResult = { ok: true; data: unknown } | { ok: false; messages: string[] };

export function parseYaml(text: string): YamlResult {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      messages: doc.errors.map((e) => {
        const where = e.linePos?.[0];
        // prettyErrors appends " at line L, column C:" and a code excerpt; keep the reason only.
        const reason = (e.message.split("\n")[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, "");
        return where ? `line ${where.line}, column ${where.col}: ${reason}` : reason;
      }),
    };
  }
  return { ok: true, data: doc.toJS() as unknown };
}

/** A path as people read it: routes[0].stages[2].deadlines[0].amount */
export function formatPath(pathParts: readonly PropertyKey[]): string {
  let out = "";
  for (const part of pathParts) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return `"${value}"`;
    case "number":
      return Number.isInteger(value) ? `the number ${value}` : `the number ${value}`;
    case "boolean":
      return value ? "yes (true)" : "no (false)";
    case "object":
      return "a group of fields";
    default:
      return "a value of the wrong kind";
  }
}

function describeExpected(expected: string): string {
  switch (expected) {
    case "string":
      return "text";
    case "number":
    case "int":
      return "a number";
    case "boolean":
      return "true or false";
    case "array":
      return "a list";
    case "object":
      return "a group of fields";
    default:
      return expected;
  }
}

const quoteList = (values: readonly unknown[]): string => values.map((v) => JSON.stringify(v)).join(", ");

/**
 * Plain-English messages for zod's built-in issues. Schema-level messages
 * (e.g. "expected a positive whole number") take precedence over these.
 */
export const plainEnglishErrors: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case "invalid_type":
      if (iss.input === undefined) return "required, but missing";
      return `expected ${describeExpected(iss.expected)}, found ${describeValue(iss.input)}`;
    case "too_small":
      if (iss.origin === "string") return "must not be empty";
      if (iss.origin === "array") return `must list at least ${String(iss.minimum)} item${iss.minimum === 1 ? "" : "s"}`;
      return `expected at least ${String(iss.minimum)}`;
    case "too_big":
      if (iss.origin === "array") return `must list at most ${String(iss.maximum)} items`;
      return `expected at most ${String(iss.maximum)}`;
    case "invalid_value":
      if (iss.values.length === 1) return `expected ${quoteList(iss.values)}, found ${describeValue(iss.input)}`;
      return `expected one of ${quoteList(iss.values)}, found ${describeValue(iss.input)}`;
    case "invalid_format":
      if (iss.format === "date") return `expected a date written YYYY-MM-DD (e.g. 2026-01-07), found ${describeValue(iss.input)}`;
      if (iss.format === "email") return `expected an email address, found ${describeValue(iss.input)}`;
      if (iss.format === "url") return `expected a web address starting https://, found ${describeValue(iss.input)}`;
      return `is not in the expected format (found ${describeValue(iss.input)})`;
    case "invalid_union": {
      if ("discriminator" in iss && typeof iss.discriminator === "string") {
        const input = iss.input as Record<string, unknown> | undefined;
        const found = input && typeof input === "object" ? input[iss.discriminator] : undefined;
        const options = "options" in iss && Array.isArray(iss.options) ? iss.options : [];
        return `expected one of ${quoteList(options)}, found ${describeValue(found)}`;
      }
      return `does not match any of the allowed shapes (found ${describeValue(iss.input)})`;
    }
    case "not_multiple_of":
      return `expected a multiple of ${String(iss.divisor)}`;
    default:
      return undefined;
  }
};

/** Whether these issues say only that the value is not the word "not-stated" (one side of `X or "not-stated"`). */
const onlyNotNotStated = (issues: readonly z.core.$ZodIssue[]) =>
  issues.length === 1 && issues[0]?.code === "invalid_value" && issues[0].values.length === 1 && issues[0].values[0] === "not-stated";

/**
 * A value that may be written out or be "not-stated" (lib/policy/schema.ts): when
 * it is neither, the problems with the written-out value are the ones to report.
 */
function withoutNotStated(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((iss) => {
    if (iss.code !== "invalid_union" || iss.errors.length !== 2) return [iss];
    const rest = iss.errors.filter((option) => !onlyNotNotStated(option));
    if (rest.length !== 1) return [iss];
    return withoutNotStated((rest[0] as z.core.$ZodIssue[]).map((sub) => ({ ...sub, path: [...iss.path, ...sub.path] })));
  });
}

/** One line per problem: "<path>: <reason>", unknown fields reported one by one. */
export function issueMessages(issues: readonly z.core.$ZodIssue[]): string[] {
  const lines: string[] = [];
  for (const iss of withoutNotStated(issues)) {
    if (iss.code === "unrecognized_keys") {
      for (const key of iss.keys) {
        lines.push(`${formatPath([...iss.path, key])}: unknown field "${key}" (check the spelling; field names are case-sensitive)`);
      }
      continue;
    }
    const where = formatPath(iss.path);
    lines.push(where === "" ? iss.message : `${where}: ${iss.message}`);
  }
  return lines;
}
