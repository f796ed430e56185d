import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disputeAuditTrail, trailToCsv } from "../../../lib/audit/dispute-trail";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import { NotFoundError, ValidationError } from "../../../lib/escalations/errors";
import { getEscalation } from "../../../lib/escalations";
import { seedDemoData } from "../../../lib/seed/demo";
import { createTestDatabase } from "../../support/db";
import { actorFor, depsWith, raiseTorbayDispute, rejection, TestClock } from "../../support/escalations";

const clock = new TestClock("2026-03-02T10:00:00Z");
const browser = { ipAddress: "198.51.100.30", userAgent: "Firefox (test)" };

describe("exporting the audit trail of one dispute", () => {
  let db: Database;
  let reference: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoData(db, { disputes: false });
    const raised = await raiseTorbayDispute(db, depsWith(clock));
    reference = raised.reference;
    clock.advance(60_000);
    const teacher = await actorFor(db, "teacher", "torbay");
    await getEscalation(db, teacher, raised.id, depsWith(clock), browser);
  });
  afterAll(async () => {
    await db.close();
  });

  it("lists every step and every view, who, when and from where, without the case details", async () => {
    const admin = await actorFor(db, "admin", "torbay");
    const trail = await disputeAuditTrail(db, admin, reference.toLowerCase(), browser, clock.now());
    expect(trail.reference).toBe(reference);
    expect(trail.rows.map((r) => r.what)).toEqual(expect.arrayContaining(["Raised", "Viewed"]));
    expect(trail.rows.find((r) => r.what === "Viewed")).toMatchObject({ person: "Priya Shah", ipAddress: "198.51.100.30", userAgent: "Firefox (test)" });

    const csv = trailToCsv(trail.rows, "Europe/London");
    expect(csv.split("\r\n")[0]).toBe('"When","What","Stage","Who","User id","IP address","Browser"');
    expect(csv).not.toContain("left alone overnight"); // the dispute's own words stay out
  });

  it("records the export itself", async () => {
    const exports = await asSystem(db, (tx) => tx.auditEvent.findMany({ where: { type: "audit_exported" } }));
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({ partnershipId: "torbay", details: { reference } });
  });

  it("is for partnership administrators only", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    await rejection(disputeAuditTrail(db, teacher, reference, browser), NotFoundError);
  });

  it("says which reference it could not find, and does not look in other partnerships", async () => {
    const manxAdmin = await actorFor(db, "admin", "isle-of-man");
    const error = await rejection(disputeAuditTrail(db, manxAdmin, reference, browser), ValidationError);
    expect(error.fields.reference).toContain(reference);
    await rejection(disputeAuditTrail(db, manxAdmin, "not a reference", browser), ValidationError);
  });

  it("neutralises spreadsheet formulas in the CSV", () => {
    const csv = trailToCsv([{ at: new Date("2026-03-02T10:00:00Z"), what: "Viewed", stage: "", person: '=HYPERLINK("x")', personId: null, ipAddress: null, userAgent: null }], "Europe/London");
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
