import { describe, expect, it } from "vitest";
import { exampleReference, isReferenceProblem, referenceProblemMessage, tidyReference } from "../../../lib/audit/dispute-trail";
import { trailRows, trailToCsv, type TrailContext, type TrailEvent, type TrailRow } from "../../../lib/audit/trail-rows";
import { BOM, csvCell } from "../../../lib/text/csv";
import { PolicyRegistry } from "../../../lib/policy";

const { registry } = PolicyRegistry.load();
const torbay = registry.get("torbay", "2024-1");

const ctx: TrailContext = {
  policyFor: (version) => (version === "2024-1" ? torbay : undefined),
  routeId: "main",
  people: { "u-teacher": "Priya Shah", "u-social": "Sam Riley", "u-manager": "Grace Adeyemi", "u-admin": "Kieran Walsh" },
  raisingAgency: "Paignton Community Primary School",
  respondingAgency: "Torbay Council Children's Services",
};

const at = (hhmm: string) => new Date(`2026-03-02T${hhmm}:00Z`);
const event = (over: Partial<TrailEvent>): TrailEvent => ({
  at: at("10:00"),
  type: "comment",
  stageKey: "stage-1",
  policyVersion: "2024-1",
  actorId: "u-teacher",
  actorName: "Priya Shah",
  payload: {},
  ...over,
});

const events: TrailEvent[] = [
  event({ type: "raised", payload: { stageKey: "stage-1", urgent: false, whyUnsafe: "left alone overnight" } }),
  event({ type: "owner_assigned", payload: { side: "raising", userId: "u-teacher", proxy: false } }),
  event({ type: "owner_assigned", payload: { side: "responding", userId: "u-social", proxy: false } }),
  event({
    at: at("11:00"),
    type: "escalated",
    actorId: "u-social",
    actorName: "Sam Riley",
    payload: { from: "stage-1", to: "stage-2", reason: "They would not meet." },
  }),
  event({
    at: at("11:00"),
    type: "owner_assigned",
    stageKey: "stage-2",
    actorId: "u-social",
    actorName: "Sam Riley",
    payload: { side: "responding", userId: "u-manager", proxy: true, proxyReason: "Small team" },
  }),
];

describe("the audit trail's rows", () => {
  const rows = trailRows(events, [{ at: at("12:00"), type: "escalation_viewed", actorId: "u-admin", ipAddress: "203.0.113.9", userAgent: "Edge" }], ctx);

  it("says who became owner, and for which side", () => {
    expect(rows.map((r) => r.what)).toEqual([
      "Raised",
      "Owner assigned: Priya Shah for Paignton Community Primary School (raising side)",
      "Owner assigned: Sam Riley for Torbay Council Children's Services (responding side)",
      "Escalated to Stage 2: Manager to manager",
      "Owner assigned: Grace Adeyemi for Torbay Council Children's Services (responding side), standing in as a proxy",
      "Viewed",
    ]);
  });

  it("names stages by their titles, and a view by the stage the dispute was at then", () => {
    expect(rows.map((r) => r.stage)).toEqual([
      "Stage 1: Practitioner to practitioner",
      "Stage 1: Practitioner to practitioner",
      "Stage 1: Practitioner to practitioner",
      "Stage 1: Practitioner to practitioner",
      "Stage 2: Manager to manager",
      "Stage 2: Manager to manager",
    ]);
  });

  it("falls back to the key when the policy version is not loaded, and never shows the case details", () => {
    const [row] = trailRows([event({ policyVersion: "1999-1", stageKey: "stage-9" })], [], ctx);
    expect(row?.stage).toBe("stage-9");
    expect(JSON.stringify(rows)).not.toContain("left alone overnight");
    expect(JSON.stringify(rows)).not.toContain("would not meet");
  });
});

describe("the audit trail as CSV", () => {
  const row = (over: Partial<TrailRow>): TrailRow => ({
    at: new Date("2026-03-02T10:00:00Z"),
    what: "Viewed",
    stage: "Stage 1: Practitioner to practitioner",
    person: "Zoë Ó Súilleabháin",
    personId: "u-1",
    ipAddress: "198.51.100.30",
    userAgent: "Firefox",
    ...over,
  });

  it("starts with a UTF-8 byte-order mark so Excel shows names correctly", () => {
    const csv = trailToCsv([row({})], "Europe/London");
    expect(csv.startsWith(BOM)).toBe(true);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv).toContain('"Zoë Ó Súilleabháin"');
    expect(csv.split("\r\n")[0]).toBe(`${BOM}"When","What","Stage","Who","User id","IP address","Browser"`);
  });

  it('carries the address where there is one and says "not recorded" where there is none', () => {
    const lines = trailToCsv([row({}), row({ ipAddress: null, userAgent: null })], "Europe/London").split("\r\n");
    expect(lines[1]).toBe('"2026-03-02T10:00:00+00:00","Viewed","Stage 1: Practitioner to practitioner","Zoë Ó Súilleabháin","u-1","198.51.100.30","Firefox"');
    expect(lines[2]).toMatch(/,"not recorded","not recorded"$/);
    expect(lines[3]).toBe("");
  });

  it("keeps every cell from running as a formula", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r", "＝"]) {
      expect(csvCell(`${start}SUM(A1)`)).toBe(`"'${start}SUM(A1)"`);
    }
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell("Stage 1: a, b")).toBe('"Stage 1: a, b"');
    const csv = trailToCsv([row({ person: "=cmd|' /C calc'!A0", what: "@SUM(1)" })], "Europe/London");
    expect(csv).toContain(`"'=cmd|' /C calc'!A0"`);
    expect(csv).toContain(`"'@SUM(1)"`);
  });
});

describe("the reference an administrator types", () => {
  const torbayNaming = { name: "Torbay Safeguarding Children Partnership", code: "TSCP" };

  it("is tidied: case, spaces and dashes do not matter", () => {
    expect(tidyReference(" tscp – 2026 – 0042 ")).toBe("TSCP-2026-0042");
    expect(tidyReference("x".repeat(100))).toHaveLength(40);
  });

  it("gets a message for each problem, in the GOV.UK wording", () => {
    expect(exampleReference(torbayNaming, 2026)).toBe("TSCP-2026-0042");
    expect(referenceProblemMessage("missing", "", torbayNaming, 2026)).toBe("Enter a dispute reference, like TSCP-2026-0042");
    expect(referenceProblemMessage("format", "NOPE", torbayNaming, 2026)).toBe(
      "Enter the dispute reference as it is shown on the dispute, like TSCP-2026-0042",
    );
    expect(referenceProblemMessage("unknown", "TSCP-2026-9999", torbayNaming, 2026)).toBe(
      "There is no dispute TSCP-2026-9999 in Torbay Safeguarding Children Partnership",
    );
  });

  it("names only problems Parley knows: other text in the address is ignored", () => {
    expect(isReferenceProblem("unknown")).toBe(true);
    expect(isReferenceProblem("Your account is suspended: call 0900 …")).toBe(false);
    expect(isReferenceProblem(undefined)).toBe(false);
  });
});
