import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../lib/db/connect";
import { asSystem } from "../../lib/db/scope";
import { seedDemoData } from "../../lib/seed/demo";
import { DEMO_PARTNERSHIPS } from "../../lib/seed/demo-data";
import type { SeededDispute } from "../../lib/seed/demo-disputes";
import type { EscalationSummary } from "../../lib/views/dashboard";
import { byUrgency, groupByDue, groupByStatus } from "../../lib/views/dashboard";
import { loadDashboard, type DashboardData } from "../../lib/views/dashboard-data";
import { loadRegister } from "../../lib/views/register-data";
import { createTestDatabase } from "../support/db";
import { actorFor, policies } from "../support/escalations";
import { withTestDatabase } from "../support/test-database";

/** The e2e server's clock: Thursday 4 June 2026, 9am London (playwright.config.ts). */
const NOW = new Date("2026-06-04T09:00:00+01:00");
const deps = { policies: policies(), now: () => NOW };

type Snapshot = { reference: string; stageKey: string; status: string; onRegister: boolean; nextDueAt: string | null; events: number };

async function snapshot(db: Database): Promise<Snapshot[]> {
  const rows = await asSystem(db, (tx) => tx.escalation.findMany({ orderBy: { reference: "asc" }, include: { _count: { select: { events: true } } } }));
  return rows.map((r) => ({
    reference: r.reference,
    stageKey: r.stageKey,
    status: r.status,
    onRegister: r.onRegister,
    nextDueAt: r.nextDueAt?.toISOString() ?? null,
    events: r._count.events,
  }));
}

