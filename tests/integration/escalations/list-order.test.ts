/**
 * Lists read in another order than soonest due first: by the day raised or the
 * day the current stage was reached, newest or oldest first, paged by keyset,
 * for a practitioner (whose visibility is several arms) and for the board.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../lib/auth/actor";
import type { Database } from "../../../lib/db/connect";
import { escalateEscalation, listEscalations, recordDiscussion, withdrawEscalation } from "../../../lib/escalations";
import { ValidationError } from "../../../lib/errors";
import { TestClock, actorFor, agencyId, depsWith, discussion, raiseTorbayDispute, rejection } from "../../support/escalations";
import { withTestDatabase } from "../../support/test-database";

describe("lists in the order of the day raised or the day a stage was reached", () => {
  let db: Database;
  let teacher: Actor;
  const clock = new TestClock("2026-05-04T09:00:00+01:00");
  const deps = depsWith(clock);
  const refs: Record<string, string> = {};
  const versions: Record<string, number> = {};

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  beforeAll(async () => {
    teacher = await actorFor(db, "teacher", "torbay");
    // A raised Monday 4 May, B Tuesday, C Wednesday; A reaches stage 2 on Thursday.
    for (const [name, day] of [
      ["A", "04"],
      ["B", "05"],
      ["C", "06"],
    ] as const) {
      clock.set(`2026-05-${day}T09:00:00+01:00`);
      const raised = await raiseTorbayDispute(db, deps);
      refs[name] = raised.id;
      versions[name] = raised.version;
    }
    clock.set("2026-05-07T10:00:00+01:00");
    const v = (await recordDiscussion(db, teacher, refs.A!, discussion(versions.A!, clock.now().toISOString()), deps)).version;
    await escalateEscalation(db, teacher, refs.A!, { expectedVersion: v, reason: "No agreement." }, deps);
  });

  const nameOf = (id: string) => Object.entries(refs).find(([, v]) => v === id)?.[0];
  /** Every page, one dispute at a time, following the cursor. */
  const walk = async (who: Actor, order: string) => {
    const names: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: Awaited<ReturnType<typeof listEscalations>> = await listEscalations(db, who, { order, limit: 1, ...(cursor ? { cursor } : {}) }, deps);
      names.push(...page.items.map((item) => nameOf(item.id) ?? item.reference));
      cursor = page.nextCursor;
      if (!cursor) return names;
    }
    throw new Error("too many pages");
  };

  it("pages a practitioner's disputes by the day raised, either way", async () => {
    expect(await walk(teacher, "raised-newest")).toEqual(["C", "B", "A"]);
    expect(await walk(teacher, "raised-oldest")).toEqual(["A", "B", "C"]);
  });

  it("pages by the day the current stage was reached", async () => {
    expect(await walk(teacher, "stage-newest")).toEqual(["A", "C", "B"]);
    expect(await walk(teacher, "stage-oldest")).toEqual(["B", "C", "A"]);
  });

  it("keeps the filters, and refuses a page link made for another order", async () => {
    const stage2 = await listEscalations(db, teacher, { order: "raised-newest", stage: 2 }, deps);
    expect(stage2.items.map((i) => nameOf(i.id))).toEqual(["A"]);
    const first = await listEscalations(db, teacher, { order: "raised-newest", limit: 1 }, deps);
    const error = await rejection(listEscalations(db, teacher, { order: "raised-oldest", limit: 1, cursor: first.nextCursor! }, deps), ValidationError);
    expect(error.fields.cursor).toMatch(/not valid any more/);
    await rejection(listEscalations(db, teacher, { limit: 1, cursor: first.nextCursor! }, deps), ValidationError);
  });

  it("shows others only what they may see, in the order asked", async () => {
    // The school's manager sees them as the raising agency's line manager (another arm of the rule) ...
    expect(await walk(await actorFor(db, "school-manager", "torbay"), "stage-oldest")).toEqual(["B", "C", "A"]);
    // ... a health visitor, on none of them, sees none.
    expect(await walk(await actorFor(db, "health-visitor", "torbay"), "raised-newest")).toEqual([]);
  });
  it("finds a dispute by its reference in any case, or by an agency's case reference exactly as recorded", async () => {
    const csc = await agencyId(db, "torbay", "csc");
    const withCaseRef = await raiseTorbayDispute(db, deps, {
      subjects: [{ kind: "child", initials: "JS", yearOfBirth: 2016, caseReferences: [{ agencyId: csc, reference: "LL-778812" }] }],
    });
    const found = async (reference: string) => (await listEscalations(db, teacher, { reference }, deps)).items.map((i) => i.id);
    const b = await listEscalations(db, teacher, { order: "raised-oldest", limit: 2 }, deps);
    expect(await found(b.items[1]!.reference.toLowerCase())).toEqual([refs.B]);
    expect(await found(" LL-778812 ")).toEqual([withCaseRef.id]);
    expect(await found("ll-778812")).toEqual([]);
    expect(await found("TSCP-1999-0001")).toEqual([]);
    // Nobody else finds it by its case reference either.
    expect((await listEscalations(db, await actorFor(db, "health-visitor", "torbay"), { reference: "LL-778812" }, deps)).items).toEqual([]);
  });

  it("lists closed disputes by the day they closed, newest first, and no open one", async () => {
    clock.set("2026-05-11T09:00:00+01:00");
    await withdrawEscalation(db, teacher, refs.B!, { expectedVersion: versions.B!, reason: "Sorted out." }, deps);
    clock.set("2026-05-12T09:00:00+01:00");
    await withdrawEscalation(db, teacher, refs.C!, { expectedVersion: versions.C!, reason: "Sorted out." }, deps);
    expect(await walk(teacher, "closed-newest")).toEqual(["C", "B"]);
  });
});
