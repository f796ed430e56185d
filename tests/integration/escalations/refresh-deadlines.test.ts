import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadJurisdictionCalendars } from "../../../lib/calendar/holiday-data";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import { addComment, getEscalation } from "../../../lib/escalations";
import { refreshOpenDeadlines } from "../../../lib/escalations/refresh-deadlines";
import { PolicyRegistry } from "../../../lib/policy/registry";
import { TestClock, actorFor, policies, raiseTorbayDispute } from "../../support/escalations";
import { withTestDatabase } from "../../support/test-database";

describe("recomputing stored deadlines when a calendar changes", () => {
  let db: Database;
  const clock = new TestClock("2026-01-05T09:30:00Z"); // Monday: stages 1 and 2 due by 5pm on Monday 12 January
  const before = { policies: policies(), now: clock.now };
  // The same policies, with Torbay closing its offices on Wednesday 7 January.
  const withClosure = {
    policies: new PolicyRegistry({
      policies: policies().all(),
      calendars: loadJurisdictionCalendars(path.resolve(import.meta.dirname, "../../../policies/calendars")),
      closures: new Map([["torbay", [{ date: "2026-01-07", reason: "Council offices closed (flooding)" }]]]),
    }),
    now: clock.now,
  };

  withTestDatabase({ disputes: false }, (opened) => (db = opened));

  it("moves an open dispute's deadlines past a new closure day, says so in the audit trail, and changes nothing twice", async () => {
    const raised = await raiseTorbayDispute(db, before);
    const teacher = await actorFor(db, "teacher", "torbay");
    expect((await getEscalation(db, teacher, raised.id, before)).record.nextDueAt?.toISOString()).toBe("2026-01-12T17:00:00.000Z");

    const first = await refreshOpenDeadlines(db, withClosure);
    expect(first.failed).toEqual([]);
    expect(first.changed).toEqual([
      { partnershipId: "torbay", reference: raised.reference, nextDueBefore: new Date("2026-01-12T17:00:00Z"), nextDueAfter: new Date("2026-01-13T17:00:00Z") },
    ]);
    const view = await getEscalation(db, teacher, raised.id, withClosure);
    expect(view.record.nextDueAt?.toISOString()).toBe("2026-01-13T17:00:00.000Z");
    expect(view.record.version).toBe(raised.version); // no event: the dispute itself did not change
    expect(view.deadlines[0]!.explanation).toMatch(/Wednesday 7 January \(Council offices closed \(flooding\)\)/);

    const trail = await asSystem(db, (tx) => tx.auditEvent.findMany({ where: { type: "deadlines_recomputed", subjectId: raised.id } }));
    expect(trail).toHaveLength(1);
    expect(trail[0]!.details).toMatchObject({
      reference: raised.reference,
      nextDueBefore: "2026-01-12T17:00:00.000Z",
      nextDueAfter: "2026-01-13T17:00:00.000Z",
    });

    const again = await refreshOpenDeadlines(db, withClosure);
    expect(again.changed).toEqual([]);
    expect(again.checked).toBe(first.checked);
  });

  it("rewrites the stored deadlines with the next change to a dispute, so they never disagree with its next deadline", async () => {
    const raised = await raiseTorbayDispute(db, before);
    const teacher = await actorFor(db, "teacher", "torbay");
    await addComment(db, teacher, raised.id, { expectedVersion: raised.version, text: "Chased by phone." }, withClosure);
    const view = await getEscalation(db, teacher, raised.id, withClosure);
    expect(view.record.nextDueAt?.toISOString()).toBe("2026-01-13T17:00:00.000Z");
    expect(view.deadlines[0]!.dueAt?.toISOString()).toBe("2026-01-13T17:00:00.000Z");
  });
});
