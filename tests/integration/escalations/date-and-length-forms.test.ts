/**
 * The forms (server actions) where their mappers meet the use cases: a date
 * typed in Day, Month, Year and Time boxes is recorded as the instant it names
 * in the partnership's time zone; one that cannot be read comes back with the
 * GOV.UK message on its field (with every other field's error) and nothing is
 * written; a too-long answer is refused with a message naming its field, and a
 * line break counts as one character, as the character count shows. The
 * actions run for real on a test database; only what Next.js gives them per
 * request (who is signed in, redirects) is stood in for.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "../../../lib/auth/actor";
import { ZoneClock } from "../../../lib/calendar/time-zone";
import { civilFromDays } from "../../../lib/calendar/days";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import { getEscalation } from "../../../lib/escalations";
import { partnershipDirectory } from "../../../lib/escalations/directory";
import { formatDateTime } from "../../../lib/policy";
import { actionFormView } from "../../../lib/views/dispute-forms";
import type { ActionSlug } from "../../../lib/views/dispute";
import { initialFormState } from "../../../lib/views/form-spec";
import { actorFor, eventCount, policies, raiseTorbayDispute } from "../../support/escalations";
import { withTestDatabase } from "../../support/test-database";

const the = vi.hoisted(() => ({ db: undefined as unknown, actor: undefined as unknown }));

vi.mock("server-only", () => ({}));
vi.mock("@/lib/db/client", () => ({ getDatabase: async () => the.db }));
vi.mock("@/lib/server/policies", async () => ({ policyRegistry: (await import("../../support/escalations")).policies }));
vi.mock("@/lib/auth/server", () => ({
  requireActor: async () => the.actor,
  currentRequestContext: async () => ({ ipAddress: "198.51.100.7", userAgent: "form-test" }),
}));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`redirected to ${to}`);
  },
  notFound: () => {
    throw new Error("not found");
  },
}));

const { submitDisputeAction } = await import("../../../app/p/[partnership]/disputes/[id]/actions");
const { saveRaiseStep } = await import("../../../app/p/[partnership]/disputes/new/actions");

function form(entries: Record<string, string>): FormData {
  const f = new FormData();
  f.append("$ACTION_KEY", "k");
  for (const [name, value] of Object.entries(entries)) f.append(name, value);
  return f;
}

const LONDON = "Europe/London";

/** Today in London, as a person types it in the boxes. */
function today(): { day: string; month: string; year: string; dayNumber: number } {
  const dayNumber = ZoneClock.for(LONDON).localDay(Date.now());
  const c = civilFromDays(dayNumber);
  return { day: String(c.day), month: String(c.month), year: String(c.year), dayNumber };
}

