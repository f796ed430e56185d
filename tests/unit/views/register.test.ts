import path from "node:path";
import { describe, expect, it } from "vitest";
import { PolicyRegistry } from "../../../lib/policy/registry";
import { boardOversightStage } from "../../../lib/views/dashboard-data";
import {
  areaLabel,
  countLinks,
  describeFilters,
  isFiltered,
  matchesRegisterFilters,
  parseRegisterFilters,
  registerCounts,
  registerHref,
  registerRows,
  type RegisterOptions,
} from "../../../lib/views/register";
import { registerAreas, registerStages } from "../../../lib/views/register-data";
import { CSC, HEALTH, SCHOOL, refs, summary } from "./dashboard-fixtures";

const OPTIONS: RegisterOptions = {
  stages: [
    { number: 3, label: "Stage 3: Senior manager to senior manager" },
    { number: 4, label: "Stage 4: Divisional director to divisional director" },
  ],
  agencies: [SCHOOL, CSC, HEALTH],
  areas: [
    { id: "levels-of-need", label: "Levels of need or referral decisions" },
    { id: "care-planning", label: "Care planning" },
  ],
};

const stage3 = { key: "stage-3", number: 3, title: "Senior manager to senior manager" };
const stage4 = { key: "stage-4", number: 4, title: "Divisional director to divisional director" };

/** A small register: three open (one overdue, one due this week, one later), one resolved, one withdrawn, and one not on it. */
function register() {
  return [
    summary({ key: "later-4", onRegister: true, stage: stage4, tone: "later", at: "2026-06-15T17:00:00+01:00", raisingAgency: CSC, respondingAgency: SCHOOL }),
    summary({ key: "overdue-3", onRegister: true, stage: stage3, tone: "overdue", at: "2026-06-01T17:00:00+01:00", raisingAgency: HEALTH, respondingAgency: CSC, areas: ["care-planning"] }),
    summary({ key: "soon-3", onRegister: true, stage: stage3, tone: "soon", at: "2026-06-08T17:00:00+01:00" }),
    summary({ key: "resolved-3", onRegister: true, stage: stage3, status: "resolved", raisedAt: "2026-04-28T10:00:00+01:00", raisingAgency: CSC, respondingAgency: HEALTH }),
    summary({ key: "withdrawn-4", onRegister: true, stage: stage4, status: "withdrawn", raisedAt: "2026-05-28T10:00:00+01:00" }),
    summary({ key: "stage-2", onRegister: false, stage: { key: "stage-2", number: 2, title: "Manager to manager" }, tone: "overdue" }),
  ];
}

describe("the register's filters, read from the address", () => {
  it("keeps the values the options offer and drops the rest, so an old link shows more rather than failing", () => {
    expect(parseRegisterFilters({ stage: "3", agency: CSC.id, area: "care-planning", due: "overdue", status: "open" }, OPTIONS)).toEqual({
      stage: 3,
      agency: CSC.id,
      area: "care-planning",
      due: "overdue",
      status: "open",
    });
    expect(parseRegisterFilters({ stage: "2", agency: "not-an-agency", area: "", due: "soonish", status: "closed", other: "x" }, OPTIONS)).toEqual({});
    expect(parseRegisterFilters({ stage: ["4", "3"], due: " week " }, OPTIONS)).toEqual({ stage: 4, due: "week" });
    expect(isFiltered({})).toBe(false);
    expect(isFiltered({ due: "week" })).toBe(true);
  });

  it("writes them back as a link in a fixed order, and in words for the caption", () => {
    expect(registerHref("torbay")).toBe("/p/torbay/register");
    expect(registerHref("torbay", { due: "overdue", stage: 3, status: "open", agency: CSC.id, area: "care-planning" })).toBe(
      `/p/torbay/register?status=open&stage=3&agency=${CSC.id}&area=care-planning&due=overdue`,
    );
    expect(describeFilters({ stage: 3, agency: CSC.id, area: "care-planning", due: "week", status: "open" }, OPTIONS)).toEqual([
      "Open",
      "Stage 3",
      `Agency: ${CSC.name}`,
      "Area: Care planning",
      "Due this week (including today)",
    ]);
    expect(areaLabel("levels-of-need", OPTIONS)).toBe("Levels of need or referral decisions");
    expect(areaLabel("retired-area", OPTIONS)).toBe("retired-area");
  });
});

