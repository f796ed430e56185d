import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../lib/auth/actor";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import {
  NotFoundError,
  escalateEscalation,
  getEscalation,
  listEscalations,
  raiseEscalation,
  recordDiscussion,
  withdrawEscalation,
  type EscalationListItem,
} from "../../../lib/escalations";
import { countEscalations } from "../../../lib/escalations/list-escalations";
import { DEMO_PARTNERSHIPS } from "../../../lib/seed/demo-data";
import { TestClock, actorFor, agencyId, depsWith, discussion, raiseInput, raiseTorbayDispute } from "../../support/escalations";
import { withTestDatabase } from "../../support/test-database";

/**
 * The list's two intake filters, and the visibility rule they rest on: what the
 * list shows each Torbay user is exactly what opening each dispute allows
 * (escalationAccess, through getEscalation), whichever filter and page size.
 */
describe("listing what awaits an owner", () => {
  let db: Database;
  const clock = new TestClock("2026-03-02T09:00:00Z"); // Monday
  const deps = depsWith(clock);
  const cast: Record<string, Actor> = {};
  const ids: Record<string, string> = {};
  let childminders: string;

  const all = async (actor: Actor, filters: Record<string, unknown> = {}, limit = 2): Promise<EscalationListItem[]> => {
    const items: EscalationListItem[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page++) {
      const result = await listEscalations(db, actor, { ...filters, limit, ...(cursor ? { cursor } : {}) }, deps);
      items.push(...result.items);
      if (!result.nextCursor) return items;
      cursor = result.nextCursor;
    }
    throw new Error("too many pages");
  };
  const names = (items: EscalationListItem[]) => items.map((i) => Object.entries(ids).find(([, id]) => id === i.id)?.[0] ?? i.reference).sort();

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  beforeAll(async () => {
    const torbay = DEMO_PARTNERSHIPS.find((p) => p.id === "torbay")!;
    for (const user of torbay.users) cast[user.key] = await actorFor(db, user.key, "torbay");
    const csc = await agencyId(db, "torbay", "csc");
    // An agency nobody from is on Parley.
    childminders = (await asSystem(db, (tx) => tx.agency.create({ data: { partnershipId: "torbay", name: "Bay Childminders", type: "other" } }))).id;

    // w1: raised with social care naming nobody there: it awaits an owner at stage 1.
    ids.w1 = (await raiseEscalation(db, cast.teacher!, raiseInput(csc), deps)).id;
    // w2: straight to stage 5 with nobody owning social care's side: above the head of service's level.
    ids.w2 = (await raiseEscalation(db, cast.teacher!, raiseInput(csc, { urgent: { grounds: "Immediate harm.", startAtStageKey: "stage-5" } }), deps)).id;
    // o1: names the social worker, who owns social care's side.
    ids.o1 = (await raiseTorbayDispute(db, deps)).id;
    // n1: raised with the childminders, who have nobody on Parley; n2 the same, then withdrawn.
    ids.n1 = (await raiseEscalation(db, cast.teacher!, raiseInput(childminders), deps)).id;
    const n2 = await raiseEscalation(db, cast.teacher!, raiseInput(childminders), deps);
    ids.n2 = n2.id;
    await withdrawEscalation(db, cast.teacher!, n2.id, { expectedVersion: n2.version, reason: "Sorted out by phone." }, deps);
    // s2: named, then escalated to stage 2, where nobody owns social care's side until a manager takes it.
    const s2 = await raiseTorbayDispute(db, deps);
    const v = (await recordDiscussion(db, cast.teacher!, s2.id, discussion(s2.version, "2026-03-02T08:30"), deps)).version;
    await escalateEscalation(db, cast.teacher!, s2.id, { expectedVersion: v, reason: "No agreement." }, deps);
    ids.s2 = s2.id;
    clock.set("2026-03-04T09:00:00Z");
  });

  it("shows an agency's escalation contacts what awaits an owner there, and nobody else", async () => {
    // With no contact named, social care's managers are its contacts.
    expect(names(await all(cast["head-of-service"]!, { awaitingOwner: true }))).toEqual(["s2", "w1", "w2"]);
    expect(names(await all(cast["team-manager"]!, { awaitingOwner: true }))).toEqual(["s2", "w1", "w2"]);
    // Not a contact: only s2, which they owned at stage 1, so are on.
    expect(names(await all(cast["social-worker"]!, { awaitingOwner: true }))).toEqual(["s2"]);
    // Other agencies' contacts have nothing awaiting them.
    expect(names(await all(cast["school-manager"]!, { awaitingOwner: true }))).toEqual([]);
    expect(names(await all(cast["named-nurse"]!, { awaitingOwner: true }))).toEqual([]);
    // The raiser is on them, so sees them, but they do not await the raiser's agency.
    expect(names(await all(cast.teacher!, { awaitingOwner: true }))).toEqual([]);
  });

  it("follows a named contact: the social worker takes them, and the head of service keeps only what their level allows", async () => {
    const csc = await agencyId(db, "torbay", "csc");
    await asSystem(db, (tx) =>
      tx.agencyContact.create({ data: { partnershipId: "torbay", agencyId: csc, userId: cast["social-worker"]!.userId, duty: "Duty desk" } }),
    );
    try {
      expect(names(await all(cast["social-worker"]!, { awaitingOwner: true }))).toEqual(["s2", "w1", "w2"]);
      // No longer a contact: stages 1 and 2 are within a senior manager's line, stage 5 is not.
      expect(names(await all(cast["head-of-service"]!, { awaitingOwner: true }))).toEqual(["s2", "w1"]);
      expect(names(await all(cast["head-of-service"]!))).not.toContain("w2");
    } finally {
      await asSystem(db, (tx) => tx.agencyContact.deleteMany({ where: { partnershipId: "torbay", agencyId: csc } }));
    }
  });

  it("shows the board business manager what was raised with an agency not on Parley while it is open", async () => {
    expect(names(await all(cast["business-manager"]!, { agencyNotOnParley: true }))).toEqual(["n1"]);
    expect(names(await all(cast["business-manager"]!))).toContain("n1");
    expect(names(await all(cast["business-manager"]!))).not.toContain("n2");
    // The chair is not the one who takes them.
    expect(names(await all(cast.chair!, { agencyNotOnParley: true }))).toEqual([]);
    // The raiser sees their own there; a social care manager has none.
    expect(names(await all(cast.teacher!, { agencyNotOnParley: true }))).toEqual(["n1"]);
    expect(names(await all(cast["team-manager"]!, { agencyNotOnParley: true }))).toEqual([]);
  });

  it("filters by side, register, stage and status, and counts by status and urgency in the database", async () => {
    const school = await agencyId(db, "torbay", "school");
    expect(school).toBe(cast["school-manager"]!.agencyId);
    // Not w2: at stage 5 it is above a manager's level, and they are not on it.
    expect(names(await all(cast["school-manager"]!, { raisedByMyAgency: true }))).toEqual(["n1", "n2", "o1", "s2", "w1"]);
    expect(names(await all(cast["school-manager"]!, { raisedWithMyAgency: true }))).toEqual([]);
    expect(names(await all(cast["team-manager"]!, { raisedWithMyAgency: true, status: "open" }))).toEqual(["o1", "s2", "w1", "w2"]);
    expect(names(await all(cast["business-manager"]!, { onRegister: true }))).toEqual(["w2"]);
    expect(names(await all(cast.teacher!, { stage: 2 }))).toEqual(["s2"]);
    expect(names(await all(cast.teacher!, { status: ["resolved", "withdrawn"] }))).toEqual(["n2"]);

    const counts = await countEscalations(db, cast.teacher!, {}, deps);
    expect(counts).toEqual({ total: 6, open: 5, overdue: 0, dueThisWeek: 4, resolved: 0, withdrawn: 1 });
    expect(await countEscalations(db, cast["business-manager"]!, { onRegister: true }, deps)).toMatchObject({ total: 1, open: 1 });
    expect(await countEscalations(db, cast["social-worker"]!, { awaitingOwner: true }, deps)).toMatchObject({ total: 1, open: 1 });
  });

  it("lists for every Torbay user exactly what opening each dispute allows, under every filter and page size", async () => {
    const every = Object.values(ids);
    for (const [key, actor] of Object.entries(cast)) {
      if (key === "admin") continue; // administrators may not list
      const visible: string[] = [];
      for (const id of every) {
        try {
          await getEscalation(db, actor, id, deps);
          visible.push(id);
        } catch (error) {
          if (!(error instanceof NotFoundError)) throw error;
        }
      }
      const expected = names(visible.map((id) => ({ id }) as EscalationListItem));
      expect(names(await all(actor)), key).toEqual(expected);
      expect(names(await all(actor, {}, 100)), key).toEqual(expected);
      for (const filters of [{ status: "open" }, { myAgency: true }, { ownedByMe: true }, { raisedByMe: true }, { overdue: false }, { stageAtLeast: 1 }]) {
        const listed = names(await all(actor, filters, 1));
        expect(
          listed.every((n) => expected.includes(n)),
          `${key} ${JSON.stringify(filters)}`,
        ).toBe(true);
      }
    }
  });
});
