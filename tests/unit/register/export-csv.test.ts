import { describe, expect, it, vi } from "vitest";
import { PolicyRegistry } from "../../../lib/policy/registry";
import {
  EXPORT_HEADER,
  exportCells,
  exportFilename,
  exportHead,
  exportLine,
  nextDeadlineOrOutcome,
  workingDaysAtStage,
  type ExportContext,
} from "../../../lib/register/export-csv";
import { csvStream, type ExportOutcome } from "../../../lib/register/export";
import { registerQueryOf, type ExportPage, type ExportRow } from "../../../lib/register/export-rows";
import { BOM } from "../../../lib/text/csv";
import { registerListFilters } from "../../../lib/views/register";

const { registry } = PolicyRegistry.load();
const NOW = new Date("2026-03-04T10:00:00Z"); // Wednesday 4 March 2026

const ctx: ExportContext = {
  now: NOW,
  timeZone: "Europe/London",
  policyFor: (id, version) => registry.get(id, version),
  calendarFor: (policy) => registry.calendarFor(policy),
  areaLabels: new Map([
    ["care-planning", "Care planning"],
    ["levels-of-need", "Levels of need or referral decisions"],
    ["other", "Other"],
  ]),
};

function row(over: Partial<ExportRow> = {}): ExportRow {
  return {
    id: "00000000-0000-7000-8000-000000000001",
    reference: "TSCP-2026-0042",
    status: "open",
    urgent: false,
    policyId: "torbay",
    policyVersion: "2024-1",
    routeId: "main",
    stageKey: "stage-3",
    stageNumber: 3,
    stageEnteredAt: new Date("2026-02-27T15:00:00Z"), // Friday
    raisedAt: new Date("2026-02-16T09:30:00Z"),
    closedAt: null,
    raisingAgency: "Paignton Community Primary School",
    respondingAgency: "Torbay Council Children's Services",
    raisingOwnerId: "u-1",
    raisingOwner: "Zoë Ó Súilleabháin",
    respondingOwnerId: "u-2",
    respondingOwner: "Sam Riley",
    areas: ["care-planning", "other"],
    nextDueAt: new Date("2026-03-06T17:00:00Z"),
    formOutstanding: true,
    ...over,
  };
}

