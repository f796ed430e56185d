import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../lib/auth/actor";
import type { Database } from "../../../lib/db/connect";
import {
  ValidationError,
  escalateEscalation,
  listEscalations,
  raiseEscalation,
  recordDiscussion,
  withdrawEscalation,
  type EscalationListItem,
} from "../../../lib/escalations";
import { inPartnership } from "../../../lib/db/scope";
import { prepareLists } from "../../../lib/escalations/list-escalations";
import { TestClock, actorFor, agencyId, depsWith, discussion, raiseInput, raiseTorbayDispute, rejection } from "../../support/escalations";
import { withTestDatabase } from "../../support/test-database";

describe("listing disputes", () => {
  let db: Database;
  const clock = new TestClock("2026-03-02T09:00:00Z"); // Monday
  const deps = depsWith(clock);
  let teacher: Actor;
  let healthVisitor: Actor;
  let headOfService: Actor;
  let businessManager: Actor;
  const ids: Record<string, string> = {};

  const all = async (actor: Actor, filters: Record<string, unknown> = {}, limit = 2): Promise<EscalationListItem[]> => {
    const items: EscalationListItem[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const result = await listEscalations(db, actor, { ...filters, limit, ...(cursor ? { cursor } : {}) }, deps);
      items.push(...result.items);
      if (!result.nextCursor) return items;
      cursor = result.nextCursor;
    }
    throw new Error("too many pages");
  };

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  beforeAll(async () => {
    teacher = await actorFor(db, "teacher", "torbay");
    healthVisitor = await actorFor(db, "health-visitor", "torbay");
    headOfService = await actorFor(db, "head-of-service", "torbay");
    businessManager = await actorFor(db, "business-manager", "torbay");
    const csc = await agencyId(db, "torbay", "csc");

    // a: Mon 2 Mar, stage 1, due Mon 9 Mar 5pm.
    ids.a = (await raiseTorbayDispute(db, deps)).id;
    // b: Wed 4 Mar, stage 1, due Wed 11 Mar; area "care-planning".
    clock.set("2026-03-04T09:00:00Z");
    ids.b = (await raiseTorbayDispute(db, deps, { areas: ["care-planning"] })).id;
    // c: health visitor against social care, stage 3 (on the register) since Thu 5 Mar, due Thu 12 Mar.
    clock.set("2026-03-05T09:00:00Z");
    const c = await raiseEscalation(
      db,
      healthVisitor,
      raiseInput(csc, { areas: ["levels-of-need"], urgent: { grounds: "Risk of harm.", startAtStageKey: "stage-3" } }),
      deps,
    );
    ids.c = c.id;
    // d: raised and withdrawn.
    const d = await raiseTorbayDispute(db, deps);
    ids.d = d.id;
    await withdrawEscalation(db, teacher, d.id, { expectedVersion: d.version, reason: "Resolved informally." }, deps);
    // e: stage 5, no due date.
    const e = await raiseTorbayDispute(db, deps, { urgent: { grounds: "Immediate harm.", startAtStageKey: "stage-5" } });
    ids.e = e.id;
    // f: stage 2, still on the stage-1-2 budget from Thu 5 Mar.
    const f = await raiseTorbayDispute(db, deps);
    const v = (await recordDiscussion(db, teacher, f.id, discussion(f.version, "2026-03-05T08:00"), deps)).version;
    await escalateEscalation(db, teacher, f.id, { expectedVersion: v, reason: "Up." }, deps);
    ids.f = f.id;
    clock.set("2026-03-10T09:00:00Z"); // Tuesday: a is overdue
  });

  const names = (items: EscalationListItem[]) => items.map((i) => Object.entries(ids).find(([, id]) => id === i.id)?.[0]);

  it("sorts by next due date, then the undated newest first, and pages with an opaque cursor", async () => {
    const items = await all(teacher);
    // e (open at stage 5, no due date) and d (withdrawn) have no due date: e was raised after d.
    expect(names(items)).toEqual(["a", "b", "f", "e", "d"]);
    expect(items[0]).toMatchObject({ reference: "TSCP-2026-0001", overdue: true, stageNumber: 1, stageTitle: "Practitioner to practitioner" });
    expect(items[0]?.subjects).toEqual([{ kind: "child", initials: "JS" }]);
    const first = await listEscalations(db, teacher, { limit: 2 }, deps);
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    await rejection(listEscalations(db, teacher, { cursor: "not-a-cursor" }, deps), ValidationError);
    await rejection(listEscalations(db, teacher, { limit: 101 }, deps), ValidationError);
  });

  it("shows each actor only what they may see", async () => {
    expect(names(await all(healthVisitor))).toEqual(["c"]);
    // The head of service sees every dispute against social care up to stage 3; and e, at stage 5, only
    // because nobody owns social care's side there yet and, as one of its managers, they are its contact.
    expect(names(await all(headOfService)).sort()).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(names(await all(businessManager)).sort()).toEqual(["c", "e"]);
  });

  it("filters", async () => {
    expect(names(await all(teacher, { raisedByMe: true })).sort()).toEqual(["a", "b", "d", "e", "f"]);
    expect(names(await all(teacher, { ownedByMe: true })).sort()).toEqual(["a", "b", "d"]);
    expect(names(await all(teacher, { status: "withdrawn" }))).toEqual(["d"]);
    expect(names(await all(teacher, { status: ["open", "resolved"] })).sort()).toEqual(["a", "b", "e", "f"]);
    expect(names(await all(headOfService, { stageAtLeast: 2 })).sort()).toEqual(["c", "e", "f"]);
    expect(names(await all(headOfService, { overdue: true }))).toEqual(["a"]);
    expect(names(await all(headOfService, { overdue: false })).sort()).toEqual(["b", "c", "d", "e", "f"]);
    expect(names(await all(headOfService, { area: "care-planning" }))).toEqual(["b"]);
    expect(names(await all(headOfService, { agencyId: healthVisitor.agencyId }))).toEqual(["c"]);
    expect(names(await all(healthVisitor, { myAgency: true }))).toEqual(["c"]);
  });

  it("counts 'due within N working days' on the partnership calendar", async () => {
    // Tuesday 10 March: 1 working day is close of business Wednesday 11 March.
    expect(names(await all(headOfService, { dueWithinWorkingDays: 1 }))).toEqual(["a", "b"]);
    // c and f are both due at 5pm Thursday 12 March: the earlier id (c, raised first) comes first.
    expect(names(await all(headOfService, { dueWithinWorkingDays: 2 }))).toEqual(["a", "b", "c", "f"]);
    expect(names(await all(headOfService, { dueWithinWorkingDays: 0 }))).toEqual(["a"]);
  });

  it("reads several lists in one go exactly as one at a time, dated and undated, from a cursor, in another order", async () => {
    const second = (await listEscalations(db, teacher, { limit: 2 }, deps)).nextCursor!;
    const cases: [Actor, Record<string, unknown>][] = [
      [teacher, { limit: 2 }],
      [teacher, { limit: 4 }], // the dated three and the first undated
      [teacher, { limit: 10 }],
      [teacher, { limit: 2, cursor: second }],
      [teacher, { raisedByMe: true, status: ["open"], limit: 10 }],
      [teacher, { order: "raised-newest", limit: 3 }],
      [teacher, { status: "withdrawn", limit: 10 }],
      [teacher, { overdue: true, limit: 10 }],
    ];
    const one = await Promise.all(cases.map(([actor, filters]) => listEscalations(db, actor, filters, deps)));
    const together = await inPartnership(db, teacher, (tx) =>
      prepareLists(
        teacher,
        cases.map(([, filters]) => filters),
        deps,
      )(tx),
    );
    expect(together).toEqual(one);
    expect(together.map((p) => p.items.length)).toEqual([2, 4, 5, 2, 4, 3, 1, 1]);
  });
});
