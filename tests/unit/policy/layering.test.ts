/**
 * Layering (issue 14, construct 10): a regional procedure with local supplements
 * that add or override rules, merged into one ordinary policy.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadJurisdictionCalendars } from "@/lib/calendar/holiday-data";
import { WorkingCalendar } from "@/lib/calendar/working-calendar";
import { PolicyRegistry, computeSchedule, loadPolicyFile, loadRegionFile, policyJsonSchema, type Policy } from "@/lib/policy";
import { policyOverview } from "@/lib/views/admin-policy";
import { FIXTURES, POLICIES, ROOT, at } from "./helpers";

const EXAMPLES = path.join(POLICIES, "examples");
const LAYERING = path.join(FIXTURES, "layering");
const REGION_TEXT = fs.readFileSync(path.join(EXAMPLES, "regions/the-vales/2026-1.yaml"), "utf8");
const calendar = new WorkingCalendar(loadJurisdictionCalendars(path.join(POLICIES, "calendars")).get("england-and-wales")!);

function loaded(file: string): Policy {
  const r = loadPolicyFile(file);
  if (!r.ok) throw new Error(r.messages.join("\n"));
  return r.policy;
}

/** A policies folder in a temporary directory holding the example region and the files given. */
function layout(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-layering-"));
  for (const [name, text] of Object.entries({ "regions/the-vales/2026-1.yaml": REGION_TEXT, ...files })) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const HEAD = `extends: { region: the-vales, version: "2026-1" }
partnership: { id: local, name: Local Safeguarding Children Partnership, code: LSCP }
version: "2026-1"
effectiveFrom: "2026-03-01"
`;
function supplement(body: string) {
  const dir = layout({ "local/2026-1.yaml": HEAD + body });
  return loadPolicyFile(path.join(dir, "local/2026-1.yaml"));
}

describe("a local supplement merged with its regional procedure", () => {
  const policy = loaded(path.join(EXAMPLES, "eastvale/2026-1.yaml"));
  const stage = (key: string) => policy.routes[0]!.stages.find((s) => s.key === key)!;

  it("is one ordinary policy: the local file's ref, version and partnership, the region recorded as its parent", () => {
    expect(policy.ref).toBe("eastvale@2026-1");
    expect(policy.file).toBe("policies/examples/eastvale/2026-1.yaml");
    expect(policy.extends).toEqual({
      region: "the-vales",
      version: "2026-1",
      name: "The Vales regional safeguarding children procedures",
      file: "policies/examples/regions/the-vales/2026-1.yaml",
    });
    expect(policy.jurisdiction).toBe("england-and-wales"); // the region's
    expect(policy.boardOversightStage).toBe(3);
    expect(policy.source.file).toBe("eastvale-local-supplement.txt"); // replaced whole
    expect(policy.source.note).toBe("Invented for the documentation.");
  });

  it("adds a contact and an event to the region's, and keeps the region's stages in order", () => {
    expect(policy.contacts?.map((c) => c.id)).toEqual(["business-manager", "escalation-panel"]);
    expect(policy.events?.map((e) => e.id)).toEqual(["panel-referral"]);
    expect(policy.routes[0]!.stages.map((s) => s.key)).toEqual(["stage-1", "stage-2", "stage-3"]);
    expect(policy.routes[0]!.title).toBe("Resolving professional differences");
  });

  it("overrides one deadline's amount field by field, keeping the region's other fields, and adds a stage note", () => {
    expect(stage("stage-2").deadlines).toEqual([
      expect.objectContaining({ id: "stage-2-resolve", label: "Resolve between the managers", amount: 5, decidesOverdue: true, cite: "Local supplement 1" }),
    ]);
    expect(stage("stage-2").notes).toEqual([{ text: "In Eastvale the managers meet in person, or by video call if they cannot.", cite: "Local supplement 1" }]);
    expect(stage("stage-3").deadlines?.map((d) => d.id)).toEqual(["stage-3-resolve", "panel-acknowledges"]);
  });

  it("computes its schedule with the override (5 working days at stage 2, across Easter), the region's other deadlines unchanged", () => {
    const schedule = computeSchedule({ policy, raised: at("2026-03-30T09:00:00Z"), calendar });
    const due = schedule.stages.map((s) => s.deadlines.find((d) => d.decidesOverdue)?.dueAtIso);
    expect(due).toEqual(["2026-04-01T17:00:00+01:00", "2026-04-10T17:00:00+01:00", "2026-04-17T17:00:00+01:00"]);
    expect(schedule.stages[1]?.deadlines[0]?.rule).toBe("5 working days from entering stage 2");
    expect(schedule.stages[1]?.deadlines[0]?.cite).toBe("Local supplement 1");
  });

  it("is what the registry loads for the partnership; the region is never loaded as a partnership", () => {
    const { registry, errors } = PolicyRegistry.load(EXAMPLES, path.join(POLICIES, "calendars"));
    expect(errors).toEqual([]);
    expect(registry.get("eastvale@2026-1")?.extends?.region).toBe("the-vales");
    expect(registry.partnershipIds()).not.toContain("the-vales");
    expect(registry.partnershipIds()).not.toContain("regions");
  });

  it("is shown on the partnership's policy page as a supplement to its regional procedure", () => {
    const overview = policyOverview(PolicyRegistry.load(EXAMPLES, path.join(POLICIES, "calendars")), "eastvale", new Date("2026-06-04T09:00:00Z"));
    expect(overview.versions[0]).toMatchObject({
      ref: "eastvale@2026-1",
      inForce: true,
      extendsRegion: "The Vales regional safeguarding children procedures, version 2026-1",
    });
  });

  it("checks the region file on its own: any of a policy's fields, each whole, in regions/<id>/<version>.yaml", () => {
    expect(loadRegionFile(path.join(EXAMPLES, "regions/the-vales/2026-1.yaml")).ok).toBe(true);
    const dir = layout({ "regions/the-vales/2026-2.yaml": REGION_TEXT.replace("    cite: Regional procedure 6", "") });
    const r = loadRegionFile(path.join(dir, "regions/the-vales/2026-2.yaml"));
    expect(r.ok ? [] : r.messages).toEqual(["contacts[0].cite: required, but missing"]);
    fs.writeFileSync(path.join(dir, "regions/the-vales/2026-2.yaml"), REGION_TEXT);
    const misnamed = loadRegionFile(path.join(dir, "regions/the-vales/2026-2.yaml"));
    expect(misnamed.ok ? [] : misnamed.messages).toEqual(['version: expected "2026-2" (the file name), found "2026-1"']);
  });
});

describe("merge rules", () => {
  it("remove: true removes the region's item; replace: true replaces it whole; addAfter places a new one", () => {
    const r = supplement(`
contacts:
  - { id: business-manager, remove: true }
routes:
  - id: main
    stages:
      - key: stage-1
        deadlines:
          - id: stage-1-resolve
            replace: true
            label: Resolve between the practitioners
            unit: same-working-day
            from: stage-entered
            kind: mandatory
            decidesOverdue: true
            cite: Local 1
      - key: stage-1b
        addAfter: stage-1
        number: 2
        title: Team managers
        raising: { level: manager }
        responding: { level: manager }
        cite: Local 2
      - key: stage-2
        number: 3
      - key: stage-3
        number: 4
    notes:
      - { text: A note of our own, cite: Local 3 }
boardOversightStage: 4
`);
    if (!r.ok) throw new Error(r.messages.join("\n"));
    expect(r.policy.contacts).toEqual([]);
    expect(r.policy.routes[0]!.stages.map((s) => `${s.key}:${s.number}`)).toEqual(["stage-1:1", "stage-1b:2", "stage-2:3", "stage-3:4"]);
    expect(r.policy.routes[0]!.stages[0]!.deadlines?.[0]).toEqual({
      id: "stage-1-resolve",
      label: "Resolve between the practitioners",
      unit: "same-working-day",
      from: "stage-entered",
      kind: "mandatory",
      decidesOverdue: true,
      cite: "Local 1",
    });
    expect(r.policy.routes[0]!.notes).toEqual([{ text: "A note of our own", cite: "Local 3" }]);
  });

  it("says what is wrong with the merge itself, at the local file's paths", () => {
    const r = supplement(`
routes:
  - id: main
    stages:
      - { key: stage-9, remove: true }
      - { key: stage-2, addAfter: stage-1 }
      - { title: No key }
      - { key: stage-4, replace: true, title: x }
`);
    expect(r.ok ? [] : r.messages).toEqual([
      'routes[0].stages[0]: the region has no stage "stage-9" here to remove',
      'routes[0].stages[1].addAfter: "stage-2" is already in the region and keeps its place; addAfter is only for adding',
      'routes[0].stages[2]: needs "key", to say which stage of the region it changes (or that it adds a new one)',
      'routes[0].stages[3]: the region has no stage "stage-4" here to replace',
    ]);
  });
});

describe("errors in a layered policy", () => {
  const messages = (file: string) => {
    const r = loadPolicyFile(path.join(LAYERING, file));
    return r.ok ? [] : r.messages;
  };

  it("names an unknown region", () => {
    expect(messages("unknown-region/2026-1.yaml")).toEqual([
      'extends.region: no region "nowhere" (expected its files in tests/fixtures/policies/layering/regions/nowhere/)',
    ]);
  });

  it("names an unknown version of the region, and the versions it has", () => {
    expect(messages("unknown-version/2026-1.yaml")).toEqual([
      'extends.version: region "the-vales" has no version "2025-9" (expected tests/fixtures/policies/layering/regions/the-vales/2025-9.yaml; it has "2026-1")',
    ]);
  });

  it("names a circle of regions", () => {
    expect(messages("loop/2026-1.yaml")).toEqual([
      "extends: the regions go round in a circle (tests/fixtures/policies/layering/loop/2026-1.yaml → tests/fixtures/policies/layering/regions/loop-a/1.yaml → tests/fixtures/policies/layering/regions/loop-b/1.yaml → tests/fixtures/policies/layering/regions/loop-a/1.yaml); a chain of regions must end",
    ]);
  });

  it("reports an override that makes the merged policy invalid at its merged path, and where in the local file it is", () => {
    expect(messages("bad-amount/2026-1.yaml")).toEqual([
      "routes[0].stages[1].deadlines[0].amount: expected a positive whole number (in this file at routes[0].stages[0].deadlines[0].amount, which extends tests/fixtures/policies/layering/regions/the-vales/2026-1.yaml)",
    ]);
  });

  it("says when the offending value is the region's (a cross-check broken by what the local file removed)", () => {
    const r = supplement(`
routes:
  - id: main
    stages:
      - { key: stage-3, remove: true }
      - key: stage-4
        number: 4
        title: Missing its sides
        cite: Local 4
`);
    expect(r.ok ? [] : r.messages).toEqual([
      expect.stringMatching(
        /^routes\[0\]\.stages\[2\]\.raising: required, but missing \(in this file at routes\[0\]\.stages\[1\]\.raising, which extends \S*regions\/the-vales\/2026-1\.yaml\)$/,
      ),
    ]);
    const fixed = supplement(`
routes:
  - id: main
    stages:
      - { key: stage-3, remove: true }
`);
    expect(fixed.ok ? [] : fixed.messages).toEqual([
      expect.stringMatching(
        /^boardOversightStage: no stage numbered 3 in route "main" \(routes\[0\]\); set routes\[0\]\.boardOversightStage for that route \(from \S*regions\/the-vales\/2026-1\.yaml at boardOversightStage, a region this file extends\)$/,
      ),
    ]);
  });

  it("says when the region's value no longer fits what the local file changed, pointing at the region file", () => {
    const r = supplement(`
routes:
  - id: main
    stages:
      - key: stage-2
        deadlines:
          - { id: stage-2-resolve, unit: asap }
`);
    expect(r.ok ? [] : r.messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^routes\[0\]\.stages\[1\]\.deadlines\[0\]\.amount: the region's field "amount" does not fit with this file's changes to the item \(to replace the region's item whole, give it replace: true\) \(from \S*regions\/the-vales\/2026-1\.yaml at routes\[0\]\.stages\[1\]\.deadlines\[0\]\.amount, a region this file extends\)$/,
        ),
      ]),
    );
  });

  it("checks a region that extends another region, merged with it", () => {
    const dir = layout({
      "regions/the-vales-north/2026-1.yaml": `region: { id: the-vales-north, name: The northern Vales }
version: "2026-1"
extends: { region: the-vales, version: "2026-1" }
contacts:
  - { id: north-manager, label: Northern business manager }
`,
      "north/2026-1.yaml": HEAD.replace("region: the-vales,", "region: the-vales-north,").replaceAll("local", "north").replace("LSCP", "NSCP"),
    });
    const region = loadRegionFile(path.join(dir, "regions/the-vales-north/2026-1.yaml"));
    expect(region.ok ? [] : region.messages).toEqual([
      expect.stringMatching(/^contacts\[1\]\.cite: required, but missing \(in this file at contacts\[0\]\.cite/),
    ]);
    fs.writeFileSync(
      path.join(dir, "regions/the-vales-north/2026-1.yaml"),
      fs
        .readFileSync(path.join(dir, "regions/the-vales-north/2026-1.yaml"), "utf8")
        .replace("label: Northern business manager", "label: Northern business manager, cite: N1"),
    );
    const r = loadPolicyFile(path.join(dir, "north/2026-1.yaml"));
    if (!r.ok) throw new Error(r.messages.join("\n"));
    expect(r.policy.contacts?.map((c) => c.id)).toEqual(["business-manager", "north-manager"]);
    expect(r.policy.extends?.region).toBe("the-vales-north");
    expect(r.policy.extends?.extends?.region).toBe("the-vales");
  });
});

