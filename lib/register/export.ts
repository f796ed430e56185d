/**
 * The board register as a CSV download (GET /p/<partnership>/register/export),
 * filtered as the register page's address filters it. Board roles only; to
 * anyone else it does not exist.
 *
 * It streams: the first page of rows is read before the answer starts (so a
 * database that cannot be read is an error, not an empty file), then each
 * further page is read, in a short transaction of its own, only when the one
 * before has been taken by the connection. Memory stays at a page or two
 * however long the register, and nothing holds a transaction open while the
 * file is sent. Pages are not one snapshot: a dispute that moves while the
 * export runs may be missed or appear twice, as on the page itself.
 *
 * Audited once per export, after its last row (or when it was cut short or
 * failed, saying so, with how many rows had been sent): never an export claimed
 * that did not finish.
 */
import type { Actor } from "../auth/actor";
import { audit, type RequestContext } from "../auth/audit";
import { can } from "../auth/permissions";
import type { Database } from "../db/connect";
import { inPartnership } from "../db/scope";
import { nowOf, type EscalationDeps } from "../escalations/deps";
import { NotFoundError } from "../errors";
import { describeFilters, parseRegisterFilters, type RegisterFilters, type RegisterOptions } from "../views/register";
import { registerAreas, registerPopulations, registerStages } from "../views/register-data";
import { exportFilename, exportHead, exportLine, type ExportContext } from "./export-csv";
import { referenceCondition } from "../escalations/reference-search";
import { closeOfBusinessAfter } from "../escalations/list-escalations";
import { readExportPage, registerQueryOf, type ExportCursor, type ExportPage, type ExportScope } from "./export-rows";

/** Rows read per page (per transaction). */
export const EXPORT_PAGE_SIZE = 500;

/** How an export ended, as its audit row says. */
export type ExportOutcome = "completed" | "cancelled" | "failed";

export type RegisterExport = { filename: string; filters: RegisterFilters; stream: ReadableStream<Uint8Array> };

export type ExportOptions = { pageSize?: number };

/**
 * Starts an export: checks who is asking, reads the filters from the query
 * string (`query`, as the register page reads its own) and the first page, and
 * returns the file's name and its stream. A non-board member, or a partnership
 * with no policy in force, gets NotFoundError.
 */
export async function startRegisterExport(
  db: Database,
  actor: Actor,
  query: Record<string, string | string[] | undefined>,
  deps: EscalationDeps,
  context: RequestContext,
  options: ExportOptions = {},
): Promise<RegisterExport> {
  if (!can(actor, "register.view")) throw new NotFoundError("We could not find that page.");
  const pageSize = options.pageSize ?? EXPORT_PAGE_SIZE;
  const now = nowOf(deps);
  const policy = deps.policies.inForce(actor.partnershipId, now);
  if (!policy) throw new NotFoundError("Your partnership has no escalation policy in force today, so there is no register to export.");
  const calendar = deps.policies.calendarFor(policy);

  const agencies = await inPartnership(db, actor, (tx) =>
    tx.agency.findMany({ where: { partnershipId: actor.partnershipId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  );
  const registerOptions: RegisterOptions = {
    stages: registerStages(policy),
    agencies,
    areas: registerAreas(policy),
    ...registerPopulations(policy, deps.policies.versions(actor.partnershipId)),
  };
  const filters = parseRegisterFilters(query, registerOptions);
  const asked = registerQueryOf(filters, policy.timeZone, registerOptions.populations);
  const registerQuery = filters.reference
    ? { ...asked, reference: await inPartnership(db, actor, (tx) => referenceCondition(tx, actor.partnershipId, filters.reference!)) }
    : asked;
  const scope: ExportScope = {
    partnershipId: actor.partnershipId,
    query: registerQuery,
    now,
    cutoff: registerQuery.dueWithinWorkingDays === undefined ? null : closeOfBusinessAfter(policy, calendar, now, registerQuery.dueWithinWorkingDays),
  };
  const ctx: ExportContext = {
    now,
    timeZone: policy.timeZone,
    policyFor: (id, version) => deps.policies.get(id, version),
    calendarFor: (p) => deps.policies.calendarFor(p),
    areaLabels: new Map(registerOptions.areas.map((a) => [a.id, a.label])),
  };
  const readPage = (after: ExportCursor | null) => inPartnership(db, actor, (tx) => readExportPage(tx, scope, after, pageSize));

  const first = await readPage(null);
  const record = (outcome: ExportOutcome, rows: number) =>
    inPartnership(db, actor, (tx) =>
      audit(tx, context, [
        {
          type: "register_exported",
          at: nowOf(deps),
          partnershipId: actor.partnershipId,
          actorId: actor.userId,
          subjectType: "register",
          details: {
            outcome,
            rows,
            filters: { ...filters },
            filtersInWords: describeFilters(filters, registerOptions),
            startedAt: now.toISOString(),
          },
        },
      ]),
    );
  return {
    filename: exportFilename(actor.partnershipId, now, policy.timeZone),
    filters,
    stream: csvStream(first, readPage, (row) => exportLine(row, ctx), record),
  };
}

/**
 * The file as a byte stream: the header and the first page at once, then a
 * page each time the reader wants more. `record` is called exactly once, when
 * the stream ends, however it ends.
 */
export function csvStream(
  first: ExportPage,
  readPage: (after: ExportCursor) => Promise<ExportPage>,
  line: (row: ExportPage["rows"][number]) => string,
  record: (outcome: ExportOutcome, rows: number) => Promise<void>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let next: ExportCursor | null = first.next;
  let sent = 0;
  let ended = false;
  const end = async (outcome: ExportOutcome): Promise<void> => {
    if (ended) return;
    ended = true;
    await record(outcome, sent);
  };
  const chunk = (page: ExportPage) => encoder.encode(page.rows.map(line).join(""));

  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(exportHead()));
      if (first.rows.length > 0) controller.enqueue(chunk(first));
      sent = first.rows.length;
    },
    async pull(controller) {
      if (ended) return;
      try {
        if (next !== null) {
          const page = await readPage(next);
          if (ended) return; // cancelled while the page was read
          controller.enqueue(chunk(page));
          sent += page.rows.length;
          next = page.next;
        }
        if (next === null) {
          // The audit row is written before the file is closed: if it cannot be, the download fails.
          await end("completed");
          controller.close();
        }
      } catch (error) {
        if (!ended) {
          await end("failed").catch((auditError: unknown) => console.error("The register export's failure could not be audited:", auditError));
        }
        console.error("The register export failed:", error);
        controller.error(error);
      }
    },
    async cancel() {
      await end("cancelled").catch((error: unknown) => console.error("The register export's cancellation could not be audited:", error));
    },
  });
}

/** The download: the stream with its headers (UTF-8 CSV, a file to save, never cached). */
export function registerExportResponse(started: Pick<RegisterExport, "filename" | "stream">): Response {
  return new Response(started.stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${started.filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
