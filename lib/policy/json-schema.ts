import { z } from "zod";
import { ExtendsSchema, FIELD_BY_FIELD, KEYED, RegionInfoSchema } from "./layers";
import { PolicyShape } from "./schema";

export const POLICY_SCHEMA_PATH = "policies/policy.schema.json";

type Json = { [k: string]: unknown };
const isJson = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The schema of a layer (a region file, or a local supplement with `extends`):
 * the policy's, with nothing required where the merge goes field by field (the
 * document, areas, immediateRisk, and items of lists merged by id, which keep
 * only their id), and `remove`/`replace`/`addAfter` allowed on those items.
 * Anything replaced whole (a party, a `from`, a note) must still be whole.
 */
function layerSchema(node: unknown, at: string): unknown {
  if (Array.isArray(node)) return node.map((n) => layerSchema(n, at));
  if (!isJson(node)) return node;
  const keyedItem = at.endsWith("[]") ? KEYED[at.slice(0, -2)] : undefined;
  const partial = keyedItem !== undefined || FIELD_BY_FIELD.has(at);
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "properties" && isJson(v)) {
      out.properties = Object.fromEntries(Object.entries(v).map(([name, sub]) => [name, layerSchema(sub, at === "" ? name : `${at}.${name}`)]));
    } else if (k === "items") out.items = layerSchema(v, `${at}[]`);
    else if ((k === "oneOf" || k === "anyOf") && partial)
      out.anyOf = layerSchema(v, at); // a partial deadline may fit several units
    else if (k === "required" && partial) {
      const kept = (v as string[]).filter((name) => keyedItem?.keys.includes(name));
      if (kept.length > 0) out.required = kept;
    } else out[k] = layerSchema(v, at);
  }
  if (keyedItem && isJson(out.properties)) {
    out.properties = {
      ...out.properties,
      remove: { const: true, description: "Removes the region's item with this id." },
      replace: { const: true, description: "Replaces the region's item with this id whole, instead of field by field." },
      addAfter: { type: "string", description: "Adds this new item after the one with this id (by default: at the end)." },
    };
  }
  return out;
}

/**
 * The JSON Schema editors use to check policy files as they are typed
 * (draft-07, input side: fields with defaults are optional). A file with
 * `extends` or `region` (a local supplement, or a regional procedure) is checked
 * as a layer: every field optional. The cross-field rules, and what a merged
 * policy lacks, are not expressible in JSON Schema; `npm run -s policy -- check` runs them.
 */
export function policyJsonSchema(): string {
  const { $schema, ...schema } = z.toJSONSchema(PolicyShape, { io: "input", target: "draft-7" }) as Json;
  const layer = layerSchema(JSON.parse(JSON.stringify(schema)), "") as Json;
  const toJson = (s: z.ZodType) => {
    const { $schema: _s, ...rest } = z.toJSONSchema(s, { io: "input", target: "draft-7" }) as Json;
    return rest;
  };
  layer.properties = {
    extends: toJson(ExtendsSchema),
    region: toJson(RegionInfoSchema),
    ...(layer.properties as Json),
  };
  const withHeader = {
    $schema,
    $id: "https://parley.invalid/policy.schema.json",
    title: "Parley escalation policy",
    description:
      "An escalation (resolving professional differences) policy of one partnership, one version; or, with `extends` or `region`, a local supplement or a regional procedure (docs/policy-format.md, Layering). Generated from lib/policy/schema.ts by scripts/generate-policy-schema.ts: do not edit by hand.",
    if: { anyOf: [{ required: ["extends"] }, { required: ["region"] }] },
    then: layer,
    else: schema,
  };
  return `${JSON.stringify(withHeader, null, 2)}\n`;
}
