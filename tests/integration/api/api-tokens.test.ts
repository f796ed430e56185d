/**
 * API tokens end to end on a real database, through the JSON API's handlers:
 * made by an administrator (shown once, hashed at rest, audited), used with
 * Authorization: Bearer as the token's system account in its own partnership
 * and agency only, refused when expired or revoked, held to a rate limit
 * counted in the database.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { claimShowing, createApiToken, getApiToken, listApiTokens, revokeApiToken } from "../../../lib/api-tokens/admin";
import { agenciesRoute, agencyContactsRoute, commandRoute, getRoute, listRoute, raiseRoute, type ApiContext } from "../../../lib/api/v1/handlers";
import { CommandResultJson, EscalationDetailJson, EscalationPageJson, ErrorJson } from "../../../lib/api/v1/json";
import type { Actor } from "../../../lib/auth/actor";
import { hashToken } from "../../../lib/auth/api-tokens";
import { signInWithPassword } from "../../../lib/auth/sign-in";
import { createUser } from "../../../lib/users/create";
import type { RequestContext } from "../../../lib/auth/audit";
import type { Database } from "../../../lib/db/connect";
import type { ApiTokenPermission } from "../../../lib/db/generated/enums";
import { asSystem } from "../../../lib/db/scope";
import { NotFoundError, ValidationError } from "../../../lib/errors";
import { seedDemoData } from "../../../lib/seed/demo";
import { apiContext, request, sessionCookie } from "../../support/api";
import { actorFor, agencyId, depsWith, raiseInput, TestClock } from "../../support/escalations";
import { withTestDatabase } from "../../support/test-database";

// Monday 2 March 2026, 10:00:30 (London is on GMT).
const clock = new TestClock("2026-03-02T10:00:30Z");
const LONDON = "Europe/London";
const admin: RequestContext = { ipAddress: "198.51.100.20", userAgent: "token-admin-test" };

function bearer(method: "GET" | "POST", path: string, token: string, body?: unknown, cookie?: string): Request {
  const headers: Record<string, string> = { accept: "application/json", authorization: `Bearer ${token}` };
  if (cookie) headers.cookie = cookie;
  if (body !== undefined) headers["content-type"] = "application/json";
  return new Request(`http://parley.test${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

const errorOf = async (response: Response) => ErrorJson.parse(await response.json()).error;

describe("API tokens", () => {
  let db: Database;
  let ctx: ApiContext;
  let torbayAdmin: Actor;
  let csc: string;
  let school: string;
  let health: string;
  let teacher: string;
  /** A Torbay dispute: the school against children's social care. */
  let withCsc: { id: string; version: number };
  /** A Torbay dispute that does not involve children's social care: the school against health. */
  let withoutCsc: { id: string; version: number };
  /** An Isle of Man dispute. */
  let manx: { id: string };

  const make = (permissions: ApiTokenPermission[], agency = csc, name = `System ${permissions.join("+")}`) =>
    createApiToken(db, torbayAdmin, { name, agencyId: agency, permissions, expiresOn: "2026-12-31" }, admin, LONDON, clock.now());

  async function raised(response: Response) {
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(201);
    return CommandResultJson.parse(body);
  }

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  beforeAll(async () => {
    ctx = { ...apiContext(db, depsWith(clock)), tokens: { requestsPerMinute: 1000 } };
    torbayAdmin = await actorFor(db, "admin", "torbay");
    csc = await agencyId(db, "torbay", "csc");
    school = await agencyId(db, "torbay", "school");
    health = await agencyId(db, "torbay", "health");
    teacher = await sessionCookie(db, "teacher", "torbay", clock.now());
    withCsc = await raised(await raiseRoute(ctx, request("POST", "/api/v1/escalations?partnership=torbay", { cookie: teacher, body: raiseInput(csc) })));
    withoutCsc = await raised(await raiseRoute(ctx, request("POST", "/api/v1/escalations?partnership=torbay", { cookie: teacher, body: raiseInput(health) })));
    const manxTeacher = await sessionCookie(db, "teacher", "isle-of-man", clock.now());
    const manxCsc = await agencyId(db, "isle-of-man", "csc");
    manx = await raised(
      await raiseRoute(
        ctx,
        request("POST", "/api/v1/escalations?partnership=isle-of-man", { cookie: manxTeacher, body: raiseInput(manxCsc, { areas: ["referral-threshold"] }) }),
      ),
    );
  });

  it("is shown once, stored only as its SHA-256, and its making is audited", async () => {
    const made = await make(["read"], csc, "Mosaic");
    expect(made.token).toMatch(/^parley_[A-Za-z0-9_-]{43}$/);
    expect(made.prefix).toBe(made.token.slice(0, 12));
    // The last day is 31 December, London time: it works until midnight.
    expect(made.expiresAt.toISOString()).toBe("2027-01-01T00:00:00.000Z");

    // Installation-level: reading the row and the system account as the test's inspector.
    const { row, user, memberships, audits } = await asSystem(db, async (tx) => {
      const row = await tx.apiToken.findUniqueOrThrow({ where: { id: made.id } });
      return {
        row,
        user: await tx.user.findUniqueOrThrow({ where: { id: row.userId } }),
        memberships: await tx.membership.count({ where: { userId: row.userId } }),
        audits: await tx.auditEvent.findMany({ where: { subjectType: "api_token", subjectId: made.id } }),
      };
    });
    expect(row.secretHash).toBe(hashToken(made.token));
    expect(JSON.stringify(row)).not.toContain(made.token);
    expect(JSON.stringify(row)).not.toContain(made.token.slice(12));
    expect(row).toMatchObject({ partnershipId: "torbay", agencyId: csc, permissions: ["read"], createdById: torbayAdmin.userId });
    // Its system account: named for the history, never signs in, a member of nothing.
    expect(user).toMatchObject({ name: "Mosaic (API token)", systemAccount: true, active: false, passwordHash: null });
    expect(user.email).toMatch(/@api-tokens\.parley\.invalid$/);
    expect(memberships).toBe(0);
    // Nobody can sign in as it, or make it a member of anything.
    expect(await signInWithPassword(db, { email: user.email, password: "any password at all" }, admin, clock.now())).toMatchObject({ ok: false });
    await expect(
      createUser(
        db,
        { partnershipId: "isle-of-man", email: user.email, name: "x", agency: "Isle of Man Government Children's Services", roles: ["director"] },
        admin,
        null,
        clock.now(),
      ),
    ).rejects.toThrow("belongs to an API token");
    expect(audits.map((a) => a.type)).toEqual(["api_token_created"]);
    expect(audits[0]).toMatchObject({ partnershipId: "torbay", actorId: torbayAdmin.userId, ipAddress: admin.ipAddress });
    expect(audits[0]!.details).toMatchObject({ name: "Mosaic", agencyId: csc, permissions: ["read"], prefix: made.prefix });

    // The creator's page may show it once; nothing can show it again.
    expect(await claimShowing(db, torbayAdmin, made.id, clock.now())).toBe(true);
    expect(await claimShowing(db, torbayAdmin, made.id, clock.now())).toBe(false);
    const listed = await listApiTokens(db, torbayAdmin, clock.now());
    expect(listed.find((t) => t.id === made.id)).toMatchObject({
      name: "Mosaic",
      agencyName: expect.stringContaining("Children's Services"),
      status: "active",
      lastUsedAt: null,
    });
    expect(JSON.stringify(listed)).not.toContain(made.token);
  });

  it("is made only by a partnership administrator, for an agency of their partnership, for at most a year", async () => {
    const teacherActor = await actorFor(db, "teacher", "torbay");
    await expect(
      createApiToken(db, teacherActor, { name: "x", agencyId: csc, permissions: ["read"], expiresOn: "2026-06-01" }, admin, LONDON, clock.now()),
    ).rejects.toThrow(NotFoundError);
    const manxCsc = await agencyId(db, "isle-of-man", "csc");
    const fields = async (input: Record<string, unknown>) => {
      const error = await createApiToken(
        db,
        torbayAdmin,
        { name: "x", agencyId: csc, permissions: ["read"], expiresOn: "2026-06-01", ...input },
        admin,
        LONDON,
        clock.now(),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).fields;
    };
    expect(await fields({ agencyId: manxCsc })).toEqual({ agencyId: "Choose one of this partnership's agencies." });
    expect(await fields({ permissions: [] })).toEqual({ permissions: "Choose at least one thing the token may do." });
    expect(await fields({ name: "  " })).toEqual({ name: "Enter a name for the token." });
    expect(await fields({ expiresOn: "2026-03-02" })).toEqual({ expiresOn: "Date the token expires must be after today" });
    expect(await fields({ expiresOn: "2027-03-03" })).toEqual({ expiresOn: "Date the token expires must be no later than Tuesday 2 March 2027" });
    await expect(
      createApiToken(db, torbayAdmin, { name: "A year", agencyId: csc, permissions: ["read"], expiresOn: "2027-03-02" }, admin, LONDON, clock.now()),
    ).resolves.toMatchObject({
      expiresAt: new Date("2027-03-03T00:00:00Z"),
    });
  });

  it("reads only its agency's visible disputes in its own partnership, and nothing in another even with a guessed id", async () => {
    const { token } = await make(["read"]);
    const page = await listRoute(ctx, bearer("GET", "/api/v1/escalations", token));
    expect(page.status).toBe(200);
    const ids = EscalationPageJson.parse(await page.json()).items.map((i) => i.id);
    expect(ids).toContain(withCsc.id);
    expect(ids).not.toContain(withoutCsc.id);

    expect((await getRoute(ctx, bearer("GET", `/api/v1/escalations/${withCsc.id}`, token), withCsc.id)).status).toBe(200);
    expect((await getRoute(ctx, bearer("GET", `/api/v1/escalations/${withoutCsc.id}`, token), withoutCsc.id)).status).toBe(404);
    expect((await getRoute(ctx, bearer("GET", `/api/v1/escalations/${manx.id}`, token), manx.id)).status).toBe(404);
    // Another partnership by name: the same 404 as one that does not exist.
    expect((await listRoute(ctx, bearer("GET", "/api/v1/escalations?partnership=isle-of-man", token))).status).toBe(404);
    expect((await listRoute(ctx, bearer("GET", "/api/v1/escalations?partnership=nowhere", token))).status).toBe(404);
    expect((await listRoute(ctx, bearer("GET", "/api/v1/escalations?partnership=torbay", token))).status).toBe(200);
    // The partnership's agencies; no administrator's route.
    expect((await agenciesRoute(ctx, bearer("GET", "/api/v1/agencies", token))).status).toBe(200);
    expect((await agencyContactsRoute(ctx, bearer("GET", `/api/v1/agencies/${csc}/contacts`, token), csc)).status).toBe(404);
  });

  it("is refused with 403 for what its permissions leave out, and 404 for a dispute it cannot see", async () => {
    const { token: readOnly } = await make(["read"]);
    const raise = await raiseRoute(ctx, bearer("POST", "/api/v1/escalations", readOnly, raiseInput(school)));
    expect(raise.status).toBe(403);
    expect(await errorOf(raise)).toMatchObject({ code: "forbidden", message: expect.stringContaining('"raise" permission') });

    const comment = { expectedVersion: withCsc.version, text: "From the case system." };
    const forbidden = await commandRoute(ctx, bearer("POST", `/api/v1/escalations/${withCsc.id}/comments`, readOnly, comment), withCsc.id, "comments");
    expect(forbidden.status).toBe(403);
    expect(
      (await commandRoute(ctx, bearer("POST", `/api/v1/escalations/${withoutCsc.id}/comments`, readOnly, comment), withoutCsc.id, "comments")).status,
    ).toBe(404);

    // Without "read" it is one of the agency's practitioners: it sees only what it raised.
    const { token: commentOnly } = await make(["comment"]);
    expect((await listRoute(ctx, bearer("GET", "/api/v1/escalations", commentOnly))).status).toBe(403);
    expect((await commandRoute(ctx, bearer("POST", `/api/v1/escalations/${withCsc.id}/comments`, commentOnly, comment), withCsc.id, "comments")).status).toBe(
      404,
    );
    expect((await getRoute(ctx, bearer("GET", `/api/v1/escalations/${withCsc.id}`, commentOnly), withCsc.id)).status).toBe(404);

    // Decisions about a dispute's course are for people, whatever the token may do.
    const { token: everything } = await make(["read", "raise", "comment", "record"]);
    const escalate = await commandRoute(
      ctx,
      bearer("POST", `/api/v1/escalations/${withCsc.id}/escalate`, everything, { expectedVersion: withCsc.version, reason: "x" }),
      withCsc.id,
      "escalate",
    );
    expect(escalate.status).toBe(403);
    expect((await errorOf(escalate)).message).toBe("API tokens may not escalate to the next stage of the policy: a person decides this in Parley.");
    const detail = EscalationDetailJson.parse(await (await getRoute(ctx, bearer("GET", `/api/v1/escalations/${withCsc.id}`, everything), withCsc.id)).json());
    const offered = detail.availableActions.map((a) => a.action);
    expect(offered).toEqual(expect.arrayContaining(["comment", "record_discussion"]));
    expect(offered).not.toContain("escalate");
    expect(offered).not.toContain("resolve");
    expect(offered).not.toContain("withdraw");
  });

  it("acts as its system account: the dispute history names the token", async () => {
    const { token } = await make(["read", "comment", "record"], csc, "Liquidlogic");
    const before = EscalationDetailJson.parse(await (await getRoute(ctx, bearer("GET", `/api/v1/escalations/${withCsc.id}`, token), withCsc.id)).json());
    const commented = await commandRoute(
      ctx,
      bearer("POST", `/api/v1/escalations/${withCsc.id}/comments`, token, {
        expectedVersion: before.escalation.version,
        text: "Assessment booked for Thursday.",
      }),
      withCsc.id,
      "comments",
    );
    expect(commented.status, JSON.stringify(await commented.clone().json())).toBe(200);
    const after = EscalationDetailJson.parse(
      await (await getRoute(ctx, request("GET", `/api/v1/escalations/${withCsc.id}`, { cookie: teacher }), withCsc.id)).json(),
    );
    const last = after.history.at(-1)!;
    expect(last).toMatchObject({ type: "comment", actor: { name: "Liquidlogic (API token)" } });
    // Its reads are in the audit trail as the token's actor too.
    const views = await asSystem(db, (tx) => tx.auditEvent.count({ where: { type: "escalation_viewed", actorId: last.actor.id, subjectId: withCsc.id } }));
    expect(views).toBe(1);
  });

  it("raises on its agency's behalf, owning nothing: the raising side waits for a person", async () => {
    const { token } = await make(["raise"], school, "SIMS");
    const result = await raised(await raiseRoute(ctx, bearer("POST", "/api/v1/escalations?partnership=torbay", token, raiseInput(csc))));
    const manager = await sessionCookie(db, "school-manager", "torbay", clock.now());
    const detail = EscalationDetailJson.parse(
      await (await getRoute(ctx, request("GET", `/api/v1/escalations/${result.id}`, { cookie: manager }), result.id)).json(),
    );
    expect(detail.escalation.raisingAgency.id).toBe(school);
    expect(detail.escalation.owners.raising).toBeNull();
    expect(detail.history[0]).toMatchObject({ type: "raised", actor: { name: "SIMS (API token)" } });
    // The school's managers are told that it needs an owner on their side (nobody else at the school sees it yet).
    const told = await asSystem(db, (tx) =>
      tx.notice.findMany({
        where: { escalationId: result.id, trigger: "awaiting_owner" },
        select: { recipientName: true, recipientReason: true, subject: true },
      }),
    );
    expect(told).toContainEqual(
      expect.objectContaining({
        recipientName: "Tom Okafor",
        recipientReason: "Manager for the raising side",
        subject: expect.stringContaining("system raised needs an owner"),
      }),
    );
    // Raising is all it may do: reading, even what it raised, needs "read".
    expect((await getRoute(ctx, bearer("GET", `/api/v1/escalations/${result.id}`, token), result.id)).status).toBe(403);
  });

  it("answers 401 when expired, revoked or unknown, and 400 when a session cookie comes with it", async () => {
    const { id, token } = await make(["read"]);
    const list = (t: string, cookie?: string) => listRoute(ctx, bearer("GET", "/api/v1/escalations", t, undefined, cookie));
    expect((await list(token)).status).toBe(200);

    const both = await list(token, teacher);
    expect(both.status).toBe(400);
    expect((await errorOf(both)).message).toContain("not both");

    const unknown = await list(`parley_${"A".repeat(43)}`);
    expect(unknown.status).toBe(401);
    expect((await errorOf(unknown)).code).toBe("unauthenticated");
    expect((await list("")).status).toBe(401);

    await revokeApiToken(db, torbayAdmin, id, admin, clock.now());
    const revoked = await list(token);
    expect(revoked.status).toBe(401);
    expect((await errorOf(revoked)).message).toContain("was revoked");
    await expect(revokeApiToken(db, torbayAdmin, id, admin, clock.now())).rejects.toThrow("already been revoked");
    const audits = await asSystem(db, (tx) => tx.auditEvent.findMany({ where: { subjectType: "api_token", subjectId: id }, orderBy: { at: "asc" } }));
    expect(audits.map((a) => a.type)).toEqual(["api_token_created", "api_token_revoked"]);
    expect(await getApiToken(db, torbayAdmin, id, clock.now())).toMatchObject({ status: "revoked", revokedByName: "Kieran Walsh" });

    const short = await createApiToken(
      db,
      torbayAdmin,
      { name: "Short", agencyId: csc, permissions: ["read"], expiresOn: "2026-03-03" },
      admin,
      LONDON,
      clock.now(),
    );
    expect((await list(short.token)).status).toBe(200);
    const later = new TestClock("2026-03-04T00:00:00Z");
    const expired = await listRoute({ ...ctx, deps: depsWith(later) }, bearer("GET", "/api/v1/escalations", short.token));
    expect(expired.status).toBe(401);
    expect((await errorOf(expired)).message).toContain("expired");
    expect(await getApiToken(db, torbayAdmin, short.id, later.now())).toMatchObject({ status: "expired" });
  });

  it("is held to its rate limit in the database: 429 with Retry-After, then served again in the next minute", async () => {
    const { id, token } = await make(["read"]);
    const limited: ApiContext = { ...ctx, tokens: { requestsPerMinute: 3 } };
    const at = new TestClock("2026-03-02T11:00:15Z");
    const call = () => agenciesRoute({ ...limited, deps: depsWith(at) }, bearer("GET", "/api/v1/agencies", token));
    for (let i = 0; i < 3; i++) expect((await call()).status).toBe(200);
    at.advance(20_000);
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("25");
    expect((await errorOf(refused)).code).toBe("rate_limited");
    // Another token has its own count.
    const other = await make(["read"]);
    expect((await agenciesRoute({ ...limited, deps: depsWith(at) }, bearer("GET", "/api/v1/agencies", other.token))).status).toBe(200);
    at.set("2026-03-02T11:01:00Z");
    expect((await call()).status).toBe(200);

    // Last used: moved at most once a minute (first at 11:00:15; 11:00:35 and 11:01:00 left it).
    const seen = async () => (await getApiToken(db, torbayAdmin, id, at.now())).lastUsedAt?.toISOString();
    expect(await seen()).toBe("2026-03-02T11:00:15.000Z");
    at.set("2026-03-02T11:01:15Z");
    await call();
    expect(await seen()).toBe("2026-03-02T11:01:15.000Z");
    at.advance(30_000);
    await call();
    expect(await seen()).toBe("2026-03-02T11:01:15.000Z");
  });

  it("is seen and revoked only by its own partnership's administrators (row-level security)", async () => {
    const { id } = await make(["read"]);
    const manxAdmin = await actorFor(db, "admin", "isle-of-man");
    expect((await listApiTokens(db, manxAdmin, clock.now())).map((t) => t.id)).not.toContain(id);
    await expect(getApiToken(db, manxAdmin, id, clock.now())).rejects.toThrow(NotFoundError);
    await expect(revokeApiToken(db, manxAdmin, id, admin, clock.now())).rejects.toThrow(NotFoundError);
    // Below the application: a transaction scoped to the Isle of Man sees no Torbay token at all.
    const { inPartnership } = await import("../../../lib/db/scope");
    const visible = await inPartnership(db, manxAdmin, (tx) => tx.apiToken.count({ where: { id } }));
    expect(visible).toBe(0);
  });
});

describe("an API token's rate limit across instances", () => {
  it("is one count for every instance behind the load balancer, however the requests interleave", async () => {
    const { createSharedTestDatabase } = await import("../../support/db");
    const shared = await createSharedTestDatabase();
    try {
      await seedDemoData(shared.a, { disputes: false });
      const at = new TestClock("2026-03-02T12:00:05Z");
      const tokenAdmin = await actorFor(shared.a, "admin", "torbay");
      const cscHere = await agencyId(shared.a, "torbay", "csc");
      const { token } = await createApiToken(
        shared.a,
        tokenAdmin,
        { name: "Shared", agencyId: cscHere, permissions: ["read"], expiresOn: "2026-12-31" },
        admin,
        LONDON,
        at.now(),
      );
      const instance = (db: Database): ApiContext => ({ ...apiContext(db, depsWith(at)), tokens: { requestsPerMinute: 5 } });
      const statuses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          agenciesRoute(instance(i % 2 === 0 ? shared.a : shared.b), bearer("GET", "/api/v1/agencies", token)).then((r) => r.status),
        ),
      );
      expect(statuses.filter((s) => s === 200)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    } finally {
      await shared.close();
    }
  });
});
