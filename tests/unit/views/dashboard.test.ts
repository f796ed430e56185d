import { describe, expect, it } from "vitest";
import {
  agenciesText,
  byUrgency,
  dashboardPlan,
  disputesCount,
  dueGroupOf,
  groupByDue,
  groupByStatus,
  listQueryString,
  parseSectionKind,
  sectionHref,
  shownGroups,
  stageText,
  subjectsText,
} from "../../../lib/views/dashboard";
import { CSC, HEALTH, SCHOOL, refs, summary } from "./dashboard-fixtures";

describe("which sections a dashboard shows", () => {
  const kinds = (plan: ReturnType<typeof dashboardPlan>) => plan.sections.map((s) => s.kind);

  it("gives a practitioner their own disputes, what awaits an owner at their agency, and the raise button", () => {
    const plan = dashboardPlan(["practitioner"], 3);
    expect(plan).toEqual({
      canRaise: true,
      sections: [
        { kind: "mine", filters: {} },
        { kind: "awaiting", filters: { awaitingOwner: true } },
      ],
    });
  });

  it("gives managers, senior managers and directors what they own, what awaits an owner, and their agency's open disputes on each side", () => {
    for (const role of ["manager", "senior_manager", "director"] as const) {
      const plan = dashboardPlan([role], 3);
      expect(plan.canRaise).toBe(true);
      expect(plan.sections).toEqual([
        { kind: "assigned", filters: { ownedByMe: true, status: ["open"] } },
        { kind: "awaiting", filters: { awaitingOwner: true } },
        { kind: "team-raised", filters: { raisedByMyAgency: true, status: ["open"] } },
        { kind: "team-with", filters: { raisedWithMyAgency: true, status: ["open"] } },
      ]);
    }
  });

  it("gives board roles the register, the business manager what was raised against an agency not on Parley, and no raise button", () => {
    expect(dashboardPlan(["board_business_manager"], 3)).toEqual({
      canRaise: false,
      sections: [
        { kind: "not-on-parley", filters: { agencyNotOnParley: true } },
        { kind: "register", filters: { onRegister: true } },
      ],
    });
    expect(dashboardPlan(["board_chair"], 4).sections).toEqual([{ kind: "register", filters: { onRegister: true } }]);
    // A policy without a register: the section explains, and asks for nothing.
    expect(dashboardPlan(["board_chair"], null).sections).toEqual([{ kind: "register", filters: null }]);
  });

  it("shows every section that applies to someone with several roles, narrowing 'my disputes' to what they raised", () => {
    const plan = dashboardPlan(["practitioner", "manager", "board_chair"], 3);
    expect(kinds(plan)).toEqual(["mine", "assigned", "awaiting", "team-raised", "team-with", "register"]);
    expect(plan.sections[0]).toEqual({ kind: "mine", filters: { raisedByMe: true } });
  });

  it("gives a partnership administrator no dispute sections", () => {
    expect(dashboardPlan(["partnership_admin"], 3)).toEqual({ canRaise: false, sections: [] });
  });
});

describe("the list request and the full lists", () => {
  it("puts the partnership, the filters in a fixed order, a page size and the cursor in the query string", () => {
    expect(listQueryString("torbay", { status: ["open"], ownedByMe: true })).toBe("partnership=torbay&ownedByMe=true&status=open&limit=10");
    expect(listQueryString("isle-of-man", { status: ["resolved", "withdrawn"], stageAtLeast: 4 }, "abc")).toBe(
      "partnership=isle-of-man&stageAtLeast=4&status=resolved%2Cwithdrawn&limit=10&cursor=abc",
    );
    expect(listQueryString("torbay", { awaitingOwner: true }, null, 50)).toBe("partnership=torbay&awaitingOwner=true&limit=50");
  });

  it("links each section to its full list, a page at a time, and reads the section back from the address", () => {
    expect(sectionHref("torbay", "team-with")).toBe("/p/torbay/disputes?section=team-with");
    expect(sectionHref("isle-of-man", "assigned", "eyJkIjpudWxsfQ")).toBe("/p/isle-of-man/disputes?section=assigned&after=eyJkIjpudWxsfQ");
    expect(parseSectionKind("not-on-parley")).toBe("not-on-parley");
    expect(parseSectionKind(["mine", "assigned"])).toBe("mine");
    expect(parseSectionKind("everything")).toBeNull();
    expect(parseSectionKind(undefined)).toBeNull();
  });
});

