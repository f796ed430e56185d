import { describe, expect, it } from "vitest";
import { renderMail } from "../../../lib/notices/content";
import { timersFor } from "../../../lib/notices/timers";
import type { ActionRow, DeadlineRow } from "../../../lib/escalations/state";
import { policies } from "../../support/escalations";

describe("an e-mail", () => {
  const content = {
    partnership: "Torbay Safeguarding Children Partnership",
    headline: "Resolve at stage 3 is due by 5pm on Friday 5 June 2026.",
    lines: ["Dispute TSCP-2026-0042, between <School> & Co and Children's Services."],
    link: "/p/torbay/disputes/0195d1c2-0000-7000-8000-000000000001",
  };

  it("links to the dispute at the address people use, in plain text and accessible HTML", () => {
    const mail = renderMail("TSCP-2026-0042: due soon", content, "https://parley.torbay.gov.uk");
    expect(mail.text).toContain("Open the dispute in Parley: https://parley.torbay.gov.uk/p/torbay/disputes/0195d1c2-0000-7000-8000-000000000001");
    expect(mail.html).toContain('<html lang="en-GB">');
    expect(mail.html).toContain("<h1");
    expect(mail.html).toContain('<a href="https://parley.torbay.gov.uk/p/torbay/disputes/0195d1c2-0000-7000-8000-000000000001"');
  });

  it("escapes what it is given", () => {
    const mail = renderMail("<b>x</b>", content, "http://localhost:3000");
    expect(mail.html).toContain("&lt;School&gt; &amp; Co");
    expect(mail.html).not.toContain("<School>");
    expect(mail.html).toContain("<title>&lt;b&gt;x&lt;/b&gt;</title>");
  });
});

describe("a dispute's timers", () => {
  const calendar = policies().calendarFor(policies().get("torbay")!);
  const hours = { start: "08:00", end: "18:00", timeZone: "Europe/London", warnWorkingDays: 1 };
  const deadline = (over: Partial<DeadlineRow>): DeadlineRow => ({
    stageKey: "stage-3",
    deadlineId: "stage-3-resolution",
    position: 0,
    label: "Resolve at stage 3",
    kind: "mandatory",
    unit: "working-days",
    status: "due",
    dueAt: new Date("2026-06-10T16:00:00Z"),
    decidesOverdue: true,
    rule: "",
    explanation: "",
    warnings: [],
    cite: "",
    ...over,
  });
  const action = (over: Partial<ActionRow>): ActionRow => ({
    id: "0195d1c2-0000-7000-8000-00000000a001",
    description: "Start an assessment",
    ownerName: "Sam Riley",
    ownerUserId: "0195d1c2-0000-7000-8000-00000000a002",
    ownerAgencyId: null,
    dueDate: "2026-06-12",
    addedAt: new Date("2026-06-01T09:00:00Z"),
    doneAt: null,
    ...over,
  });
  const now = new Date("2026-06-01T09:00:00Z");

  it("warns before and reports the miss of each mandatory deadline with a due date, not advisory or met ones", () => {
    const timers = timersFor(
      {
        row: { status: "open" },
        deadlines: [
          deadline({}),
          deadline({ deadlineId: "advice", kind: "advisory" }),
          deadline({ deadlineId: "met", status: "met" }),
          deadline({ deadlineId: "asap", dueAt: null }),
        ],
        actions: [],
      },
      hours,
      calendar,
      now,
    );
    expect(timers.map((t) => [t.kind, t.subject, t.fireAt.toISOString()])).toEqual([
      ["deadline_warning", "stage-3-resolution", "2026-06-09T07:00:00.000Z"],
      ["deadline_missed", "stage-3-resolution", "2026-06-10T16:00:00.000Z"],
    ]);
  });

  it("follows agreed actions up after the dispute is closed, but not a withdrawn dispute's deadlines", () => {
    const timers = timersFor(
      {
        row: { status: "withdrawn" },
        deadlines: [deadline({})],
        actions: [action({}), action({ id: "done", doneAt: now }), action({ id: "nobody", ownerUserId: null })],
      },
      hours,
      calendar,
      now,
    );
    expect(timers.map((t) => [t.kind, t.subject, t.fireAt.toISOString()])).toEqual([
      ["action_warning", "0195d1c2-0000-7000-8000-00000000a001", "2026-06-11T07:00:00.000Z"],
      ["action_overdue", "0195d1c2-0000-7000-8000-00000000a001", "2026-06-12T17:00:00.000Z"],
    ]);
  });

  it("warns before and reports the miss of what is asked after resolution (a resolved dispute's deadlines), without a daily reminder", () => {
    const obligation = deadline({ stageKey: "stage-2", deadlineId: "confirm-in-writing", label: "Confirm the outcome in writing", decidesOverdue: false });
    const resolved = { row: { status: "resolved" as const }, deadlines: [obligation], actions: [] };
    expect(timersFor(resolved, hours, calendar, now).map((t) => [t.kind, t.subject, t.fireAt.toISOString()])).toEqual([
      ["deadline_warning", "confirm-in-writing", "2026-06-09T07:00:00.000Z"],
      ["deadline_missed", "confirm-in-writing", "2026-06-10T16:00:00.000Z"],
    ]);
    // Already missed: reported, but no daily reminder, since nobody can record it as met yet.
    const late = new Date("2026-06-11T09:00:00Z");
    expect(timersFor(resolved, hours, calendar, late).map((t) => t.kind)).toEqual(["deadline_missed"]);
  });

  it("still warns when the warning's moment has passed but the deadline has not", () => {
    const late = new Date("2026-06-09T12:00:00Z");
    const [warning] = timersFor({ row: { status: "open" }, deadlines: [deadline({})], actions: [] }, hours, calendar, late);
    expect(warning).toMatchObject({ kind: "deadline_warning", fireAt: late });
    const past = new Date("2026-06-11T12:00:00Z");
    // Missed already: the miss (told once) and the next working morning's reminder, for owners who ask for one.
    expect(
      timersFor({ row: { status: "open" }, deadlines: [deadline({})], actions: [] }, hours, calendar, past).map((t) => [t.kind, t.fireAt.toISOString()]),
    ).toEqual([
      ["deadline_missed", "2026-06-10T16:00:00.000Z"],
      ["deadline_reminder", "2026-06-12T07:00:00.000Z"],
    ]);
  });
});
