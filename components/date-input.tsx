import type { ReactNode } from "react";
import { datePartId, datePartName, type DatePart } from "@/lib/views/date-input";

/**
 * The GOV.UK date input: the question as the legend of a group, a hint with an
 * example, the error, then Day, Month and Year boxes (numeric keyboard on
 * phones, no script needed), and for a moment in time a Time box. The boxes a
 * problem is about are marked (red border, aria-invalid); the error summary
 * links to the first of them. What was typed comes back in each box.
 */
export function DateInput({
  name,
  id,
  label,
  hint,
  error,
  values,
  invalidParts = [],
  withTime = false,
}: {
  name: string;
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** What was typed in each box. */
  values: Partial<Record<DatePart, string>>;
  /** The boxes the error is about. */
  invalidParts?: readonly DatePart[];
  withTime?: boolean;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const box = (part: DatePart, partLabel: string, width: string) => {
    const invalid = invalidParts.includes(part);
    const partId = datePartId(id, part);
    return (
      <div className="mb-3 mr-5 inline-block align-bottom">
        <label htmlFor={partId} className="mb-1 block">
          {partLabel}
        </label>
        <input
          id={partId}
          name={datePartName(name, part)}
          type="text"
          inputMode="numeric"
          spellCheck={false}
          autoComplete="off"
          defaultValue={values[part]}
          aria-invalid={invalid ? true : undefined}
          className={`block ${width} border-2 ${invalid ? "border-[var(--color-danger)]" : "border-[var(--color-ink)]"} bg-white p-2 text-base`}
        />
      </div>
    );
  };
  return (
    <div className={`mb-6 ${error ? "border-l-4 border-[var(--color-danger)] pl-4" : ""}`}>
      <fieldset aria-describedby={describedBy}>
        <legend className="mb-1 font-bold">{label}</legend>
        {hint ? (
          <div id={`${id}-hint`} className="mb-2 text-[var(--color-ink-muted)]">
            {hint}
          </div>
        ) : null}
        {error ? (
          <p id={`${id}-error`} className="mb-2 font-bold text-[var(--color-danger)]">
            <span className="sr-only">Error: </span>
            {error}
          </p>
        ) : null}
        <div id={id} className="flex flex-wrap items-end">
          {box("day", "Day", "w-[4.5rem]")}
          {box("month", "Month", "w-[4.5rem]")}
          {box("year", "Year", "w-[6rem]")}
        </div>
        {withTime ? (
          <div className="mt-1">
            <label htmlFor={datePartId(id, "time")} className="mb-1 block">
              Time
            </label>
            <div id={`${datePartId(id, "time")}-hint`} className="mb-2 text-[var(--color-ink-muted)]">
              For example, 10:30am or 14:30
            </div>
            <input
              id={datePartId(id, "time")}
              name={datePartName(name, "time")}
              type="text"
              spellCheck={false}
              autoComplete="off"
              defaultValue={values.time}
              aria-describedby={`${datePartId(id, "time")}-hint`}
              aria-invalid={invalidParts.includes("time") ? true : undefined}
              className={`block w-[8rem] border-2 ${invalidParts.includes("time") ? "border-[var(--color-danger)]" : "border-[var(--color-ink)]"} bg-white p-2 text-base`}
            />
          </div>
        ) : null}
      </fieldset>
    </div>
  );
}
