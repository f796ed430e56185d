/**
 * Lists, register and dashboards at scale (issue 11):
 *
 *   npm run bench -- scale --engine postgresql|pglite --disputes N [--shape even|skewed] [--json]
 *                          [--runs 50] [--keep] [--reuse] [--only <part of a name>]
 *
 * Builds synthetic disputes with set-based inserts (INSERT … SELECT over
 * generate_series): realistic stages, statuses, owners on both sides,
 * participants, agreed actions, the current stage's deadlines and due dates,
 * in 200 partnerships of 5,000 ("even") or with a quarter of them in Torbay
 * ("skewed": 250,000 of 1,000,000). Then ANALYZE, and times each list query and
 * each page's data through the project's own functions (listEscalations,
 * loadDashboard, loadRegister) as Torbay's team manager, teacher and board
 * business manager call them, and the register's CSV export (lib/register/export.ts):
 * how long until its first rows arrive, and until its last. Torbay is the partnership measured: its policy is
 * real; the others are filler that shares the tables.
 *
 * PostgreSQL: the server is BENCH_DATABASE_URL (a role with CREATEDB, neither
 * superuser nor BYPASSRLS, as in production); the benchmark creates its own
 * database (parley_bench_<shape>_<n>) and drops it afterwards, unless --keep.
 * --reuse runs on a database kept earlier (applying any new migration first).
 * --only times just the cases whose name contains the text (e.g. --only report).
 * PGlite: in memory, or with --keep/--reuse in .data/bench-pglite-<shape>-<n>.
 * Progress goes to stderr, figures to stdout.
 */
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { NO_REQUEST } from "@/lib/auth/audit";
import { openDatabase, type Database } from "@/lib/db/connect";
import { applyMigrations } from "@/lib/db/migrations";
import { asSystem } from "@/lib/db/scope";
import { ListEscalationsInput, listEscalations, type EscalationDeps } from "@/lib/escalations";
import { nowOf } from "@/lib/escalations/deps";
import { PolicyRegistry } from "@/lib/policy";
import { startRegisterExport } from "@/lib/register/export";
import { readPeriod } from "@/lib/reports/period";
import { loadReport } from "@/lib/reports/report";
import { DEMO_PARTNERSHIPS, demoEmail } from "@/lib/seed/demo-data";
import { seedDemoData } from "@/lib/seed/demo";
import * as dashboardData from "@/lib/views/dashboard-data";
import { loadDashboard } from "@/lib/views/dashboard-data";
import { loadRegister } from "@/lib/views/register-data";
import type { Benchmark } from "../bench";
import { benchOptions } from "../bench-options";

type Shape = "even" | "skewed";
type Options = {
  engine: "postgresql" | "pglite";
  disputes: number;
  shape: Shape;
  json: boolean;
  runs: number;
  keep: boolean;
  reuse: boolean;
  only?: string | undefined;
};
type Result = { name: string; kind: "query" | "page" | "export"; p50: number; p95: number; p99: number };

const NOW = new Date("2026-06-04T08:00:00Z"); // Thursday 4 June 2026, 9am in London
const PER_PARTNERSHIP = 5_000;
const PARTNERSHIPS = 200;
/** Users per agency on Parley, by slot: 0–15 practitioners, 16–19 managers, 20–21 senior managers, 22–23 directors. */
const SLOTS = 24;
const MARKER = "bench.scale";

const log = (message: string) => process.stderr.write(`${message}\n`);

function parseOptions(args: string[]): Options {
  const { value, whole, flag } = benchOptions(args);
  const engine = value("engine") ?? "pglite";
  if (engine !== "postgresql" && engine !== "pglite") throw new Error(`--engine must be postgresql or pglite, not ${engine}`);
  const shape = value("shape") ?? "skewed";
  if (shape !== "even" && shape !== "skewed") throw new Error(`--shape must be even or skewed, not ${shape}`);
  const disputes = whole("disputes", 100_000, 1_000);
  const runs = whole("runs", 50, 1);
  return { engine, disputes, shape, json: flag("json"), runs, keep: flag("keep"), reuse: flag("reuse"), only: value("only") };
}

