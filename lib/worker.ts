/**
 * The background worker every app instance runs (instrumentation.ts starts it;
 * PARLEY_WORKER=false turns it off on an instance): each tick sweeps due
 * timers into notices, bundles the daily digests that are due, delivers due
 * notices and webhooks (lib/webhooks/deliver.ts), takes one step of any queued job, and about once an hour (one
 * instance) purges what has outlived its retention period (lib/retention.ts).
 * Everything it does is claimed in the database (SKIP LOCKED, leases,
 * dedupe keys), so any number of instances may run it at once, and a restart
 * after downtime catches up on what fell due meanwhile, without repeats.
 */
import type { Database } from "./db/connect";
import type { EscalationDeps } from "./escalations/deps";
import { nowOf } from "./escalations/deps";
import { CALENDAR_REFRESH, calendarRefreshStep, queueCalendarRefreshes } from "./jobs/calendar-refresh";
import { NOTICE_RETIME, noticeRetimeStep } from "./jobs/notice-retime";
import { claimJob, failStep, finishStep } from "./jobs/queue";
import { deliverDue, type DeliveryResult } from "./notices/deliver";
import { bundleDigests } from "./notices/digest";
import type { Mailer } from "./notices/mail";
import { sweepTimers, type SweepResult } from "./notices/sweep";
import { describePurge, runRetention, type RetentionRun } from "./retention";
import { deliverWebhooksDue, type WebhookDeliveryResult } from "./webhooks/deliver";

export type WorkerOptions = {
  deps: EscalationDeps;
  mailer: Mailer;
  /** The address people use to reach Parley, for links in e-mail. */
  baseUrl: string;
  /** PARLEY_WEBHOOKS_PRIVATE_NETWORK (lib/webhooks/addresses.ts). */
  webhooksPrivateNetwork?: boolean;
  /** How long a webhook try may take (lib/webhooks/deliver.ts TIMEOUT_MS unless said). */
  webhookTimeoutMs?: number;
  log?: (line: string) => void;
};

const SWEEP_BATCH = 200;
const JOB_SECONDS_PER_TICK = 10;

export type TickResult = { sweep: SweepResult; delivery: DeliveryResult; webhooks: WebhookDeliveryResult; job: string | null; retention: RetentionRun | null };

/** What a start does once: queue a deadline refresh for each partnership whose calendar changed. */
export async function onWorkerStart(db: Database, options: WorkerOptions): Promise<void> {
  const queued = await queueCalendarRefreshes(db, options.deps, nowOf(options.deps));
  for (const p of queued) options.log?.(`${p}: checking its open disputes' deadlines and notice timers against its calendar, in the background.`);
}

/** One pass: sweep, deliver (until nothing is due), one job step. */
export async function tick(db: Database, options: WorkerOptions): Promise<TickResult> {
  const { deps, log } = options;
  // Sweep until what is due is done (a morning's warnings at scale take several passes), within a bound.
  const sweep = await sweepTimers(db, deps, nowOf(deps));
  for (let pass = 1; pass < 20 && sweep.disputes + sweep.failed.length >= SWEEP_BATCH; pass++) {
    const more = await sweepTimers(db, deps, nowOf(deps));
    sweep.disputes += more.disputes;
    sweep.timers += more.timers;
    sweep.notices += more.notices;
    sweep.failed.push(...more.failed);
    if (more.disputes + more.failed.length < SWEEP_BATCH) break;
  }
  for (const f of sweep.failed) log?.(`Notice timers of dispute ${f.escalationId} could not be processed: ${f.reason}`);
  await bundleDigests(db, nowOf(deps));
  const delivery: DeliveryResult = { claimed: 0, sent: 0, retrying: 0, failed: 0, cancelled: 0 };
  for (;;) {
    const batch = await deliverDue(db, { mailer: options.mailer, baseUrl: options.baseUrl, now: () => nowOf(deps) });
    for (const key of Object.keys(delivery) as (keyof DeliveryResult)[]) delivery[key] += batch[key];
    if (batch.claimed === 0) break;
  }
  if (delivery.retrying + delivery.failed > 0)
    log?.(`Notices: ${delivery.retrying} will be retried, ${delivery.failed} failed for good (see Administration, Notices).`);
  const webhooks = await deliverWebhooks(db, options);
  // Job steps (100 disputes each) for up to a few seconds a tick, so that a large
  // backlog (a calendar change at a million disputes) moves in hours, not days.
  let job: string | null = null;
  const until = Date.now() + JOB_SECONDS_PER_TICK * 1000;
  do {
    const step = await runOneJobStep(db, options);
    if (!step) break;
    job = step;
  } while (Date.now() < until);
  const retention = await purgeIfDue(db, options);
  return { sweep, delivery, webhooks, job, retention };
}

