import { describe, expect, it } from "vitest";
import { nextWorkingMoment, warningMoment, type NoticeHours } from "../../../lib/notices/working-hours";
import { policies } from "../../support/escalations";

const calendarOf = (id: string) => policies().calendarFor(policies().get(id)!);
const hours = (over: Partial<NoticeHours> = {}): NoticeHours => ({ start: "08:00", end: "18:00", timeZone: "Europe/London", warnWorkingDays: 1, ...over });
const at = (iso: string) => new Date(iso);

describe("when routine notices may go out", () => {
  const torbay = calendarOf("torbay");

  it("is now, inside working hours on a working day", () => {
    expect(nextWorkingMoment(at("2026-06-03T10:00:00Z"), hours(), torbay)).toEqual(at("2026-06-03T10:00:00Z"));
  });

  it("waits for the start of hours, and for Monday after a Friday evening", () => {
    expect(nextWorkingMoment(at("2026-06-03T05:00:00Z"), hours(), torbay)).toEqual(at("2026-06-03T07:00:00Z")); // 8am BST
    expect(nextWorkingMoment(at("2026-06-05T17:00:00Z"), hours(), torbay)).toEqual(at("2026-06-08T07:00:00Z")); // Fri 6pm BST: Monday 8am
  });

  it("skips Christmas, the Boxing Day substitute and the weekend", () => {
    expect(nextWorkingMoment(at("2026-12-24T18:30:00Z"), hours(), torbay)).toEqual(at("2026-12-29T08:00:00Z"));
  });

  it("skips the Isle of Man's TT day, which England does not", () => {
    const thursdayEvening = at("2026-06-04T17:30:00Z"); // 6:30pm BST
    expect(nextWorkingMoment(thursdayEvening, hours(), calendarOf("isle-of-man"))).toEqual(at("2026-06-08T07:00:00Z"));
    expect(nextWorkingMoment(thursdayEvening, hours(), torbay)).toEqual(at("2026-06-05T07:00:00Z"));
  });

  it("keeps local hours across the clock change", () => {
    // Sunday 25 October 2026: clocks go back. Monday 8am is 08:00 GMT.
    expect(nextWorkingMoment(at("2026-10-23T17:30:00Z"), hours(), torbay)).toEqual(at("2026-10-26T08:00:00Z"));
  });
});

describe("when to warn before a deadline", () => {
  const torbay = calendarOf("torbay");

  it("warns at the start of the working day before the one it falls due on", () => {
    expect(warningMoment(at("2026-06-10T16:00:00Z"), hours(), torbay)).toEqual(at("2026-06-09T07:00:00Z"));
    // Due Monday: warned on Friday.
    expect(warningMoment(at("2026-06-08T16:00:00Z"), hours(), torbay)).toEqual(at("2026-06-05T07:00:00Z"));
    // Due Tuesday 29 December: warned on Christmas Eve.
    expect(warningMoment(at("2026-12-29T17:00:00Z"), hours(), torbay)).toEqual(at("2026-12-24T08:00:00Z"));
  });

  it("counts the partnership's lead in working days, and 0 is the morning it falls due", () => {
    expect(warningMoment(at("2026-06-10T16:00:00Z"), hours({ warnWorkingDays: 3 }), torbay)).toEqual(at("2026-06-05T07:00:00Z"));
    expect(warningMoment(at("2026-06-10T16:00:00Z"), hours({ warnWorkingDays: 0 }), torbay)).toEqual(at("2026-06-10T07:00:00Z"));
  });

  it("has nothing to warn ahead of when the deadline is before the hours start that day", () => {
    expect(warningMoment(at("2026-06-10T06:00:00Z"), hours({ warnWorkingDays: 0 }), torbay)).toBeNull();
  });

  it("skips the TT bank holiday on the Isle of Man", () => {
    // Due Monday 8 June 2026: the working day before is Thursday 4 June (Friday is TT day).
    expect(warningMoment(at("2026-06-08T16:00:00Z"), hours(), calendarOf("isle-of-man"))).toEqual(at("2026-06-04T07:00:00Z"));
  });
});
