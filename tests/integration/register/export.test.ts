import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../lib/auth/actor";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import { listEscalations } from "../../../lib/escalations";
import { NotFoundError } from "../../../lib/errors";
import { EXPORT_HEADER } from "../../../lib/register/export-csv";
import { EXPORT_PAGE_SIZE, registerExportResponse, startRegisterExport, type ExportOptions } from "../../../lib/register/export";
import { registerHref, registerListFilters, type RegisterFilters } from "../../../lib/views/register";
import { actorFor, agencyId, policies } from "../../support/escalations";
import { withTestDatabase } from "../../support/test-database";

/**
 * The board register's CSV export against the database: 1,200 Torbay disputes
 * written straight into the table, 600 of them on the register (as in
 * tests/integration/views/register.test.ts). The export must list, in order,
 * exactly what the register page lists for the same filters (listEscalations
 * with registerListFilters), across keyset pages, and be audited once it ends.
 */
const NOW = new Date("2026-03-02T09:00:00Z"); // Monday
const N = 1_200;
const FORMULA_AGENCY = '=HYPERLINK("http://example.com/x","Police")';
const WELSH_OWNER = "Siân Ó Súilleabháin";
const CASE_WORDS = "Left alone overnight at the address";
const browser = { ipAddress: "198.51.100.41", userAgent: "Excel-loving browser (test)" };

type Shape = {
  reference: string;
  onRegister: boolean;
  stage: number;
  status: "open" | "resolved" | "withdrawn";
  dueInDays: number | null;
  raising: "school" | "health" | "police";
  area: "care-planning" | "levels-of-need";
  formOutstanding: boolean;
  awaiting: boolean;
};

function shape(i: number): Shape {
  const status = i % 5 === 1 ? "resolved" : i % 25 === 3 ? "withdrawn" : "open";
  const onRegister = i % 2 === 0;
  return {
    reference: `TSCP-2026-${String(i).padStart(4, "0")}`,
    onRegister,
    stage: onRegister ? 3 + (Math.floor(i / 2) % 2) : 1 + (i % 2),
    status,
    dueInDays: status !== "open" || i % 13 === 0 ? null : (i % 21) - 10,
    raising: (["school", "health", "police"] as const)[i % 3]!,
    area: i % 4 === 0 ? "care-planning" : "levels-of-need",
    formOutstanding: status === "open" && i % 7 === 0,
    awaiting: status === "open" && i % 11 === 0,
  };
}

const ALL = Array.from({ length: N }, (_, k) => shape(k + 1));
const ON_REGISTER = ALL.filter((s) => s.onRegister);
const dueAt = (s: Shape) => (s.dueInDays === null ? null : new Date(Date.UTC(2026, 2, 2 + s.dueInDays, 16)));

/** The file's bytes as text, byte-order mark kept. */
const text = (bytes: ArrayBuffer) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
/** One line's cells: every cell is quoted, a quote inside one doubled (no cell here holds a line break). */
function cellsOf(line: string): string[] {
  const cells = [...line.matchAll(/"((?:[^"]|"")*)"(?:,|$)/g)].map((m) => m[1]!.replaceAll('""', '"'));
  expect(cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(",")).toBe(line);
  return cells;
}
/** Each row's cells, after the header. */
const rowsOf = (csv: string) =>
  csv
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .slice(1, -1)
    .map(cellsOf);

