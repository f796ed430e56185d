"use client";

import { useActionState, useEffect, useRef, type ReactNode } from "react";
import { dateFieldsOf, datePartId, datePartName, datePartsInError } from "@/lib/views/date-input";
import { fieldId, fieldNames, orderedErrors, repeatAddId, repeatItemId, type FieldSpec, type FormState, type FormValues } from "@/lib/views/form-spec";
import { ConflictNotice } from "./conflict-notice";
import { DateInput } from "./date-input";
import { ErrorSummary, type ErrorSummaryItem } from "./error-summary";
import { Button, ChoiceGroup, Select, TextInput, Textarea } from "./form-fields";

/** A field spec, or content the page renders between fields. */
export type UiField = FieldSpec | { kind: "content"; key: string; node: ReactNode };

/**
 * One form of Parley: the GOV.UK error summary (it takes focus), a notice when
 * someone else changed the dispute, the page's own content, then the fields,
 * each showing again what was posted. It posts to a server action through
 * useActionState, so it also works before JavaScript has loaded (or without it).
 */
export function ActionForm({
  action,
  initialState,
  fields,
  submitLabel,
  intro,
  after,
  expectedVersion,
  variant = "primary",
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  initialState: FormState;
  fields: UiField[];
  submitLabel: string;
  /** Content above the form (its heading first), after the error summary. */
  intro?: ReactNode;
  /** Content after the submit button: a cancel link, a second form. */
  after?: ReactNode;
  /** The dispute's version the page was built from (commands on a dispute). */
  expectedVersion?: number;
  variant?: "primary" | "warning";
}) {
  const [state, formAction, pending] = useActionState(action, initialState);
  const conflictRef = useRef<HTMLDivElement>(null);
  const counts = state.counts ?? {};
  const specs = fields.filter((f): f is FieldSpec => f.kind !== "content");
  const names = fieldNames(specs, counts);
  // A date's error links to the first of its boxes the error is about (the day's, for the date as a whole).
  const dateLinks = Object.fromEntries(
    dateFieldsOf(specs, counts).map((d) => [d.id, `#${datePartId(d.id, datePartsInError(state.values, d.name, d.withTime, state.errors[d.id])[0] ?? "day")}`]),
  );
  const summary: ErrorSummaryItem[] = [
    ...(state.message ? [{ field: names[0] ? fieldId(names[0]) : "main-content", message: state.message }] : []),
    ...orderedErrors(state.errors, names).map((e) => {
      const href = state.links?.[e.field] ?? dateLinks[e.field];
      return { ...e, ...(href ? { href } : {}) };
    }),
  ];
  const hasErrors = summary.length > 0;
  const hasRepeats = fields.some((f) => f.kind === "repeat");

  useEffect(() => {
    // "Error: " before the page title while there are errors. The text node is changed in place (and put back
    // on leaving): the <title> element belongs to React, which must keep the node it renders into.
    const node = document.querySelector("head title")?.firstChild;
    if (!node || node.nodeType !== Node.TEXT_NODE) return;
    const base = (node.nodeValue ?? "").replace(/^Error: /, "");
    node.nodeValue = hasErrors ? `Error: ${base}` : base;
    return () => {
      node.nodeValue = base;
    };
  }, [hasErrors, state.attempt]);

  useEffect(() => {
    // The form was rebuilt after "Add another" or "Remove": focus the item's first field (or the add button).
    if (!state.focus || hasErrors) return;
    const target = document.getElementById(state.focus);
    const control = target?.tagName === "FIELDSET" ? target.querySelector<HTMLElement>("input:not([type=hidden]), textarea, select") : target;
    control?.focus();
  }, [state.focus, hasErrors, state.attempt]);

  useEffect(() => {
    if (state.conflict && !hasErrors) conflictRef.current?.querySelector<HTMLElement>("#conflict-notice")?.focus();
  }, [state.conflict, hasErrors, state.attempt]);

  return (
    <>
      <ErrorSummary errors={summary} version={state.attempt} />
      {state.conflict ? (
        <div ref={conflictRef}>
          <ConflictNotice changes={state.conflict.changes} />
        </div>
      ) : null}
      {intro}
      {/* A new key after each attempt sets every field to what was posted. */}
      <form key={state.attempt} action={formAction} noValidate className="max-w-2xl">
        {hasRepeats ? (
          // Pressing Enter in a field sends the form as this (the main) button, not "Add another".
          <button type="submit" tabIndex={-1} aria-hidden="true" className="sr-only">
            {submitLabel}
          </button>
        ) : null}
        {expectedVersion !== undefined ? <input type="hidden" name="expectedVersion" value={state.expectedVersion ?? expectedVersion} /> : null}
        {fields.map((field, i) => (
          <Field key={"name" in field ? field.name : field.kind === "content" ? field.key : `${field.kind}-${i}`} field={field} state={state} counts={counts} />
        ))}
        <div className="mt-2">
          <Button variant={variant} disabled={pending}>
            {submitLabel}
          </Button>
        </div>
      </form>
      {after}
    </>
  );
}

