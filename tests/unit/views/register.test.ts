import path from "node:path";
import { describe, expect, it } from "vitest";
import { PolicyRegistry } from "../../../lib/policy/registry";
import { boardOversightStage } from "../../../lib/views/dashboard-data";
import { SOON_WORKING_DAYS } from "../../../lib/deadlines/due-status";
import { WEEK_WORKING_DAYS } from "../../../lib/escalations/list-escalations";
import { LIMITS } from "../../../lib/escalations/schemas";
import {
  REGISTER_REFERENCE_MAX,
  REGISTER_WEEK_WORKING_DAYS,
  areaLabel,
  countLinks,
  describeFilters,
  isFiltered,
  parseAfter,
  parseRegisterFilters,
  registerExportHref,
  registerHref,
  disputeFromRegisterHref,
  registerBackHref,
  registerFilterErrors,
  registerListFilters,
  type RegisterOptions,
} from "../../../lib/views/register";
import { registerAreas, registerStages } from "../../../lib/views/register-data";
import { CSC, HEALTH, SCHOOL } from "./dashboard-fixtures";

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
    expect(parseAfter({ after: "abc" })).toBe("abc");
    expect(parseAfter({ status: "open" })).toBeNull();
  });

  it("writes them back as a link in a fixed order, and in words for the caption", () => {
    expect(registerHref("torbay")).toBe("/p/torbay/register");
    expect(registerHref("torbay", { due: "overdue", stage: 3, status: "open", agency: CSC.id, area: "care-planning" })).toBe(
      `/p/torbay/register?status=open&stage=3&agency=${CSC.id}&area=care-planning&due=overdue`,
    );
    // A later page keeps the filters and names the row it follows.
    expect(registerHref("torbay", { stage: 4 }, "eyJkIjpudWxsfQ")).toBe("/p/torbay/register?stage=4&after=eyJkIjpudWxsfQ");
    // The export carries the same filters (never a page: it is every page).
    expect(registerExportHref("torbay")).toBe("/p/torbay/register/export");
    expect(registerExportHref("torbay", { due: "overdue", stage: 3, status: "open", agency: CSC.id, area: "care-planning" })).toBe(
      `/p/torbay/register/export?status=open&stage=3&agency=${CSC.id}&area=care-planning&due=overdue`,
    );
    expect(registerExportHref("isle of man", { stage: 4 })).toBe("/p/isle%20of%20man/register/export?stage=4");
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

describe("finding disputes on the register: awaiting an owner, by reference, by the day raised", () => {
  const raised = (field: "raisedFrom" | "raisedTo", day: string, month: string, year: string) => ({
    [`${field}.day`]: day,
    [`${field}.month`]: month,
    [`${field}.year`]: year,
  });

  it("reads them from the address, and writes them back the same way", () => {
    const query = { owner: "none", reference: " TSCP-2026-0042 ", ...raised("raisedFrom", "1", "4", "2026"), ...raised("raisedTo", "30", "6", "2026") };
    const filters = parseRegisterFilters(query, OPTIONS);
    expect(filters).toEqual({ unowned: true, reference: "TSCP-2026-0042", raisedFrom: "2026-04-01", raisedTo: "2026-06-30" });
    const href = registerHref("torbay", filters);
    expect(href).toBe(
      "/p/torbay/register?owner=none&reference=TSCP-2026-0042&raisedFrom.day=1&raisedFrom.month=4&raisedFrom.year=2026&raisedTo.day=30&raisedTo.month=6&raisedTo.year=2026",
    );
    expect(parseRegisterFilters(Object.fromEntries(new URL(href, "http://x").searchParams), OPTIONS)).toEqual(filters);
    expect(describeFilters(filters, OPTIONS)).toEqual([
      "Awaiting an owner",
      "Reference TSCP-2026-0042",
      "Raised on or after 1 April 2026",
      "Raised on or before 30 June 2026",
    ]);
    expect(registerFilterErrors(query)).toEqual([]);
  });

  it("takes a dispute opened from the register back to that page of it, and nowhere else", () => {
    const from = registerHref("torbay", { status: "open", sort: "raised-newest" }, "cursor-1");
    const href = disputeFromRegisterHref("/p/torbay/disputes/abc", from);
    expect(href).toBe("/p/torbay/disputes/abc?back=%2Fp%2Ftorbay%2Fregister%3Fstatus%3Dopen%26sort%3Draised-newest%26after%3Dcursor-1");
    expect(registerBackHref("torbay", new URL(href, "http://x").searchParams.get("back") ?? undefined)).toBe(from);
    expect(registerBackHref("torbay", "/p/torbay/register")).toBe("/p/torbay/register");
    for (const bad of [
      undefined,
      "",
      "https://evil.example/p/torbay/register",
      "//evil.example/p/torbay/register",
      "/p/westbridge/register",
      "/p/torbay/registers",
      "/p/torbay/admin",
    ]) {
      expect(registerBackHref("torbay", bad), String(bad)).toBeNull();
    }
  });

  it("keeps a reference as long as an agency's case reference may be", () => {
    expect(REGISTER_REFERENCE_MAX).toBe(LIMITS.reference);
    expect(parseRegisterFilters({ reference: "x".repeat(150) }, OPTIONS).reference).toHaveLength(LIMITS.reference);
  });

  it("reads a deadline filter of today or N working days", () => {
    expect(parseRegisterFilters({ due: "today" }, OPTIONS)).toEqual({ due: "today" });
    expect(registerListFilters({ due: "today" })).toEqual({ onRegister: true, overdue: false, dueWithinWorkingDays: 0 });
    expect(registerListFilters({ due: "within-20" })).toEqual({ onRegister: true, overdue: false, dueWithinWorkingDays: 20 });
    expect(parseRegisterFilters({ due: "within-3" }, OPTIONS)).toEqual({});
    expect(describeFilters({ due: "within-10" }, OPTIONS)).toEqual(["Due within 10 working days (including today)"]);
  });

  it("reads another order, which is not a filter", () => {
    expect(parseRegisterFilters({ sort: "raised-newest" }, OPTIONS)).toEqual({ sort: "raised-newest" });
    expect(parseRegisterFilters({ sort: "due" }, OPTIONS)).toEqual({});
    expect(parseRegisterFilters({ sort: "alphabetical" }, OPTIONS)).toEqual({});
    expect(isFiltered({ sort: "stage-oldest" })).toBe(false);
    expect(registerHref("torbay", { status: "open", sort: "stage-oldest" })).toBe("/p/torbay/register?status=open&sort=stage-oldest");
    expect(registerListFilters({ sort: "stage-oldest" })).toEqual({ onRegister: true, order: "stage-oldest" });
  });

  it("turns the days raised into the partnership's local midnights, the last day included", () => {
    expect(registerListFilters({ unowned: true, reference: "TSCP-2026-0042", raisedFrom: "2026-04-01", raisedTo: "2026-10-24" }, "Europe/London")).toEqual({
      onRegister: true,
      unowned: true,
      reference: "TSCP-2026-0042",
      raisedFrom: new Date("2026-03-31T23:00:00Z"), // midnight, British Summer Time
      raisedBefore: new Date("2026-10-24T23:00:00Z"), // midnight at the end of 24 October: the clocks go back at 2am on the 25th
    });
    expect(() => registerListFilters({ raisedFrom: "2026-04-01" })).toThrow(/time zone/);
  });

  it("says what is wrong with a date it cannot read, and leaves that date out", () => {
    const query = { ...raised("raisedFrom", "31", "2", "2026"), ...raised("raisedTo", "", "6", "2026") };
    expect(parseRegisterFilters(query, OPTIONS)).toEqual({});
    expect(registerFilterErrors(query)).toEqual([
      { field: "raisedFrom", message: "Raised on or after must be a real date" },
      { field: "raisedTo", message: "Raised on or before must include a day" },
    ]);
    expect(registerFilterErrors({ ...raised("raisedFrom", "2", "3", "2026"), ...raised("raisedTo", "1", "3", "2026") })).toEqual([
      { field: "raisedTo", message: "Raised on or before must be the same as or after raised on or after" },
    ]);
  });
});

describe("what the register asks the database for", () => {
  it("asks for what is on the register, narrowed by each filter", () => {
    expect(registerListFilters({})).toEqual({ onRegister: true });
    expect(registerListFilters({ stage: 3, agency: CSC.id, area: "care-planning", status: "resolved" })).toEqual({
      onRegister: true,
      stage: 3,
      agencyId: CSC.id,
      area: "care-planning",
      status: "resolved",
    });
  });

  it("reads 'overdue' and 'due this week' as the counts do, so each count opens what it counts", () => {
    expect(registerListFilters({ due: "overdue" })).toEqual({ onRegister: true, overdue: true });
    expect(registerListFilters({ due: "week" })).toEqual({ onRegister: true, overdue: false, dueWithinWorkingDays: 5 });
    expect(REGISTER_WEEK_WORKING_DAYS).toBe(WEEK_WORKING_DAYS);
    expect(WEEK_WORKING_DAYS).toBe(SOON_WORKING_DAYS);
  });
});

describe("the register's counts", () => {
  it("link each count to the register filtered to what it counts", () => {
    const counts = { open: 4, overdue: 1, dueThisWeek: 2, resolved: 1, withdrawn: 1, total: 6 };
    expect(countLinks(counts).map((c) => [c.label, c.value, registerHref("torbay", c.filters)])).toEqual([
      ["Open on the register", 4, "/p/torbay/register?status=open"],
      ["Overdue", 1, "/p/torbay/register?due=overdue"],
      ["Due this week", 2, "/p/torbay/register?due=week"],
      ["Resolved", 1, "/p/torbay/register?status=resolved"],
    ]);
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
    expect(registerAreas(policy("torbay")).map((a) => a.id)).toEqual([
      "levels-of-need",
      "roles-and-responsibilities",
      "need-for-action",
      "care-planning",
      "other",
    ]);
  });

  it("has no register where the policy gives the board no part", () => {
    expect(boardOversightStage(policy("westbridge"))).toBeNull();
    expect(registerStages(policy("westbridge"))).toEqual([]);
  });
});