describe("a row of the register's export", () => {
  it("says everything the register shows, in words and British dates, in the header's order", () => {
    const cells = exportCells(row(), ctx);
    expect(cells).toHaveLength(EXPORT_HEADER.length);
    expect(Object.fromEntries(EXPORT_HEADER.map((h, i) => [h, cells[i]]))).toEqual({
      Reference: "TSCP-2026-0042",
      "Raising agency": "Paignton Community Primary School",
      "Responding agency": "Torbay Council Children's Services",
      Area: "Care planning; Other",
      Status: "Open",
      Stage: "Stage 3: Senior manager to senior manager",
      "Entered this stage": "Friday 27 February 2026",
      // Monday 2, Tuesday 3 and Wednesday 4 March.
      "Working days at this stage": "3",
      "Owner, raising side": "Zoë Ó Súilleabháin",
      "Owner, responding side": "Sam Riley",
      "Next deadline or outcome": "Friday 6 March 2026",
      "Form outstanding": "Yes",
      Urgent: "No",
      Raised: "Monday 16 February 2026",
      "Resolved or withdrawn": "",
    });
  });

  it("reads dates in the partnership's time zone, not UTC", () => {
    // 11:30pm UTC on 31 May is half past midnight on 1 June in London (summer time).
    const late = row({ raisedAt: new Date("2026-05-31T23:30:00Z") });
    expect(exportCells(late, ctx)[13]).toBe("Monday 1 June 2026");
  });

  it("gives a closed dispute's outcome and the day it closed, and no days at the stage", () => {
    const resolved = row({ status: "resolved", nextDueAt: null, closedAt: new Date("2026-03-03T11:00:00Z"), formOutstanding: true, urgent: true });
    const cells = exportCells(resolved, ctx);
    expect(cells[4]).toBe("Resolved");
    expect(cells[7]).toBe("");
    expect(cells[10]).toBe("Resolved");
    expect(cells[11]).toBe("No"); // a closed dispute has nothing outstanding
    expect(cells[12]).toBe("Yes");
    expect(cells[14]).toBe("Tuesday 3 March 2026");
    expect(nextDeadlineOrOutcome(row({ status: "withdrawn", nextDueAt: null }), ctx)).toBe("Withdrawn");
  });

  it("marks a passed deadline, says when there is none, and names a missing owner", () => {
    expect(nextDeadlineOrOutcome(row({ nextDueAt: new Date("2026-03-02T17:00:00Z") }), ctx)).toBe("Monday 2 March 2026 (overdue)");
    expect(nextDeadlineOrOutcome(row({ nextDueAt: null }), ctx)).toBe("No due date at this stage");
    const unowned = exportCells(row({ respondingOwnerId: null, respondingOwner: null, raisingOwner: null }), ctx);
    expect(unowned[8]).toBe("(unknown user)");
    expect(unowned[9]).toBe("Awaiting an owner");
    expect(exportCells(row({ status: "resolved", respondingOwnerId: null, respondingOwner: null }), ctx)[9]).toBe("None");
  });

  it("counts working days on the partnership's calendar, skipping weekends and bank holidays", () => {
    // Entered on Thursday 2 April 2026; Good Friday 3 April and Easter Monday 6 April are holidays.
    const easter = { ...ctx, now: new Date("2026-04-08T09:00:00Z") };
    expect(workingDaysAtStage(row({ stageEnteredAt: new Date("2026-04-02T09:00:00Z") }), easter)).toBe(2);
    expect(workingDaysAtStage(row({ stageEnteredAt: NOW }), ctx)).toBe(0);
    // A policy version that is not loaded, or a year the calendar has no holidays for: left blank, not guessed.
    expect(workingDaysAtStage(row({ policyVersion: "1999-1" }), ctx)).toBeNull();
    expect(workingDaysAtStage(row({ stageEnteredAt: new Date("1950-01-02T09:00:00Z") }), ctx)).toBeNull();
    // The stage is then named by its number.
    expect(exportCells(row({ policyVersion: "1999-1" }), ctx)[5]).toBe("Stage 3");
  });

  it("writes each line quoted, formula-safe and CRLF-ended, after a byte-order mark and the header", () => {
    const head = exportHead();
    expect(head.startsWith(BOM)).toBe(true);
    expect(head).toBe(`${BOM}${EXPORT_HEADER.map((h) => `"${h}"`).join(",")}\r\n`);
    const line = exportLine(row({ raisingAgency: '=HYPERLINK("http://x","Click")', respondingAgency: "Ysgol Gymraeg Bro Dinefwr, Llandeilo" }), ctx);
    expect(line.endsWith("\r\n")).toBe(true);
    expect(line).toContain(`"'=HYPERLINK(""http://x"",""Click"")"`);
    expect(line).toContain(`"Ysgol Gymraeg Bro Dinefwr, Llandeilo"`);
    expect(line).toContain(`"Zoë Ó Súilleabháin"`);
  });

  it("names the file after the partnership and the day in its time zone", () => {
    expect(exportFilename("torbay", NOW, "Europe/London")).toBe("torbay-register-2026-03-04.csv");
    expect(exportFilename("isle-of-man", new Date("2026-05-31T23:30:00Z"), "Europe/Isle_of_Man")).toBe("isle-of-man-register-2026-06-01.csv");
    expect(exportFilename('a"b/c', NOW, "Europe/London")).toBe("a-b-c-register-2026-03-04.csv");
  });
});

