import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../lib/auth/actor";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import type { EscalationSummary } from "../../../lib/views/dashboard";
import { loadDashboard } from "../../../lib/views/dashboard-data";
import { REGISTER_PAGE_SIZE, loadRegister, type RegisterData } from "../../../lib/views/register-data";
import { actorFor, agencyId, policies } from "../../support/escalations";
import { withTestDatabase } from "../../support/test-database";

/**
 * The board register against the database: 1,200 Torbay disputes written
 * straight into the table (set-based, as a busy partnership's years would leave
 * them), 600 of them on the register. Each row's facts follow from its number
 * (`shape` below), so the expected counts, filters and order are worked out
 * here independently of the SQL that produces them.
 */
const NOW = new Date("2026-03-02T09:00:00Z"); // Monday; five working days on is close of business Monday 9 March
const N = 1_200;

type Shape = {
  reference: string;
  onRegister: boolean;
  stage: number;
  status: "open" | "resolved" | "withdrawn";
  /** Days from today at 4pm UTC; null: no due date. */
  dueInDays: number | null;
  raising: "school" | "health" | "police";
  area: "care-planning" | "levels-of-need";
  formOutstanding: boolean;
};

function shape(i: number): Shape {
  const status = i % 5 === 1 ? "resolved" : i % 25 === 3 ? "withdrawn" : "open";
  const onRegister = i % 2 === 0;
  return {
    reference: `TSCP-2026-${String(i).padStart(4, "0")}`,
    onRegister,
    stage: onRegister ? 3 + (Math.floor(i / 2) % 2) : 1 + (i % 2),
    status,
    dueInDays: status !== "open" || i % 13 === 0 ? null : (i % 21) - 10,
    raising: (["school", "health", "police"] as const)[i % 3]!,
    area: i % 4 === 0 ? "care-planning" : "levels-of-need",
    formOutstanding: status === "open" && i % 7 === 0,
  };
}

const ALL = Array.from({ length: N }, (_, k) => shape(k + 1));
const ON_REGISTER = ALL.filter((s) => s.onRegister);
const dueAt = (s: Shape) => (s.dueInDays === null ? null : new Date(Date.UTC(2026, 2, 2 + s.dueInDays, 16)));
const refsOf = (rows: Shape[]) => rows.map((r) => r.reference).sort();

