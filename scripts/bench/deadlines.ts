/**
 * Deadline computation: the indexed working-day calendar against a naive
 * day-by-day loop, on the same seeded random (anchor, rule) pairs across all six
 * jurisdiction calendars. Checks both give identical due instants.
 */
import { loadJurisdictionCalendars } from "@/lib/calendar/holiday-data";
import { isWeekend, dayFromIso, MS_PER_DAY } from "@/lib/calendar/days";
import { ZoneClock } from "@/lib/calendar/time-zone";
import { WorkingCalendar } from "@/lib/calendar/working-calendar";
import { dueMs, type DueContext, type TimedRule } from "@/lib/policy/due";
import type { Benchmark } from "../bench";

const N = 1_000_000;
const SEED = 20261123;
const CLOSE = 17 * 60;
const ZONES: Record<string, string> = {
  "england-and-wales": "Europe/London",
  scotland: "Europe/London",
  "northern-ireland": "Europe/London",
  "isle-of-man": "Europe/Isle_of_Man",
  guernsey: "Europe/Guernsey",
  jersey: "Europe/Jersey",
};

/** mulberry32: small, fast, seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The naive way: step one day at a time, checking weekends and a holiday set. */
function naiveDueMs(rule: TimedRule, anchorMs: number, ctx: DueContext, holidays: Set<number>): number {
  const isWorking = (day: number) => !isWeekend(day) && !holidays.has(day);
  switch (rule.unit) {
    case "working-days": {
      let day = ctx.clock.localDay(anchorMs);
      for (let counted = 0; counted < rule.amount;) {
        day++;
        if (isWorking(day)) counted++;
      }
      return ctx.clock.instantAt(day, ctx.closeMinute);
    }
    case "same-working-day": {
      let day = ctx.clock.localDay(anchorMs);
      while (!isWorking(day)) day++;
      return ctx.clock.instantAt(day, ctx.closeMinute);
    }
    case "hours":
      return anchorMs + rule.amount * 3_600_000;
    case "immediately":
      return anchorMs;
    case "working-weeks":
    case "calendar-days":
      // Not among the benchmark's rules: the fast path is the same arithmetic as working days.
      return dueMs(rule, anchorMs, ctx);
    default: {
      const never: never = rule;
      throw new Error(String(never));
    }
  }
}

function build(kind: "mixed" | "ten"): { contexts: DueContext[]; holidaySets: Set<number>[]; rules: TimedRule[]; anchors: Float64Array; cal: Uint8Array } {
  const data = [...loadJurisdictionCalendars().values()];
  const contexts = data.map((d) => ({ calendar: new WorkingCalendar(d), clock: ZoneClock.for(ZONES[d.jurisdiction] ?? "Europe/London"), closeMinute: CLOSE }));
  const holidaySets = data.map((d) => new Set(d.holidays.map((h) => dayFromIso(h.date))));
  const random = prng(kind === "ten" ? SEED + 1 : SEED);
  const start = Date.UTC(2020, 0, 1);
  const span = Date.UTC(2028, 10, 1) - start; // leave room for 20 working days inside the data
  const anchors = new Float64Array(N);
  const cal = new Uint8Array(N);
  const rules: TimedRule[] = new Array(N);
  const ten: TimedRule = { unit: "working-days", amount: 10 };
  const pool: TimedRule[] = [
    ...Array.from({ length: 20 }, (_, i): TimedRule => ({ unit: "working-days", amount: i + 1 })),
    { unit: "same-working-day" },
    { unit: "hours", amount: 24 },
    { unit: "hours", amount: 48 },
    { unit: "immediately" },
  ];
  for (let i = 0; i < N; i++) {
    anchors[i] = start + Math.floor((random() * span) / 60_000) * 60_000;
    cal[i] = Math.floor(random() * contexts.length);
    rules[i] = kind === "ten" ? ten : (pool[Math.floor(random() * pool.length)] as TimedRule);
  }
  return { contexts, holidaySets, rules, anchors, cal };
}

const RUNS = 3;

