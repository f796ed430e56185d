/* eslint-disable jsx-a11y/no-redundant-roles, jsx-a11y/no-interactive-element-to-noninteractive-role --
   On narrow screens the table's rows are laid out as blocks (CSS display), which
   makes some browsers (Safari) drop its table semantics; the explicit roles keep
   it a table with row and column headers for screen readers at every width.
   (The second rule takes a <td> for a grid cell; this table is not a grid.) */
import Link from "next/link";
import { stageText, subjectsText, type EscalationSummary } from "@/lib/views/dashboard";
import { formatLocalDate } from "@/lib/policy/format";
import { areaLabel, disputeFromRegisterHref, type RegisterOptions } from "@/lib/views/register";
import { DisputeStatusTag, FormOutstandingTag } from "./dispute-list";
import { Tag } from "./tag";

const COLUMNS = ["Dispute", "Agencies", "Area", "Stage", "Owners", "Deadline or outcome"] as const;

const workingDays = (n: number) => `${n} working ${n === 1 ? "day" : "days"}`;

/** On narrow screens each cell says which column it is (the header row is hidden from sight there, not from screen readers). */
function CellLabel({ children }: { children: string }) {
  return (
    <span aria-hidden="true" className="block text-sm font-bold text-[var(--color-ink-muted)] sm:hidden">
      {children}
    </span>
  );
}

const cell = "block py-1 align-top sm:table-cell sm:border-b sm:border-[var(--color-border)] sm:px-2 sm:py-3";

/**
 * The register as a table (caption, column and row headers) that reflows on a
 * narrow screen: each dispute becomes a block of labelled lines, so nothing
 * scrolls sideways at 320–360 px.
 */
export function RegisterTable({
  rows,
  caption,
  options,
  daysAtStage = {},
  backHref,
}: {
  rows: EscalationSummary[];
  caption: string;
  options: Pick<RegisterOptions, "areas">;
  /** Working days each open dispute has been at its stage, by id. */
  daysAtStage?: Record<string, number>;
  /** This register page's address, for each dispute's "Back to the register". */
  backHref?: string;
}) {
  return (
    <table role="table" className="mb-8 block w-full border-collapse sm:table">
      <caption className="mb-3 block text-left text-lg font-bold sm:table-caption">{caption}</caption>
      <thead role="rowgroup" className="sr-only sm:not-sr-only sm:table-header-group">
        <tr role="row">
          {COLUMNS.map((c) => (
            <th key={c} role="columnheader" scope="col" className="border-b-2 border-[var(--color-ink)] px-2 py-2 text-left align-bottom">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup" className="block sm:table-row-group">
        {rows.map((item) => (
          <tr key={item.id} role="row" className="block border-b border-[var(--color-border)] py-3 sm:table-row sm:border-0 sm:py-0">
            <th role="rowheader" scope="row" className={`${cell} text-left font-normal`}>
              <CellLabel>{COLUMNS[0]}</CellLabel>
              <Link
                href={backHref ? disputeFromRegisterHref(item.links.page, backHref) : item.links.page}
                prefetch={false}
                className="whitespace-nowrap font-bold"
              >
                {item.reference}
              </Link>
              {item.urgent ? (
                <>
                  {" "}
                  <Tag colour="purple">Urgent</Tag>
                </>
              ) : null}
              {item.formOutstanding ? (
                <>
                  {" "}
                  <FormOutstandingTag item={item} />
                </>
              ) : null}
              <span className="block break-words">Concerning {subjectsText(item)}</span>
            </th>
            <td role="cell" className={cell}>
              <CellLabel>{COLUMNS[1]}</CellLabel>
              <span className="block break-words">{item.raisingAgency.name}</span>
              <span className="block break-words">with {item.respondingAgency.name}</span>
            </td>
            <td role="cell" className={cell}>
              <CellLabel>{COLUMNS[2]}</CellLabel>
              <span className="break-words">{item.areas.map((a) => areaLabel(a, options)).join("; ")}</span>
            </td>
            <td role="cell" className={cell}>
              <CellLabel>{COLUMNS[3]}</CellLabel>
              <span className="block break-words">{stageText(item)}</span>
              <span className="block text-[var(--color-ink-muted)]">
                since {formatLocalDate(item.stageEnteredAt.slice(0, 10))}
                {daysAtStage[item.id] !== undefined ? ` (${workingDays(daysAtStage[item.id]!)})` : null}
              </span>
            </td>
            <td role="cell" className={cell}>
              <CellLabel>{COLUMNS[4]}</CellLabel>
              {/* The sides in the order the Agencies column names them: the agency that raised it, then the one it was raised with. */}
              {(["raising", "responding"] as const).map((side) => (
                <span key={side} className="mb-1 block break-words">
                  <span className="text-[var(--color-ink-muted)]">{side === "raising" ? "Raising side: " : "Responding side: "}</span>
                  {item.ownerNames[side] ?? (item.status === "open" ? "awaiting an owner" : "nobody")}
                </span>
              ))}
            </td>
            <td role="cell" className={cell}>
              <CellLabel>{COLUMNS[5]}</CellLabel>
              <DisputeStatusTag item={item} />
              {item.closedAt ? <span className="block text-[var(--color-ink-muted)]">on {formatLocalDate(item.closedAt.slice(0, 10))}</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
