import { describe, expect, it } from "vitest";
import { RAISE_STEPS } from "../../../lib/drafts/answers";
import { RAISE_STEP_MODULES, stepOfPath } from "../../../lib/views/raise-flow";

describe("the raise flow's step modules", () => {
  it("are one per step, each under its own name", () => {
    expect(Object.keys(RAISE_STEP_MODULES).sort()).toEqual([...RAISE_STEPS].sort());
    for (const [name, step] of Object.entries(RAISE_STEP_MODULES)) expect(step.step).toBe(name);
  });

  it("ask for different fields of the use case, so that an error on a field leads to the one step that asks for it", () => {
    const owners = new Map<string, string[]>();
    for (const step of Object.values(RAISE_STEP_MODULES)) for (const path of step.paths) owners.set(path, [...(owners.get(path) ?? []), step.step]);
    for (const [path, steps] of owners) {
      expect(steps, path).toHaveLength(1);
      expect(stepOfPath(`${path}.0.anything`)).toBe(steps[0]);
    }
  });
});