describe("policies/policy.schema.json for editors", () => {
  type Node = { properties: Record<string, Node>; items: Node; required?: string[]; anyOf?: Node[]; oneOf?: Node[] };
  const schema = JSON.parse(policyJsonSchema()) as { if: unknown; then: Node; else: Node };

  it("checks a file with extends or region as a layer: nothing required, extends allowed", () => {
    expect(schema.if).toEqual({ anyOf: [{ required: ["extends"] }, { required: ["region"] }] });
    expect(schema.then.required).toBeUndefined();
    expect(Object.keys(schema.then.properties)).toEqual(expect.arrayContaining(["extends", "region", "partnership", "routes"]));
    expect(schema.else.required).toContain("partnership");
    expect(schema.else.properties.extends).toBeUndefined();
  });

  it("requires only the id of an item merged by id, allows remove/replace/addAfter on it, and keeps what is replaced whole whole", () => {
    const stage = schema.then.properties.routes!.items.properties.stages!.items;
    expect(stage.required).toEqual(["key"]);
    expect(Object.keys(stage.properties)).toEqual(expect.arrayContaining(["remove", "replace", "addAfter"]));
    const deadline = stage.properties.deadlines!.items;
    expect(deadline.oneOf).toBeUndefined();
    expect(deadline.anyOf?.every((v) => JSON.stringify(v.required) === '["id"]')).toBe(true);
    expect(schema.then.properties.source!.required).toEqual(["file"]);
    expect(stage.properties.raising!.required).toEqual(["level"]);
  });
});

describe("npm run -s policy -- check", { timeout: 60_000 }, () => {
  const cli = (...args: string[]) =>
    spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/policy.ts", ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });

  it("a good pair: the region on its own and the local file merged with it", () => {
    const r = cli("check", "policies/examples/regions/the-vales/2026-1.yaml", "policies/examples/eastvale/2026-1.yaml");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("All 8 files are valid.\n"); // 2 named files + the 6 calendars
  });

  it("a bad pair: the merged policy's error, naming the local file and the region", () => {
    const r = cli("check", "tests/fixtures/policies/layering/regions/the-vales/2026-1.yaml", "tests/fixtures/policies/layering/bad-amount/2026-1.yaml");
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(
      "tests/fixtures/policies/layering/bad-amount/2026-1.yaml: routes[0].stages[1].deadlines[0].amount: expected a positive whole number (in this file at routes[0].stages[0].deadlines[0].amount, which extends tests/fixtures/policies/layering/regions/the-vales/2026-1.yaml)\n1 of 8 files have problems.\n",
    );
  });
});
