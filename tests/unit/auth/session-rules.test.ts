import { describe, expect, it } from "vitest";
import { sessionExpiresAt, sessionVerdict, type SessionFacts } from "../../../lib/auth/session-rules";

const rules = { maxHours: 10, idleMinutes: 30 };
const start = new Date("2026-03-02T08:00:00Z");
const after = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
const session = (over: Partial<SessionFacts> = {}): SessionFacts => ({
  createdAt: start,
  lastSeenAt: start,
  expiresAt: sessionExpiresAt(start, rules),
  endedAt: null,
  userActive: true,
  ...over,
});

describe("session validity", () => {
  it("ends a working day after sign-in, however active", () => {
    expect(sessionExpiresAt(start, rules)).toEqual(after(600));
    const busy = session({ lastSeenAt: after(599) });
    expect(sessionVerdict(busy, after(599.5), rules)).toEqual({ valid: true, touch: false });
    expect(sessionVerdict(busy, after(600), rules)).toEqual({ valid: false, reason: "expired", end: true });
  });

  it("ends after 30 minutes without a request", () => {
    expect(sessionVerdict(session(), after(29.9), rules).valid).toBe(true);
    expect(sessionVerdict(session(), after(30), rules)).toEqual({ valid: false, reason: "idle", end: true });
  });

  it("ends at once for a deactivated user", () => {
    expect(sessionVerdict(session({ userActive: false }), after(1), rules)).toEqual({ valid: false, reason: "deactivated", end: true });
  });

  it("stays ended once ended", () => {
    expect(sessionVerdict(session({ endedAt: after(1) }), after(2), rules)).toEqual({ valid: false, reason: "ended" });
  });

  it("records activity at most once a minute", () => {
    expect(sessionVerdict(session(), after(0.5), rules)).toEqual({ valid: true, touch: false });
    expect(sessionVerdict(session(), after(1), rules)).toEqual({ valid: true, touch: true });
  });

  it("applies a shorter configured limit to sessions already open", () => {
    expect(sessionVerdict(session({ lastSeenAt: after(239) }), after(240), { maxHours: 4, idleMinutes: 30 }).valid).toBe(false);
  });
});