describe("dates and length limits on the dispute forms", () => {
  let db: Database;
  let teacher: Actor;
  const deps = { policies: policies() };

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  beforeAll(async () => {
    the.db = db;
    teacher = await actorFor(db, "teacher", "torbay");
  });
  beforeEach(() => {
    the.actor = teacher;
  });

  async function formFor(slug: ActionSlug, escalationId: string) {
    const view = await getEscalation(db, teacher, escalationId, deps);
    const policy = deps.policies.get(view.policy.id, view.policy.version)!;
    const directory = await partnershipDirectory(db, teacher);
    return actionFormView(slug, { view, policy, calendar: deps.policies.calendarFor(policy), now: new Date(), directory, partnershipId: "torbay" });
  }

  async function submit(slug: ActionSlug, escalationId: string, entries: Record<string, string>) {
    const spec = await formFor(slug, escalationId);
    return submitDisputeAction("torbay", escalationId, slug, undefined, spec.fields, initialFormState(), form(entries));
  }

  it("a discussion dated in the boxes is recorded at that time in the partnership's time zone", async () => {
    const raised = await raiseTorbayDispute(db, deps);
    const { day, month, year, dayNumber } = today();
    await expect(
      submit("discussion", raised.id, {
        expectedVersion: String(raised.version),
        with: "Sam Riley, social worker",
        how: "phone",
        "occurredAt.day": day,
        "occurredAt.month": month,
        "occurredAt.year": year,
        // Midnight at the start of today: never later than now, never before the day it was raised.
        "occurredAt.time": "12:00am",
        said: "We went through the concerns.",
      }),
    ).rejects.toThrow(/redirected to \/p\/torbay\/disputes\/.*\?done=discussion/);

    const view = await getEscalation(db, teacher, raised.id, deps);
    const recorded = view.history.find((e) => e.type === "discussion_recorded");
    expect(recorded?.type === "discussion_recorded" && recorded.payload.occurredAt).toBe(new Date(ZoneClock.for(LONDON).instantAt(dayNumber, 0)).toISOString());
    expect(formatDateTime(new Date(ZoneClock.for(LONDON).instantAt(dayNumber, 0)), LONDON)).toMatch(/^midnight at the start of \w+day \d{1,2} \w+ \d{4}$/);
  });

  it("a date that cannot be read: the GOV.UK message on the date, the other fields' errors too, what was typed kept, nothing recorded", async () => {
    const raised = await raiseTorbayDispute(db, deps);
    const before = await eventCount(db, raised.id);
    const { day, year } = today();
    const state = await submit("discussion", raised.id, {
      expectedVersion: String(raised.version),
      with: "",
      how: "phone",
      "occurredAt.day": day,
      "occurredAt.month": "",
      "occurredAt.year": year,
      "occurredAt.time": "9am",
      said: "We went through the concerns.",
    });
    expect(state.errors).toEqual({ with: "Enter who you spoke with.", occurredAt: "Date of the discussion must include a month" });
    expect(state.values).toMatchObject({ "occurredAt.day": day, "occurredAt.month": "", "occurredAt.year": year, "occurredAt.time": "9am" });
    expect(await eventCount(db, raised.id)).toBe(before);

    const time = await submit("discussion", raised.id, {
      expectedVersion: String(raised.version),
      with: "Sam Riley",
      how: "phone",
      "occurredAt.day": day,
      "occurredAt.month": today().month,
      "occurredAt.year": year,
      "occurredAt.time": "half nine",
      said: "Talked.",
    });
    expect(time.errors).toEqual({ occurredAt: "Time of the discussion must be a real time, for example 10:30am or 14:30" });
    expect(await eventCount(db, raised.id)).toBe(before);
  });

  it("an agreed action's due date that is not a real date, and one the use case refuses, each on the date", async () => {
    const raised = await raiseTorbayDispute(db, deps);
    const before = await eventCount(db, raised.id);
    const action = (day: string, month: string, year: string) =>
      submit("agreed-action", raised.id, {
        expectedVersion: String(raised.version),
        description: "Share the safeguarding log",
        ownerName: "Priya Shah",
        "dueDate.day": day,
        "dueDate.month": month,
        "dueDate.year": year,
      });
    expect((await action("31", "6", "2026")).errors).toEqual({ dueDate: "Date the action is due must be a real date" });
    expect((await action("", "", "")).errors).toEqual({ dueDate: "Enter the date the action is due" });
    expect((await action("1", "1", "2020")).errors).toEqual({ dueDate: "Date the action is due must be today or in the future." });
    expect(await eventCount(db, raised.id)).toBe(before);
  });

  it("a too-long comment is refused with a message naming the field; 5,000 characters with line breaks, as the count counts them, are not", async () => {
    const raised = await raiseTorbayDispute(db, deps);
    const before = await eventCount(db, raised.id);
    const long = await submit("comment", raised.id, { expectedVersion: String(raised.version), text: "x".repeat(5001) });
    expect(long.errors).toEqual({ text: "Your comment must be 5,000 characters or fewer." });
    expect(await eventCount(db, raised.id)).toBe(before);

    // Ten lines of 500 characters with their line breaks: 4,999 once trimmed, though the browser sends each break as CR LF.
    const lines = `${"x".repeat(499)}\r\n`.repeat(10);
    await expect(submit("comment", raised.id, { expectedVersion: String(raised.version), text: lines })).rejects.toThrow(/\?done=comment/);
    expect(await eventCount(db, raised.id)).toBe(before + 1);
  });

  it("a too-long answer in the raise flow names its question; no draft written", async () => {
    const drafts = () => asSystem(db, (tx) => tx.escalationDraft.count({ where: { userId: teacher.userId } }));
    const before = await drafts();
    const state = await saveRaiseStep(
      "torbay",
      "decision",
      false,
      initialFormState(),
      form({ decisionDisputed: "x".repeat(5001), whyUnsafe: "Two disclosures." }),
    );
    expect(state.errors).toEqual({ decisionDisputed: 'Your answer to "What decision do you disagree with?" must be 5,000 characters or fewer.' });
    expect(await drafts()).toBe(before);
  });
});