// ---- the database ----

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(url: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

type Opened = { db: Database; built: boolean; dispose: () => Promise<void> };

async function open(o: Options): Promise<Opened> {
  const label = `${o.shape}_${o.disputes}`;
  if (o.engine === "postgresql") {
    const server = process.env.BENCH_DATABASE_URL;
    if (!server)
      throw new Error(
        "Set BENCH_DATABASE_URL to a PostgreSQL server, e.g. postgres://bench:bench@127.0.0.1:5432/postgres (the role needs CREATEDB and membership of parley_app and parley_system: docs/deployment.md).",
      );
    const name = `parley_bench_${label}`;
    const exists = await admin(server, async (c) => (await c.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1);
    if (exists && !o.reuse) await admin(server, (c) => c.query(`drop database "${name}" with (force)`));
    if (!exists || !o.reuse) await admin(server, (c) => c.query(`create database "${name}"`));
    const db = await openDatabase({ engine: "postgresql", url: withDatabaseName(server, name) });
    const drop = !o.keep && !o.reuse;
    return {
      db,
      built: exists && o.reuse,
      dispose: async () => {
        await db.close();
        if (drop) await admin(server, (c) => c.query(`drop database if exists "${name}" with (force)`));
      },
    };
  }
  if (!o.keep && !o.reuse) {
    const db = await openDatabase({ engine: "pglite-memory" });
    return { db, built: false, dispose: () => db.close() };
  }
  const dataDir = path.resolve(`.data/bench-pglite-${label}`);
  const existed = existsSync(path.join(dataDir, "PG_VERSION"));
  if (existed && !o.reuse) rmSync(dataDir, { recursive: true, force: true });
  const db = await openDatabase({ engine: "pglite", dataDir });
  return { db, built: existed && o.reuse, dispose: () => db.close() };
}

async function isBuilt(db: Database, o: Options): Promise<boolean> {
  const row = await asSystem(db, (tx) => tx.systemSetting.findUnique({ where: { key: MARKER } })).catch(() => null);
  return row?.value === JSON.stringify({ disputes: o.disputes, shape: o.shape });
}

// ---- the synthetic data ----

/** How many disputes each partnership holds: Torbay first. */
function layout(o: Options): { torbay: number; others: number[] } {
  if (o.shape === "even") {
    const count = Math.max(1, Math.round(o.disputes / PER_PARTNERSHIP));
    const each = Math.floor(o.disputes / count);
    const others = Array.from({ length: count - 1 }, () => each);
    return { torbay: o.disputes - each * (count - 1), others };
  }
  const torbay = Math.round(o.disputes / 4);
  const rest = o.disputes - torbay;
  const each = Math.floor(rest / (PARTNERSHIPS - 1));
  const others = Array.from({ length: PARTNERSHIPS - 1 }, (_, i) => each + (i < rest - each * (PARTNERSHIPS - 1) ? 1 : 0));
  return { torbay, others };
}

/** Demo users of Torbay in the agency slots the generator draws owners from. */
const DEMO_SLOTS: { user: string; agency: number; slot: number }[] = [
  { user: "social-worker", agency: 0, slot: 0 },
  { user: "team-manager", agency: 0, slot: 16 },
  { user: "head-of-service", agency: 0, slot: 20 },
  { user: "director", agency: 0, slot: 22 },
  { user: "teacher", agency: 1, slot: 0 },
  { user: "school-manager", agency: 1, slot: 16 },
  { user: "headteacher", agency: 1, slot: 20 },
  { user: "health-visitor", agency: 2, slot: 0 },
  { user: "named-nurse", agency: 2, slot: 16 },
  { user: "police-officer", agency: 3, slot: 0 },
];
const TORBAY_AGENCY_KEYS = ["csc", "school", "health", "police", "voluntary", "probation"];
const AGENCY_TYPES = [
  "childrens_social_care",
  "education",
  "health",
  "police",
  "voluntary",
  "probation",
  "housing",
  "youth_justice",
  "local_authority",
  "other",
];

/** An owner's slot in an agency for a rank (1 practitioner … 4 director), given the practitioner's slot. */
const ownerSlot = (rank: string, practitionerSlot: string) =>
  `(case least(${rank}, 4) when 1 then ${practitionerSlot} when 2 then 16 + (g.i % 4) when 3 then 20 + (g.i % 2) else 22 + (g.i % 2) end)`;

async function build(db: Database, o: Options): Promise<void> {
  const started = performance.now();
  const { registry } = PolicyRegistry.load();
  await seedDemoData(db, { disputes: false, now: NOW, policies: registry });
  const plan = layout(o);
  const skewed = o.shape === "skewed";
  // Torbay: its six demo agencies and more (schools, GP practices…), and a few with nobody on Parley.
  const torbayOnParley = skewed ? 40 : 10;
  const torbayAbsent = skewed ? 3 : 1;
  const torbayAgencies = await asSystem(db, (tx) => tx.agency.findMany({ where: { partnershipId: "torbay" }, select: { id: true, name: true } }));
  const demoAgencyIds = TORBAY_AGENCY_KEYS.map((key) => {
    const name = DEMO_PARTNERSHIPS[0]!.agencies.find((a) => a.key === key)!.name;
    return torbayAgencies.find((a) => a.name === name)!.id;
  });
  const demoUsers = await asSystem(db, (tx) =>
    tx.user.findMany({ where: { email: { in: DEMO_SLOTS.map((d) => demoEmail(d.user, "torbay")) } }, select: { id: true, email: true } }),
  );
  const demoSlots = DEMO_SLOTS.map((d) => ({ ...d, id: demoUsers.find((u) => u.email === demoEmail(d.user, "torbay"))!.id }));

  // Installation-level: benchmark set-up writing rows straight into every partnership's tables.
  await asSystem(
    db,
    async (tx) => {
      const run = (sql: string, ...params: unknown[]) => tx.$executeRawUnsafe(sql, ...params);
      await run(`select setseed(0.42)`);
      await run(`create temp table bench_partnership (p text primary key, code text, disputes int, on_parley int, absent int) on commit drop`);
      await run(`insert into bench_partnership values ('torbay', 'TSCP', $1, $2, $3)`, plan.torbay, torbayOnParley, torbayAbsent);
      await run(
        `insert into bench_partnership select 'bench-' || lpad(k::text, 3, '0'), 'BP' || k, ($1::int[])[k], 9, 1 from generate_series(1, $2::int) k`,
        plan.others,
        plan.others.length,
      );
      await run(`insert into "Partnership" (id, name, code) select p, 'Benchmark partnership ' || code, code from bench_partnership where p <> 'torbay'`);

      // Agencies: idx 0 is children's social care; those at idx >= on_parley have nobody on Parley.
      await run(`create temp table bench_agency (p text, idx int, id uuid, on_parley boolean, primary key (p, idx)) on commit drop`);
      await run(`insert into bench_agency select p, a, gen_random_uuid(), a < on_parley from bench_partnership, generate_series(0, on_parley + absent - 1) a`);
      await run(`update bench_agency set id = ($1::uuid[])[idx + 1] where p = 'torbay' and idx < $2`, demoAgencyIds, demoAgencyIds.length);
      await run(
        `insert into "Agency" (id, "partnershipId", name, type)
         select id, p, 'Agency ' || idx || case when on_parley then '' else ' (not on Parley)' end,
                (($1::text[])[1 + idx % 10])::"AgencyType"
         from bench_agency where not (p = 'torbay' and idx < $2)`,
        AGENCY_TYPES,
        demoAgencyIds.length,
      );

      // People: every agency on Parley has SLOTS members; Torbay's demo users take some of its slots.
      await run(
        `create temp table bench_user (p text, agency_idx int, slot int, id uuid, synthetic boolean, primary key (p, agency_idx, slot)) on commit drop`,
      );
      await run(`insert into bench_user select p, idx, s, gen_random_uuid(), true from bench_agency, generate_series(0, ${SLOTS - 1}) s where on_parley`);
      await run(
        `update bench_user u set id = d.id, synthetic = false
         from unnest($1::int[], $2::int[], $3::uuid[]) as d(agency_idx, slot, id)
         where u.p = 'torbay' and u.agency_idx = d.agency_idx and u.slot = d.slot`,
        demoSlots.map((d) => d.agency),
        demoSlots.map((d) => d.slot),
        demoSlots.map((d) => d.id),
      );
      await run(
        `insert into "User" (id, email, name, active)
         select id, 'bench-' || p || '-' || agency_idx || '-' || slot || '@bench.example', 'Person ' || agency_idx || '.' || slot, true
         from bench_user where synthetic`,
      );
      await run(
        `insert into "Membership" (id, "userId", "partnershipId", "agencyId", roles)
         select gen_random_uuid(), u.id, u.p, a.id,
                array[(case when slot < 16 then 'practitioner' when slot < 20 then 'manager' when slot < 22 then 'senior_manager' else 'director' end)::"Role"]
         from bench_user u join bench_agency a on a.p = u.p and a.idx = u.agency_idx
         where u.synthetic`,
      );
      log(`people: ${((performance.now() - started) / 1000).toFixed(1)} s`);

      // The disputes' shape, drawn once: which agencies, stage, status, dates, owners.
      // A third are raised with children's social care; 2% with an agency nobody is on Parley for.
      await run(
        `create temp table bench_gen on commit drop as
         with r as (
           select p.p, p.code, p.on_parley n, p.absent x, i,
                  random() r_resp, random() r_raise, random() r_stage, random() r_status, random() r_due, random() r_await,
                  random() r_age, random() r_area, random() r_form, random() r_urgent, random() r_resp_slot, random() r_action,
                  floor(random() * 16)::int raiser_slot, floor(random() * 16)::int responder_slot
           from bench_partnership p, generate_series(1, p.disputes) i
         ), s as (
           select *,
             case when r_resp < 0.35 then 0
                  when r_resp < 0.37 and x > 0 then n + floor((r_resp - 0.35) / 0.02 * x)::int
                  else 1 + floor((r_resp - 0.37) / 0.63 * (n - 1))::int end resp_idx,
             case when r_stage < 0.5 then 1 when r_stage < 0.75 then 2 when r_stage < 0.88 then 3 when r_stage < 0.96 then 4 else 5 end stage,
             case when r_status < 0.3 then 'open' when r_status < 0.9 then 'resolved' else 'withdrawn' end status
           from r
         )
         select gen_random_uuid() id, s.*,
                case when resp_idx < n then (resp_idx + 1 + floor(r_raise * (n - 1))::int) % n else floor(r_raise * n)::int end raise_idx,
                (status = 'open' and (r_await < 0.12 or resp_idx >= n)) or resp_idx >= n awaiting
         from s`,
      );
      await run(`analyze bench_gen`);
      await run(
        `insert into "Escalation" (id, "partnershipId", reference, "policyId", "policyVersion", "routeId", status, urgent, "raisedAt", "raisedById",
           "raisingAgencyId", "respondingAgencyId", "respondingPerson", subjects, areas, "decisionDisputed", "whyUnsafe", "evidenceSummary",
           "outcomeSought", "immediateRisk", "stageKey", "stageNumber", "stageEnteredAt", "raisingOwnerId", "respondingOwnerId",
           "raisingRank", "respondingRank", "onRegister", "nextDueAt", "formOutstanding", outcome, "closedAt", version, "updatedAt")
         select g.id, g.p, g.code || '-B-' || lpad(g.i::text, 7, '0'), 'torbay', '2024-1', 'main', g.status::"EscalationStatus", g.r_urgent < 0.05,
           t.raised, raiser.id, ra.id, rs.id, 'The duty team manager',
           jsonb_build_array(jsonb_build_object('kind', 'child', 'initials', chr(65 + g.i % 26) || chr(65 + (g.i / 26) % 26), 'yearOfBirth', 2010 + g.i % 14, 'caseReferences', '[]'::jsonb)),
           case when g.r_area < 0.4 then array['levels-of-need'] when g.r_area < 0.6 then array['need-for-action'] when g.r_area < 0.8 then array['care-planning']
                when g.r_area < 0.95 then array['roles-and-responsibilities', 'care-planning'] else array['other'] end,
           'The referral was closed.', 'The child is left alone overnight.', 'The school''s safeguarding log.', 'An assessment.', false,
           'stage-' || g.stage, g.stage, t.raised + (g.stage - 1) * interval '4 days', rown.id, case when g.awaiting then null else sown.id end,
           least(g.stage, 4), least(g.stage, 4), g.stage >= 3,
           case when g.status <> 'open' or g.r_due < 0.04 then null
                else date_trunc('day', $1::timestamptz) + interval '16 hours' + floor(g.r_due * 50 - 20) * interval '1 day' end,
           g.status = 'open' and g.r_form < 0.1,
           case when g.status = 'resolved' then 'Agreed at the meeting.' end,
           case when g.status <> 'open' then t.raised + (g.stage * 5) * interval '1 day' end,
           1 + g.stage * 2, $1::timestamptz
         from bench_gen g
         cross join lateral (select $1::timestamptz - case when g.status = 'open' then g.r_age * 120 else 30 + g.r_age * 1800 end * interval '1 day' as raised) t
         join bench_agency ra on ra.p = g.p and ra.idx = g.raise_idx
         join bench_agency rs on rs.p = g.p and rs.idx = g.resp_idx
         join bench_user raiser on raiser.p = g.p and raiser.agency_idx = g.raise_idx and raiser.slot = g.raiser_slot
         join bench_user rown on rown.p = g.p and rown.agency_idx = g.raise_idx and rown.slot = ${ownerSlot("g.stage", "g.raiser_slot")}
         left join bench_user sown on sown.p = g.p and sown.agency_idx = g.resp_idx and sown.slot = ${ownerSlot("g.stage", "g.responder_slot")}`,
        NOW,
      );
      log(`disputes: ${((performance.now() - started) / 1000).toFixed(1)} s`);

      // Everyone on each dispute: the raiser, the named responder (most), and each stage's owners on both sides.
      await run(
        `insert into "EscalationParticipant" (id, "partnershipId", "escalationId", "userId", role, side, "stageKey", current)
         select gen_random_uuid(), g.p, g.id, u.id, 'raiser'::"ParticipantRole", 'raising'::"Side", '', true
         from bench_gen g join bench_user u on u.p = g.p and u.agency_idx = g.raise_idx and u.slot = g.raiser_slot
         union all
         select gen_random_uuid(), g.p, g.id, u.id, 'responder', 'responding', '', true
         from bench_gen g join bench_user u on u.p = g.p and u.agency_idx = g.resp_idx and u.slot = g.responder_slot
         where g.r_resp_slot < 0.6
         union all
         select gen_random_uuid(), g.p, g.id, u.id, 'owner', 'raising', 'stage-' || k, k = g.stage
         from bench_gen g cross join lateral generate_series(1, g.stage) k
         join bench_user u on u.p = g.p and u.agency_idx = g.raise_idx and u.slot = ${ownerSlot("k", "g.raiser_slot")}
         union all
         select gen_random_uuid(), g.p, g.id, u.id, 'owner', 'responding', 'stage-' || k, k = g.stage
         from bench_gen g cross join lateral generate_series(1, g.stage) k
         join bench_user u on u.p = g.p and u.agency_idx = g.resp_idx and u.slot = ${ownerSlot("k", "g.responder_slot")}
         where not (g.awaiting and k = g.stage)`,
      );
      log(`participants: ${((performance.now() - started) / 1000).toFixed(1)} s`);

      // Agreed actions on a fifth of disputes past stage 1, most owned by someone in the responding agency.
      await run(
        `insert into "AgreedAction" (id, "partnershipId", "escalationId", description, "ownerName", "ownerUserId", "ownerAgencyId", "dueDate", "addedAt", "doneAt")
         select gen_random_uuid(), g.p, g.id, 'Hold a strategy discussion.', 'Person ' || g.resp_idx, case when g.r_action < 0.16 then u.id end, a.id,
                ($1::timestamptz + floor(g.r_due * 30 - 10) * interval '1 day')::date, $1::timestamptz - interval '3 days',
                case when g.status <> 'open' then $1::timestamptz - interval '1 day' end
         from bench_gen g
         join bench_agency a on a.p = g.p and a.idx = g.resp_idx
         left join bench_user u on u.p = g.p and u.agency_idx = g.resp_idx and u.slot = (g.i % 16)
         where g.stage >= 2 and g.r_action < 0.2`,
        NOW,
      );
      // The current stage's deadlines of open disputes: a first response, then the one that decides "overdue".
      await run(
        `insert into "EscalationDeadline" (id, "partnershipId", "escalationId", "stageKey", "deadlineId", position, label, kind, unit, status, "dueAt",
           "decidesOverdue", rule, explanation, warnings, cite)
         select gen_random_uuid(), e."partnershipId", e.id, e."stageKey", d.key, d.pos, d.label, 'working-days', 'working-days',
                case when e."nextDueAt" is null then 'awaiting-set' else 'due' end,
                e."nextDueAt" - case when d.pos = 1 then interval '2 days' else interval '0' end, d.pos = 2,
                '5 working days', 'Counted in working days from entering the stage.', array[]::text[], '§4.2'
         from "Escalation" e cross join (values (1, 'acknowledge', 'Acknowledge'), (2, 'resolve', 'Resolve or escalate')) d(pos, key, label)
         where e.status = 'open' and e.reference like '%-B-%'`,
      );
      await run(
        `insert into "SystemSetting" (key, value, "updatedAt") values ($1, $2, now())`,
        MARKER,
        JSON.stringify({ disputes: o.disputes, shape: o.shape }),
      );
    },
    { timeout: 3_600_000, maxWait: 60_000 },
  );
  log(`built ${o.disputes.toLocaleString("en-GB")} disputes (${o.shape}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const TABLES = ["Partnership", "Agency", "User", "Membership", "AgencyContact", "Escalation", "EscalationParticipant", "AgreedAction", "EscalationDeadline"];

/**
 * VACUUM ANALYZE, as autovacuum would have done on a live database: planner
 * statistics, and the visibility map that lets index-only scans skip the table.
 * (VACUUM cannot run in a transaction: straight on the connection, as the owner.)
 */
async function analyze(db: Database): Promise<void> {
  const started = performance.now();
  for (const table of TABLES) await db.prisma.$executeRawUnsafe(`vacuum analyze "${table}"`);
  log(`vacuumed and analyzed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

// ---- timing ----

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(name: string, kind: Result["kind"], runs: number, fn: () => Promise<unknown>): Promise<Result & { detail: string }> {
  let detail = "";
  const describe = (out: unknown): string => {
    if (out && typeof out === "object" && "items" in out && Array.isArray((out as { items: unknown[] }).items))
      return `${(out as { items: unknown[] }).items.length} rows`;
    if (out && typeof out === "object" && "rows" in out && typeof (out as { rows: unknown }).rows === "number") return `${(out as { rows: number }).rows} rows`;
    return "";
  };
  for (let i = 0; i < 2; i++) detail = describe(await fn());
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { name, kind, p50: round(percentile(ms, 50)), p95: round(percentile(ms, 95)), p99: round(percentile(ms, 99)), detail };
}

async function actor(db: Database, key: string): Promise<Actor> {
  const user = await asSystem(db, (tx) => tx.user.findUniqueOrThrow({ where: { email: demoEmail(key, "torbay") } }));
  return (await loadActor(db, user.id, "torbay"))!;
}

async function measure(db: Database, o: Options): Promise<Result[]> {
  const { registry } = PolicyRegistry.load();
  const deps: EscalationDeps = { policies: registry, now: () => NOW };
  const manager = await actor(db, "team-manager");
  const teacher = await actor(db, "teacher");
  const bm = await actor(db, "business-manager");
  const school = await asSystem(db, (tx) => tx.agency.findFirstOrThrow({ where: { partnershipId: "torbay", type: "education" }, orderBy: { name: "asc" } }));
  const supports = (filter: string) => filter in (ListEscalationsInput as unknown as { shape: Record<string, unknown> }).shape;
  const list = (who: Actor, filters: Record<string, unknown>) => () => listEscalations(db, who, filters, deps);
  const secondPage = async (who: Actor, filters: Record<string, unknown>) => {
    const first = await listEscalations(db, who, filters, deps);
    return () => listEscalations(db, who, { ...filters, ...(first.nextCursor ? { cursor: first.nextCursor } : {}) }, deps);
  };

  const cases: [string, Result["kind"], () => Promise<unknown>, number?][] = [
    ["manager: assigned to me, open", "query", list(manager, { ownedByMe: true, status: ["open"] })],
    ["manager: assigned to me, due within 5 working days", "query", list(manager, { ownedByMe: true, status: ["open"], dueWithinWorkingDays: 5 })],
    ["manager: my agency, open, first page", "query", list(manager, { myAgency: true, status: ["open"] })],
    ["manager: my agency, open, second page", "query", await secondPage(manager, { myAgency: true, status: ["open"] })],
    ["manager: everything I may see, first page", "query", list(manager, {})],
    ["manager: overdue, open", "query", list(manager, { overdue: true, status: ["open"] })],
    ["manager: an area, open", "query", list(manager, { area: "care-planning", status: ["open"] })],
    ["manager: with one agency", "query", list(manager, { agencyId: school.id })],
    ...(supports("awaitingOwner")
      ? [["manager: awaiting an owner", "query", list(manager, { awaitingOwner: true })] as [string, Result["kind"], () => Promise<unknown>]]
      : []),
    ["practitioner: my disputes, first page", "query", list(teacher, {})],
    ["practitioner: raised by me", "query", list(teacher, { raisedByMe: true })],
    ["board: register, first page", "query", list(bm, { stageAtLeast: 3 })],
    ["board: register, second page", "query", await secondPage(bm, { stageAtLeast: 3 })],
    ["board: register, resolved", "query", list(bm, { stageAtLeast: 3, status: ["resolved"] })],
    ...(supports("agencyNotOnParley")
      ? [["board: raised against an agency not on Parley", "query", list(bm, { agencyNotOnParley: true })] as [string, Result["kind"], () => Promise<unknown>]]
      : []),
    ["page: manager's dashboard", "page", () => loadDashboard(db, manager, deps)],
    ["page: practitioner's dashboard", "page", () => loadDashboard(db, teacher, deps)],
    ["page: board business manager's dashboard", "page", () => loadDashboard(db, bm, deps)],
    ...sectionPages(db, manager, deps),
    ...registerPages(db, bm, deps),
    ...registerExports(db, bm, deps, o.runs),
    ...reportPages(db, bm, deps),
  ];
  const results: (Result & { detail: string })[] = [];
  for (const [name, kind, fn, runs] of cases.filter(([name]) => !o.only || name.includes(o.only))) {
    const r = await time(name, kind, runs ?? o.runs, fn);
    log(`  ${name}: p95 ${r.p95} ms ${r.detail ? `(${r.detail})` : ""}`);
    results.push(r);
  }
  return results;
}

/** A dashboard section's full list ("See all"), first page, where the code has one. */
function sectionPages(db: Database, manager: Actor, deps: EscalationDeps): [string, Result["kind"], () => Promise<unknown>][] {
  const load = (dashboardData as { loadSectionPage?: (...args: unknown[]) => Promise<unknown> }).loadSectionPage;
  return load ? [["page: manager's full list, raised with my team", "page", () => load(db, manager, deps, "team-with", null, 50)]] : [];
}

/** The register page's data: unfiltered, and with the filters a board business manager uses most. */
function registerPages(db: Database, bm: Actor, deps: EscalationDeps): [string, Result["kind"], () => Promise<unknown>][] {
  const load = loadRegister as (db: Database, actor: Actor, deps: EscalationDeps, query?: Record<string, string>) => Promise<unknown>;
  return [
    ["page: register", "page", () => load(db, bm, deps, {})],
    ["page: register, resolved", "page", () => load(db, bm, deps, { status: "resolved" })],
    ["page: register, overdue", "page", () => load(db, bm, deps, { due: "overdue" })],
    ["page: register, newest raised first", "page", () => load(db, bm, deps, { sort: "raised-newest" })],
    ["page: register, oldest at its stage first, open", "page", () => load(db, bm, deps, { sort: "stage-oldest", status: "open" })],
  ];
}

/** The board's report (lib/reports): this reporting year, last reporting year, and this quarter. */
function reportPages(db: Database, bm: Actor, deps: EscalationDeps): [string, Result["kind"], () => Promise<unknown>][] {
  const now = nowOf(deps);
  const policy = deps.policies.inForce(bm.partnershipId, now);
  if (!policy) return [];
  const calendar = deps.policies.calendarFor(policy);
  const report = (period: string) => () => {
    const reading = readPeriod({ period }, now, policy.timeZone);
    if (!reading.ok) throw new Error(`period ${period} did not read`);
    return loadReport(db, bm, policy, reading.period, { calendar });
  };
  return [
    ["report: this reporting year", "page", report("reporting-year")],
    ["report: last reporting year", "page", report("last-reporting-year")],
    ["report: this quarter", "page", report("this-quarter")],
  ];
}

/**
 * The register's CSV export, unfiltered: until its first page of rows is in
 * the stream (what a board member waits for before the download starts; the
 * download is then cancelled), and until its last row (a few runs only: at a
 * million disputes it is tens of thousands of rows). Each run writes its audit row.
 */
function registerExports(db: Database, bm: Actor, deps: EscalationDeps, runs: number): [string, Result["kind"], () => Promise<unknown>, number?][] {
  const lines = (bytes: Uint8Array | undefined) => (bytes ? bytes.reduce((n, b) => (b === 0x0a ? n + 1 : n), 0) : 0);
  return [
    [
      "export: register CSV, first rows",
      "export",
      async () => {
        const reader = (await startRegisterExport(db, bm, {}, deps, NO_REQUEST)).stream.getReader();
        await reader.read(); // the header
        const first = await reader.read();
        await reader.cancel();
        return { rows: lines(first.value) };
      },
    ],
    [
      "export: register CSV, every row",
      "export",
      async () => {
        const reader = (await startRegisterExport(db, bm, {}, deps, NO_REQUEST)).stream.getReader();
        let rows = -1; // the header
        for (let r = await reader.read(); !r.done; r = await reader.read()) rows += lines(r.value);
        return { rows };
      },
      Math.min(runs, 3),
    ],
  ];
}

function printTable(o: Options, results: (Result & { detail?: string })[]): void {
  console.log(`${o.disputes.toLocaleString("en-GB")} disputes, ${o.shape}, ${o.engine}; ${o.runs} runs each (ms)`);
  const width = Math.max(...results.map((r) => r.name.length));
  console.log(`${"".padEnd(width)}  ${"p50".padStart(8)} ${"p95".padStart(8)} ${"p99".padStart(8)}`);
  for (const r of results) {
    console.log(`${r.name.padEnd(width)}  ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)}  ${r.detail ?? ""}`);
  }
}

const benchmark: Benchmark = {
  name: "Lists, register and dashboards at scale",
  onlyWhenNamed: true,
  async run(args) {
    const o = parseOptions(args);
    const { db, built, dispose } = await open(o);
    try {
      log(`${o.engine}: ${db.location}`);
      await applyMigrations(db);
      // PGlite learns array types (Role[]) when it opens: again, now that the migrations created them.
      await db.pglite?.refreshArrayTypes();
      if (!(built && (await isBuilt(db, o)))) {
        if (built) throw new Error("The kept database was not completely built: run again without --reuse.");
        await build(db, o);
      } else {
        log("reusing the kept database");
      }
      await analyze(db);
      const results = await measure(db, o);
      if (o.json) {
        console.log(
          JSON.stringify({
            engine: o.engine,
            disputes: o.disputes,
            shape: o.shape,
            results: results.map(({ name, kind, p50, p95, p99 }) => ({ name, kind, p50, p95, p99 })),
          }),
        );
      } else {
        printTable(o, results);
      }
    } finally {
      await dispose();
    }
  },
};

export default benchmark;