describe("the export's query", () => {
  it("asks for exactly what registerListFilters asks listEscalations for", () => {
    expect(registerQueryOf({})).toEqual({});
    expect(registerQueryOf({ status: "open", stage: 3, agency: "a-1", area: "care-planning", due: "overdue" })).toEqual({
      status: "open",
      stage: 3,
      agencyId: "a-1",
      area: "care-planning",
      overdue: true,
    });
    const week = registerListFilters({ due: "week" });
    expect(registerQueryOf({ due: "week" })).toEqual({ overdue: false, dueWithinWorkingDays: week.dueWithinWorkingDays });
  });
});

describe("the export's stream", () => {
  const page = (n: number, from: number, next: boolean): ExportPage => ({
    rows: Array.from({ length: n }, (_, k) => row({ reference: `TSCP-2026-${String(from + k).padStart(4, "0")}` })),
    next: next ? { d: null, i: `after-${from + n - 1}` } : null,
  });
  // ignoreBOM: keep the byte-order mark in the text (a decoder drops it by default).
  const decoder = () => new TextDecoder("utf-8", { ignoreBOM: true });
  const readAll = async (reader: ReadableStreamDefaultReader<Uint8Array>) => {
    let text = "";
    const d = decoder();
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += d.decode(r.value, { stream: true });
    return text + d.decode();
  };
  const read = (stream: ReadableStream<Uint8Array>) => readAll(stream.getReader());

  it("sends the header and first page at once, reads each further page only when asked, and records once at the end", async () => {
    const pages = [page(2, 3, true), page(1, 5, false)];
    const readPage = vi.fn(async () => pages.shift()!);
    const record = vi.fn(async (_outcome: ExportOutcome, _rows: number) => {});
    const stream = csvStream(page(2, 1, true), readPage, (r) => exportLine(r, ctx), record);
    const reader = stream.getReader();
    const first = decoder().decode((await reader.read()).value);
    expect(first.startsWith(`${BOM}"Reference"`)).toBe(true);
    // The first page is already queued behind the header: nothing more has been read yet.
    expect(readPage).not.toHaveBeenCalled();
    const text = first + (await readAll(reader));
    expect(
      text
        .split("\r\n")
        .filter((l) => l.startsWith('"TSCP'))
        .map((l) => l.slice(1, 15)),
    ).toEqual([1, 2, 3, 4, 5].map((n) => `TSCP-2026-000${n}`));
    expect(readPage).toHaveBeenCalledTimes(2);
    expect(record.mock.calls).toEqual([["completed", 5]]);
  });

  it("records a download cut short as cancelled, with the rows sent so far, and reads no more", async () => {
    const readPage = vi.fn(async () => page(2, 3, true));
    const record = vi.fn(async (_outcome: ExportOutcome, _rows: number) => {});
    const stream = csvStream(page(2, 1, true), readPage, (r) => exportLine(r, ctx), record);
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    expect(record.mock.calls).toEqual([["cancelled", 2]]);
    const before = readPage.mock.calls.length;
    await new Promise((r) => setTimeout(r, 10));
    expect(readPage.mock.calls.length).toBe(before);
  });

  it("records a failed page as failed and fails the download, never as completed", async () => {
    const readPage = vi.fn(async (): Promise<ExportPage> => {
      throw new Error("connection lost");
    });
    const record = vi.fn(async (_outcome: ExportOutcome, _rows: number) => {});
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const stream = csvStream(page(2, 1, true), readPage, (r) => exportLine(r, ctx), record);
      await expect(read(stream)).rejects.toThrow("connection lost");
      expect(record.mock.calls).toEqual([["failed", 2]]);
    } finally {
      errors.mockRestore();
    }
  });

  it("fails the download when the audit row cannot be written", async () => {
    const record = vi.fn(async (_outcome: ExportOutcome, _rows: number) => {
      throw new Error("audit unavailable");
    });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const stream = csvStream(page(1, 1, false), vi.fn(), (r) => exportLine(r, ctx), record);
      await expect(read(stream)).rejects.toThrow("audit unavailable");
      expect(record).toHaveBeenCalledTimes(1);
    } finally {
      errors.mockRestore();
    }
  });
});
