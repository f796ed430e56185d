import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../lib/db/connect";
import { agenciesRoute, commandRoute, getRoute, listRoute, raiseRoute } from "../../../lib/api/v1/handlers";
import { AgencyListJson, CommandResultJson, EscalationDetailJson, EscalationPageJson, ErrorJson } from "../../../lib/api/v1/json";
import { agencyId, depsWith, eventCount, raiseInput, TestClock } from "../../support/escalations";
import { apiContext, request, sessionCookie } from "../../support/api";
import { withTestDatabase } from "../../support/test-database";

// Monday 2 March 2026, 10am.
const clock = new TestClock("2026-03-02T10:00:00Z");

describe("the JSON API (/api/v1/escalations)", () => {
  let db: Database;
  let ctx: ReturnType<typeof apiContext>;
  let teacher: string;
  let socialWorker: string;
  let manxTeacher: string;
  let sharedOfficer: string;
  let csc: string;

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  beforeAll(async () => {
    ctx = apiContext(db, depsWith(clock));
    teacher = await sessionCookie(db, "teacher", "torbay", clock.now());
    socialWorker = await sessionCookie(db, "social-worker", "torbay", clock.now());
    manxTeacher = await sessionCookie(db, "teacher", "isle-of-man", clock.now());
    sharedOfficer = await sessionCookie(db, "shared-police@parley.example", "torbay", clock.now());
    csc = await agencyId(db, "torbay", "csc");
  });

  async function body(response: Response) {
    return (await response.json()) as Record<string, unknown>;
  }

  it("answers 401 in the one error shape when nobody is signed in", async () => {
    const response = await listRoute(ctx, request("GET", "/api/v1/escalations?partnership=torbay"));
    expect(response.status).toBe(401);
    expect(ErrorJson.parse(await body(response)).error.code).toBe("unauthenticated");
  });

  it("raises, shows, discusses, escalates and resolves a dispute", async () => {
    const raised = await raiseRoute(ctx, request("POST", "/api/v1/escalations?partnership=torbay", { cookie: teacher, body: raiseInput(csc) }));
    expect(raised.status).toBe(201);
    const created = CommandResultJson.parse(await body(raised));
    expect(created.reference).toMatch(/^TSCP-2026-\d{4}$/);
    expect(raised.headers.get("location")).toBe(`/api/v1/escalations/${created.id}`);

    const shown = await getRoute(ctx, request("GET", `/api/v1/escalations/${created.id}`, { cookie: teacher }), created.id);
    expect(shown.status).toBe(200);
    const detail = EscalationDetailJson.parse(await body(shown));
    expect(detail.escalation.stage).toMatchObject({ key: "stage-1", number: 1 });
    expect(detail.history[0]!.type).toBe("raised");
    expect(detail.escalation.version).toBe(created.version);
    // Stages 1 and 2 together: 5 working days from Monday 2 March.
    expect(detail.deadlines[0]).toMatchObject({ dueAt: "2026-03-09T17:00:00+00:00", decidesOverdue: true });
    expect(detail.deadlines[0]!.explanation).toContain("5 working days");
    expect(detail.availableActions.map((a) => a.action)).toEqual(expect.arrayContaining(["record_discussion", "escalate", "withdraw"]));

    clock.advance(10 * 60_000);
    const discussed = await commandRoute(
      ctx,
      request("POST", `/api/v1/escalations/${created.id}/discussions`, {
        cookie: teacher,
        body: { expectedVersion: created.version, with: "Sam Riley", how: "phone", occurredAt: "2026-03-02T10:05:00Z", said: "Talked it through." },
      }),
      created.id,
      "discussions",
    );
    expect(discussed.status).toBe(200);
    const afterDiscussion = CommandResultJson.parse(await body(discussed));
    expect(afterDiscussion.version).toBe(created.version + 1);

    const escalated = await commandRoute(
      ctx,
      request("POST", `/api/v1/escalations/${created.id}/escalate`, {
        cookie: teacher,
        body: { expectedVersion: afterDiscussion.version, reason: "No agreement at stage 1." },
      }),
      created.id,
      "escalate",
    );
    expect(escalated.status).toBe(200);
    const v = CommandResultJson.parse(await body(escalated)).version;
    const resolution = {
      expectedVersion: v,
      outcome: "Children's social care will carry out an assessment.",
      actions: [{ description: "Start a child and family assessment", ownerName: "Grace Adeyemi", dueDate: "2026-03-13" }],
      confirmations: { raising: { method: "email", confirmedBy: "Tom Okafor" }, responding: { method: "email", confirmedBy: "Grace Adeyemi" } },
    };

    // At stage 2 the practitioner still sees it, but resolving is for the managers: 403.
    const notYours = await commandRoute(
      ctx,
      request("POST", `/api/v1/escalations/${created.id}/resolve`, { cookie: teacher, body: resolution }),
      created.id,
      "resolve",
    );
    expect(notYours.status).toBe(403);
    expect(ErrorJson.parse(await body(notYours)).error.code).toBe("forbidden");

    const schoolManager = await sessionCookie(db, "school-manager", "torbay", clock.now());
    const resolved = await commandRoute(
      ctx,
      request("POST", `/api/v1/escalations/${created.id}/resolve`, { cookie: schoolManager, body: resolution }),
      created.id,
      "resolve",
    );
    const resolvedBody = await body(resolved);
    expect(resolved.status, JSON.stringify(resolvedBody)).toBe(200);

    const final = EscalationDetailJson.parse(
      await body(await getRoute(ctx, request("GET", `/api/v1/escalations/${created.id}`, { cookie: teacher }), created.id)),
    );
    expect(final.escalation.status).toBe("resolved");
    expect(final.history.map((e) => e.type)).toEqual(expect.arrayContaining(["raised", "discussion_recorded", "escalated", "resolved"]));
    expect(final.agreedActions).toHaveLength(1);
  });

  it("lists what the caller may see, soonest due first, in the summary shape", async () => {
    const response = await listRoute(ctx, request("GET", "/api/v1/escalations?partnership=torbay&status=open,resolved&raisedByMe=true", { cookie: teacher }));
    expect(response.status).toBe(200);
    const page = EscalationPageJson.parse(await body(response));
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((i) => i.links.page.startsWith("/p/torbay/disputes/"))).toBe(true);
  });

  it("lists the partnership's agencies, and hides listing from roles that see no disputes", async () => {
    const agencies = AgencyListJson.parse(await body(await agenciesRoute(ctx, request("GET", "/api/v1/agencies?partnership=torbay", { cookie: teacher }))));
    expect(agencies.items.map((a) => a.id)).toContain(csc);
    const admin = await sessionCookie(db, "admin", "torbay", clock.now());
    const hidden = await listRoute(ctx, request("GET", "/api/v1/escalations?partnership=torbay", { cookie: admin }));
    expect(hidden.status).toBe(404);
  });

  it("refuses unknown or malformed query parameters with the field named", async () => {
    const response = await listRoute(ctx, request("GET", "/api/v1/escalations?partnership=torbay&overdue=maybe&colour=red", { cookie: teacher }));
    expect(response.status).toBe(400);
    const error = ErrorJson.parse(await body(response)).error;
    expect(Object.keys(error.fields).sort()).toEqual(["colour", "overdue"]);
  });

  it("asks someone in several partnerships which one they mean", async () => {
    const response = await listRoute(ctx, request("GET", "/api/v1/escalations", { cookie: sharedOfficer }));
    expect(response.status).toBe(400);
    expect(ErrorJson.parse(await body(response)).error.fields).toHaveProperty("partnership");
  });

  it("answers 404, not 403, for a dispute of another partnership, and writes nothing", async () => {
    const raised = CommandResultJson.parse(
      await body(await raiseRoute(ctx, request("POST", "/api/v1/escalations?partnership=torbay", { cookie: teacher, body: raiseInput(csc) }))),
    );
    const before = await eventCount(db, raised.id);
    const seen = await getRoute(ctx, request("GET", `/api/v1/escalations/${raised.id}`, { cookie: manxTeacher }), raised.id);
    expect(seen.status).toBe(404);
    const commented = await commandRoute(
      ctx,
      request("POST", `/api/v1/escalations/${raised.id}/comments`, { cookie: manxTeacher, body: { expectedVersion: raised.version, text: "Hello" } }),
      raised.id,
      "comments",
    );
    expect(commented.status).toBe(404);
    expect(ErrorJson.parse(await body(commented)).error.code).toBe("not_found");
    expect(await eventCount(db, raised.id)).toBe(before);
  });

  it("answers 409 for a stale version and 400 for text over the limit, writing nothing", async () => {
    const raised = CommandResultJson.parse(
      await body(await raiseRoute(ctx, request("POST", "/api/v1/escalations?partnership=torbay", { cookie: teacher, body: raiseInput(csc) }))),
    );
    const path = `/api/v1/escalations/${raised.id}/comments`;
    const stale = await commandRoute(ctx, request("POST", path, { cookie: teacher, body: { expectedVersion: 7, text: "Late" } }), raised.id, "comments");
    expect(stale.status).toBe(409);
    expect(ErrorJson.parse(await body(stale)).error.message).toMatch(/Reload/);

    const long = await commandRoute(
      ctx,
      request("POST", path, { cookie: teacher, body: { expectedVersion: raised.version, text: "x".repeat(20_000) } }),
      raised.id,
      "comments",
    );
    expect(long.status).toBe(400);
    expect(ErrorJson.parse(await body(long)).error.fields).toHaveProperty("text");

    const badJson = await commandRoute(ctx, request("POST", path, { cookie: teacher, raw: "{not json" }), raised.id, "comments");
    expect(badJson.status).toBe(400);

    const unknown = await commandRoute(ctx, request("POST", `/api/v1/escalations/${raised.id}/teleport`, { cookie: teacher, body: {} }), raised.id, "teleport");
    expect(unknown.status).toBe(404);
    expect(await eventCount(db, raised.id)).toBe(raised.version);
  });

  it("hides a dispute from someone not on it, and answers 422 when the policy says no", async () => {
    const raised = CommandResultJson.parse(
      await body(
        await raiseRoute(
          ctx,
          request("POST", "/api/v1/escalations?partnership=torbay", { cookie: teacher, body: raiseInput(csc, { respondingUserId: undefined }) }),
        ),
      ),
    );
    // The social worker is not on this one: it is invisible to them (404).
    const hidden = await getRoute(ctx, request("GET", `/api/v1/escalations/${raised.id}`, { cookie: socialWorker }), raised.id);
    expect(hidden.status).toBe(404);
    // Escalating without the record of discussion stage 1 requires.
    const early = await commandRoute(
      ctx,
      request("POST", `/api/v1/escalations/${raised.id}/escalate`, {
        cookie: teacher,
        body: { expectedVersion: raised.version, reason: "Straight to managers." },
      }),
      raised.id,
      "escalate",
    );
    expect(early.status).toBe(422);
    expect(ErrorJson.parse(await body(early)).error.code).toBe("precondition_failed");
  });
});
