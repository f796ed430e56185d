import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../lib/db/connect";
import { addAgencyContactRoute, agenciesRoute, commandRoute, getRoute, listRoute, raiseRoute } from "../../../lib/api/v1/handlers";
import { ErrorJson } from "../../../lib/api/v1/json";
import { asSystem } from "../../../lib/db/scope";
import { actorFor, agencyId, depsWith, eventCount, raiseInput, raiseTorbayDispute, TestClock } from "../../support/escalations";
import { apiContext, request, sessionCookie } from "../../support/api";
import { withTestDatabase } from "../../support/test-database";

// Monday 2 March 2026, 10am.
const clock = new TestClock("2026-03-02T10:00:00Z");

/**
 * A null character or half of an emoji (a lone surrogate) anywhere in what a
 * program sends is a 400 naming the field, and nothing is written; before, each
 * reached PostgreSQL and came back as a 500.
 */
describe("the JSON API refuses text Parley cannot store", () => {
  let db: Database;
  let ctx: ReturnType<typeof apiContext>;
  let teacher: string;
  let admin: string;
  let csc: string;

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  beforeAll(async () => {
    ctx = apiContext(db, depsWith(clock));
    teacher = await sessionCookie(db, "teacher", "torbay", clock.now());
    admin = await sessionCookie(db, "admin", "torbay", clock.now());
    csc = await agencyId(db, "torbay", "csc");
  });

  async function refused(response: Response, field: string, words: RegExp) {
    expect(response.status).toBe(400);
    const body = ErrorJson.parse(await response.json());
    expect(body.error.code).toBe("invalid_request");
    expect(Object.keys(body.error.fields)).toEqual([field]);
    expect(body.error.fields[field]).toMatch(words);
    expect(body.error.message).toBe(body.error.fields[field]);
    return body;
  }

  it("a comment with a null character or a lone surrogate: 400 naming text, the history unchanged", async () => {
    const raised = await raiseTorbayDispute(db, depsWith(clock));
    const path = `/api/v1/escalations/${raised.id}/comments`;
    const before = await eventCount(db, raised.id);

    const nul = await commandRoute(
      ctx,
      request("POST", path, { cookie: teacher, body: { expectedVersion: raised.version, text: "a\u0000b" } }),
      raised.id,
      "comments",
    );
    const body = await refused(nul, "text", /a null character/);
    expect(body.error.message).toBe('The field "text" contains a character Parley cannot store (a null character, just after "a"). Remove it and try again.');

    // As a program would send it: the escape in the JSON text.
    const lone = await commandRoute(
      ctx,
      request("POST", path, { cookie: teacher, raw: `{"expectedVersion": ${raised.version}, "text": "a\\ud800b"}` }),
      raised.id,
      "comments",
    );
    await refused(lone, "text", /half of an emoji/);

    const control = await commandRoute(
      ctx,
      request("POST", path, { cookie: teacher, body: { expectedVersion: raised.version, text: "bell\u0007" } }),
      raised.id,
      "comments",
    );
    await refused(control, "text", /control character/);

    expect(await eventCount(db, raised.id)).toBe(before);

    // Free text keeps its line breaks and tabs, and emoji.
    const ok = await commandRoute(
      ctx,
      request("POST", path, { cookie: teacher, body: { expectedVersion: raised.version, text: "Line one\r\nLine two\tand 👍" } }),
      raised.id,
      "comments",
    );
    expect(ok.status).toBe(200);
  });

  it("a raise with a bad character deep in the body: 400 naming its path, no dispute written", async () => {
    const disputes = await asSystem(db, (tx) => tx.escalation.count());
    const input = raiseInput(csc, { subjects: [{ kind: "child", initials: "J\u0000S", yearOfBirth: 2016, caseReferences: [] }] });
    const response = await raiseRoute(ctx, request("POST", "/api/v1/escalations?partnership=torbay", { cookie: teacher, body: input }));
    await refused(response, "subjects.0.initials", /^The field "subjects\.0\.initials" contains a character Parley cannot store/);

    const badKey = await raiseRoute(
      ctx,
      request("POST", "/api/v1/escalations?partnership=torbay", { cookie: teacher, body: { ...raiseInput(csc), "x\u0000": 1 } }),
    );
    await refused(badKey, "x\ufffd", /^A field name \("x\ufffd"\) contains/);
    expect(await asSystem(db, (tx) => tx.escalation.count())).toBe(disputes);
  });

  it("query parameters: 400 naming the parameter (partnership, area) rather than a 500", async () => {
    const partnership = await listRoute(ctx, request("GET", "/api/v1/escalations?partnership=torbay%00", { cookie: teacher }));
    await refused(partnership, "partnership", /^The query parameter "partnership" in the address contains a character Parley cannot use \(a null character\)/);

    const area = await listRoute(ctx, request("GET", "/api/v1/escalations?partnership=torbay&area=%00", { cookie: teacher }));
    await refused(area, "area", /a null character/);

    const agencies = await agenciesRoute(ctx, request("GET", "/api/v1/agencies?partnership=torbay%0A", { cookie: teacher }));
    await refused(agencies, "partnership", /control character/);

    const raise = await raiseRoute(ctx, request("POST", "/api/v1/escalations?partnership=torbay%00", { cookie: teacher, body: raiseInput(csc) }));
    await refused(raise, "partnership", /a null character/);
  });

  it("path parameters: a bad id is refused as the address, not a 500", async () => {
    const id = "0190c6c0-0000-7000-8000-00000000000\u0000";
    const response = await getRoute(ctx, request("GET", `/api/v1/escalations/${encodeURIComponent(id)}`, { cookie: teacher }), id);
    expect(response.status).toBe(400);
    const body = ErrorJson.parse(await response.json());
    expect(body.error.fields).toEqual({ id: expect.stringMatching(/a null character/) });
  });

  it("an escalation contact's duty: 400 naming duty, nobody named", async () => {
    const police = await agencyId(db, "torbay", "police");
    const officer = await actorFor(db, "police-officer", "torbay");
    const path = `/api/v1/agencies/${police}/contacts`;
    const response = await addAgencyContactRoute(ctx, request("POST", path, { cookie: admin, body: { userId: officer.userId, duty: "Lead\u0000" } }), police);
    await refused(response, "duty", /a null character/);
    expect(await asSystem(db, (tx) => tx.agencyContact.count({ where: { agencyId: police } }))).toBe(0);
  });
});
