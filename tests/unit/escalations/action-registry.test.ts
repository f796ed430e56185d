import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ACTIONS } from "../../../lib/escalations";
import type { PostedForm } from "../../../lib/escalations/action-descriptor";
import { ACTION_DESCRIPTORS, ACTION_REGISTRY } from "../../../lib/escalations/action-registry";

/** A form with every answer given, so that toInput includes the fields it adds only when answered. */
const everythingAnswered: PostedForm = {
  target: "raising",
  optional: () => "x",
  list: () => ["yes"],
  repeatIndexes: () => [0],
  date: () => "2026-06-04",
  alias: () => undefined,
};

const keysOf = (schema: z.ZodType) => Object.keys((schema as unknown as { shape: Record<string, unknown> }).shape);

describe("the actions' registry", () => {
  it("has one descriptor per action, under its own name", () => {
    expect(Object.keys(ACTION_REGISTRY).sort()).toEqual([...ACTIONS].sort());
    for (const [name, d] of Object.entries(ACTION_REGISTRY)) expect(d.name).toBe(name);
  });

  it("gives each action its own page, API path and operation", () => {
    const unique = (values: string[]) => expect(new Set(values).size).toBe(values.length);
    unique(ACTION_DESCRIPTORS.map((d) => d.page.slug));
    unique(ACTION_DESCRIPTORS.map((d) => d.api.path));
    unique(ACTION_DESCRIPTORS.map((d) => d.api.operationId));
  });

  it("turns a form into fields of the action's input schema only, and every form carries the version", () => {
    for (const d of ACTION_DESCRIPTORS) {
      const fields = keysOf(d.input);
      expect(fields, d.name).toContain("expectedVersion");
      for (const key of Object.keys(d.form.toInput(everythingAnswered))) expect(fields, `${d.name}: ${key}`).toContain(key);
    }
  });
});
