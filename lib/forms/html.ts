/**
 * A form as one standalone HTML document: every word escaped, its stylesheet
 * inline, and a Content-Security-Policy that lets it load nothing at all (no
 * scripts, images, fonts or styles from anywhere). It is what the PDF is
 * printed from (pdf.ts) and what the fingerprint is taken of (formFingerprint):
 * the same record gives the same bytes.
 */
import { createHash } from "node:crypto";
import type { FormBlock, FormDocument } from "./document";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

/** A4, system fonts, black on white; rows and small parts kept whole across pages. */
const STYLE = `
@page { size: A4; margin: 16mm 15mm 18mm; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; color: #000; background: #fff; }
body { margin: 0; font-size: 10.5pt; line-height: 1.4; }
h1 { font-size: 18pt; margin: 0 0 4pt; }
h2 { font-size: 13.5pt; margin: 16pt 0 6pt; padding-bottom: 2pt; border-bottom: 1.5pt solid #000; break-after: avoid; }
h3 { font-size: 12pt; margin: 12pt 0 4pt; break-after: avoid; }
h4, h5, h6 { font-size: 11pt; margin: 8pt 0 3pt; break-after: avoid; }
p { margin: 0 0 6pt; }
.partnership { font-size: 12pt; margin-bottom: 2pt; }
.marking { display: inline-block; border: 2pt solid #000; padding: 3pt 6pt; font-weight: bold; text-transform: uppercase; margin: 4pt 0 6pt; }
.about { border: 1pt solid #000; padding: 6pt 8pt; margin: 8pt 0 4pt; }
.about p:last-child { margin-bottom: 0; }
dl { margin: 0 0 8pt; border-top: 0.75pt solid #777; }
dl > div { display: flex; gap: 8pt; border-bottom: 0.75pt solid #777; padding: 3pt 0; break-inside: avoid; }
dt { font-weight: bold; width: 32%; flex-shrink: 0; }
dd { margin: 0; flex: 1; white-space: pre-line; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; margin: 0 0 8pt; }
caption { text-align: left; font-weight: bold; margin-bottom: 3pt; }
th, td { text-align: left; vertical-align: top; border: 0.75pt solid #777; padding: 3pt 4pt; white-space: pre-line; overflow-wrap: anywhere; }
thead th { border-bottom: 1.5pt solid #000; }
tbody th { font-weight: normal; }
tr { break-inside: avoid; }
section.part { margin-left: 0; }
section.part section.part { border-left: 2pt solid #bbb; padding-left: 6pt; break-inside: avoid; }
footer { margin-top: 14pt; padding-top: 4pt; border-top: 0.75pt solid #777; font-size: 8.5pt; }
.fingerprint { overflow-wrap: anywhere; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
`.trim();

function blocksHtml(blocks: readonly FormBlock[], depth: number): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case "rows":
          return `<dl>${b.rows.map((r) => `<div><dt>${escapeHtml(r.key)}</dt><dd>${escapeHtml(r.value)}</dd></div>`).join("")}</dl>`;
        case "paragraph":
          return `<p>${escapeHtml(b.text)}</p>`;
        case "table": {
          const t = b.table;
          const head = `<thead><tr>${t.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join("")}</tr></thead>`;
          const body =
            t.rows.length === 0
              ? `<tr><td colspan="${t.columns.length}">${escapeHtml(t.empty)}</td></tr>`
              : t.rows
                  .map(
                    (row) =>
                      `<tr>${row.map((cell, i) => (i === 0 ? `<th scope="row">${escapeHtml(cell)}</th>` : `<td>${escapeHtml(cell)}</td>`)).join("")}</tr>`,
                  )
                  .join("");
          return `<table><caption>${escapeHtml(t.caption)}</caption>${head}<tbody>${body}</tbody></table>`;
        }
        case "part": {
          const level = Math.min(6, 3 + depth);
          return `<section class="part" aria-labelledby="${escapeHtml(b.id)}"><h${level} id="${escapeHtml(b.id)}">${escapeHtml(b.heading)}</h${level}>${blocksHtml(b.blocks, depth + 1)}</section>`;
        }
        default: {
          const never: never = b;
          throw new Error(`unknown block ${JSON.stringify(never)}`);
        }
      }
    })
    .join("\n");
}

/**
 * The document as HTML. With `fingerprint`, a footer says which version of the
 * record it was built from and the fingerprint of the same HTML without that
 * footer (a document cannot hold its own hash).
 */
export function formHtml(doc: FormDocument, options: { fingerprint?: string } = {}): string {
  const header = [
    `<p class="partnership">${escapeHtml(doc.partnership)}</p>`,
    `<h1>${escapeHtml(doc.title)}</h1>`,
    ...(doc.marking ? [`<p class="marking">${escapeHtml(doc.marking)}</p>`] : []),
    `<div class="about"><p>Reference ${escapeHtml(doc.reference)}. ${escapeHtml(doc.policy)}.</p><p>${escapeHtml(doc.instructions)}</p><p>${escapeHtml(doc.asAt)}, produced by Parley.</p></div>`,
  ].join("\n");
  const sections = doc.sections
    .map(
      (s) =>
        `<section aria-labelledby="${escapeHtml(s.id)}">\n<h2 id="${escapeHtml(s.id)}">${escapeHtml(s.heading)}</h2>\n${blocksHtml(s.blocks, 0)}\n</section>`,
    )
    .join("\n");
  const footer = options.fingerprint
    ? `\n<footer><p>Produced by Parley from version ${doc.version} of the record of ${escapeHtml(doc.reference)}. Document fingerprint (SHA-256): <span class="fingerprint">${escapeHtml(options.fingerprint)}</span></p></footer>`
    : "";
  return [
    "<!DOCTYPE html>",
    '<html lang="en-GB">',
    "<head>",
    '<meta charset="utf-8">',
    // Nothing may load: no script, image, font, frame or stylesheet from anywhere, only the inline style below.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`,
    `<title>${escapeHtml(`${doc.title} – ${doc.reference}`)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    `<header>\n${header}\n</header>`,
    `<main>\n${sections}\n</main>${footer}`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** The SHA-256 (hex) of the document's HTML without its fingerprint footer: what a completed form records. */
export function formFingerprint(doc: FormDocument): string {
  return createHash("sha256").update(formHtml(doc), "utf8").digest("hex");
}
