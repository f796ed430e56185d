import type { ReactNode } from "react";
import { CharacterCount } from "./character-count";

/**
 * Form fields after the GOV.UK Design System: a visible label, an optional hint,
 * the error message above the control, and aria-describedby tying them together.
 * Values come back from the server after a failed submission (defaultValue), so
 * nothing typed is lost.
 */

type Common = {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** Defaults to the name; the error summary links to it. */
  id?: string;
  labelAsHeading?: boolean;
};

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function Hint({ id, children }: { id: string; children?: ReactNode }) {
  return children ? (
    <div id={`${id}-hint`} className="mb-2 text-[var(--color-ink-muted)]">
      {children}
    </div>
  ) : null;
}

function ErrorMessage({ id, children }: { id: string; children?: string }) {
  return children ? (
    <p id={`${id}-error`} className="mb-2 font-bold text-[var(--color-danger)]">
      <span className="sr-only">Error: </span>
      {children}
    </p>
  ) : null;
}

const groupClass = (error?: string) => `mb-6 ${error ? "border-l-4 border-[var(--color-danger)] pl-4" : ""}`;

const controlClass = (error?: string) => `block w-full border-2 ${error ? "border-[var(--color-danger)]" : "border-[var(--color-ink)]"} bg-white p-2 text-base`;

