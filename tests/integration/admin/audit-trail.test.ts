import { beforeAll, describe, expect, it } from "vitest";
import { AuditReferenceError, disputeAuditTrail, trailToCsv } from "../../../lib/audit/dispute-trail";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import { NotFoundError, ValidationError } from "../../../lib/errors";
import { getEscalation } from "../../../lib/escalations";
import { actorFor, depsWith, policies, raiseTorbayDispute, rejection, TestClock } from "../../support/escalations";
import { withTestDatabase } from "../../support/test-database";

const clock = new TestClock("2026-03-02T10:00:00Z");
const browser = { ipAddress: "198.51.100.30", userAgent: "Firefox (test)" };
const options = () => ({ policies: policies(), now: clock.now() });

describe("exporting the audit trail of one dispute", () => {
  let db: Database;
  let reference: string;

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  beforeAll(async () => {
    const raised = await raiseTorbayDispute(db, depsWith(clock));
    reference = raised.reference;
    clock.advance(60_000);
    const teacher = await actorFor(db, "teacher", "torbay");
    await getEscalation(db, teacher, raised.id, depsWith(clock), browser);
  });

  it("lists every step and every view, who, when and from where, without the case details", async () => {
    const admin = await actorFor(db, "admin", "torbay");
    const trail = await disputeAuditTrail(db, admin, ` ${reference.toLowerCase()} `, browser, options());
    expect(trail.reference).toBe(reference);
    expect(trail.rows.map((r) => r.what)).toEqual(expect.arrayContaining(["Raised", "Viewed"]));
    expect(trail.rows.find((r) => r.what === "Viewed")).toMatchObject({ person: "Priya Shah", ipAddress: "198.51.100.30", userAgent: "Firefox (test)" });

    const csv = trailToCsv(trail.rows, "Europe/London");
    expect(csv.split("\r\n")[0]).toBe('\uFEFF"When","What","Stage","Who","User id","IP address","Browser"');
    expect(csv).not.toContain("left alone overnight"); // the dispute's own words stay out
  });

  it("names who became owner, calls stages by their titles and says where no address was recorded", async () => {
    const admin = await actorFor(db, "admin", "torbay");
    const trail = await disputeAuditTrail(db, admin, reference, browser, options());
    const whats = trail.rows.map((r) => r.what);
    expect(whats).toContain("Owner assigned: Priya Shah for Paignton Community Primary School (raising side)");
    expect(whats).toContain("Owner assigned: Sam Riley for Torbay Council Children's Services (responding side)");
    expect(trail.rows.find((r) => r.what === "Raised")?.stage).toBe("Stage 1: Practitioner to practitioner");
    expect(trail.rows.find((r) => r.what === "Viewed")?.stage).toBe("Stage 1: Practitioner to practitioner");
    expect(trail.timeZone).toBe("Europe/London");

    const lines = trailToCsv(trail.rows, trail.timeZone).split("\r\n");
    expect(lines.find((l) => l.includes('"Raised"'))).toMatch(/"not recorded","not recorded"$/);
    expect(lines.find((l) => l.includes('"Viewed"'))).toMatch(/"198\.51\.100\.30","Firefox \(test\)"$/);
    expect(lines.some((l) => l.includes('"stage-1"'))).toBe(false);
  });

  it("records the export itself", async () => {
    const exports = await asSystem(db, (tx) => tx.auditEvent.findMany({ where: { type: "audit_exported" } }));
    expect(exports).toHaveLength(2); // one per export above
    expect(exports[0]).toMatchObject({ partnershipId: "torbay", details: { reference } });
  });

  it("is for partnership administrators only", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    await rejection(disputeAuditTrail(db, teacher, reference, browser, options()), NotFoundError);
  });

  it("says which reference it could not find, and does not look in other partnerships", async () => {
    const manxAdmin = await actorFor(db, "admin", "isle-of-man");
    const error = await rejection(disputeAuditTrail(db, manxAdmin, reference, browser, options()), AuditReferenceError);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.problem).toBe("unknown");
    expect(error.fields.reference).toBe(`There is no dispute ${reference} in Isle of Man Safeguarding Board`);
    const malformed = await rejection(disputeAuditTrail(db, manxAdmin, "not a reference", browser, options()), AuditReferenceError);
    expect(malformed.problem).toBe("format");
  });

  it("asks for a reference when none is given, naming one like the partnership's own", async () => {
    const admin = await actorFor(db, "admin", "torbay");
    const error = await rejection(disputeAuditTrail(db, admin, "   ", browser, options()), AuditReferenceError);
    expect(error.problem).toBe("missing");
    expect(error.fields.reference).toBe("Enter a dispute reference, like TSCP-2026-0042");
    const unknown = await rejection(disputeAuditTrail(db, admin, "tscp-2026-9999", browser, options()), AuditReferenceError);
    expect(unknown.fields.reference).toBe("There is no dispute TSCP-2026-9999 in Torbay Safeguarding Children Partnership");
  });

  it("neutralises spreadsheet formulas in the CSV", () => {
    const csv = trailToCsv(
      [{ at: new Date("2026-03-02T10:00:00Z"), what: "Viewed", stage: "", person: '=HYPERLINK("x")', personId: null, ipAddress: null, userAgent: null }],
      "Europe/London",
    );
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
