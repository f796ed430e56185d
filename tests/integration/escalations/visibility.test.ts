import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../lib/auth/actor";
import type { Database } from "../../../lib/db/connect";
import { ForbiddenError, NotFoundError, assignOwner, escalateEscalation, getEscalation, listEscalations, recordDiscussion } from "../../../lib/escalations";
import { TestClock, actorFor, depsWith, discussion, raiseTorbayDispute, rejection } from "../../support/escalations";
import { withTestDatabase } from "../../support/test-database";

describe("who may see a dispute", () => {
  let db: Database;
  const clock = new TestClock("2026-03-02T09:00:00Z");
  const deps = depsWith(clock);
  const cast: Record<string, Actor> = {};

  const sees = async (who: string, id: string): Promise<boolean> => {
    try {
      await getEscalation(db, cast[who]!, id, deps);
      return true;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  };
  const listed = async (who: string, id: string): Promise<boolean> =>
    (await listEscalations(db, cast[who]!, { limit: 100 }, deps)).items.some((i) => i.id === id);

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  beforeAll(async () => {
    for (const key of [
      "teacher",
      "school-manager",
      "headteacher",
      "social-worker",
      "team-manager",
      "head-of-service",
      "health-visitor",
      "police-officer",
      "business-manager",
      "chair",
      "admin",
    ]) {
      cast[key] = await actorFor(db, key, "torbay");
    }
  });

  it("follows the stage: practitioners of other agencies never, line managers up to their level, the board from stage 3", async () => {
    const raised = await raiseTorbayDispute(db, deps);
    const id = raised.id;
    const expectations = async (expected: Record<string, boolean>) => {
      for (const [who, visible] of Object.entries(expected)) {
        expect(await sees(who, id), `${who} sees it`).toBe(visible);
        if (who !== "admin") expect(await listed(who, id), `${who} lists it`).toBe(visible);
      }
    };

    // Stage 1.
    await expectations({
      teacher: true,
      "social-worker": true,
      "school-manager": true,
      "team-manager": true,
      "head-of-service": true,
      "health-visitor": false,
      "police-officer": false,
      "business-manager": false,
      chair: false,
      admin: false,
    });

    // Stage 2, with nobody named on the responding side.
    let v = (await recordDiscussion(db, cast.teacher!, id, discussion(raised.version, "2026-03-02T08:00"), deps)).version;
    v = (
      await escalateEscalation(
        db,
        cast.teacher!,
        id,
        { expectedVersion: v, reason: "Unresolved.", owners: { raising: { userId: cast["school-manager"]!.userId } } },
        deps,
      )
    ).version;
    await expectations({ "team-manager": true, "business-manager": false, "police-officer": false });

    // Stage 3: the business manager now. Nobody owns the responding side yet, so children's
    // social care's escalation contacts (by default its managers, the team manager among them) may
    // see it to choose who will.
    v = (await recordDiscussion(db, cast["school-manager"]!, id, discussion(v, "2026-03-02T08:30"), deps)).version;
    v = (
      await escalateEscalation(
        db,
        cast["school-manager"]!,
        id,
        { expectedVersion: v, reason: "Unresolved.", formsOnEntry: [{ formId: "record-of-escalation" }] },
        deps,
      )
    ).version;
    await expectations({
      teacher: true, // raiser
      "social-worker": true, // responder
      "school-manager": true, // owned stage 2
      "team-manager": true, // an escalation contact, while it awaits an owner
      "head-of-service": true,
      headteacher: true,
      "business-manager": true,
      chair: true,
      "police-officer": false,
      admin: false,
    });
    expect((await getEscalation(db, cast["team-manager"]!, id, deps)).access).toBe("agency-contact");

    // Once the head of service owns it, the team manager (below stage 3's level) no longer sees it.
    await assignOwner(db, cast["team-manager"]!, id, { expectedVersion: v, side: "responding", userId: cast["head-of-service"]!.userId }, deps);
    await expectations({ "team-manager": false, "head-of-service": true, "business-manager": true });
  });

  it("keeps showing it to a manager who owned an earlier stage", async () => {
    const raised = await raiseTorbayDispute(db, deps);
    let v = (await recordDiscussion(db, cast.teacher!, raised.id, discussion(raised.version, "2026-03-02T08:00"), deps)).version;
    v = (
      await escalateEscalation(
        db,
        cast.teacher!,
        raised.id,
        {
          expectedVersion: v,
          reason: "Unresolved.",
          owners: { raising: { userId: cast["school-manager"]!.userId }, responding: { userId: cast["team-manager"]!.userId } },
        },
        deps,
      )
    ).version;
    v = (await recordDiscussion(db, cast["team-manager"]!, raised.id, discussion(v, "2026-03-02T08:30"), deps)).version;
    await escalateEscalation(
      db,
      cast["team-manager"]!,
      raised.id,
      { expectedVersion: v, reason: "Unresolved.", formsOnEntry: [{ formId: "record-of-escalation" }] },
      deps,
    );
    expect(await sees("team-manager", raised.id)).toBe(true);
    expect(await listed("team-manager", raised.id)).toBe(true);
    const view = await getEscalation(db, cast["team-manager"]!, raised.id, deps);
    expect(view.access).toBe("participant");
    // Seeing is not owning: at stage 3 the former owner may only comment, and, as one of the agency's
    // escalation contacts while nobody owns its side, choose who will.
    expect(view.availableActions.map((a) => a.action)).toEqual(["comment", "assign_owner"]);
    expect(view.availableActions.find((a) => a.action === "assign_owner")).toEqual({ action: "assign_owner", sides: ["responding"] });
  });

  it("lists nothing for a partnership administrator", async () => {
    await rejection(listEscalations(db, cast.admin!, {}, deps), ForbiddenError);
  });
});
