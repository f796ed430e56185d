import { describe, expect, it } from "vitest";
import { parsePolicyData, parsePolicyText } from "@/lib/policy";
import { minimalData } from "./helpers";

type Data = Record<string, unknown>;

/** The object at a path inside plain YAML data (throws if there is none). */
function node(d: unknown, ...path: (string | number)[]): Data {
  let current: unknown = d;
  for (const key of path) current = (current as Record<string | number, unknown>)[key];
  if (typeof current !== "object" || current === null) throw new Error(`no object at ${path.join(".")}`);
  return current as Data;
}
const stage = (d: Data, i: number) => node(d, "routes", 0, "stages", i);
const deadline = (d: Data, s: number, i: number) => node(d, "routes", 0, "stages", s, "deadlines", i);

/** Each case breaks one rule of the format; the message names the path and the reason. */
const cases: { rule: string; mutate: (d: Data) => void; expected: string }[] = [
  {
    rule: "amount is a positive whole number",
    mutate: (d) => (deadline(d, 2, 2).amount = 0),
    expected: "routes[0].stages[2].deadlines[2].amount: expected a positive whole number",
  },
  {
    rule: "amount is whole",
    mutate: (d) => (deadline(d, 2, 2).amount = 2.5),
    expected: "routes[0].stages[2].deadlines[2].amount: expected a positive whole number",
  },
  {
    rule: "working days need an amount",
    mutate: (d) => delete deadline(d, 2, 2).amount,
    expected: "routes[0].stages[2].deadlines[2].amount: expected a positive whole number",
  },
  {
    rule: "units are from the list",
    mutate: (d) => (deadline(d, 2, 2).unit = "weeks"),
    expected:
      'routes[0].stages[2].deadlines[2].unit: expected one of "working-days", "working-weeks", "calendar-days", "hours", "same-working-day", "immediately", "asap", "set-by-role", "earliest-of", "not-stated", found "weeks"',
  },
  { rule: "required fields", mutate: (d) => delete d.title, expected: "title: required, but missing" },
  {
    rule: "unknown fields",
    mutate: (d) => (stage(d, 0).ammount = 3),
    expected: 'routes[0].stages[0].ammount: unknown field "ammount" (check the spelling; field names are case-sensitive)',
  },
  {
    rule: "role levels",
    mutate: (d) => (node(d, "routes", 0, "stages", 1, "raising").level = "team-leader"),
    expected:
      'routes[0].stages[1].raising.level: expected one of "practitioner", "manager", "senior-manager", "director", "board-business-manager", "board-chair", "partnership-admin", "not-stated", found "team-leader"',
  },
  {
    rule: "time zone",
    mutate: (d) => (d.timeZone = "Europe/Londn"),
    expected: 'timeZone: "Europe/Londn" is not a time zone the system knows; use an IANA name such as Europe/London',
  },
  {
    rule: "jurisdiction",
    mutate: (d) => (d.jurisdiction = "wales"),
    expected: 'jurisdiction: expected one of "england-and-wales", "scotland", "northern-ireland", "isle-of-man", "guernsey", "jersey", found "wales"',
  },
  {
    rule: "effective date is a real date",
    mutate: (d) => (d.effectiveFrom = "2026-02-30"),
    expected: 'effectiveFrom: expected a real date written YYYY-MM-DD (e.g. 2026-01-07), found "2026-02-30"',
  },
  { rule: "close of business", mutate: (d) => (d.closeOfBusiness = "5pm"), expected: 'closeOfBusiness: expected a 24-hour time in quotes, e.g. "17:00"' },
  { rule: "version is text", mutate: (d) => (d.version = 2026), expected: 'version: expected the version as text in quotes, e.g. "2024-1"' },
  { rule: "covers", mutate: (d) => (d.covers = []), expected: "covers: must list at least 1 item" },
  {
    rule: "every rule cites the policy",
    mutate: (d) => delete deadline(d, 2, 2).cite,
    expected: "routes[0].stages[2].deadlines[2].cite: required, but missing",
  },
  {
    rule: "stage numbers increase",
    mutate: (d) => (stage(d, 3).number = 2),
    expected: "routes[0].stages[3].number: expected a number greater than 2 (the stage before it); stages are listed in order",
  },
  {
    rule: "anchors name declared events",
    mutate: (d) => (deadline(d, 2, 1).from = "decision-received"),
    expected:
      'routes[0].stages[2].deadlines[1].from: "decision-received" is not "raised", "stage-entered" or an event this policy declares (declare it under events)',
  },
  {
    rule: "event ids are not built-in anchors",
    mutate: (d) => (node(d, "events", 0).id = "raised"),
    expected: 'events[0].id: "raised" is built in; choose another id for this event',
  },
  {
    rule: "budget stages exist",
    mutate: (d) => (node(d, "routes", 0, "budgets", 0).stages = ["stage-1", "stage-9"]),
    expected: 'routes[0].budgets[0].stages[1]: no stage with key "stage-9" in this route',
  },
  {
    rule: "budgets cannot count from stage entry",
    mutate: (d) => (node(d, "routes", 0, "budgets", 0).from = "stage-entered"),
    expected:
      'routes[0].budgets[0].from: a deadline shared by several stages cannot count from "stage-entered" (each stage is entered at a different time); use "raised" or an event',
  },
  {
    rule: "boardOversightStage exists",
    mutate: (d) => (d.boardOversightStage = 7),
    expected: 'boardOversightStage: no stage numbered 7 in route "main" (routes[0]); set routes[0].boardOversightStage for that route',
  },
  {
    rule: "one deadline decides overdue (none)",
    mutate: (d) => delete deadline(d, 2, 2).decidesOverdue,
    expected:
      'routes[0].stages[2].deadlines: stage 2 has deadlines with due dates, so exactly one of them must say "decidesOverdue: true" (the one that decides when the stage is overdue)',
  },
  {
    rule: "one deadline decides overdue (two)",
    mutate: (d) => (deadline(d, 2, 1).decidesOverdue = true),
    expected: 'routes[0].stages[2].deadlines[2].decidesOverdue: stage 2 already has "action-plan" deciding when it is overdue; only one deadline per stage can',
  },
  {
    rule: "a budget and a stage deadline cannot both decide",
    mutate: (d) =>
      (stage(d, 1).deadlines = [{ id: "x", label: "X", unit: "hours", amount: 4, from: "stage-entered", kind: "mandatory", decidesOverdue: true, cite: "s" }]),
    expected:
      'routes[0].stages[1].deadlines[0].decidesOverdue: stage 1 already has "early-stages" deciding when it is overdue; only one deadline per stage can',
  },
  {
    rule: "a deadline without a due date cannot decide",
    mutate: (d) => (deadline(d, 2, 0).decidesOverdue = true),
    expected: 'routes[0].stages[2].deadlines[0].decidesOverdue: a deadline of "immediately" has no due date, so it cannot decide when a stage is overdue',
  },
  {
    rule: "deadline ids are unique in a route",
    mutate: (d) => (deadline(d, 3, 0).id = "resolve"),
    expected: 'routes[0].stages[3].deadlines[0].id: "resolve" is used by another deadline in this route; ids must be unique',
  },
  {
    rule: "area ids are unique",
    mutate: (d) => (node(d, "areas", "items", 1).id = "thresholds"),
    expected: 'areas.items[1].id: "thresholds" is used by another area; ids must be unique',
  },
  {
    rule: "urgent route skips real stages",
    mutate: (d) => (node(d, "routes", 0, "urgent").maySkip = ["stage-7"]),
    expected: 'routes[0].urgent.maySkip[0]: no stage with key "stage-7" in this route',
  },
  {
    rule: "urgent route cannot skip the last stage",
    mutate: (d) => (node(d, "routes", 0, "urgent").maySkip = ["stage-4"]),
    expected: 'routes[0].urgent.maySkip[0]: "stage-4" is the last stage; there is nothing to go on to',
  },
  {
    rule: "no skipping when the urgent route is not allowed",
    mutate: (d) => (node(d, "routes", 0, "urgent").allowed = false),
    expected: "routes[0].urgent.maySkip: must be empty when the urgent route is not allowed",
  },
  {
    rule: "contacts exist",
    mutate: (d) => (node(d, "routes", 0, "stages", 3, "forms", 0, "sendTo", 0).contact = "chair"),
    expected: 'routes[0].stages[3].forms[0].sendTo[0].contact: no contact with id "chair" (declare it under contacts)',
  },
  {
    rule: "a party is named somehow",
    mutate: (d) => (node(d, "routes", 0, "stages", 3, "forms", 0).completedBy = { side: "raising" }),
    expected: "routes[0].stages[3].forms[0].completedBy: name a role level, a title or a contact",
  },
  {
    rule: "numbered stages name both sides",
    mutate: (d) => delete stage(d, 1).responding,
    expected: "routes[0].stages[1].responding: required for a numbered stage: name the level expected on the responding side",
  },
  {
    rule: "board involvement is cited",
    mutate: (d) => delete node(d, "routes", 0, "stages", 3, "board").cite,
    expected: "routes[0].stages[3].board.cite: required when the board is involved: say where the policy says so",
  },
  {
    rule: "stage keys are unique",
    mutate: (d) => (stage(d, 2).key = "stage-1"),
    expected: 'routes[0].stages[2].key: "stage-1" is used by another stage in this route; keys must be unique',
  },
  {
    rule: "keys are kebab-case",
    mutate: (d) => (stage(d, 0).key = "Stage One"),
    expected: 'routes[0].stages[0].key: expected a stage key: lower-case letters, digits and single hyphens, e.g. "stage-1"',
  },
  { rule: "at least one route", mutate: (d) => (d.routes = []), expected: "routes: must list at least 1 item" },
  {
    rule: "a deadline is met by a form of its own stage",
    mutate: (d) => (deadline(d, 3, 0).metBy = { form: "no-such-form" }),
    expected: 'routes[0].stages[3].deadlines[0].metBy.form: "no-such-form" is not a form of this stage (list it under the stage\'s forms)',
  },
  {
    rule: "a deadline is met by a declared event",
    mutate: (d) => (deadline(d, 3, 0).metBy = { event: "panel-met" }),
    expected: 'routes[0].stages[3].deadlines[0].metBy.event: "panel-met" is not an event this policy declares (declare it under events)',
  },
  {
    rule: "a deadline is met by one thing",
    mutate: (d) => (deadline(d, 3, 0).metBy = { form: "a", event: "b" }),
    expected: "routes[0].stages[3].deadlines[0].metBy: name a form or an event, not both",
  },
  { rule: "emails are emails", mutate: (d) => (node(d, "contacts", 0).email = "not an email"), expected: "contacts[0].email: expected an email address" },
];

describe("an invalid policy is rejected with a path and a plain-English reason", () => {
  it.each(cases)("$rule", ({ mutate, expected }) => {
    const data = minimalData();
    mutate(data);
    const result = parsePolicyData(data);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.messages).toContain(expected);
  });

  it("accepts the unbroken policy", () => {
    expect(parsePolicyData(minimalData()).ok).toBe(true);
  });

  it("reports YAML syntax errors with their line", () => {
    const result = parsePolicyText("title: x\n  bad: indentation\nversion: [\n");
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.messages[0]).toMatch(/^line \d+, column \d+: /);
  });

  it("reports a key written twice", () => {
    const result = parsePolicyText("title: a\ntitle: b\n");
    expect(result.ok ? "" : result.messages.join()).toMatch(/line 2, column 1: Map keys must be unique/);
  });
});
