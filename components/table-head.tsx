import type { ReactNode } from "react";

/** A table's column headings, in the admin pages' style: a rule below, space between columns. */
export function TableHead({ columns }: { columns: readonly ReactNode[] }) {
  return (
    <thead>
      <tr className="border-b-2 border-[var(--color-ink)]">
        {columns.map((column, i) => (
          <th key={i} scope="col" className={i < columns.length - 1 ? "py-2 pr-4" : "py-2"}>
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
