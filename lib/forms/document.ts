/**
 * A form produced from a dispute's record, as data: a title, the words it must
 * be marked with, and sections of rows, tables and parts laid out under the
 * headings of the partnership's own form. The page, the printable HTML and the
 * PDF all render this one shape, so they say the same thing.
 */

export type FormRow = { key: string; value: string };

export type FormTable = {
  caption: string;
  columns: string[];
  /** Each row's first cell names the row (a row heading). */
  rows: string[][];
  /** Said instead of the table when it has no rows. */
  empty: string;
};

export type FormBlock =
  | { kind: "rows"; rows: FormRow[] }
  | { kind: "table"; table: FormTable }
  | { kind: "paragraph"; text: string }
  /** A titled part of a section (a stage, a discussion): a heading one level below its parent's. */
  | { kind: "part"; id: string; heading: string; blocks: FormBlock[] };

export type FormSection = { id: string; heading: string; blocks: FormBlock[] };

export type FormDocument = {
  formId: string;
  /** The form's title as the policy names it. */
  title: string;
  /** Which partnership's layout it follows ("generic" for a form without its own). */
  layout: "torbay-record-of-escalation" | "isle-of-man-referral" | "generic";
  partnership: string;
  policy: string;
  reference: string;
  /** Words the policy says the form must be marked with, if any. */
  marking: string | null;
  /** What the policy asks of the form: who completes it, where it goes. */
  instructions: string;
  /** The record's version it was built from, and when that version was made, in words. */
  version: number;
  asAt: string;
  sections: FormSection[];
  /** A file name without extension: "TSCP-2026-0001-record-of-escalation". */
  fileName: string;
};

/** Every piece of text a document holds, in reading order (for tests and for checks on what it says). */
export function documentText(doc: FormDocument): string[] {
  const out: string[] = [doc.title, doc.partnership, doc.policy, doc.reference, ...(doc.marking ? [doc.marking] : []), doc.instructions, doc.asAt];
  const walk = (blocks: readonly FormBlock[]) => {
    for (const b of blocks) {
      if (b.kind === "rows") for (const r of b.rows) out.push(r.key, r.value);
      else if (b.kind === "table") out.push(b.table.caption, ...b.table.columns, ...b.table.rows.flat(), ...(b.table.rows.length === 0 ? [b.table.empty] : []));
      else if (b.kind === "paragraph") out.push(b.text);
      else {
        out.push(b.heading);
        walk(b.blocks);
      }
    }
  };
  for (const s of doc.sections) {
    out.push(s.heading);
    walk(s.blocks);
  }
  return out;
}