/** Sends due webhook deliveries, a bounded number of batches a tick (the rest next tick). */
async function deliverWebhooks(db: Database, options: WorkerOptions): Promise<WebhookDeliveryResult> {
  const total: WebhookDeliveryResult = { claimed: 0, delivered: 0, retrying: 0, failed: 0 };
  for (let batch = 0; batch < 10; batch++) {
    const sent = await deliverWebhooksDue(db, {
      now: () => nowOf(options.deps),
      allowPrivateNetwork: options.webhooksPrivateNetwork ?? false,
      timeoutMs: options.webhookTimeoutMs,
    });
    for (const key of Object.keys(total) as (keyof WebhookDeliveryResult)[]) total[key] += sent[key];
    if (sent.claimed === 0) break;
  }
  if (total.retrying + total.failed > 0)
    options.log?.(`Webhooks: ${total.retrying} will be retried, ${total.failed} failed for good (see Administration, Webhooks).`);
  return total;
}

/** The hourly retention purge, if this instance claims it; a failure is logged and tried again in an hour. */
async function purgeIfDue(db: Database, options: WorkerOptions): Promise<RetentionRun | null> {
  try {
    const run = await runRetention(db, nowOf(options.deps));
    const line = run && describePurge(run);
    if (line) options.log?.(line);
    return run;
  } catch (error) {
    options.log?.(`The retention purge failed: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

async function runOneJobStep(db: Database, options: WorkerOptions): Promise<string | null> {
  const job = await claimJob(db, nowOf(options.deps));
  if (!job) return null;
  try {
    switch (job.kind) {
      case CALENDAR_REFRESH: {
        const step = await calendarRefreshStep(db, options.deps, job);
        for (const line of step.changed) options.log?.(`${job.key}: ${line}`);
        await finishStep(db, job, step, nowOf(options.deps));
        if (step.done) options.log?.(`${job.key}: done (${JSON.stringify(step.progress)}).`);
        break;
      }
      case NOTICE_RETIME: {
        const step = await noticeRetimeStep(db, options.deps, job);
        await finishStep(db, job, step, nowOf(options.deps));
        if (step.done) options.log?.(`${job.key}: done (${JSON.stringify(step.progress)}).`);
        break;
      }
      default:
        throw new Error(`No worker knows the job kind "${job.kind}".`);
    }
  } catch (error) {
    options.log?.(`Job ${job.key} failed a step: ${error instanceof Error ? error.message : String(error)}`);
    await failStep(db, job, error, nowOf(options.deps));
  }
  return job.key;
}

/**
 * Runs the worker every `intervalMs` until stopped; ticks never overlap. A
 * failed tick is logged and the next one tries again.
 */
export function startWorker(getDb: () => Promise<Database>, options: WorkerOptions & { intervalMs: number }): { stop: () => Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let started = false;
  const loop = async () => {
    try {
      const db = await getDb();
      if (!started) {
        await onWorkerStart(db, options);
        started = true;
      }
      const result = await tick(db, options);
      if (result.delivery.sent > 0) options.log?.(`Notices: ${result.delivery.sent} sent.`);
    } catch (error) {
      options.log?.(`The background worker's tick failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!stopped) timer = setTimeout(() => (running = loop()), options.intervalMs);
  };
  running = loop();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
