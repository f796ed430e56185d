/**
 * Values a policy file marks as placeholders: stand-ins the partnership must
 * confirm before relying on them. A file marks one in either of two ways
 * (docs/policy-format.md):
 *
 *  - `partnership.nameIsPlaceholder: true`, for the partnership's name;
 *  - a comment starting "placeholder" on the value's line, e.g.
 *    `effectiveFrom: "2024-01-01" # placeholder: the source is undated`
 *    (or on the line just above the key).
 *
 * Comments are not part of the parsed policy, so the file's text is read again
 * here; the administrators' policy page warns about each one.
 */
import fs from "node:fs";
import { isPair, isScalar, parseDocument, visit, type Node } from "yaml";

export type PlaceholderMark = {
  /** Where the value is, as the policy format's reference names it: "effectiveFrom", "partnership.name". */
  path: string;
  /** The value as written, when it is a single value ("2024-01-01"). */
  value: string | null;
  /** What the comment says after "placeholder", if anything ("the source is undated"). */
  note: string | null;
};

const MARK = /^\s*placeholder\b[\s:;,.–-]*(.*)$/i;

function noteOf(comment: string | null | undefined): string | null | undefined {
  if (!comment) return undefined;
  for (const line of comment.split("\n")) {
    const m = MARK.exec(line);
    if (m) return m[1]?.trim() || null;
  }
  return undefined;
}

/** Every value the YAML text marks as a placeholder by a comment, in file order. Text that does not parse has none. */
export function placeholderComments(text: string): PlaceholderMark[] {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return [];
  const marks: PlaceholderMark[] = [];
  visit(doc, {
    Pair(_, pair, ancestors) {
      const keyNode = pair.key as Node | null;
      const valueNode = pair.value as Node | null;
      const onLine = noteOf(isScalar(valueNode) ? valueNode.comment : undefined);
      const note = onLine !== undefined ? onLine : noteOf(isScalar(keyNode) ? keyNode.commentBefore : undefined);
      if (note === undefined) return;
      // Keys of the maps above it (items of lists are not numbered: the page names the common places).
      const parts = ancestors.flatMap((node) => (isPair(node) && isScalar(node.key) ? [String(node.key.value)] : []));
      parts.push(isScalar(keyNode) ? String(keyNode.value) : "?");
      marks.push({ path: parts.join("."), value: isScalar(valueNode) && valueNode.value !== null ? String(valueNode.value) : null, note });
    },
  });
  return marks;
}

/** The text of a policy file, or null if it cannot be read (the page then shows the structured marks only). */
export function readPolicySource(file: string | null): string | null {
  if (!file) return null;
  try {
    return fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8");
  } catch {
    return null;
  }
}
