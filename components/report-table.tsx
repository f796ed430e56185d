import type { ReportTable as Table } from "@/lib/reports/tables";

/**
 * One of a report's tables, with its caption, what it counts, and its CSV
 * download. Wide tables (agency by agency) scroll sideways in a region the
 * keyboard can reach, instead of pushing the page wider.
 */
export function ReportTable({ table, csvHref }: { table: Table; csvHref: string }) {
  const captionId = `${table.key}-caption`;
  return (
    <div className="mb-4">
      {/* A region that scrolls must take keyboard focus, or keyboard users cannot scroll it (axe: scrollable-region-focusable). */}
      <div
        role="region"
        aria-labelledby={captionId}
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must take focus (above)
        tabIndex={0}
        className="report-table-scroll mb-2 overflow-x-auto focus:outline-[3px] focus:outline-[var(--color-focus)]"
      >
        <table className="w-full border-collapse text-left">
          <caption id={captionId} className="mb-2 text-left">
            <span className="block text-xl font-bold">{table.title}</span>
            <span className="block text-[var(--color-ink-muted)]">{table.about}</span>
          </caption>
          <thead>
            <tr>
              {table.header.map((h, i) => (
                <th key={i} scope="col" className={`border-b-2 border-[var(--color-ink)] py-2 pr-4 align-bottom ${i > 0 && !table.words ? "text-right" : ""}`}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.length === 0 ? (
              <tr>
                <td colSpan={table.header.length} className="border-b border-[var(--color-border)] py-2">
                  None in this period.
                </td>
              </tr>
            ) : (
              table.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, i) =>
                    i === 0 && table.rowHeadings ? (
                      <th key={i} scope="row" className="border-b border-[var(--color-border)] py-2 pr-4 align-top font-normal">
                        {cell}
                      </th>
                    ) : (
                      <td
                        key={i}
                        className={`border-b border-[var(--color-border)] py-2 pr-4 align-top ${table.words ? "whitespace-pre-line break-words" : "text-right tabular-nums"}`}
                      >
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))
            )}
          </tbody>
          {table.totals && table.rows.length > 0 ? (
            <tfoot>
              <tr>
                {table.totals.map((cell, i) =>
                  i === 0 ? (
                    <th key={i} scope="row" className="py-2 pr-4">
                      {cell}
                    </th>
                  ) : (
                    <td key={i} className="py-2 pr-4 text-right font-bold tabular-nums">
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      <p className="print-hidden">
        <a href={csvHref}>
          Download this table as CSV <span className="sr-only">({table.title})</span>
        </a>
      </p>
    </div>
  );
}
