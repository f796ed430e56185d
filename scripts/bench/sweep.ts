/**
 * The deadline sweep at scale (issue 10):
 *
 *   npm run bench -- sweep --engine postgresql|pglite [--disputes 1000000] [--due 200] [--runs 50] [--json]
 *
 * Builds the timers of `--disputes` open disputes (a warning and a miss each,
 * set-based, spread over the next 60 days, as NoticeTimer holds them), plus
 * `--due` real Torbay disputes raised through the use case whose deadlines have
 * passed. Then times the sweep's search for due timers (non-destructive, over
 * `--runs` runs), one whole sweep (finding, locking, loading each due dispute,
 * writing its notices and deleting its timers) and delivering those notices to
 * a mail folder. On PostgreSQL the server is BENCH_DATABASE_URL (a role with
 * CREATEDB); the benchmark creates and drops its own database.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { loadActor } from "@/lib/auth/actor";
import { openDatabase, type Database } from "@/lib/db/connect";
import { applyMigrations } from "@/lib/db/migrations";
import { asSystem, inPartnership } from "@/lib/db/scope";
import { raiseEscalation, type EscalationDeps } from "@/lib/escalations";
import { deliverDue } from "@/lib/notices/deliver";
import { createMailer } from "@/lib/notices/mail";
import { sweepTimers } from "@/lib/notices/sweep";
import { PolicyRegistry } from "@/lib/policy";
import { DEMO_PARTNERSHIPS, demoEmail } from "@/lib/seed/demo-data";
import { seedDemoData } from "@/lib/seed/demo";
import type { Benchmark } from "../bench";
import { benchOptions } from "../bench-options";

type Options = { engine: "postgresql" | "pglite"; disputes: number; due: number; runs: number; json: boolean };

const RAISED = new Date("2026-06-01T08:00:00Z"); // Monday 1 June 2026, 9am in London
const SWEEP_AT = new Date("2026-06-09T09:00:00Z"); // the Tuesday after their 5-working-day deadline
const log = (m: string) => process.stderr.write(`${m}\n`);

function parseOptions(args: string[]): Options {
  const { value, whole, flag } = benchOptions(args);
  const engine = value("engine") ?? "pglite";
  if (engine !== "postgresql" && engine !== "pglite") throw new Error(`--engine must be postgresql or pglite, not ${engine}`);
  return { engine, disputes: whole("disputes", 100_000, 0), due: whole("due", 200, 1), runs: whole("runs", 50, 1), json: flag("json") };
}

async function openBench(o: Options): Promise<{ db: Database; dispose: () => Promise<void> }> {
  if (o.engine === "pglite") {
    const db = await openDatabase({ engine: "pglite-memory" });
    return { db, dispose: () => db.close() };
  }
  const server = process.env.BENCH_DATABASE_URL;
  if (!server) throw new Error("Set BENCH_DATABASE_URL to a PostgreSQL server, e.g. postgres://bench:bench@127.0.0.1:5432/postgres (the role needs CREATEDB).");
  const name = `parley_bench_sweep_${o.disputes}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`drop database if exists "${name}" with (force)`);
  await admin(`create database "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = await openDatabase({ engine: "postgresql", url: url.toString() });
  return {
    db,
    dispose: async () => {
      await db.close();
      await admin(`drop database if exists "${name}" with (force)`);
    },
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

async function build(db: Database, o: Options, deps: EscalationDeps): Promise<void> {
  const started = performance.now();
  await applyMigrations(db);
  await seedDemoData(db, { disputes: false, now: RAISED, policies: deps.policies });
  // Installation-level: benchmark set-up writing timers straight into the table.
  await asSystem(
    db,
    (tx) =>
      tx.$executeRawUnsafe(
        `insert into "NoticeTimer" (id, "partnershipId", "escalationId", kind, subject, "dueAt", "fireAt")
         select gen_random_uuid(), 'torbay', x.e, k.kind, 'resolve', x.d, case when k.kind = 'deadline_warning' then x.d - interval '1 day' else x.d end
         from (select gen_random_uuid() e, $2::timestamptz + (1 + random() * 60) * interval '1 day' d from generate_series(1, $1::int)) x
         cross join (values ('deadline_warning'), ('deadline_missed')) k(kind)`,
        o.disputes,
        SWEEP_AT,
      ),
    { timeout: 3_600_000, maxWait: 60_000 },
  );
  log(`${(o.disputes * 2).toLocaleString("en-GB")} filler timers: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const teacher = await db.prisma.user.findUniqueOrThrow({ where: { email: demoEmail("teacher", "torbay") } });
  const social = await db.prisma.user.findUniqueOrThrow({ where: { email: demoEmail("social-worker", "torbay") } });
  const actor = (await loadActor(db, teacher.id, "torbay"))!;
  const cscName = DEMO_PARTNERSHIPS[0]!.agencies.find((a) => a.key === "csc")!.name;
  const csc = await inPartnership(db, actor, (tx) => tx.agency.findFirstOrThrow({ where: { name: cscName } }));
  for (let i = 0; i < o.due; i++) {
    await raiseEscalation(
      db,
      actor,
      {
        respondingAgencyId: csc.id,
        respondingPerson: "Sam Riley, social worker",
        respondingUserId: social.id,
        subjects: [{ kind: "child", initials: "JS", yearOfBirth: 2016, caseReferences: [] }],
        areas: ["levels-of-need"],
        decisionDisputed: "The referral was closed.",
        whyUnsafe: "The child is left alone overnight.",
        evidenceSummary: "The school's safeguarding log.",
        outcomeSought: "An assessment.",
        immediateRisk: false,
      },
      { ...deps, now: () => RAISED, notify: false },
    );
  }
  await asSystem(db, (tx) => tx.$executeRawUnsafe(`analyze "NoticeTimer"`));
  log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const benchmark: Benchmark = {
  name: "Deadline sweep: due timers into notices, and their delivery",
  onlyWhenNamed: true,
  async run(args) {
    const o = parseOptions(args);
    const { registry } = PolicyRegistry.load();
    const deps: EscalationDeps = { policies: registry, now: () => SWEEP_AT };
    const { db, dispose } = await openBench(o);
    const mailDir = mkdtempSync(path.join(tmpdir(), "parley-bench-mail-"));
    try {
      await build(db, o, deps);
      const times: number[] = [];
      for (let i = 0; i < o.runs; i++) {
        const t = performance.now();
        // The sweep's own first query (lib/notices/sweep.ts), without acting on what it finds.
        await asSystem(
          db,
          (tx) =>
            tx.$queryRaw`SELECT "partnershipId", "escalationId" FROM "NoticeTimer" WHERE "fireAt" <= ${SWEEP_AT}
                       GROUP BY "partnershipId", "escalationId" ORDER BY min("fireAt") LIMIT 200`,
        );
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      const t0 = performance.now();
      const sweep = await sweepTimers(db, deps, SWEEP_AT, Math.max(200, o.due));
      const sweepMs = performance.now() - t0;
      for (const f of sweep.failed.slice(0, 3)) log(`sweep failed for ${f.escalationId}: ${f.reason}`);
      const mailer = createMailer({ smtpUrl: undefined, from: "Parley <bench@parley.example>", mailDir });
      const t1 = performance.now();
      let sent = 0;
      for (;;) {
        const r = await deliverDue(db, { mailer, baseUrl: "http://localhost:3000", now: () => SWEEP_AT });
        sent += r.sent;
        if (r.claimed === 0) break;
      }
      const deliverMs = performance.now() - t1;
      const results = {
        engine: o.engine,
        disputes: o.disputes + o.due,
        timers: (o.disputes + o.due) * 2,
        findDue: { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) },
        sweep: { ms: sweepMs, disputes: sweep.disputes, timers: sweep.timers, notices: sweep.notices },
        delivery: { ms: deliverMs, sent },
      };
      if (o.json) {
        console.log(JSON.stringify(results));
      } else {
        const f = (n: number) => n.toFixed(1);
        console.log(`${o.engine}, ${results.disputes.toLocaleString("en-GB")} open disputes, ${results.timers.toLocaleString("en-GB")} timers`);
        console.log(
          `  find due timers:  p50 ${f(results.findDue.p50)} ms, p95 ${f(results.findDue.p95)} ms, p99 ${f(results.findDue.p99)} ms (${o.runs} runs)`,
        );
        console.log(`  one sweep:        ${f(sweepMs)} ms for ${sweep.disputes} due disputes, ${sweep.timers} timers, ${sweep.notices} notices written`);
        console.log(`  delivery:         ${f(deliverMs)} ms for ${sent} messages to a mail folder`);
      }
    } finally {
      rmSync(mailDir, { recursive: true, force: true });
      await dispose();
    }
  },
};

export default benchmark;