export function TextInput({
  type = "text",
  defaultValue,
  autoComplete,
  width = "full",
  inputMode,
  suggestions,
  ...common
}: Common & {
  type?: "text" | "email" | "password" | "number";
  defaultValue?: string;
  autoComplete?: string;
  width?: "full" | "short";
  inputMode?: "numeric" | "text" | "email";
  suggestions?: string[] | undefined;
}) {
  const id = common.id ?? common.name;
  const label = (
    <label htmlFor={id} className="mb-1 block font-bold">
      {common.label}
    </label>
  );
  return (
    <div className={groupClass(common.error)}>
      {common.labelAsHeading ? <h1 className="mb-2 text-2xl font-bold">{label}</h1> : label}
      <Hint id={id}>{common.hint}</Hint>
      <ErrorMessage id={id}>{common.error}</ErrorMessage>
      <input
        id={id}
        name={common.name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        inputMode={inputMode}
        list={suggestions && suggestions.length > 0 ? `${id}-suggestions` : undefined}
        aria-describedby={describedBy(id, common.hint, common.error)}
        aria-invalid={common.error ? true : undefined}
        className={`${controlClass(common.error)} ${width === "short" ? "max-w-[12rem]" : ""}`}
      />
      {suggestions && suggestions.length > 0 ? (
        <datalist id={`${id}-suggestions`}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ) : null}
    </div>
  );
}

export function Textarea({ defaultValue, rows = 5, maxLength, ...common }: Common & { defaultValue?: string; rows?: number; maxLength?: number }) {
  const id = common.id ?? common.name;
  const label = (
    <label htmlFor={id} className="mb-1 block font-bold">
      {common.label}
    </label>
  );
  return (
    <div className={groupClass(common.error)}>
      {common.labelAsHeading ? <h1 className="mb-2 text-2xl font-bold">{label}</h1> : label}
      <Hint id={id}>{common.hint}</Hint>
      <ErrorMessage id={id}>{common.error}</ErrorMessage>
      {maxLength ? (
        // The GOV.UK character count: the limit below the box, and a live count once the script runs.
        <CharacterCount
          id={id}
          name={common.name}
          rows={rows}
          defaultValue={defaultValue}
          maxLength={maxLength}
          describedBy={describedBy(id, common.hint, common.error)}
          invalid={Boolean(common.error)}
          className={controlClass(common.error)}
        />
      ) : (
        <textarea
          id={id}
          name={common.name}
          rows={rows}
          defaultValue={defaultValue}
          aria-describedby={describedBy(id, common.hint, common.error)}
          aria-invalid={common.error ? true : undefined}
          className={controlClass(common.error)}
        />
      )}
    </div>
  );
}

export type Choice = { value: string; label: ReactNode; hint?: ReactNode };

/** A group of radios or checkboxes in a fieldset whose legend asks the question. */
export function ChoiceGroup({
  type,
  choices,
  defaultValue,
  legendAsHeading,
  inline,
  ...common
}: Common & {
  type: "radio" | "checkbox";
  choices: Choice[];
  defaultValue?: string | string[];
  legendAsHeading?: boolean;
  inline?: boolean;
}) {
  const id = common.id ?? common.name;
  const selected = new Set(Array.isArray(defaultValue) ? defaultValue : defaultValue ? [defaultValue] : []);
  return (
    <div className={groupClass(common.error)}>
      <fieldset aria-describedby={describedBy(id, common.hint, common.error)}>
        <legend className={legendAsHeading ? "mb-2 text-2xl font-bold" : "mb-1 font-bold"}>{legendAsHeading ? <h1>{common.label}</h1> : common.label}</legend>
        <Hint id={id}>{common.hint}</Hint>
        <ErrorMessage id={id}>{common.error}</ErrorMessage>
        <div className={inline ? "flex flex-wrap gap-x-6 gap-y-2" : "space-y-2"}>
          {choices.map((choice, index) => {
            // The first control takes the group's id so the error summary can link to it.
            const controlId = index === 0 ? id : `${id}-${index + 1}`;
            return (
              <div key={choice.value} className="flex items-start">
                {/* 40 by 40 pixels, as GOV.UK's, so it is easy to hit (globals.css: .choice-control). */}
                <input
                  id={controlId}
                  name={common.name}
                  type={type}
                  value={choice.value}
                  defaultChecked={selected.has(choice.value)}
                  aria-describedby={choice.hint ? `${controlId}-item-hint` : undefined}
                  className="choice-control"
                />
                <div className="pl-3">
                  {/* Padded to the control's height: the first line of the label sits level with its middle, and the whole row can be clicked. */}
                  <label htmlFor={controlId} className="block cursor-pointer pb-1 pt-2">
                    {choice.label}
                  </label>
                  {choice.hint ? (
                    <div id={`${controlId}-item-hint`} className="text-[var(--color-ink-muted)]">
                      {choice.hint}
                    </div>
                  ) : null}
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function Select({
  options,
  defaultValue,
  placeholder,
  ...common
}: Common & { options: { value: string; label: string }[]; defaultValue?: string; placeholder?: string }) {
  const id = common.id ?? common.name;
  return (
    <div className={groupClass(common.error)}>
      <label htmlFor={id} className="mb-1 block font-bold">
        {common.label}
      </label>
      <Hint id={id}>{common.hint}</Hint>
      <ErrorMessage id={id}>{common.error}</ErrorMessage>
      <select
        id={id}
        name={common.name}
        defaultValue={defaultValue ?? ""}
        aria-describedby={describedBy(id, common.hint, common.error)}
        aria-invalid={common.error ? true : undefined}
        className={`${controlClass(common.error)} max-w-xl`}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Button({
  children,
  variant = "primary",
  id,
  name,
  value,
  disabled,
}: {
  children: ReactNode;
  variant?: "primary" | "secondary" | "warning";
  id?: string;
  name?: string;
  value?: string;
  /** While a submission is on its way, so it is not sent twice. */
  disabled?: boolean;
}) {
  const colours = {
    primary: "bg-[var(--color-success)] text-white",
    secondary: "bg-[#e5e6e7] text-[var(--color-ink)]",
    warning: "bg-[var(--color-danger)] text-white",
  }[variant];
  return (
    <button
      type="submit"
      id={id}
      name={name}
      value={value}
      disabled={disabled}
      className={`${colours} mb-4 mr-3 inline-block px-4 py-2 text-lg font-bold shadow-[0_2px_0_#002d18]`}
    >
      {children}
    </button>
  );
}
