/**
 * CSV as spreadsheets read it (RFC 4180): every cell quoted, CRLF line ends, a
 * UTF-8 byte-order mark first, and no cell a spreadsheet would run as a
 * formula. Pure: the audit trail's export and the board register's use it.
 */

/** Characters that make a spreadsheet read a cell as a formula (CSV injection), at the start of a cell. */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/** One quoted cell; a value a spreadsheet would run as a formula is prefixed with an apostrophe. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** One line of quoted cells, with its CRLF. */
export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** The UTF-8 byte-order mark: without it, Excel reads the file as Windows-1252 and garbles names such as "Zoë" or "Ó Súilleabháin". */
export const BOM = "\uFEFF";
