/** Writes policies/policy.schema.json from the zod schema. Run after changing lib/policy/schema.ts. */
import fs from "node:fs";
import { POLICY_SCHEMA_PATH, policyJsonSchema } from "@/lib/policy/json-schema";

fs.writeFileSync(POLICY_SCHEMA_PATH, policyJsonSchema());
console.log(`Wrote ${POLICY_SCHEMA_PATH}`);
