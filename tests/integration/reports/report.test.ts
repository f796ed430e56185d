/**
 * The board's report, pinned against a hand-built set of Torbay disputes made
 * through the real use cases (so their events and dates are what Parley
 * records), read for the second quarter of 2026 (1 April to 30 June, Europe/London).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../lib/auth/actor";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import { ForbiddenError } from "../../../lib/errors";
import { escalateEscalation } from "../../../lib/escalations/escalate-escalation";
import { recordDiscussion } from "../../../lib/escalations/record-discussion";
import { resolveEscalation } from "../../../lib/escalations/resolve-escalation";
import { withdrawEscalation } from "../../../lib/escalations/withdraw-escalation";
import { readPeriod } from "../../../lib/reports/period";
import { loadReport, type Report } from "../../../lib/reports/report";
import { TestClock, actorFor, agencyId, depsWith, discussion, policies, raiseTorbayDispute, rejection } from "../../support/escalations";
import { withTestDatabase } from "../../support/test-database";

describe("the board's report for a period", () => {
  let db: Database;
  let bm: Actor;
  let report: Report;
  const clock = new TestClock("2026-03-30T10:00:00+01:00");
  const deps = depsWith(clock);
  const policy = () => policies().inForce("torbay", clock.now())!;

  async function resolve(id: string, version: number, by: Actor, discussedBy: Actor, learning?: string) {
    const v = (await recordDiscussion(db, discussedBy, id, discussion(version, clock.now().toISOString()), deps)).version;
    return resolveEscalation(
      db,
      by,
      id,
      {
        expectedVersion: v,
        outcome: "Agreed to hold a strategy discussion.",
        ...(learning ? { learning } : {}),
        actions: [],
        confirmations: { raising: { method: "phone", confirmedBy: "Priya Shah" }, responding: { method: "phone", confirmedBy: "Sam Riley" } },
      },
      deps,
    );
  }

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  beforeAll(async () => {
    bm = await actorFor(db, "business-manager", "torbay");
    const teacher = await actorFor(db, "teacher", "torbay");
    const social = await actorFor(db, "social-worker", "torbay");
    const police = await agencyId(db, "torbay", "police");

    // 1. Raised in March, resolved on Thursday 2 April at stage 1: crosses into the quarter.
    const d1 = await raiseTorbayDispute(db, deps);
    clock.set("2026-04-02T15:00:00+01:00");
    await resolve(d1.id, d1.version, social, teacher);

    // 2. Raised on Easter Monday (a bank holiday), urgent; escalated two weeks later with
    //    stage 1's deadline passed; resolved at stage 2 on Friday 24 April.
    clock.set("2026-04-06T11:00:00+01:00");
    const d2 = await raiseTorbayDispute(db, deps, { urgent: { grounds: "The child is alone overnight." }, areas: ["need-for-action", "levels-of-need"] });
    clock.set("2026-04-20T09:30:00+01:00");
    let v = (await recordDiscussion(db, teacher, d2.id, discussion(d2.version, clock.now().toISOString()), deps)).version;
    v = (await escalateEscalation(db, teacher, d2.id, { expectedVersion: v, reason: "No agreement at stage 1." }, deps)).version;
    clock.set("2026-04-24T16:00:00+01:00");
    await resolve(
      d2.id,
      v,
      await actorFor(db, "team-manager", "torbay"),
      await actorFor(db, "school-manager", "torbay"),
      "Schools and social care read the threshold for neglect differently.",
    );

    // 3. Raised with the police in May, withdrawn the next day.
    clock.set("2026-05-11T10:00:00+01:00");
    const d3 = await raiseTorbayDispute(db, deps, { respondingAgencyId: police, respondingUserId: undefined });
    clock.set("2026-05-12T10:00:00+01:00");
    await withdrawEscalation(db, teacher, d3.id, { expectedVersion: d3.version, reason: "The police have reviewed it." }, deps);

    // 4. Raised late on 30 June (British Summer Time): still open at the end of the quarter.
    clock.set("2026-06-30T23:30:00+01:00");
    await raiseTorbayDispute(db, deps);

    // 5. Raised at 00:30 on 1 July, local time: the next quarter.
    clock.set("2026-07-01T00:30:00+01:00");
    await raiseTorbayDispute(db, deps);

    clock.set("2026-07-15T12:00:00+01:00");
    const reading = readPeriod({ period: "last-quarter" }, clock.now(), "Europe/London");
    if (!reading.ok) throw new Error("period did not read");
    report = await loadReport(db, bm, policy(), reading.period, { calendar: policies().calendarFor(policy()) });
  });

  it("covers 1 April to 30 June in the partnership's time zone", () => {
    expect(report.period).toMatchObject({ firstDay: "2026-04-01", lastDay: "2026-06-30", label: "1 April 2026 to 30 June 2026" });
    expect(report.period.from.toISOString()).toBe("2026-03-31T23:00:00.000Z");
    expect(report.period.to.toISOString()).toBe("2026-06-30T23:00:00.000Z");
  });

  it("counts raised, urgent, resolved, withdrawn and open at the end", () => {
    expect(report.summary).toEqual({ raised: 3, urgent: 1, resolved: 2, withdrawn: 1, openAtEnd: 1 });
  });

  it("puts each pair of agencies in the matrix, by name and by type", () => {
    const m = report.agencyMatrix;
    expect(m.total).toBe(3);
    expect(m.rows.map((r) => [r.label, m.rowTotals[r.key]])).toEqual([["Paignton Community Primary School", 3]]);
    expect(m.columns.map((c) => [c.label, m.columnTotals[c.key], m.counts[m.rows[0]!.key]![c.key]])).toEqual([
      ["Torbay Council Children's Services", 2, 2],
      ["Devon and Cornwall Police", 1, 1],
    ]);
    expect(report.agencyTypeMatrix.rows.map((r) => r.label)).toEqual(["Education"]);
    expect(report.agencyTypeMatrix.columns.map((c) => [c.label, report.agencyTypeMatrix.columnTotals[c.key]])).toEqual([
      ["Children's social care", 2],
      ["Police", 1],
    ]);
  });

  it("counts areas, the highest stage reached and the stage resolved at", () => {
    expect(report.byArea.map((a) => [a.key, a.count])).toEqual([
      ["levels-of-need", 3],
      ["need-for-action", 1],
    ]);
    expect(report.byHighestStage.map((s) => [s.key, s.count])).toEqual([
      ["1", 2],
      ["2", 1],
    ]);
    expect(report.byHighestStage[0]!.label).toMatch(/^Stage 1: /);
    expect(report.byResolvedStage.map((s) => [s.key, s.count])).toEqual([
      ["1", 1],
      ["2", 1],
    ]);
  });

  it("measures time to resolve in working days on Torbay's calendar", () => {
    // 30 March → 2 April: 3 working days. 6 April (Easter Monday) → 24 April: 14.
    expect(report.timeToResolve.map((t) => [t.key, t.count, t.median, t.p90])).toEqual([
      ["all", 2, 3, 14],
      ["1", 1, 3, 3],
      ["2", 1, 14, 14],
    ]);
  });

  it("counts deadlines missed at the stage they were missed at, and by the agency raised with", () => {
    // Dispute 2: Torbay's five working days "to resolve at stages 1 and 2" run from the raise
    // (Easter Monday), so they had passed when it left stage 1 (20 April) and when it was
    // resolved at stage 2 (24 April). Disputes 1 and 3 left their stage in time.
    expect(report.missedByStage.map((s) => [s.label, s.count])).toEqual([
      ["Stage 1: Practitioner to practitioner", 1],
      ["Stage 2: Manager to manager", 1],
    ]);
    expect(report.missedByRespondingAgency.map((a) => [a.label, a.count])).toEqual([["Torbay Council Children's Services", 2]]);
  });

  it("gives a month-by-month trend", () => {
    expect(report.byMonth).toEqual([
      { key: "2026-04", label: "April 2026", raised: 1, resolved: 2 },
      { key: "2026-05", label: "May 2026", raised: 1, resolved: 0 },
      { key: "2026-06", label: "June 2026", raised: 1, resolved: 0 },
    ]);
  });

  it("lists what the partnership could learn, with the dispute's reference, and only where someone said", async () => {
    const d2 = await asSystem(db, (tx) => tx.escalation.findFirstOrThrow({ where: { partnershipId: "torbay", urgent: true }, select: { reference: true } }));
    expect(report.learning).toEqual([
      {
        reference: d2.reference,
        resolvedOn: "2026-04-24",
        stage: "Stage 2: Manager to manager",
        text: "Schools and social care read the threshold for neglect differently.",
      },
    ]);
  });

  it("is for the board's roles only", async () => {
    const reading = readPeriod({}, clock.now(), "Europe/London");
    if (!reading.ok) throw new Error("period did not read");
    for (const key of ["teacher", "team-manager", "director", "admin"]) {
      await rejection(
        loadReport(db, await actorFor(db, key, "torbay"), policy(), reading.period, { calendar: policies().calendarFor(policy()) }),
        ForbiddenError,
      );
    }
    const chair = await loadReport(db, await actorFor(db, "chair", "torbay"), policy(), reading.period, { calendar: policies().calendarFor(policy()) });
    // This reporting year (from 1 April 2026) holds all five, one of them raised in March.
    expect(chair.summary).toMatchObject({ raised: 4, resolved: 2, withdrawn: 1, openAtEnd: 2 });
  });
});
