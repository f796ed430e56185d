/**
 * The time Parley runs on: real time, except where a demo or an end-to-end test
 * starts the clock at a chosen instant. Set both
 *   PARLEY_CLOCK_START=2026-06-04T09:00:00+01:00   the instant the clock reads …
 *   PARLEY_CLOCK_ANCHOR=1795245000000               … at this real time (ms since 1970)
 * and every process (the start script, the server) agrees on a clock that then
 * runs forward normally. Refused outside demo mode in production.
 */
import { config } from "./config";

let offsetMs: number | undefined;

function offset(): number {
  if (offsetMs !== undefined) return offsetMs;
  const start = process.env.PARLEY_CLOCK_START;
  if (!start) return (offsetMs = 0);
  const c = config();
  if (c.production) throw new Error("PARLEY_CLOCK_START is for demos and tests only; unset it in production.");
  const startMs = Date.parse(start);
  const anchorMs = Number(process.env.PARLEY_CLOCK_ANCHOR ?? Date.now());
  if (Number.isNaN(startMs) || !Number.isFinite(anchorMs)) {
    throw new Error("PARLEY_CLOCK_START must be an ISO 8601 instant and PARLEY_CLOCK_ANCHOR milliseconds since 1970.");
  }
  return (offsetMs = startMs - anchorMs);
}

export function appNow(): Date {
  return new Date(Date.now() + offset());
}
