import { describe, expect, it } from "vitest";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import { commandRoute } from "../../../lib/api/v1/handlers";
import { ErrorJson } from "../../../lib/api/v1/json";
import {
  ValidationError,
  addAgreedAction,
  getEscalation,
  raiseEscalation,
  recordDiscussion,
  recordMilestone,
  resolveEscalation,
  setDeadline,
} from "../../../lib/escalations";
import { dayFromIso, isoFromDay } from "../../../lib/calendar/days";
import { latestDueDay } from "../../../lib/escalations/date-bounds";
import { actionInput } from "../../../lib/views/dispute-forms";
import { errorsByField } from "../../../lib/views/form-spec";
import { apiContext, request, sessionCookie } from "../../support/api";
import { TestClock, actorFor, agencyId, depsWith, discussion, eventCount, raiseInput, raiseTorbayDispute, rejection } from "../../support/escalations";
import { withTestDatabase } from "../../support/test-database";

/**
 * Dates people state on a dispute have a floor and a ceiling, in the
 * partnership's time zone: a discussion or an event on or after the day the
 * dispute was raised and not in the future; an agreed action or a timescale
 * due from today (a timescale: from now) to 2 years ahead.
 */
describe("dates people state are bounded", () => {
  let db: Database;
  // Raised on Tuesday 3 November 2026 at 10am (GMT); the checks run a week later.
  const RAISED = "2026-11-03T10:00:00Z";
  const A_WEEK_LATER = "2026-11-10T14:00:00Z";
  const clock = new TestClock(RAISED);
  const deps = depsWith(clock);

  withTestDatabase({ disputes: false }, (opened) => (db = opened));

  /** Expects a ValidationError and checks that nothing at all was written. */
  async function refused(attempt: () => Promise<unknown>): Promise<ValidationError> {
    const before = await eventCount(db);
    const actions = await asSystem(db, (tx) => tx.agreedAction.count());
    const error = await rejection(attempt(), ValidationError);
    expect(error.status).toBe(400);
    expect(await eventCount(db)).toBe(before);
    expect(await asSystem(db, (tx) => tx.agreedAction.count())).toBe(actions);
    return error;
  }

  async function torbayDisputeRaisedLastWeek() {
    clock.set(RAISED);
    const raised = await raiseTorbayDispute(db, deps);
    clock.set(A_WEEK_LATER);
    return raised;
  }

  it("refuses a discussion dated before the day the dispute was raised, saying which day that was", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    const raised = await torbayDisputeRaisedLastWeek();
    const floor = "Date of the discussion must be the same as or after Tuesday 3 November 2026, when the dispute was raised.";
    for (const when of ["0001-01-01T09:00", "1900-01-01", "1900-01-01T00:00:00Z", "2026-11-02T23:59"]) {
      const error = await refused(() => recordDiscussion(db, teacher, raised.id, discussion(raised.version, when), deps));
      expect(error.fields, when).toEqual({ occurredAt: floor });
    }
    // Earlier on the day it was raised is fine: the conversation that led to raising it.
    const earlier = await recordDiscussion(db, teacher, raised.id, discussion(raised.version, "2026-11-03T08:30"), deps);
    // A correction is held to the same bounds.
    const correction = await refused(() =>
      recordDiscussion(db, teacher, raised.id, discussion(earlier.version, "1900-01-01T08:30", { correctsEventId: earlier.events[0]!.id }), deps),
    );
    expect(correction.fields).toEqual({ occurredAt: floor });
    const view = await getEscalation(db, teacher, raised.id, deps);
    expect(view.history.filter((e) => e.type === "discussion_recorded")).toHaveLength(1);
  });

  it("refuses a discussion in the future: a later day, or later today", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    const raised = await torbayDisputeRaisedLastWeek();
    for (const when of ["2026-11-11T09:00", "2099-01-01T09:00", "9999-12-31T23:59"]) {
      const error = await refused(() => recordDiscussion(db, teacher, raised.id, discussion(raised.version, when), deps));
      expect(error.fields, when).toEqual({ occurredAt: "Date of the discussion must be today or in the past." });
    }
    const error = await refused(() => recordDiscussion(db, teacher, raised.id, discussion(raised.version, "2026-11-10T14:30"), deps));
    expect(error.fields).toEqual({ occurredAt: "Time of the discussion must be now or earlier: it is 2pm now." });
    // Now, and earlier today, are fine.
    await recordDiscussion(db, teacher, raised.id, discussion(raised.version, "2026-11-10T14:00"), deps);
  });

  it("reads the days in the partnership's time zone, not UTC", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    // Raised at 11:30pm on Tuesday 2 June 2026 in Torbay (BST): 22:30 UTC. Now it is 11:40pm.
    clock.set("2026-06-02T22:30:00Z");
    const raised = await raiseTorbayDispute(db, deps);
    clock.set("2026-06-02T22:40:00Z");
    // 00:30 on 2 June in Torbay, still 1 June in UTC: the day it was raised, so accepted.
    const v = (await recordDiscussion(db, teacher, raised.id, discussion(raised.version, "2026-06-01T23:30:00Z"), deps)).version;
    // 11:30pm on 1 June in Torbay: the day before.
    const early = await refused(() => recordDiscussion(db, teacher, raised.id, discussion(v, "2026-06-01T22:30:00Z"), deps));
    expect(early.fields).toEqual({ occurredAt: "Date of the discussion must be the same as or after Tuesday 2 June 2026, when the dispute was raised." });
    // 00:10 on 3 June in Torbay, still 2 June in UTC: a later day than today.
    const late = await refused(() => recordDiscussion(db, teacher, raised.id, discussion(v, "2026-06-02T23:10:00Z"), deps));
    expect(late.fields).toEqual({ occurredAt: "Date of the discussion must be today or in the past." });
    // Written without an offset, a time is Torbay's own.
    const later = await refused(() => recordDiscussion(db, teacher, raised.id, discussion(v, "2026-06-02T23:50"), deps));
    expect(later.fields).toEqual({ occurredAt: "Time of the discussion must be now or earlier: it is 11:40pm now." });
  });

  it("bounds when a milestone happened the same way, naming the event", async () => {
    clock.set(RAISED);
    const teacher = await actorFor(db, "teacher", "eastmoor");
    const raised = await raiseEscalation(db, teacher, raiseInput(await agencyId(db, "eastmoor", "csc"), { areas: ["referral-threshold"] }), deps);
    clock.set(A_WEEK_LATER);
    const milestone = (expectedVersion: number, occurredAt: string, extra: Record<string, unknown> = {}) => ({
      expectedVersion,
      milestoneId: "reported-to-line-managers",
      occurredAt,
      ...extra,
    });
    let error = await refused(() => recordMilestone(db, teacher, raised.id, milestone(raised.version, "1900-01-01T09:00"), deps));
    expect(error.fields).toEqual({
      occurredAt:
        "Date of the disagreement being reported to the line managers must be the same as or after Tuesday 3 November 2026, when the dispute was raised.",
    });
    error = await refused(() => recordMilestone(db, teacher, raised.id, milestone(raised.version, "2026-12-25T09:00"), deps));
    expect(error.fields).toEqual({ occurredAt: "Date of the disagreement being reported to the line managers must be today or in the past." });
    const recorded = await recordMilestone(db, teacher, raised.id, milestone(raised.version, "2026-11-03T09:00"), deps);
    error = await refused(() =>
      recordMilestone(db, teacher, raised.id, milestone(recorded.version, "0001-01-01T09:00", { correctsEventId: recorded.events[0]!.id }), deps),
    );
    expect(Object.keys(error.fields)).toEqual(["occurredAt"]);
  });

  it("keeps an agreed action's due date between today and 2 years ahead", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    const raised = await torbayDisputeRaisedLastWeek();
    const action = (expectedVersion: number, dueDate: string) => ({ expectedVersion, description: "Share the chronology.", ownerName: "Sam Riley", dueDate });
    for (const dueDate of ["0001-01-01", "1900-01-01", "2026-11-03", "2026-11-09"]) {
      const error = await refused(() => addAgreedAction(db, teacher, raised.id, action(raised.version, dueDate), deps));
      expect(error.fields, dueDate).toEqual({ dueDate: "Date the action is due must be today or in the future." });
    }
    for (const dueDate of ["2028-11-11", "2062-11-10", "9999-12-31"]) {
      const error = await refused(() => addAgreedAction(db, teacher, raised.id, action(raised.version, dueDate), deps));
      expect(error.fields, dueDate).toEqual({ dueDate: "Date the action is due must be the same as or before Friday 10 November 2028, 2 years from today." });
    }
    // 2 years from 29 February is 28 February.
    expect(isoFromDay(latestDueDay(dayFromIso("2028-02-29")))).toBe("2030-02-28");
    // Today, and exactly 2 years on, are fine.
    let v = (await addAgreedAction(db, teacher, raised.id, action(raised.version, "2026-11-10"), deps)).version;
    v = (await addAgreedAction(db, teacher, raised.id, action(v, "2028-11-10"), deps)).version;
    expect((await getEscalation(db, teacher, raised.id, deps)).actions.map((a) => a.dueDate)).toEqual(["2026-11-10", "2028-11-10"]);

    // Resolving with actions: the field of the action that is wrong, and nothing resolved.
    const confirmations = { raising: { method: "phone", confirmedBy: "Priya Shah" }, responding: { method: "phone", confirmedBy: "Sam Riley" } };
    const error = await refused(() =>
      resolveEscalation(
        db,
        teacher,
        raised.id,
        {
          expectedVersion: v,
          outcome: "Agreed.",
          confirmations,
          actions: [
            { description: "Assess.", ownerName: "Sam Riley", dueDate: "2026-11-20" },
            { description: "Review.", ownerName: "Sam Riley", dueDate: "2206-11-20" },
          ],
        },
        deps,
      ),
    );
    expect(error.fields).toEqual({ "actions.1.dueDate": "Date the action is due must be the same as or before Friday 10 November 2028, 2 years from today." });
    expect((await getEscalation(db, teacher, raised.id, deps)).record.status).toBe("open");
  });

  it("keeps a timescale someone sets between now and 2 years ahead", async () => {
    clock.set(RAISED);
    const raised = await raiseTorbayDispute(db, deps, { urgent: { grounds: "Immediate harm.", startAtStageKey: "stage-5" } });
    clock.set(A_WEEK_LATER);
    const chair = await actorFor(db, "chair", "torbay");
    const set = (dueAt: string) => () => setDeadline(db, chair, raised.id, { expectedVersion: raised.version, deadlineId: "stage-5-resolution", dueAt }, deps);
    let error = await refused(set("1900-01-01T17:00"));
    expect(error.fields).toEqual({ dueAt: "Date it is due must be today or in the future." });
    error = await refused(set("2026-11-10T13:00"));
    expect(error.fields).toEqual({ dueAt: "Time it is due must be later than now: it is 2pm now." });
    error = await refused(set("2029-01-05T17:00"));
    expect(error.fields).toEqual({ dueAt: "Date it is due must be the same as or before Friday 10 November 2028, 2 years from today." });
    await setDeadline(db, chair, raised.id, { expectedVersion: raised.version, deadlineId: "stage-5-resolution", dueAt: "2026-11-24T17:00" }, deps);
  });

  it("answers the API with 400 and the field, and the form shows the message against its field", async () => {
    const raised = await torbayDisputeRaisedLastWeek();
    const ctx = apiContext(db, deps);
    const cookie = await sessionCookie(db, "teacher", "torbay", clock.now());
    const before = await eventCount(db, raised.id);
    const response = await commandRoute(
      ctx,
      request("POST", `/api/v1/escalations/${raised.id}/discussions`, {
        cookie,
        body: { expectedVersion: raised.version, with: "Sam Riley", how: "phone", occurredAt: "0001-01-01T09:00", said: "Talked it through." },
      }),
      raised.id,
      "discussions",
    );
    expect(response.status).toBe(400);
    const body = ErrorJson.parse(await response.json());
    expect(body.error.fields).toEqual({
      occurredAt: "Date of the discussion must be the same as or after Tuesday 3 November 2026, when the dispute was raised.",
    });
    expect(await eventCount(db, raised.id)).toBe(before);

    // The page's form: the posted values become the input, and the error goes to the date field.
    const teacher = await actorFor(db, "teacher", "torbay");
    const { input, aliases } = actionInput("discussion", {
      expectedVersion: String(raised.version),
      with: "Sam Riley",
      how: "phone",
      "occurredAt.day": "1",
      "occurredAt.month": "1",
      "occurredAt.year": "1900",
      "occurredAt.time": "9am",
      said: "Talked it through.",
    });
    const error = await refused(() => recordDiscussion(db, teacher, raised.id, input, deps));
    expect(errorsByField(error.fields, ["with", "how", "occurredAt", "said", "agreed"], aliases)).toEqual({
      errors: { occurredAt: "Date of the discussion must be the same as or after Tuesday 3 November 2026, when the dispute was raised." },
    });
  });
});