describe("the board register's CSV export", () => {
  let db: Database;
  let bm: Actor;
  const deps = { policies: policies(), now: () => NOW };
  const agencies: Record<string, string> = {};

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  beforeAll(async () => {
    bm = await actorFor(db, "business-manager", "torbay");
    const teacher = await actorFor(db, "teacher", "torbay");
    const social = await actorFor(db, "social-worker", "torbay");
    for (const key of ["csc", "school", "health", "police", "voluntary"]) agencies[key] = await agencyId(db, "torbay", key);
    // Installation-level: test set-up. A name a spreadsheet would run as a formula, and one it must not garble.
    await asSystem(db, async (tx) => {
      await tx.agency.update({ where: { id: agencies.police }, data: { name: FORMULA_AGENCY } });
      await tx.user.update({ where: { id: social.userId }, data: { name: WELSH_OWNER } });
    });
    await asSystem(
      db,
      (tx) => tx.$executeRaw`
        insert into "Escalation" (id, "partnershipId", reference, "policyId", "policyVersion", "routeId", status, urgent, "raisedAt", "raisedById",
          "raisingAgencyId", "respondingAgencyId", "respondingPerson", subjects, areas, "decisionDisputed", "whyUnsafe", "evidenceSummary",
          "outcomeSought", "immediateRisk", "stageKey", "stageNumber", "stageEnteredAt", "raisingOwnerId", "respondingOwnerId",
          "raisingRank", "respondingRank", "onRegister", "nextDueAt", "formOutstanding", outcome, "closedAt", version, "updatedAt")
        select gen_random_uuid(), 'torbay', r.reference, 'torbay', '2024-1', 'main', r.status::"EscalationStatus", r.i % 9 = 0,
          ${NOW}::timestamptz - interval '30 days', ${teacher.userId}::uuid,
          (array[${agencies.school}::uuid, ${agencies.health}::uuid, ${agencies.police}::uuid])[1 + r.i % 3], ${agencies.csc}::uuid, 'Sam Riley',
          '[{"kind":"child","initials":"QZ","yearOfBirth":2016}]'::jsonb, array[r.area], ${CASE_WORDS}, ${CASE_WORDS}, ${CASE_WORDS}, ${CASE_WORDS}, false,
          'stage-' || r.stage, r.stage, ${NOW}::timestamptz - interval '3 days', ${teacher.userId}::uuid, case when r.awaiting then null else ${social.userId}::uuid end,
          least(r.stage, 4), least(r.stage, 4), r."onRegister", r."dueAt", r."formOutstanding",
          case when r.status = 'resolved' then ${CASE_WORDS} end,
          case when r.status <> 'open' then ${NOW}::timestamptz - interval '1 day' end, 3, ${NOW}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(ALL.map((s, k) => ({ ...s, i: k + 1, dueAt: dueAt(s)?.toISOString() ?? null })))}::jsonb)
          as r(i int, reference text, "onRegister" boolean, stage int, status text, "dueAt" timestamptz, area text, "formOutstanding" boolean, awaiting boolean)`,
    );
  });

  const exportCsv = async (query: Record<string, string> = {}, options: ExportOptions = {}, who: Actor = bm) => {
    const response = registerExportResponse(await startRegisterExport(db, who, query, deps, browser, options));
    return { response, csv: text(await response.arrayBuffer()) };
  };
  /** The references the register page lists for these filters, in its order, every page. */
  const registerReferences = async (filters: RegisterFilters): Promise<string[]> => {
    const refs: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const result = await listEscalations(db, bm, { ...registerListFilters(filters, "Europe/London"), limit: 100, ...(cursor ? { cursor } : {}) }, deps);
      refs.push(...result.items.map((i) => i.reference));
      cursor = result.nextCursor;
      if (!cursor) return refs;
    }
    throw new Error("too many pages");
  };
  // Installation-level: reading the audit trail, which is append-only (earlier tests' exports stay in it).
  const allExports = () => asSystem(db, (tx) => tx.auditEvent.findMany({ where: { type: "register_exported" }, orderBy: { at: "asc" } }));
  const exportsAfter = async (before: { id: string }[]) => {
    const seen = new Set(before.map((e) => e.id));
    return (await allExports()).filter((e) => !seen.has(e.id));
  };

  it("is a UTF-8 file with a byte-order mark, a header, CRLF lines and formula-safe cells, to save rather than show", async () => {
    const { response, csv } = await exportCsv({ stage: "3" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="torbay-register-2026-03-02.csv"');
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.split("\r\n")[0]).toBe(`\uFEFF${EXPORT_HEADER.map((h) => `"${h}"`).join(",")}`);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.replaceAll("\r\n", "")).not.toContain("\n");
    // The police's name reaches the file as text, not a formula; the owner's name intact.
    expect(csv).toContain(`"'=HYPERLINK(""http://example.com/x"",""Police"")"`);
    expect(csv).not.toMatch(/(^|,)"=HYPERLINK/m);
    expect(csv).toContain(`"${WELSH_OWNER}"`);
    // Nothing about the child, and none of the record's own words.
    expect(csv).not.toContain("QZ");
    expect(csv).not.toContain("2016");
    expect(csv).not.toContain(CASE_WORDS);
  });

  it("writes each dispute as the register shows it", async () => {
    const { csv } = await exportCsv({ status: "open", stage: "4" });
    const byRef = new Map(rowsOf(csv).map((cells) => [cells[0], Object.fromEntries(EXPORT_HEADER.map((h, i) => [h, cells[i]]))]));
    // 42: on the register at stage 4, open, raised by the school, due ten days before today.
    expect(shape(42)).toMatchObject({ onRegister: true, stage: 4, status: "open", raising: "school", dueInDays: -10, formOutstanding: true });
    expect(byRef.get("TSCP-2026-0042")).toEqual({
      Reference: "TSCP-2026-0042",
      "Raising agency": "Paignton Community Primary School",
      "Responding agency": "Torbay Council Children's Services",
      Area: "Levels of need or referral decisions",
      Status: "Open",
      Stage: "Stage 4: Divisional director to divisional director",
      "Entered this stage": "Friday 27 February 2026",
      "Working days at this stage": "1",
      "Owner, raising side": "Priya Shah",
      "Owner, responding side": WELSH_OWNER,
      "Next deadline or outcome": "Friday 20 February 2026 (overdue)",
      "Form outstanding": "Yes",
      Urgent: "No",
      Raised: "Saturday 31 January 2026",
      "Resolved or withdrawn": "",
    });
    // 22 awaits an owner at the responding agency.
    expect(shape(22)).toMatchObject({ onRegister: true, stage: 4, status: "open", awaiting: true });
    expect(byRef.get("TSCP-2026-0022")?.["Owner, responding side"]).toBe("Awaiting an owner");

    const resolved = rowsOf((await exportCsv({ status: "resolved" })).csv);
    expect(resolved.length).toBeGreaterThan(0);
    for (const cells of resolved) {
      expect(cells[10]).toBe("Resolved");
      expect(cells[14]).toBe("Sunday 1 March 2026");
      expect(cells[7]).toBe("");
    }
  });

  it("exports all 600 on the register, well past one page, in the register's order, none twice and none missing", async () => {
    expect(ON_REGISTER.length).toBeGreaterThan(EXPORT_PAGE_SIZE);
    const listed = await registerReferences({});
    for (const pageSize of [EXPORT_PAGE_SIZE, 37]) {
      const refs = rowsOf((await exportCsv({}, { pageSize })).csv).map((cells) => cells[0]!);
      expect(refs).toHaveLength(ON_REGISTER.length);
      expect(new Set(refs).size).toBe(ON_REGISTER.length);
      expect([...refs].sort()).toEqual(ON_REGISTER.map((s) => s.reference).sort());
      expect(refs).toEqual(listed);
    }
  });

  it("narrows to exactly what the register lists for each filter, in the same order", async () => {
    const cases: RegisterFilters[] = [
      { status: "open" },
      { status: "resolved" },
      { status: "withdrawn" },
      { due: "overdue" },
      { due: "week" },
      { stage: 3 },
      { stage: 4 },
      { agency: agencies.health! },
      { agency: agencies.csc! },
      { agency: agencies.voluntary! }, // no disputes at all
      { area: "care-planning" },
      { status: "open", stage: 3, due: "overdue" },
      { status: "open", agency: agencies.police!, area: "levels-of-need", due: "week" },
      { status: "resolved", due: "overdue" },
      { status: "withdrawn", due: "week" },
    ];
    // Every dispute here was raised on Saturday 31 January 2026, 9am.
    cases.push(
      { unowned: true },
      { unowned: true, due: "overdue" },
      { reference: "TSCP-2026-0004" },
      { reference: "tscp-2026-0004" },
      { reference: "TSCP-2026-0003" }, // not on the register
      { raisedFrom: "2026-01-31" },
      { raisedFrom: "2026-02-01" },
      { raisedTo: "2026-01-30" },
      { raisedFrom: "2026-01-31", raisedTo: "2026-01-31", status: "open" },
    );
    for (const filters of cases) {
      // The query string the register page's own links carry.
      const query = Object.fromEntries(new URL(registerHref("torbay", filters), "http://parley.test").searchParams);
      const refs = rowsOf((await exportCsv(query, { pageSize: 23 })).csv).map((cells) => cells[0]!);
      expect(refs, JSON.stringify(filters)).toEqual(await registerReferences(filters));
    }
    // Spot checks against the data's own shape, so the two cannot agree on something wrong.
    const count = async (query: Record<string, string>) => rowsOf((await exportCsv(query)).csv).length;
    expect(await count({ status: "withdrawn" })).toBe(ON_REGISTER.filter((s) => s.status === "withdrawn").length);
    expect(await count({ due: "overdue" })).toBe(ON_REGISTER.filter((s) => s.status === "open" && s.dueInDays !== null && s.dueInDays < 0).length);
    expect(await count({ agency: agencies.health!, area: "care-planning" })).toBe(
      ON_REGISTER.filter((s) => s.raising === "health" && s.area === "care-planning").length,
    );
    expect(await count({ owner: "none" })).toBe(ON_REGISTER.filter((s) => s.awaiting).length);
    expect(await count({ reference: "tscp-2026-0004" })).toBe(1);
    expect(await count({ "raisedFrom.day": "1", "raisedFrom.month": "2", "raisedFrom.year": "2026" })).toBe(0);
    expect(await count({ "raisedTo.day": "31", "raisedTo.month": "1", "raisedTo.year": "2026" })).toBe(ON_REGISTER.length);
    // A value the page would not offer is left out, as on the page: the whole register.
    expect(await count({ stage: "2", agency: "not-an-agency" })).toBe(ON_REGISTER.length);
  });

  it("is there for board roles only: anyone else is told it does not exist", async () => {
    for (const key of ["teacher", "team-manager", "director", "admin"]) {
      const who = await actorFor(db, key, "torbay");
      await expect(startRegisterExport(db, who, {}, deps, browser), key).rejects.toBeInstanceOf(NotFoundError);
    }
    const chair = await actorFor(db, "chair", "torbay");
    expect(rowsOf((await exportCsv({ status: "withdrawn" }, {}, chair)).csv).length).toBe(ON_REGISTER.filter((s) => s.status === "withdrawn").length);
  });

  it("records each export once it has finished, naming its filters and how many rows it had", async () => {
    const before = await allExports();
    const started = await startRegisterExport(db, bm, { status: "open", agency: agencies.health }, deps, browser, { pageSize: 40 });
    const reader = started.stream.getReader();
    await reader.read();
    // Started, not finished: nothing claimed yet.
    expect(await exportsAfter(before)).toHaveLength(0);
    const decoder = new TextDecoder();
    let csv = "";
    for (let r = await reader.read(); !r.done; r = await reader.read()) csv += decoder.decode(r.value, { stream: true });
    const rows = rowsOf(`header\r\n${csv}`).length;
    const expected = ON_REGISTER.filter((s) => s.status === "open" && s.raising === "health").length;
    expect(rows).toBe(expected);
    const [row, ...more] = await exportsAfter(before);
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({
      partnershipId: "torbay",
      actorId: bm.userId,
      subjectType: "register",
      ipAddress: browser.ipAddress,
      userAgent: browser.userAgent,
      details: {
        outcome: "completed",
        rows: expected,
        filters: { status: "open", agency: agencies.health },
        filtersInWords: ["Open", "Agency: Torbay and South Devon NHS Foundation Trust"],
      },
    });
  });

  it("records a download cut short as cancelled, with the rows sent, never as completed", async () => {
    const before = await allExports();
    const started = await startRegisterExport(db, bm, {}, deps, browser, { pageSize: 50 });
    const reader = started.stream.getReader();
    await reader.read(); // the header
    await reader.read(); // the first page
    await reader.cancel();
    const [row, ...more] = await exportsAfter(before);
    expect(more).toHaveLength(0);
    expect(row?.details).toMatchObject({ outcome: "cancelled", filters: {}, filtersInWords: [] });
    // The rows handed over before it was cut short: the first page, and the second if it had been read already.
    expect([50, 100]).toContain((row?.details as { rows: number }).rows);
  });
});
