/**
 * Forms as data: the fields a page shows, the state a server action returns to
 * `useActionState`, and the small pure helpers between a posted FormData and a
 * use case's input. No React here: components/action-form.tsx renders these.
 */

export type Option = { value: string; label: string; hint?: string };

type FieldBase = {
  /** The posted name; also (dots as hyphens) the control's id, which the error summary links to. */
  name: string;
  label: string;
  hint?: string;
};

export type FieldSpec =
  | (FieldBase & {
      kind: "text";
      width?: "full" | "short";
      inputMode?: "numeric" | "text";
      autoComplete?: string;
      /** Offered as the person types (a native datalist: no script needed). */
      suggestions?: string[];
    })
  | (FieldBase & { kind: "textarea"; rows?: number; maxLength?: number })
  | (FieldBase & { kind: "date" | "datetime" })
  | (FieldBase & { kind: "radios" | "checkboxes"; options: Option[]; inline?: boolean })
  | (FieldBase & { kind: "select"; options: Option[]; placeholder?: string })
  | { kind: "hidden"; name: string; value: string }
  | { kind: "heading"; text: string; hint?: string }
  | {
      kind: "repeat";
      /** Items post as `${name}.${i}.${field}`. */
      name: string;
      /** "Child" gives legends "Child 1", "Child 2"… */
      itemLabel: string;
      fields: FieldSpec[];
      min: number;
      max: number;
      addLabel: string;
    };

/** What a form posts, by name: text, or every value of a repeated name (checkboxes). */
export type FormValues = Record<string, string | string[]>;

export type ConflictChange = { title: string; who: string; when: string };

/** What a server action returns to the form after a failed attempt (nothing is returned on success: it redirects). */
export type FormState = {
  /** Counts attempts, so the error summary takes focus again after each. */
  attempt: number;
  /** Messages by field id. */
  errors: Record<string, string>;
  /** What was posted, to show again: nothing typed is lost. */
  values: FormValues;
  /** A problem that is not about one field (the policy does not allow it now). */
  message?: string;
  /** Someone else changed the dispute: what changed since the version the form was based on. */
  conflict?: { changes: ConflictChange[] };
  /** The version to submit against next time (after a conflict). */
  expectedVersion?: number;
  /** How many items each repeated group shows. */
  counts?: Record<string, number>;
  /** For the error summary of a page that is not the form's own (check your answers): where each error's link goes. */
  links?: Record<string, string>;
  /** After "Add another" or "Remove": the element (a repeated item, or the add button) to move focus to. */
  focus?: string;
};

export const initialFormState = (values: FormValues = {}, counts?: Record<string, number>): FormState => ({
  attempt: 0,
  errors: {},
  values,
  ...(counts ? { counts } : {}),
});

/** A field's id from its name or a use case's field path: "subjects.0.initials" → "subjects-0-initials". */
export const fieldId = (path: string): string => path.replaceAll(".", "-");

/** The values a FormData holds, without Next.js's own ($ACTION_…) entries. */
export function formValuesOf(form: FormData): FormValues {
  const values: FormValues = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION") || key.startsWith("_")) continue;
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = all.length === 1 ? (all[0] as string) : all;
  }
  return values;
}

/** The submit button pressed, when a form has several ("_intent"). */
export function intentOf(form: FormData): string | null {
  const intent = form.get("_intent");
  return typeof intent === "string" && intent !== "" ? intent : null;
}

/** One text value, trimmed; "" when absent. */
export function text(values: FormValues, name: string): string {
  const v = values[name];
  return (Array.isArray(v) ? (v[0] ?? "") : (v ?? "")).trim();
}

/** One text value, or undefined when empty. */
export function optional(values: FormValues, name: string): string | undefined {
  const v = text(values, name);
  return v === "" ? undefined : v;
}

/** Every value of a repeated name (checkboxes), empty ones left out. */
export function list(values: FormValues, name: string): string[] {
  const v = values[name];
  const all = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return all.map((s) => s.trim()).filter((s) => s !== "");
}

/** A whole number typed as text, or the text itself (so validation can say what is wrong), or undefined. */
export function wholeNumber(values: FormValues, name: string): number | string | undefined {
  const v = text(values, name);
  if (v === "") return undefined;
  return /^\d{1,9}$/.test(v) ? Number(v) : v;
}

/** The items of a repeated group present in the posted values, in order of their index. */
export function repeatIndexes(values: FormValues, name: string): number[] {
  const prefix = `${name}.`;
  const found = new Set<number>();
  for (const key of Object.keys(values)) {
    if (!key.startsWith(prefix)) continue;
    const index = Number(key.slice(prefix.length).split(".")[0]);
    if (Number.isInteger(index) && index >= 0) found.add(index);
  }
  return [...found].sort((a, b) => a - b);
}

