import { z } from "zod";
import { PolicyShape } from "./schema";

export const POLICY_SCHEMA_PATH = "policies/policy.schema.json";

/**
 * The JSON Schema editors use to check policy files as they are typed
 * (draft-07, input side: fields with defaults are optional). The cross-field
 * rules are not expressible in JSON Schema; `npm run -s policy -- check` runs them.
 */
export function policyJsonSchema(): string {
  const schema = z.toJSONSchema(PolicyShape, { io: "input", target: "draft-7" });
  const withHeader = {
    ...schema,
    $id: "https://parley.invalid/policy.schema.json",
    title: "Parley escalation policy",
    description:
      "An escalation (resolving professional differences) policy of one partnership, one version. Generated from lib/policy/schema.ts by scripts/generate-policy-schema.ts: do not edit by hand.",
  };
  return `${JSON.stringify(withHeader, null, 2)}\n`;
}
