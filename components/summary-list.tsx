import type { ReactNode } from "react";

export type SummaryRow = {
  key: string;
  value: ReactNode;
  /** A "Change" link; its visually hidden text names the row for screen readers. */
  change?: { href: string; label?: string };
};

/** Key–value pairs, as in the GOV.UK summary list ("Check your answers"). */
export function SummaryList({ rows, className = "" }: { rows: SummaryRow[]; className?: string }) {
  return (
    <dl className={`mb-6 border-t border-[var(--color-border)] ${className}`}>
      {rows.map((row) => (
        <div key={row.key} className="flex flex-col gap-1 border-b border-[var(--color-border)] py-3 sm:flex-row sm:gap-4">
          <dt className="font-bold sm:w-1/3">{row.key}</dt>
          <dd className="whitespace-pre-line break-words sm:flex-1">{row.value}</dd>
          {row.change ? (
            <dd className="sm:w-24 sm:text-right">
              <a href={row.change.href}>
                {row.change.label ?? "Change"}
                <span className="sr-only"> {row.key.toLowerCase()}</span>
              </a>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}
