"use client";

import { useEffect, useRef } from "react";

export type ErrorSummaryItem = {
  /** The id of the field the error is about: the link moves focus to it. */
  field: string;
  message: string;
  /** Where the link goes when the field is on another page (check your answers); by default `#field`. */
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
                  if (error.href) return;
                  const target = document.getElementById(error.field);
                  if (!target) return;
                  event.preventDefault();
                  target.focus();
                  target.scrollIntoView({ block: "center" });
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