describe("ordering by urgency", () => {
  it("puts the longest overdue first, then due today, soon and later, and undated last", () => {
    const items = [
      summary({ key: "undated", tone: "open" }),
      summary({ key: "later", tone: "later", at: "2026-06-16T17:00:00+01:00" }),
      summary({ key: "soon", tone: "soon", at: "2026-06-09T17:00:00+01:00" }),
      summary({ key: "today", tone: "today", at: "2026-06-04T17:00:00+01:00" }),
      summary({ key: "overdue-1", tone: "overdue", at: "2026-06-03T17:00:00+01:00" }),
      summary({ key: "overdue-3", tone: "overdue", at: "2026-06-01T17:00:00+01:00" }),
    ];
    expect(refs(byUrgency(items))).toEqual(["overdue-3", "overdue-1", "today", "soon", "later", "undated"]);
  });

  it("breaks ties by urgency, then by the oldest raised, and leaves its input alone", () => {
    const at = "2026-06-09T17:00:00+01:00";
    const items = [
      summary({ key: "newer", tone: "soon", at, raisedAt: "2026-06-02T10:00:00+01:00" }),
      summary({ key: "older", tone: "soon", at, raisedAt: "2026-06-01T10:00:00+01:00" }),
      summary({ key: "urgent", tone: "soon", at, urgent: true, raisedAt: "2026-06-03T10:00:00+01:00" }),
    ];
    expect(refs(byUrgency(items))).toEqual(["urgent", "older", "newer"]);
    expect(refs(items)).toEqual(["newer", "older", "urgent"]);
  });
});

describe("grouping", () => {
  it("puts each open dispute in one urgency group by its deadline's tone; 'this week' is the next 5 working days", () => {
    expect(dueGroupOf(summary({ tone: "overdue" }))).toBe("overdue");
    expect(dueGroupOf(summary({ tone: "today" }))).toBe("today");
    expect(dueGroupOf(summary({ tone: "soon" }))).toBe("week");
    expect(dueGroupOf(summary({ tone: "later" }))).toBe("later");
    expect(dueGroupOf(summary({ tone: "open" }))).toBe("later");
  });

  it("returns all four urgency groups in order, empty or not, without closed disputes", () => {
    const groups = groupByDue([
      summary({ key: "a", tone: "soon" }),
      summary({ key: "b", tone: "overdue" }),
      summary({ key: "c", status: "resolved" }),
      summary({ key: "d", tone: "open" }),
    ]);
    expect(groups.map((g) => [g.key, g.title, refs(g.items)])).toEqual([
      ["overdue", "Overdue", ["b"]],
      ["today", "Due today", []],
      ["week", "Due this week", ["a"]],
      ["later", "Due later, or no due date", ["d"]],
    ]);
  });

  it("groups by status: open most urgent first, closed newest first", () => {
    const groups = groupByStatus([
      summary({ key: "old-resolved", status: "resolved", raisedAt: "2026-05-01T10:00:00+01:00" }),
      summary({ key: "open-later", tone: "later" }),
      summary({ key: "withdrawn", status: "withdrawn" }),
      summary({ key: "new-resolved", status: "resolved", raisedAt: "2026-05-20T10:00:00+01:00" }),
      summary({ key: "open-overdue", tone: "overdue" }),
    ]);
    expect(groups.map((g) => [g.key, refs(g.items)])).toEqual([
      ["open", ["open-overdue", "open-later"]],
      ["resolved", ["new-resolved", "old-resolved"]],
      ["withdrawn", ["withdrawn"]],
    ]);
  });

  it("shows every group for a whole list, and only the groups it has disputes for when there are more pages", () => {
    const groups = groupByDue([summary({ key: "a", tone: "overdue" }), summary({ key: "b", tone: "later" })]);
    expect(shownGroups(groups, true).map((g) => g.key)).toEqual(["overdue", "today", "week", "later"]);
    expect(shownGroups(groups, false).map((g) => g.key)).toEqual(["overdue", "later"]);
  });
});

describe("words", () => {
  it("names the stage, the people it concerns by initials, and the other agency from the reader's side", () => {
    expect(stageText(summary({ stage: { key: "stage-2", number: 2, title: "Manager to manager" } }))).toBe("Stage 2: Manager to manager");
    expect(stageText(summary({ stage: { key: "practitioners", number: null, title: "Practitioners resolve the problem" } }))).toBe(
      "Practitioners resolve the problem",
    );
    expect(
      subjectsText(
        summary({
          subjects: [
            { kind: "child", initials: "AK" },
            { kind: "adult", initials: "GH" },
          ],
        }),
      ),
    ).toBe("AK (child), GH (adult)");
    const item = summary({ raisingAgency: SCHOOL, respondingAgency: CSC });
    expect(agenciesText(item, SCHOOL.id)).toBe(`With ${CSC.name}`);
    expect(agenciesText(item, CSC.id)).toBe(`Raised by ${SCHOOL.name}`);
    expect(agenciesText(item, HEALTH.id)).toBe(`${SCHOOL.name}, with ${CSC.name}`);
    expect([disputesCount(0), disputesCount(1), disputesCount(2)]).toEqual(["0 disputes", "1 dispute", "2 disputes"]);
  });
});
