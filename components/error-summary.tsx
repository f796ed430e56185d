"use client";

import { useEffect, useRef } from "react";

export type ErrorSummaryItem = {
  /** The id of the field the error is about: the link moves focus to it. */
  field: string;
  message: string;
  /** Where the link goes: the field on another page (check your answers), or a box of the field (a date's first wrong box); by default `#field`. */
  href?: string;
};

/**
 * The GOV.UK error summary: at the top of the main content, it takes focus when
 * it appears (so screen readers announce it and keyboard users start there) and
 * links each error to its field. Give it a new `version` to take focus again
 * after another failed attempt with the same message.
 */
export function ErrorSummary({ errors, version = 0 }: { errors: readonly ErrorSummaryItem[]; version?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const hasErrors = errors.length > 0;

  useEffect(() => {
    if (hasErrors) ref.current?.focus();
  }, [hasErrors, version]);

  if (!hasErrors) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      aria-labelledby="error-summary-title"
      className="mb-8 border-4 border-[var(--color-danger)] p-4 focus:outline-[3px] focus:outline-[var(--color-focus)]"
    >
      <div role="alert">
        <h2 id="error-summary-title" className="mb-3 text-xl font-bold">
          There is a problem
        </h2>
        <ul className="space-y-1">
          {errors.map((error) => (
            <li key={`${error.field}:${error.message}`}>
              <a
                href={error.href ?? `#${error.field}`}
                className="font-bold text-[var(--color-danger)] visited:text-[var(--color-danger)]"
                onClick={(event) => {
                  // Another page: follow the link. This page: focus the control (a group's first), as GOV.UK's script does.
                  if (error.href && !error.href.startsWith("#")) return;
                  const target = document.getElementById(error.href ? error.href.slice(1) : error.field);
                  if (!target) return;
                  const control = target.matches("input, textarea, select, button, [tabindex]")
                    ? target
                    : (target.querySelector<HTMLElement>("input:not([type=hidden]), textarea, select") ?? target);
                  event.preventDefault();
                  control.focus();
                  control.scrollIntoView({ block: "center" });
                }}
              >
                {error.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
