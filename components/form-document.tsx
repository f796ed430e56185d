import type { FormBlock, FormDocument as Doc } from "@/lib/forms/document";

/**
 * A form produced from a dispute's record (lib/forms), on the page: the same
 * headings, rows and tables as its printable HTML and PDF. Headings run from
 * the page's h1 (the form's title) through h2 sections to h3 and h4 parts.
 */
export function FormDocument({ doc, fingerprint }: { doc: Doc; fingerprint: string }) {
  return (
    <article aria-labelledby="form-title" className="form-document">
      {/* Not <header> or <footer>: the print stylesheet hides the site's, and these are the form's own. */}
      <div className="mb-6">
        <span className="mb-1 block text-lg text-[var(--color-ink-muted)]">{doc.partnership}</span>
        <h1 id="form-title" className="mb-3 text-3xl font-bold">
          {doc.title}
        </h1>
        {doc.marking ? <p className="mb-3 inline-block border-2 border-[var(--color-ink)] px-2 py-1 font-bold uppercase">{doc.marking}</p> : null}
        <div className="border-2 border-[var(--color-ink)] p-4">
          <p className="mb-2">
            Reference <strong>{doc.reference}</strong>. {doc.policy}.
          </p>
          <p className="mb-2">{doc.instructions}</p>
          <p>{doc.asAt}, produced by Parley.</p>
        </div>
      </div>
      {doc.sections.map((s) => (
        <section key={s.id} aria-labelledby={`form-${s.id}`} className="mb-8">
          <h2 id={`form-${s.id}`} className="mb-3 border-b-2 border-[var(--color-ink)] pb-1 text-2xl font-bold">
            {s.heading}
          </h2>
          <Blocks blocks={s.blocks} depth={0} />
        </section>
      ))}
      <div className="mt-8 border-t border-[var(--color-border)] pt-3 text-sm">
        <p>
          Produced by Parley from version {doc.version} of the record of {doc.reference}. Document fingerprint (SHA-256):{" "}
          <span className="break-all font-mono">{fingerprint}</span>
        </p>
      </div>
    </article>
  );
}

function Blocks({ blocks, depth }: { blocks: readonly FormBlock[]; depth: number }) {
  return (
    <>
      {blocks.map((b, i) => {
        switch (b.kind) {
          case "rows":
            return (
              <dl key={i} className="mb-4 border-t border-[var(--color-border)]">
                {b.rows.map((r, j) => (
                  <div key={j} className="flex flex-col gap-1 border-b border-[var(--color-border)] py-2 sm:flex-row sm:gap-4">
                    <dt className="font-bold sm:w-1/3">{r.key}</dt>
                    <dd className="whitespace-pre-line break-words sm:flex-1">{r.value}</dd>
                  </div>
                ))}
              </dl>
            );
          case "paragraph":
            return (
              <p key={i} className="mb-4">
                {b.text}
              </p>
            );
          case "table":
            return <Table key={i} id={`table-${depth}-${i}`} table={b.table} />;
          case "part": {
            const Heading = depth === 0 ? "h3" : depth === 1 ? "h4" : "h5";
            return (
              <section key={b.id} aria-labelledby={`form-${b.id}`} className={depth === 0 ? "mb-6" : "mb-4 border-l-4 border-[var(--color-border)] pl-4"}>
                <Heading id={`form-${b.id}`} className={`mb-2 font-bold ${depth === 0 ? "text-xl" : "text-lg"}`}>
                  {b.heading}
                </Heading>
                <Blocks blocks={b.blocks} depth={depth + 1} />
              </section>
            );
          }
          default: {
            const never: never = b;
            throw new Error(`unknown block ${JSON.stringify(never)}`);
          }
        }
      })}
    </>
  );
}

function Table({ id, table }: { id: string; table: Extract<FormBlock, { kind: "table" }>["table"] }) {
  const captionId = `${id}-caption`;
  return (
    // A region that scrolls must take keyboard focus, or keyboard users cannot scroll it (axe: scrollable-region-focusable).
    <div
      role="region"
      aria-labelledby={captionId}
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must take focus (above)
      tabIndex={0}
      className="form-table-scroll mb-4 overflow-x-auto focus:outline-[3px] focus:outline-[var(--color-focus)]"
    >
      <table className="w-full border-collapse text-left">
        <caption id={captionId} className="mb-2 text-left text-lg font-bold">
          {table.caption}
        </caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c} scope="col" className="border-b-2 border-[var(--color-ink)] py-2 pr-4 align-bottom">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.length === 0 ? (
            <tr>
              <td colSpan={table.columns.length} className="border-b border-[var(--color-border)] py-2">
                {table.empty}
              </td>
            </tr>
          ) : (
            table.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, c) =>
                  c === 0 ? (
                    <th key={c} scope="row" className="whitespace-pre-line break-words border-b border-[var(--color-border)] py-2 pr-4 align-top font-normal">
                      {cell}
                    </th>
                  ) : (
                    <td key={c} className="whitespace-pre-line break-words border-b border-[var(--color-border)] py-2 pr-4 align-top">
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
