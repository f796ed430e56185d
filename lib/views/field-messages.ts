/**
 * What a form does to the use case's messages and to what was posted before
 * and after the use case: a too-long answer is named by its field's label, as
 * the form shows it ("Your comment must be 5,000 characters or fewer."), and
 * line breaks arrive as the character count counted them.
 */
import { tooLongLimit, tooLongMessage } from "../escalations/schemas";
import { subjectOfLabel } from "../text/safe-text";
import { fieldId, fieldNames, type FieldSpec, type FormValues } from "./form-spec";
import { labelOf } from "./form-text";

/**
 * Errors by field id, with each "This must be N characters or fewer." naming
 * the field it is on, by its label: "Your comment must be …", or for a
 * question `Your answer to "What was discussed?" must be …` (as the unsafe-text
 * messages name fields). `counts` as for fieldNames.
 */
export function nameTooLong(
  errors: Readonly<Record<string, string>>,
  fields: readonly FieldSpec[],
  counts: Record<string, number> = {},
): Record<string, string> {
  const nameOfId = new Map(fieldNames(fields, counts).map((name) => [fieldId(name), name]));
  const named: Record<string, string> = {};
  for (const [id, message] of Object.entries(errors)) {
    const limit = tooLongLimit(message);
    const name = nameOfId.get(id);
    const label = limit === null || name === undefined ? null : labelOf(name, fields);
    named[id] = limit !== null && label ? tooLongMessage(limit, subjectOfLabel(label)) : message;
  }
  return named;
}

/**
 * A browser sends each line break in a text area as two characters (CR LF),
 * but counts it, as a person does, as one. Posted text with its line breaks as
 * LF alone, so that 5,000 characters by the character count are 5,000 to the use case.
 */
export function withPlainLineBreaks(values: FormValues): FormValues {
  const plain = (s: string) => s.replace(/\r\n?/g, "\n");
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? v.map(plain) : plain(v)]));
}