describe("demo disputes", () => {
  let db: Database;
  let seeded: SeededDispute[];
  let seedMs: number;

  withTestDatabase(false, (opened) => (db = opened));
  beforeAll(async () => {
    const started = performance.now();
    const result = await seedDemoData(db, { now: NOW, policies: policies() });
    seedMs = performance.now() - started;
    seeded = result.disputes ?? [];
  });

  const keys = (partnershipId: string, items: readonly EscalationSummary[]) =>
    items.map((i) => seeded.find((d) => d.partnershipId === partnershipId && d.id === i.id)?.key ?? i.reference);

  const dashboard = async (partnershipId: string, user: string) => {
    const data = await loadDashboard(db, await actorFor(db, user, partnershipId), deps);
    if (data.policy === null) throw new Error(`${partnershipId} has no policy in force`);
    return data as Exclude<DashboardData, { policy: null }>;
  };

  it("seeds every partnership through the use cases, quickly, with histories that end before now", async () => {
    console.info(`demo seed (people and ${seeded.length} disputes): ${Math.round(seedMs)} ms`);
    expect(seedMs).toBeLessThan(30_000);
    const perPartnership = Object.fromEntries(DEMO_PARTNERSHIPS.map((p) => [p.id, seeded.filter((d) => d.partnershipId === p.id).length]));
    expect(perPartnership).toEqual({ torbay: 11, "cambridgeshire-peterborough": 5, "isle-of-man": 7, westbridge: 6, eastmoor: 5 });
    expect(seeded.filter((d) => d.partnershipId === "torbay").map((d) => d.reference)).toEqual(
      Array.from({ length: 11 }, (_, i) => `TSCP-2026-${String(i + 1).padStart(4, "0")}`),
    );

    const events = await asSystem(db, (tx) => tx.escalationEvent.findMany({ select: { escalationId: true, sequence: true, at: true } }));
    expect(events.every((e) => e.at.getTime() <= NOW.getTime())).toBe(true);
    // Each dispute's events are numbered 1, 2, 3… in time order: a history, not a pile.
    for (const d of seeded) {
      const mine = events.filter((e) => e.escalationId === d.id).sort((a, b) => a.sequence - b.sequence);
      expect(
        mine.map((e) => e.sequence),
        d.key,
      ).toEqual(mine.map((_, i) => i + 1));
      expect(
        mine.every((e, i) => i === 0 || e.at.getTime() >= mine[i - 1]!.at.getTime()),
        d.key,
      ).toBe(true);
    }
    const statuses = (await snapshot(db)).reduce<Record<string, number>>((n, s) => ({ ...n, [s.status]: (n[s.status] ?? 0) + 1 }), {});
    expect(statuses).toEqual({ open: 22, resolved: 7, withdrawn: 5 });
  });

  it("Torbay: the teacher sees their disputes by status, with each deadline in words", async () => {
    const d = await dashboard("torbay", "teacher");
    expect(d.plan.sections.map((s) => s.kind)).toEqual(["mine", "awaiting"]);
    expect(d.lists.awaiting).toEqual({ items: [], nextCursor: null }); // the school has managers: they are its contacts
    const [open, resolved, withdrawn] = groupByStatus(d.lists.mine!.items);
    expect(keys("torbay", open!.items)).toEqual(["overdue-stage-2", "register-stage-3", "due-soon-stage-1", "register-stage-4"]);
    expect(keys("torbay", resolved!.items)).toEqual(["resolved-stage-2"]);
    expect(keys("torbay", withdrawn!.items)).toEqual(["withdrawn"]);
    expect(open!.items.map((i) => i.nextDue.text)).toEqual([
      "Overdue by 3 working days (was due Monday 1 June, 5pm)",
      "Due in 2 working days (Monday 8 June, 5pm)",
      "Due in 3 working days (Tuesday 9 June, 5pm)",
      "Due in 7 working days (Monday 15 June, 5pm)",
    ]);
    expect(open!.items[0]).toMatchObject({ stage: { number: 2, title: "Manager to manager" }, subjects: [{ initials: "LM" }] });
  });

  it("Torbay: managers see what they own by urgency, and their agency's open disputes", async () => {
    const schoolManager = await dashboard("torbay", "school-manager");
    expect(groupByDue(schoolManager.lists.assigned!.items).map((g) => [g.key, keys("torbay", g.items)])).toEqual([
      ["overdue", ["overdue-stage-2"]],
      ["today", []],
      ["week", ["manager-raised-stage-1"]],
      ["later", []],
    ]);
    expect(keys("torbay", byUrgency(schoolManager.lists["team-raised"]!.items))).toEqual([
      "overdue-stage-2",
      "register-stage-3",
      "manager-raised-stage-1",
      "due-soon-stage-1",
    ]);
    expect(keys("torbay", byUrgency(schoolManager.lists["team-with"]!.items))).toEqual(["register-stage-4"]);

    const teamManager = await dashboard("torbay", "team-manager");
    expect(groupByDue(teamManager.lists.assigned!.items).map((g) => [g.key, keys("torbay", g.items)])).toEqual([
      ["overdue", ["overdue-stage-2"]],
      ["today", ["due-today-stage-2"]],
      ["week", []],
      ["later", []],
    ]);
    expect(keys("torbay", byUrgency(teamManager.lists["team-raised"]!.items))).toEqual(["register-stage-4"]);
    expect(keys("torbay", byUrgency(teamManager.lists["team-with"]!.items))).toEqual([
      "register-overdue-stage-3",
      "overdue-stage-2",
      "due-today-stage-2",
      "register-stage-3",
      "shared-officer-stage-1",
    ]);

    const headteacher = await dashboard("torbay", "headteacher");
    expect(groupByDue(headteacher.lists.assigned!.items).map((g) => keys("torbay", g.items))).toEqual([[], [], ["register-stage-3"], ["register-stage-4"]]);
    const headOfService = await dashboard("torbay", "head-of-service");
    expect(groupByDue(headOfService.lists.assigned!.items).map((g) => keys("torbay", g.items))).toEqual([
      ["register-overdue-stage-3"],
      [],
      ["register-stage-3"],
      [],
    ]);
    const director = await dashboard("torbay", "director");
    expect(keys("torbay", director.lists.assigned!.items)).toEqual(["register-stage-4"]);
  });

  it("Torbay: the social worker sees disputes that name them; the business manager sees the register's counts", async () => {
    const social = await dashboard("torbay", "social-worker");
    const [open, resolved] = groupByStatus(social.lists.mine!.items);
    expect(keys("torbay", open!.items)).toEqual([
      "register-overdue-stage-3",
      "overdue-stage-2",
      "due-today-stage-2",
      "register-stage-3",
      "shared-officer-stage-1",
      "register-stage-4",
    ]);
    expect(keys("torbay", resolved!.items)).toEqual(["resolved-stage-2", "resolved-on-register"]);
    expect(open!.items[2]!.nextDue).toMatchObject({ text: "Due today (5pm)", tone: "today" });

    const bm = await dashboard("torbay", "business-manager");
    expect(bm.plan).toEqual({
      canRaise: false,
      sections: [
        { kind: "not-on-parley", filters: { agencyNotOnParley: true } },
        { kind: "register", filters: { onRegister: true } },
      ],
    });
    expect(bm.registerCounts).toEqual({ open: 3, overdue: 1, dueThisWeek: 1, resolved: 1, withdrawn: 0, total: 4 });
    const register = await loadRegister(db, await actorFor(db, "business-manager", "torbay"), deps);
    if (register.policy === null) throw new Error("no policy");
    expect(register.counts).toEqual(bm.registerCounts);
    expect(keys("torbay", register.list.items).sort()).toEqual(["register-overdue-stage-3", "register-stage-3", "register-stage-4", "resolved-on-register"]);
  });

  it("Isle of Man: stage 1 due before the TT bank holiday, and the Board with the referral form on the register", async () => {
    const teacher = await dashboard("isle-of-man", "teacher");
    const [open] = groupByStatus(teacher.lists.mine!.items);
    expect(keys("isle-of-man", open!.items)).toEqual(["due-today-stage-1", "register-stage-4"]);
    // The referral form went with the escalation, which meets stage 4's only deadline: the Board has no timescale.
    expect(open!.items.map((i) => i.nextDue.text)).toEqual(["Due today (5pm)", "No due date at this stage"]);
    const bm = await dashboard("isle-of-man", "business-manager");
    expect(bm.registerCounts).toEqual({ open: 1, overdue: 0, dueThisWeek: 0, resolved: 1, withdrawn: 0, total: 2 });
    const adult = await dashboard("isle-of-man", "adult-social-worker");
    expect(adult.lists.mine!.items).toMatchObject([{ subjects: [{ kind: "adult", initials: "GH" }], nextDue: { tone: "overdue" } }]);
    const referral = await asSystem(db, (tx) =>
      tx.escalationEvent.count({
        where: { escalationId: seeded.find((d) => d.partnershipId === "isle-of-man" && d.key === "register-stage-4")!.id, type: "form_completed" },
      }),
    );
    expect(referral).toBe(1);
  });

  it("Eastmoor has a dispute at stage 4 on the register; Westbridge's board has no register", async () => {
    const eastmoor = await loadRegister(db, await actorFor(db, "business-manager", "eastmoor"), deps);
    if (eastmoor.policy === null) throw new Error("no policy");
    expect(keys("eastmoor", eastmoor.list.items)).toEqual(["register-stage-4"]);
    expect(eastmoor.list.items[0]!.stage.number).toBe(4);
    const westbridge = await dashboard("westbridge", "business-manager");
    expect(westbridge.plan.sections).toEqual([
      { kind: "not-on-parley", filters: { agencyNotOnParley: true } },
      { kind: "register", filters: null },
    ]);
    expect(westbridge.registerCounts).toBeUndefined();
  });

  it("gives every demo role in every partnership something on its dashboard", async () => {
    for (const p of DEMO_PARTNERSHIPS) {
      for (const user of p.users) {
        if (user.roles.includes("partnership_admin")) continue; // administrators do not see disputes
        if (p.id === "westbridge" && (user.key === "business-manager" || user.key === "chair")) continue; // no register there
        const d = await dashboard(p.id, user.key);
        const total = Object.values(d.lists).reduce((n, list) => n + (list?.items.length ?? 0), 0) + (d.registerCounts?.total ?? 0);
        expect(total, `${user.key} in ${p.id}`).toBeGreaterThan(0);
      }
    }
    const sergeant = await dashboard("westbridge", "shared-police@parley.example");
    expect(keys("westbridge", sergeant.lists.mine!.items)).toEqual(["shared-officer"]);
  });
});

describe("demo disputes on other days", () => {
  it("come out the same for the same start, and seed on a bank holiday evening and a Sunday too", async () => {
    const runs: Snapshot[][] = [];
    for (const now of [NOW, NOW, new Date("2026-05-25T19:30:00+01:00"), new Date("2026-12-27T08:00:00Z")]) {
      const db = await createTestDatabase();
      try {
        const result = await seedDemoData(db, { now, policies: policies() });
        expect(result.disputes, now.toISOString()).toHaveLength(34);
        runs.push(await snapshot(db));
      } finally {
        await db.close();
      }
    }
    expect(runs[1]).toEqual(runs[0]);
    // Later starts move every deadline along, but the shape (stages, statuses, events) is the same.
    const shape = (run: Snapshot[]) =>
      run.map(({ reference, stageKey, status, onRegister, events }) => ({
        stageKey,
        status,
        onRegister,
        events,
        reference: reference.replace(/-\d{4}-/, "-"),
      }));
    expect(shape(runs[2]!)).toEqual(shape(runs[0]!));
    expect(shape(runs[3]!)).toEqual(shape(runs[0]!));
  }, 120_000);
});
