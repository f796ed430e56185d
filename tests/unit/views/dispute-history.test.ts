import { describe, expect, it } from "vitest";
import type { NoticeRecord } from "../../../lib/notices/dispute-notices";
import { changesSince, describeHistory, mergeHistory, noticeHistory, type HistoryContext } from "../../../lib/views/dispute-history";
import { CSC, PEOPLE, SCHOOL, atStage2, ev, raisedEvents, torbay, viewOf } from "./fixtures";

const ctx = (): HistoryContext => ({
  policy: torbay(),
  routeId: "main",
  people: Object.fromEntries(Object.values(PEOPLE).map((p) => [p.userId, p.name])),
  agencies: { [SCHOOL]: "Paignton Community Primary School", [CSC]: "Torbay Council Children's Services" },
  raisingAgencyId: SCHOOL,
  respondingAgencyId: CSC,
});

describe("the history in words", () => {
  it("tells every event oldest first, with who, when and the stage", () => {
    const items = describeHistory(viewOf(atStage2()).history, ctx());
    expect(items.map((i) => [i.title, i.who, i.when, i.stage])).toEqual([
      ["Disagreement raised at stage 1", "Priya Shah", "9am on Thursday 4 June 2026", "Stage 1: Practitioner to practitioner"],
      [
        "Priya Shah now owns the dispute for Paignton Community Primary School (the raising side) at stage 1",
        "Priya Shah",
        "9am on Thursday 4 June 2026",
        "Stage 1: Practitioner to practitioner",
      ],
      [
        "Sam Riley now owns the dispute for Torbay Council Children's Services (the responding side) at stage 1",
        "Priya Shah",
        "9am on Thursday 4 June 2026",
        "Stage 1: Practitioner to practitioner",
      ],
      ["Discussion recorded with Sam Riley", "Priya Shah", "9:10am on Thursday 4 June 2026", "Stage 1: Practitioner to practitioner"],
      ["Escalated from stage 1 to stage 2: Manager to manager", "Priya Shah", "9:20am on Thursday 4 June 2026", "Stage 1: Practitioner to practitioner"],
      [
        "Tom Okafor now owns the dispute for Paignton Community Primary School (the raising side) at stage 2",
        "Priya Shah",
        "9:20am on Thursday 4 June 2026",
        "Stage 2: Manager to manager",
      ],
      [
        "Grace Adeyemi now owns the dispute for Torbay Council Children's Services (the responding side) at stage 2",
        "Priya Shah",
        "9:20am on Thursday 4 June 2026",
        "Stage 2: Manager to manager",
      ],
    ]);
  });

  it("includes what was discussed and agreed, and the deadlines as they stood when a stage was left", () => {
    const items = describeHistory(viewOf(atStage2()).history, ctx());
    expect(items[3]!.details).toEqual([
      { key: "How", value: "Phone call" },
      { key: "When", value: "8:30am on Thursday 4 June 2026" },
      { key: "What was discussed", value: "We talked it through." },
      { key: "What was agreed", value: "The school will escalate." },
    ]);
    expect(items[4]!.details).toEqual([
      { key: "Why", value: "No agreement." },
      { key: "Deadlines at stage 1", value: "Resolve at stages 1 and 2 (the other party responds): due by 5pm on Thursday 11 June 2026" },
    ]);
  });

  it("words forms, the board, agreed actions, the resolution and corrections", () => {
    const base = raisedEvents();
    const action = "0195d1c2-0000-7000-8000-00000000a001";
    const events = [
      ...base,
      ev(4, "2026-06-04T09:00:00Z", "stage-1", "form_completed", {
        formId: "record-of-escalation",
        title: "Professional Differences Record of Escalation",
        sentTo: ["TSCP Business Manager (TSCP@torbay.gov.uk)"],
      }),
      ev(5, "2026-06-04T09:00:00Z", "stage-1", "board_notified", {
        involvement: "notified",
        notified: [{ label: "TSCP Business Manager", email: "TSCP@torbay.gov.uk", what: "The Record of Escalation." }],
        onRegister: true,
      }),
      ev(6, "2026-06-04T09:05:00Z", "stage-1", "action_added", {
        actionId: action,
        description: "Start an assessment",
        ownerName: "Sam Riley",
        ownerUserId: PEOPLE.social.userId,
        ownerAgencyId: CSC,
        dueDate: "2026-06-11",
      }),
      ev(7, "2026-06-04T09:05:00Z", "stage-1", "resolved", {
        outcome: "Reopened.",
        learning: "Schools and social care read the neglect thresholds differently.",
        actionIds: [action],
        confirmations: {
          raising: { method: "email", confirmedBy: "Priya Shah" },
          responding: { method: "phone", confirmedBy: "Sam Riley", note: "Agreed on the call." },
        },
        deadlinesThen: [],
      }),
      ev(8, "2026-06-04T09:10:00Z", "stage-1", "action_completed", { actionId: action, note: "Started." }, PEOPLE.social.userId),
      ev(9, "2026-06-04T09:15:00Z", "stage-1", "comment", { text: "The form went on the 3rd, not the 4th." }, PEOPLE.teacher.userId, base[0]!.id),
    ];
    const items = describeHistory(viewOf(events).history, ctx());
    const by = (title: string) => items.find((i) => i.title === title)!;
    expect(by("Form completed: Professional Differences Record of Escalation").details).toEqual([
      { key: "Sent to", value: "TSCP Business Manager (TSCP@torbay.gov.uk)" },
    ]);
    // An old board_notified entry says what the policy asked, never that anyone was told.
    expect(items.some((i) => /notified|told:/i.test(i.title) || i.details.some((d) => d.key.startsWith("Told")))).toBe(false);
    expect(by("Reached stage 1, where the policy asks for the board to be told").details).toEqual([
      { key: "The policy asks that TSCP Business Manager (TSCP@torbay.gov.uk) be told", value: "The Record of Escalation." },
      { key: "Board register", value: "On the board business manager's register" },
      { key: "Note", value: "This records what the policy asks, not that it was done. Parley's e-mails are listed as entries of their own." },
    ]);
    expect(by("Agreed action added: Start an assessment").details).toEqual([
      { key: "Who will do it", value: "Sam Riley (Sam Riley), Torbay Council Children's Services" },
      { key: "Due", value: "Thursday 11 June 2026" },
    ]);
    expect(by("Resolved").details).toContainEqual({
      key: "What the partnership could learn",
      value: "Schools and social care read the neglect thresholds differently.",
    });
    expect(by("Resolved").details).toContainEqual({
      key: "Confirmed for Torbay Council Children's Services (the responding side)",
      value: "Sam Riley, by phone call. Agreed on the call.",
    });
    expect(by("Agreed action done: Start an assessment")).toMatchObject({ who: "Sam Riley", details: [{ key: "Note", value: "Started." }] });
    expect(by("Comment").details).toEqual([
      { key: "Comment", value: "The form went on the 3rd, not the 4th." },
      { key: "Correction", value: "This corrects entry 1 of this history." },
    ]);
    expect(items[0]!.details).toContainEqual({ key: "Corrected", value: "Corrected by entry 9." });
  });

  it("lists what changed after a version, for a conflict", () => {
    const changes = changesSince(viewOf(atStage2()).history, 4, ctx());
    expect(changes).toEqual([
      { title: "Escalated from stage 1 to stage 2: Manager to manager", who: "Priya Shah", when: "9:20am on Thursday 4 June 2026" },
      {
        title: "Tom Okafor now owns the dispute for Paignton Community Primary School (the raising side) at stage 2",
        who: "Priya Shah",
        when: "9:20am on Thursday 4 June 2026",
      },
      {
        title: "Grace Adeyemi now owns the dispute for Torbay Council Children's Services (the responding side) at stage 2",
        who: "Priya Shah",
        when: "9:20am on Thursday 4 June 2026",
      },
    ]);
    expect(changesSince(viewOf(atStage2()).history, 7, ctx())).toEqual([]);
  });

  it("lists each try at e-mailing as it happened, after the event that caused it, and nothing not yet tried", () => {
    const events = raisedEvents();
    const notice = (over: Partial<NoticeRecord>): NoticeRecord => ({
      id: "0195d1c2-0000-7000-8000-00000000b001",
      trigger: "raised",
      dedupeKey: "k",
      recipientName: "Sam Riley",
      recipientReason: "Owner for the responding side",
      subject: "TSCP-2026-0001: a disagreement has been raised with you",
      status: "sent",
      createdAt: new Date("2026-06-04T08:00:00Z"),
      notBefore: new Date("2026-06-04T08:00:00Z"),
      nextAttemptAt: null,
      sentAt: new Date("2026-06-04T08:02:00Z"),
      cancelledReason: null,
      attempts: [],
      ...over,
    });
    const notices = [
      notice({
        attempts: [
          { at: new Date("2026-06-04T08:01:00Z"), ok: false, detail: "Connection refused" },
          { at: new Date("2026-06-04T08:02:00Z"), ok: true, detail: "Accepted by the mail server: 250 OK" },
        ],
      }),
      notice({ id: "0195d1c2-0000-7000-8000-00000000b002", status: "pending", sentAt: null, recipientName: "Ruth Bennett", attempts: [] }),
    ];
    const items = mergeHistory(describeHistory(viewOf(events).history, ctx()), noticeHistory(notices, viewOf(events).history, "Europe/London"));
    const mail = items.filter((i) => i.kind === "notice");
    expect(mail.map((i) => [i.title, i.when])).toEqual([
      ["Parley could not e-mail Sam Riley", "9:01am on Thursday 4 June 2026"],
      ["Parley e-mailed Sam Riley", "9:02am on Thursday 4 June 2026"],
    ]);
    expect(mail[0]!.details).toContainEqual({ key: "What went wrong", value: "Connection refused" });
    expect(mail[1]!.details).toContainEqual({ key: "Delivery", value: "Accepted by the mail server: 250 OK" });
    expect(items.indexOf(mail[0]!)).toBeGreaterThan(items.findIndex((i) => i.kind === "event" && i.sequence === events.length));
  });
});
