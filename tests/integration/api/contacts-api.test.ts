import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../lib/db/connect";
import { addAgencyContactRoute, agencyContactsRoute, removeAgencyContactRoute } from "../../../lib/api/v1/handlers";
import { AgencyContactsJson, ErrorJson } from "../../../lib/api/v1/json";
import { openApiDocument } from "../../../lib/api/v1/openapi";
import { asSystem } from "../../../lib/db/scope";
import { actorFor, agencyId, depsWith, TestClock } from "../../support/escalations";
import { apiContext, request, sessionCookie } from "../../support/api";
import { withTestDatabase } from "../../support/test-database";

const clock = new TestClock("2026-06-04T09:00:00Z");

describe("the JSON API (/api/v1/agencies/{agencyId}/contacts)", () => {
  let db: Database;
  let ctx: ReturnType<typeof apiContext>;
  let admin: string;
  let westbridgeAdmin: string;
  let teacher: string;
  let police: string;
  let officerId: string;

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  beforeAll(async () => {
    ctx = apiContext(db, depsWith(clock));
    admin = await sessionCookie(db, "admin", "torbay", clock.now());
    westbridgeAdmin = await sessionCookie(db, "admin", "westbridge", clock.now());
    teacher = await sessionCookie(db, "teacher", "torbay", clock.now());
    police = await agencyId(db, "torbay", "police");
    officerId = (await actorFor(db, "police-officer", "torbay")).userId;
  });

  const path = (agency: string, rest = "") => `/api/v1/agencies/${agency}/contacts${rest}`;
  const get = (cookie: string | undefined, agency = police) => agencyContactsRoute(ctx, request("GET", path(agency), { cookie }), agency);
  const add = (cookie: string, body: unknown, agency = police) => addAgencyContactRoute(ctx, request("POST", path(agency), { cookie, body }), agency);
  const remove = (cookie: string, userId: string, agency = police) =>
    removeAgencyContactRoute(ctx, request("POST", path(agency, `/${userId}/remove`), { cookie }), agency, userId);

  it("shows an agency's contacts, who they are by default, and who could be named", async () => {
    const response = await get(admin);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = AgencyContactsJson.parse(await response.json());
    expect(body).toMatchObject({ agency: { id: police, name: "Devon and Cornwall Police", type: "police" }, contactsAre: "members", named: [] });
    expect(body.contacts.map((c) => c.name)).toEqual(["DC Jamie Fraser", "Sergeant Lee Carter"]);
    expect(body.eligible.map((e) => [e.name, e.roles])).toEqual([
      ["DC Jamie Fraser", ["practitioner"]],
      ["Sergeant Lee Carter", ["practitioner"]],
    ]);
  });

  it("names a contact (201, the agency's contacts after), audited; the agency in the path wins over one in the body", async () => {
    const health = await agencyId(db, "torbay", "health");
    const response = await add(admin, { userId: officerId, duty: "Designated safeguarding lead", agencyId: health });
    expect(response.status).toBe(201);
    expect(response.headers.get("location")).toBe(path(police));
    const body = AgencyContactsJson.parse(await response.json());
    expect(body.contactsAre).toBe("named");
    expect(body.contacts).toEqual([
      { userId: officerId, name: "DC Jamie Fraser", email: "police-officer@torbay.example", duty: "Designated safeguarding lead" },
    ]);
    const audit = await asSystem(db, (tx) => tx.auditEvent.findFirstOrThrow({ where: { type: "contacts_changed" } }));
    expect(audit).toMatchObject({ subjectId: police, ipAddress: "198.51.100.7", userAgent: "api-test" });
  });

  it("answers 400 with the field for each refusal", async () => {
    const teacherId = (await actorFor(db, "teacher", "torbay")).userId;
    const cases: [unknown, Record<string, string>][] = [
      [{ userId: officerId }, { userId: "DC Jamie Fraser is already a contact of Devon and Cornwall Police." }],
      [{ userId: teacherId }, { userId: "Priya Shah does not act for Devon and Cornwall Police. Choose someone who does, or change their agency first." }],
      [{}, { userId: "Choose the person to add as a contact." }],
      [{ userId: officerId, duty: "x".repeat(101) }, { duty: "Enter their duty in 100 characters or fewer." }],
      [[], {}],
    ];
    for (const [input, fields] of cases) {
      const response = await add(admin, input);
      expect(response.status, JSON.stringify(input)).toBe(400);
      const error = ErrorJson.parse(await response.json()).error;
      expect(error.code).toBe("invalid_request");
      if (!Array.isArray(input)) expect(error.fields).toEqual(fields);
    }
    const malformed = await addAgencyContactRoute(ctx, request("POST", path(police), { cookie: admin, raw: "{" }), police);
    expect(malformed.status).toBe(400);
  });

  it("removes a contact (200, the agency's contacts after); removing someone not named is 400", async () => {
    const response = await remove(admin, officerId);
    expect(response.status).toBe(200);
    expect(AgencyContactsJson.parse(await response.json())).toMatchObject({ contactsAre: "members", named: [] });
    const again = await remove(admin, officerId);
    expect(again.status).toBe(400);
    expect(ErrorJson.parse(await again.json()).error.fields).toEqual({ userId: "DC Jamie Fraser is not a named contact of Devon and Cornwall Police." });
    const notAnId = await remove(admin, "nobody");
    expect(ErrorJson.parse(await notAnId.json()).error.fields).toEqual({ userId: "Choose the contact to remove." });
  });

  it("is 401 signed out, and 404 for anyone else: a practitioner, another partnership's administrator, an unknown or malformed agency", async () => {
    expect((await get(undefined)).status).toBe(401);
    expect(ErrorJson.parse(await (await get(undefined)).json()).error.code).toBe("unauthenticated");
    for (const cookie of [teacher, westbridgeAdmin]) {
      expect((await get(cookie)).status).toBe(404);
      expect((await add(cookie, { userId: officerId })).status).toBe(404);
      expect((await remove(cookie, officerId)).status).toBe(404);
    }
    const unknown = await get(admin, "0190c0de-0000-7000-8000-000000000000");
    expect(unknown.status).toBe(404);
    expect(ErrorJson.parse(await unknown.json()).error).toMatchObject({ code: "not_found", message: "We could not find that agency." });
    expect((await get(admin, "police")).status).toBe(404);
    expect(await asSystem(db, (tx) => tx.agencyContact.count())).toBe(0);
  });

  it("finds the agency among the caller's partnerships: Westbridge's administrator manages Westbridge's agencies", async () => {
    const westbridgePolice = await agencyId(db, "westbridge", "police");
    const response = await get(westbridgeAdmin, westbridgePolice);
    expect(response.status).toBe(200);
    expect(AgencyContactsJson.parse(await response.json()).agency.name).toBe("Westbridge Police");
  });

  it("is described in the OpenAPI document", () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, { operationId: string }>>; components: { schemas: Record<string, unknown> } };
    expect(doc.paths["/api/v1/agencies/{agencyId}/contacts"]?.get?.operationId).toBe("listAgencyContacts");
    expect(doc.paths["/api/v1/agencies/{agencyId}/contacts"]?.post?.operationId).toBe("addAgencyContact");
    expect(doc.paths["/api/v1/agencies/{agencyId}/contacts/{userId}/remove"]?.post?.operationId).toBe("removeAgencyContact");
    expect(doc.components.schemas.AddAgencyContactInput).toMatchObject({ properties: { userId: expect.any(Object), duty: expect.any(Object) } });
    expect(doc.components.schemas.AgencyContacts).toBeDefined();
  });
});