describe("the register's rows", () => {
  it("lists only disputes on the register: open ones most urgent first, then closed ones newest first", () => {
    expect(refs(registerRows(register(), {}))).toEqual(["overdue-3", "soon-3", "later-4", "withdrawn-4", "resolved-3"]);
  });

  it("filters by stage, agency (either side), area, deadline and status", () => {
    const rows = (f: Parameters<typeof registerRows>[1]) => refs(registerRows(register(), f));
    expect(rows({ stage: 3 })).toEqual(["overdue-3", "soon-3", "resolved-3"]);
    expect(rows({ stage: 4 })).toEqual(["later-4", "withdrawn-4"]);
    expect(rows({ agency: HEALTH.id })).toEqual(["overdue-3", "resolved-3"]);
    expect(rows({ area: "care-planning" })).toEqual(["overdue-3"]);
    expect(rows({ due: "overdue" })).toEqual(["overdue-3"]);
    expect(rows({ due: "week" })).toEqual(["soon-3"]);
    expect(rows({ status: "resolved" })).toEqual(["resolved-3"]);
    expect(rows({ stage: 3, status: "open" })).toEqual(["overdue-3", "soon-3"]);
    expect(matchesRegisterFilters(summary({ tone: "today" }), { due: "week" })).toBe(true);
  });
});

describe("the register's counts", () => {
  it("counts what is on the register, whatever the filters: open, overdue, due this week (today included), resolved", () => {
    const counts = registerCounts([...register(), summary({ key: "today", onRegister: true, stage: stage3, tone: "today" })]);
    expect(counts).toEqual({ open: 4, overdue: 1, dueThisWeek: 2, resolved: 1, withdrawn: 1, total: 6 });
    expect(countLinks(counts).map((c) => [c.label, c.value, registerHref("torbay", c.filters)])).toEqual([
      ["Open on the register", 4, "/p/torbay/register?status=open"],
      ["Overdue", 1, "/p/torbay/register?due=overdue"],
      ["Due this week", 2, "/p/torbay/register?due=week"],
      ["Resolved", 1, "/p/torbay/register?status=resolved"],
    ]);
    expect(registerCounts([])).toEqual({ open: 0, overdue: 0, dueThisWeek: 0, resolved: 0, withdrawn: 0, total: 0 });
  });
});

describe("the register's choices, from each seed policy", () => {
  const { registry } = PolicyRegistry.load(path.resolve(import.meta.dirname, "../../../policies"));
  const policy = (id: string) => registry.versions(id)[0]!;

  it("offers the stages at or above the board-oversight stage, and the policy's areas", () => {
    expect(boardOversightStage(policy("torbay"))).toBe(3);
    expect(registerStages(policy("torbay")).map((s) => s.label)).toEqual([
      "Stage 3: Senior manager to senior manager",
      "Stage 4: Divisional director to divisional director",
      "Stage 5: Refer via TSCP",
    ]);
    expect(registerStages(policy("isle-of-man"))).toEqual([{ number: 4, label: "Stage 4: Isle of Man Safeguarding Board" }]);
    expect(registerStages(policy("eastmoor")).map((s) => s.number)).toEqual([4]);
    expect(registerAreas(policy("torbay")).map((a) => a.id)).toEqual(["levels-of-need", "roles-and-responsibilities", "need-for-action", "care-planning", "other"]);
  });

  it("has no register where the policy gives the board no part", () => {
    expect(boardOversightStage(policy("westbridge"))).toBeNull();
    expect(registerStages(policy("westbridge"))).toEqual([]);
  });
});
