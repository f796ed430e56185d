import { issueMessages, parseYaml, plainEnglishErrors } from "@/lib/calendar/data-file";
import { checkPolicy } from "./cross-checks";
import type { PolicyParent } from "./layers";
import { PolicyShape, type PolicyData } from "./schema";

/** The policy format with its cross-field rules. */
export const PolicySchema = PolicyShape.superRefine(checkPolicy);

/**
 * A validated policy version. `ref` is "<partnership-id>@<version>". `extends`:
 * the regional procedure a local supplement was merged with (the policy itself is the merged one).
 */
export type Policy = PolicyData & { readonly ref: string; readonly file: string | null; readonly extends?: PolicyParent };

export type PolicyParseResult = { ok: true; policy: Policy } | { ok: false; messages: string[] };

export function policyRef(p: { partnership: { id: string }; version: string }): string {
  return `${p.partnership.id}@${p.version}`;
}

export function parsePolicyData(data: unknown, file: string | null = null): PolicyParseResult {
  const parsed = PolicySchema.safeParse(data, { error: plainEnglishErrors });
  if (!parsed.success) return { ok: false, messages: issueMessages(parsed.error.issues) };
  return { ok: true, policy: { ...parsed.data, ref: policyRef(parsed.data), file } };
}

export function parsePolicyText(text: string, file: string | null = null): PolicyParseResult {
  const yaml = parseYaml(text);
  if (!yaml.ok) return yaml;
  return parsePolicyData(yaml.data, file);
}