describe("the board register at scale", () => {
  let db: Database;
  let bm: Actor;
  const deps = { policies: policies(), now: () => NOW };

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  beforeAll(async () => {
    bm = await actorFor(db, "business-manager", "torbay");
    const teacher = await actorFor(db, "teacher", "torbay");
    const social = await actorFor(db, "social-worker", "torbay");
    const agencies = {
      csc: await agencyId(db, "torbay", "csc"),
      school: await agencyId(db, "torbay", "school"),
      health: await agencyId(db, "torbay", "health"),
      police: await agencyId(db, "torbay", "police"),
    };
    // Installation-level: test set-up writing rows straight into the table, as lib/escalations/store.ts would leave them.
    await asSystem(
      db,
      (tx) => tx.$executeRaw`
        insert into "Escalation" (id, "partnershipId", reference, "policyId", "policyVersion", "routeId", status, urgent, "raisedAt", "raisedById",
          "raisingAgencyId", "respondingAgencyId", "respondingPerson", subjects, areas, "decisionDisputed", "whyUnsafe", "evidenceSummary",
          "outcomeSought", "immediateRisk", "stageKey", "stageNumber", "stageEnteredAt", "raisingOwnerId", "respondingOwnerId",
          "raisingRank", "respondingRank", "onRegister", "nextDueAt", "formOutstanding", "closedAt", version, "updatedAt")
        select gen_random_uuid(), 'torbay', r.reference, 'torbay', '2024-1', 'main', r.status::"EscalationStatus", false,
          ${NOW}::timestamptz - interval '30 days', ${teacher.userId}::uuid,
          (array[${agencies.school}::uuid, ${agencies.health}::uuid, ${agencies.police}::uuid])[1 + r.i % 3], ${agencies.csc}::uuid, 'Sam Riley',
          '[{"kind":"child","initials":"JS"}]'::jsonb, array[r.area], 'x', 'x', 'x', 'x', false,
          'stage-' || r.stage, r.stage, ${NOW}::timestamptz - interval '3 days', ${teacher.userId}::uuid, ${social.userId}::uuid,
          least(r.stage, 4), least(r.stage, 4), r."onRegister", r."dueAt", r."formOutstanding",
          case when r.status <> 'open' then ${NOW}::timestamptz - interval '1 day' end, 3, ${NOW}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(ALL.map((s, k) => ({ ...s, i: k + 1, dueAt: dueAt(s)?.toISOString() ?? null })))}::jsonb)
          as r(i int, reference text, "onRegister" boolean, stage int, status text, "dueAt" timestamptz, area text, "formOutstanding" boolean)`,
    );
  });

  type Loaded = Exclude<RegisterData, { policy: null }>;
  const load = async (query: Record<string, string> = {}): Promise<Loaded> => {
    const data = await loadRegister(db, bm, deps, query);
    if (data.policy === null) throw new Error("no policy");
    return data;
  };
  /** Every row the filters match, following "Next page" to the end. */
  const everyPage = async (query: Record<string, string> = {}): Promise<{ rows: EscalationSummary[]; pages: number }> => {
    const rows: EscalationSummary[] = [];
    let after: string | null = null;
    for (let pages = 1; pages < 100; pages++) {
      const data: Loaded = await load({ ...query, ...(after ? { after } : {}) });
      expect(data.list.items.length).toBeLessThanOrEqual(REGISTER_PAGE_SIZE);
      rows.push(...data.list.items);
      after = data.list.nextCursor;
      if (!after) return { rows, pages };
    }
    throw new Error("too many pages");
  };

  it("counts everything on the register in the database, well past 500", async () => {
    const open = ON_REGISTER.filter((s) => s.status === "open");
    const expected = {
      total: ON_REGISTER.length,
      open: open.length,
      overdue: open.filter((s) => s.dueInDays !== null && s.dueInDays < 0).length,
      dueThisWeek: open.filter((s) => s.dueInDays !== null && s.dueInDays >= 0 && s.dueInDays <= 7).length,
      resolved: ON_REGISTER.filter((s) => s.status === "resolved").length,
      withdrawn: ON_REGISTER.filter((s) => s.status === "withdrawn").length,
    };
    expect(expected.total).toBe(600);
    expect(expected.open).toBeGreaterThan(300);
    const data = await load();
    expect(data.counts).toEqual(expected);
    // The board's dashboard card reads the same counts.
    const dashboard = await loadDashboard(db, bm, deps);
    expect(dashboard.policy === null ? null : dashboard.registerCounts).toEqual(expected);
  });

  it("shows each dispute's owners by name, the day it reached its stage and the working days since", async () => {
    const data = await load();
    const open = data.list.items.find((r) => r.status === "open")!;
    expect(open).toMatchObject({ ownerNames: { raising: "Priya Shah", responding: "Sam Riley" }, stageEnteredAt: "2026-02-27T09:00:00+00:00", closedAt: null });
    // Reached on Friday 27 February; today is Monday 2 March: one working day.
    expect(data.daysAtStage[open.id]).toBe(1);
    const closed = (await load({ status: "resolved" })).list.items[0]!;
    expect(closed.closedAt).toBe("2026-03-01T09:00:00+00:00");
    expect(data.daysAtStage[closed.id]).toBeUndefined();
  });

  it("pages through all 600, soonest due first, then the undated newest first, with no row twice", async () => {
    const { rows, pages } = await everyPage();
    expect(pages).toBe(600 / REGISTER_PAGE_SIZE);
    expect(new Set(rows.map((r) => r.id)).size).toBe(600);
    expect(rows.map((r) => r.reference).sort()).toEqual(refsOf(ON_REGISTER));
    const dated = rows.filter((r) => r.nextDue.at !== null);
    const undated = rows.slice(dated.length);
    expect(undated.every((r) => r.nextDue.at === null)).toBe(true);
    const ms = dated.map((r) => Date.parse(r.nextDue.at!));
    expect(ms).toEqual([...ms].sort((a, b) => a - b));
    expect(undated.map((r) => r.id)).toEqual([...undated.map((r) => r.id)].sort().reverse());
    // The first page starts with the longest overdue.
    const first = (await load()).list.items[0]!;
    expect(first.nextDue.tone).toBe("overdue");
    expect(shape(Number(first.reference.slice(-4))).dueInDays).toBe(-10);
  });

  it("filters in the database, across pages: status, deadline, stage, agency and area", async () => {
    const check = async (query: Record<string, string>, want: (s: Shape) => boolean) => {
      const { rows } = await everyPage(query);
      expect(rows.map((r) => r.reference).sort(), JSON.stringify(query)).toEqual(refsOf(ON_REGISTER.filter(want)));
    };
    const health = await agencyId(db, "torbay", "health");
    await check({ status: "resolved" }, (s) => s.status === "resolved");
    await check({ status: "withdrawn" }, (s) => s.status === "withdrawn");
    await check({ status: "open" }, (s) => s.status === "open");
    await check({ due: "overdue" }, (s) => s.status === "open" && s.dueInDays !== null && s.dueInDays < 0);
    await check({ due: "week" }, (s) => s.status === "open" && s.dueInDays !== null && s.dueInDays >= 0 && s.dueInDays <= 7);
    await check({ stage: "4" }, (s) => s.stage === 4);
    await check({ agency: health, area: "care-planning" }, (s) => s.raising === "health" && s.area === "care-planning");
    await check({ status: "open", stage: "3", due: "overdue" }, (s) => s.status === "open" && s.stage === 3 && s.dueInDays !== null && s.dueInDays < 0);
    await check({ status: "resolved", due: "overdue" }, () => false);
  });

  it("says when a form is outstanding, and starts again from the first page when a page link no longer reads", async () => {
    const { rows } = await everyPage({ status: "open" });
    const outstanding = rows
      .filter((r) => r.formOutstanding)
      .map((r) => r.reference)
      .sort();
    expect(outstanding).toEqual(refsOf(ON_REGISTER.filter((s) => s.formOutstanding)));
    expect(outstanding.length).toBeGreaterThan(0);
    const stale = await load({ after: "not-a-page" });
    expect(stale.staleLink).toBe(true);
    expect(stale.after).toBeNull();
    expect(stale.list.items.map((r) => r.id)).toEqual((await load()).list.items.map((r) => r.id));
  });
});