/** Best of RUNS timed runs after a warm-up: single runs are noisy (GC, JIT). */
function time(label: string, fn: () => Float64Array): { out: Float64Array; opsPerSec: number; ms: number } {
  let out = fn(); // warm-up
  let ms = Number.POSITIVE_INFINITY;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    out = fn();
    ms = Math.min(ms, performance.now() - t0);
  }
  const opsPerSec = N / (ms / 1000);
  console.log(`  ${label.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms (best of ${RUNS})  ${Math.round(opsPerSec).toLocaleString("en-GB").padStart(13)} ops/s`);
  return { out, opsPerSec, ms };
}

function compare(a: Float64Array, b: Float64Array): number {
  let differ = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differ++;
  return differ;
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

const benchmark: Benchmark = {
  name: "Deadlines: indexed working-day calendar vs naive day-by-day loop",
  run() {
    const heapBefore = process.memoryUsage().heapUsed;
    let allIdentical = true;
    for (const kind of ["mixed", "ten"] as const) {
      const { contexts, holidaySets, rules, anchors, cal } = build(kind);
      console.log(
        kind === "mixed"
          ? `\n${N.toLocaleString("en-GB")} random (anchor, rule) pairs, 2020-2028, six calendars; rules: 1-20 working days, same working day, 24/48 hours, immediately (seed ${SEED})`
          : `\n${N.toLocaleString("en-GB")} random anchors, rule "10 working days" (seed ${SEED + 1})`,
      );

      console.log(" End to end (anchor instant -> due instant, time zone included):");
      const fast = time("indexed", () => {
        const out = new Float64Array(N);
        for (let i = 0; i < N; i++) out[i] = dueMs(rules[i] as TimedRule, anchors[i] as number, contexts[cal[i] as number] as DueContext);
        return out;
      });
      const naive = time("naive day-by-day loop", () => {
        const out = new Float64Array(N);
        for (let i = 0; i < N; i++) {
          const c = cal[i] as number;
          out[i] = naiveDueMs(rules[i] as TimedRule, anchors[i] as number, contexts[c] as DueContext, holidaySets[c] as Set<number>);
        }
        return out;
      });
      const differ = compare(fast.out, naive.out);
      allIdentical &&= differ === 0;
      console.log(`  identical answers: ${differ === 0 ? "yes" : `NO (${differ} differ)`}; ratio ${(fast.opsPerSec / naive.opsPerSec).toFixed(1)}x`);

      // The counting alone, on local day numbers: what the index replaces.
      const days = new Int32Array(N);
      for (let i = 0; i < N; i++) days[i] = Math.floor((anchors[i] as number) / MS_PER_DAY);
      const amounts = new Int32Array(N);
      for (let i = 0; i < N; i++) {
        const r = rules[i] as TimedRule;
        amounts[i] = r.unit === "working-days" ? r.amount : 1;
      }
      console.log(" Working-day counting only (local day -> Nth working day after it):");
      const fastDays = time("indexed (cumulative-count arrays)", () => {
        const out = new Float64Array(N);
        for (let i = 0; i < N; i++) out[i] = (contexts[cal[i] as number] as DueContext).calendar.addWorkingDaysToDay(days[i] as number, amounts[i] as number);
        return out;
      });
      const naiveDays = time("naive day-by-day loop", () => {
        const out = new Float64Array(N);
        for (let i = 0; i < N; i++) {
          const holidays = holidaySets[cal[i] as number] as Set<number>;
          let day = days[i] as number;
          for (let counted = 0; counted < (amounts[i] as number);) {
            day++;
            if (!isWeekend(day) && !holidays.has(day)) counted++;
          }
          out[i] = day;
        }
        return out;
      });
      const differDays = compare(fastDays.out, naiveDays.out);
      allIdentical &&= differDays === 0;
      console.log(
        `  identical answers: ${differDays === 0 ? "yes" : `NO (${differDays} differ)`}; ratio ${(fastDays.opsPerSec / naiveDays.opsPerSec).toFixed(1)}x`,
      );
    }
    const mem = process.memoryUsage();
    console.log(`\nMemory: heap used ${mb(mem.heapUsed)} (grew ${mb(mem.heapUsed - heapBefore)} during the run, inputs included); RSS ${mb(mem.rss)}`);
    if (!allIdentical) {
      console.error("The indexed and naive answers differ: this is a bug.");
      process.exitCode = 1;
    }
  },
};

export default benchmark;
