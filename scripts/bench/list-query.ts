/**
 * The dashboards' queries on a partnership with many disputes: "assigned to me,
 * due within 5 working days" and the board register, through listEscalations on
 * an in-memory PGlite. Disputes are inserted as rows directly (the query reads
 * only the projected row and its participants), so the figures measure the
 * query, not the use cases. Also prints the planner's choice for the
 * "due this week" filter.
 */
import { loadActor } from "@/lib/auth/actor";
import { openDatabase } from "@/lib/db/connect";
import { applyMigrations } from "@/lib/db/migrations";
import { asSystem, inPartnership } from "@/lib/db/scope";
import { listEscalations } from "@/lib/escalations";
import { PolicyRegistry } from "@/lib/policy";
import { seedDemoData } from "@/lib/seed/demo";
import type { Benchmark } from "../bench";

const DISPUTES = 20_000;
const RUNS = 40;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const benchmark: Benchmark = {
  name: `Dashboard queries over ${DISPUTES.toLocaleString("en-GB")} disputes (PGlite, in memory)`,
  async run() {
    const { registry } = PolicyRegistry.load();
    const now = new Date("2026-06-04T09:00:00Z");
    const db = await openDatabase({ engine: "pglite-memory" });
    try {
      await applyMigrations(db);
      await seedDemoData(db, { disputes: false, now, policies: registry });
      const manager = await asSystem(db, (tx) => tx.user.findUniqueOrThrow({ where: { email: "team-manager@torbay.example" } }));
      const actor = (await loadActor(db, manager.id, "torbay"))!;
      const started = performance.now();
      // Installation-level: benchmark set-up, writing rows straight into the table.
      await asSystem(db, (tx) =>
        tx.$executeRawUnsafe(
          `insert into "Escalation" (id, "partnershipId", reference, "policyId", "policyVersion", "routeId", status, urgent, "raisedAt", "raisedById",
             "raisingAgencyId", "respondingAgencyId", "respondingPerson", subjects, areas, "decisionDisputed", "whyUnsafe", "evidenceSummary",
             "outcomeSought", "immediateRisk", "stageKey", "stageNumber", "stageEnteredAt", "raisingOwnerId", "respondingOwnerId",
             "raisingRank", "respondingRank", "onRegister", "nextDueAt", version, "updatedAt")
           select gen_random_uuid(), 'torbay', 'TSCP-2026-' || lpad(i::text, 5, '0'), 'torbay', '2024-1', 'main',
             (case when i % 5 = 0 then 'resolved' else 'open' end)::"EscalationStatus", false, $1::timestamptz - (i % 60) * interval '1 day', $2::uuid,
             (select id from "Agency" where "partnershipId" = 'torbay' and type = 'education' limit 1),
             (select id from "Agency" where "partnershipId" = 'torbay' and type = 'childrens_social_care' limit 1),
             'Someone', '[{"kind":"child","initials":"AB","yearOfBirth":2016,"caseReferences":[]}]', array['levels-of-need'],
             'x', 'x', 'x', 'x', false, 'stage-' || (1 + i % 4), 1 + i % 4, $1::timestamptz,
             null, case when i % 50 = 1 then $2::uuid else null end,
             1 + i % 4, 1 + i % 4, (i % 4) >= 2, $1::timestamptz + ((i % 30) - 10) * interval '1 day', 1, now()
           from generate_series(1, ${DISPUTES}) as i`,
          now,
          manager.id,
        ),
      );
      await asSystem(db, (tx) => tx.$executeRawUnsafe(`analyze "Escalation"`));
      console.log(`inserted ${DISPUTES.toLocaleString("en-GB")} disputes in ${((performance.now() - started) / 1000).toFixed(1)} s`);

      const time = async (label: string, filters: Record<string, unknown>, as = actor) => {
        const deps = { policies: registry, now: () => now };
        const ms: number[] = [];
        let count = 0;
        for (let run = 0; run < RUNS; run++) {
          const t = performance.now();
          count = (await listEscalations(db, as, filters, deps)).items.length;
          ms.push(performance.now() - t);
        }
        ms.sort((a, b) => a - b);
        console.log(`${label.padEnd(46)} ${String(count).padStart(3)} rows  p50 ${percentile(ms, 50).toFixed(1)} ms  p95 ${percentile(ms, 95).toFixed(1)} ms`);
      };
      await time("assigned to me, open, due within 5 working days", { ownedByMe: true, status: "open", dueWithinWorkingDays: 5 });
      await time("my agency's open disputes, first page", { myAgency: true, status: "open" });
      await time("overdue, first page", { overdue: true, status: "open" });
      const bm = await asSystem(db, (tx) => tx.user.findUniqueOrThrow({ where: { email: "business-manager@torbay.example" } }));
      await time("board register (stage 3 and above), first page", { stageAtLeast: 3 }, (await loadActor(db, bm.id, "torbay"))!);

      const plan = await inPartnership(db, actor, (tx) =>
        tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
          `explain select id from "Escalation" where "partnershipId" = 'torbay' and status = 'open' and "nextDueAt" <= $1::timestamptz order by "nextDueAt" limit 26`,
          new Date(now.getTime() + 7 * 86_400_000),
        ),
      );
      console.log(`plan for "due this week": ${plan.map((r) => r["QUERY PLAN"].trim()).join(" / ")}`);
      const memory = process.memoryUsage();
      console.log(`memory: heap ${(memory.heapUsed / 1e6).toFixed(0)} MB, RSS ${(memory.rss / 1e6).toFixed(0)} MB`);
    } finally {
      await db.close();
    }
  },
};

export default benchmark;