/** Every field name a spec posts (repeats expanded to `count` items), in page order. */
export function fieldNames(fields: readonly FieldSpec[], counts: Record<string, number> = {}): string[] {
  const names: string[] = [];
  for (const f of fields) {
    if (f.kind === "heading" || f.kind === "hidden") continue;
    if (f.kind === "repeat") {
      const n = counts[f.name] ?? f.min;
      for (let i = 0; i < n; i++) names.push(...fieldNames(f.fields).map((inner) => `${f.name}.${i}.${inner}`));
      continue;
    }
    names.push(f.name);
  }
  return names;
}

/**
 * A use case's field errors ("subjects.0.yearOfBirth", "areas.1", "_") as
 * messages by field id: each path goes to the field it names, else to the
 * nearest field it lies within ("areas.1" → areas), else to the first field of
 * that part of the form, else it is a message about the whole form.
 */
export function errorsByField(
  fields: Readonly<Record<string, string>>,
  names: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): { errors: Record<string, string>; message?: string } {
  const errors: Record<string, string> = {};
  const general: string[] = [];
  for (const [rawPath, message] of Object.entries(fields)) {
    const path = aliases[rawPath] ?? rawPath;
    const target = fieldForPath(path, names);
    if (target === null) general.push(message);
    else errors[fieldId(target)] ??= message;
  }
  return general.length > 0 ? { errors, message: general.join(" ") } : { errors };
}

/** The form field a use case's field path belongs to, or null for a problem of the whole form. */
export function fieldForPath(path: string, names: readonly string[]): string | null {
  if (path === "_") return null;
  if (names.includes(path)) return path;
  // Within a field: "areas.1" lies within "areas".
  const parts = path.split(".");
  for (let n = parts.length - 1; n > 0; n--) {
    const prefix = parts.slice(0, n).join(".");
    if (names.includes(prefix)) return prefix;
  }
  // A group: "subjects" or "subjects.0" goes to its first field.
  for (let n = parts.length; n > 0; n--) {
    const prefix = `${parts.slice(0, n).join(".")}.`;
    const first = names.find((name) => name.startsWith(prefix));
    if (first) return first;
  }
  return null;
}

/** Errors in page order, for the error summary. */
export function orderedErrors(errors: Readonly<Record<string, string>>, names: readonly string[]): { field: string; message: string }[] {
  const ids = names.map(fieldId);
  return Object.entries(errors)
    .map(([field, message]) => ({ field, message, at: ids.indexOf(field) }))
    .sort((a, b) => (a.at < 0 ? Number.MAX_SAFE_INTEGER : a.at) - (b.at < 0 ? Number.MAX_SAFE_INTEGER : b.at))
    .map(({ field, message }) => ({ field, message }));
}

/** The id of one item of a repeated group, and of its "Add another" button: where focus goes after a press. */
export const repeatItemId = (name: string, index: number): string => `${fieldId(name)}-item-${index}`;
export const repeatAddId = (name: string): string => `${fieldId(name)}-add`;

/**
 * State after a press of "Add another" or "Remove" in a repeated group: no validation, nothing saved.
 * Focus goes to the new item, or to the item that took the removed one's place (else the add button),
 * so a keyboard or screen reader user is not sent back to the top of the page.
 */
export function repeatIntent(
  intent: string,
  state: { values: FormValues; counts: Record<string, number> },
  limits: Readonly<Record<string, { min: number; max: number }>>,
): { values: FormValues; counts: Record<string, number>; focus?: string } | null {
  const [verb, name, indexText] = intent.split(":");
  if (!name || !limits[name]) return null;
  const { min, max } = limits[name];
  const count = state.counts[name] ?? min;
  if (verb === "add") {
    if (count >= max) return { values: state.values, counts: state.counts, focus: repeatItemId(name, count - 1) };
    return { values: state.values, counts: { ...state.counts, [name]: count + 1 }, focus: repeatItemId(name, count) };
  }
  if (verb === "remove") {
    const index = Number(indexText);
    if (!Number.isInteger(index) || index < 0 || index >= count || count <= min) return { values: state.values, counts: state.counts };
    // Shift the later items down one place.
    const values: FormValues = {};
    const prefix = `${name}.`;
    for (const [key, value] of Object.entries(state.values)) {
      if (!key.startsWith(prefix)) {
        values[key] = value;
        continue;
      }
      const [i, ...rest] = key.slice(prefix.length).split(".");
      const at = Number(i);
      if (at === index) continue;
      values[`${prefix}${at > index ? at - 1 : at}${rest.length ? `.${rest.join(".")}` : ""}`] = value;
    }
    const left = count - 1;
    return { values, counts: { ...state.counts, [name]: left }, focus: left > 0 ? repeatItemId(name, Math.min(index, left - 1)) : repeatAddId(name) };
  }
  return null;
}
