import { describe, expect, it } from "vitest";
import { PolicyRegistry } from "../../lib/policy";
import { DEMO_PARTNERSHIPS } from "../../lib/seed/demo-data";

describe("demo data", () => {
  const { registry, errors } = PolicyRegistry.load();

  it("has a partnership, with the same name and code, for every policy", () => {
    expect(errors).toEqual([]);
    const fromPolicies = registry.partnershipIds().map((id) => {
      const p = registry.get(id)!.partnership;
      return { id: p.id, name: p.name, code: p.code };
    });
    const fromDemo = DEMO_PARTNERSHIPS.map(({ id, name, code }) => ({ id, name, code }));
    expect(fromDemo.sort((a, b) => a.id.localeCompare(b.id))).toEqual(fromPolicies.sort((a, b) => a.id.localeCompare(b.id)));
  });
});
