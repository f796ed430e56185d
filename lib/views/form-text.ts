/**
 * The forms' part of the one text rule (lib/text/safe-text.ts): a posted value
 * Parley cannot store (a null character, half of an emoji, a control character
 * other than tab and line breaks) comes back as the form's own validation error,
 * on the field it was typed in and named by that field's label, before anything
 * reaches a use case. Each server action calls this once it has read the form.
 */
import { findUnsafeText, subjectOfLabel, unsafeTextMessage } from "../text/safe-text";
import { fieldForPath, fieldId, fieldNames, type FieldSpec, type FormValues } from "./form-spec";

/** The label of the field a posted name belongs to ("actions.2.description" → "What was agreed?"), or null. */
export function labelOf(name: string, fields: readonly FieldSpec[]): string | null {
  for (const f of fields) {
    if (f.kind === "heading" || f.kind === "hidden") continue;
    if (f.kind === "repeat") {
      const prefix = `${f.name}.`;
      if (!name.startsWith(prefix)) continue;
      const inner = labelOf(name.slice(prefix.length).split(".").slice(1).join("."), f.fields);
      if (inner) return inner;
      continue;
    }
    if (f.name === name) return f.label;
  }
  return null;
}

/**
 * The first posted value Parley cannot store, as the form's errors: on its field
 * (by id, for the error summary's link) with a message naming that field as the
 * form labels it; or, for a value of no field on the form, a message about the
 * whole form. Null when every value can be stored. `counts` as for fieldNames.
 */
export function unstorableTextErrors(
  values: FormValues,
  fields: readonly FieldSpec[],
  counts: Record<string, number> = {},
): { errors: Record<string, string>; message?: string } | null {
  const found = findUnsafeText(values, "multi-line");
  if (!found) return null;
  const target = found.inName ? null : fieldForPath(found.path, fieldNames(fields, counts));
  const label = target === null ? null : labelOf(target, fields);
  if (target === null || label === null) return { errors: {}, message: unsafeTextMessage("Something sent with this form", found.kind) };
  return { errors: { [fieldId(target)]: unsafeTextMessage(subjectOfLabel(label), found.kind, found) } };
}