function Field({ field, state, counts, prefix = "" }: { field: UiField; state: FormState; counts: Record<string, number>; prefix?: string }) {
  if (field.kind === "content") return <>{field.node}</>;
  if (field.kind === "heading") {
    return (
      <div className="mb-4 mt-8">
        <h2 className="text-2xl font-bold">{field.text}</h2>
        {field.hint ? <p className="mt-2 text-[var(--color-ink-muted)]">{field.hint}</p> : null}
      </div>
    );
  }
  if (field.kind === "hidden") return <input type="hidden" name={prefix + field.name} value={field.value} />;
  if (field.kind === "repeat") return <Repeat field={field} state={state} counts={counts} />;

  const name = prefix + field.name;
  const id = fieldId(name);
  const error = state.errors[id];
  const value = state.values[name];
  const one = (v: FormValues[string] | undefined) => (Array.isArray(v) ? v[0] : v);
  const common = { name, id, label: field.label, hint: field.hint, error };
  switch (field.kind) {
    case "text":
      return (
        <TextInput
          {...common}
          defaultValue={one(value)}
          width={field.width}
          inputMode={field.inputMode}
          autoComplete={field.autoComplete}
          suggestions={field.suggestions}
        />
      );
    case "textarea":
      return <Textarea {...common} defaultValue={one(value)} rows={field.rows} maxLength={field.maxLength} />;
    case "date":
    case "datetime": {
      const withTime = field.kind === "datetime";
      const part = (p: "day" | "month" | "year" | "time") => one(state.values[datePartName(name, p)]);
      return (
        <DateInput
          {...common}
          withTime={withTime}
          values={{ day: part("day"), month: part("month"), year: part("year"), time: part("time") }}
          invalidParts={datePartsInError(state.values, name, withTime, error)}
        />
      );
    }
    case "radios":
    case "checkboxes":
      return (
        <ChoiceGroup
          {...common}
          type={field.kind === "radios" ? "radio" : "checkbox"}
          inline={field.inline}
          defaultValue={value}
          choices={field.options.map((o) => ({ value: o.value, label: o.label, ...(o.hint ? { hint: o.hint } : {}) }))}
        />
      );
    case "select":
      return <Select {...common} options={field.options} placeholder={field.placeholder} defaultValue={one(value)} />;
    default: {
      const never: never = field;
      throw new Error(`unknown field ${JSON.stringify(never)}`);
    }
  }
}

function Repeat({ field, state, counts }: { field: Extract<FieldSpec, { kind: "repeat" }>; state: FormState; counts: Record<string, number> }) {
  const count = counts[field.name] ?? field.min;
  const items = Array.from({ length: count }, (_, i) => i);
  const noun = field.itemLabel.toLowerCase();
  return (
    <div className="mb-6">
      {items.map((i) => (
        <fieldset key={i} id={repeatItemId(field.name, i)} className="mb-6 border-b border-[var(--color-border)] pb-2">
          <legend className="mb-3 text-xl font-bold">
            {field.itemLabel} {i + 1}
          </legend>
          {field.fields.map((inner) => (
            <Field key={"name" in inner ? inner.name : inner.kind} field={inner} state={state} counts={counts} prefix={`${field.name}.${i}.`} />
          ))}
          {count > field.min ? (
            <Button variant="secondary" name="_intent" value={`remove:${field.name}:${i}`}>
              Remove {noun} {i + 1}
            </Button>
          ) : null}
        </fieldset>
      ))}
      {count < field.max ? (
        <Button variant="secondary" id={repeatAddId(field.name)} name="_intent" value={`add:${field.name}`}>
          {field.addLabel}
        </Button>
      ) : null}
    </div>
  );
}

export type { FormState };
