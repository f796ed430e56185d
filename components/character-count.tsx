"use client";

import { useEffect, useRef, useState } from "react";

const number = (n: number) => n.toLocaleString("en-GB");

/** "You have 4,990 characters remaining", "You have 1 character too many". */
export function countMessage(length: number, maxLength: number): string {
  const left = maxLength - length;
  const n = Math.abs(left);
  return left >= 0 ? `You have ${number(n)} character${n === 1 ? "" : "s"} remaining` : `You have ${number(n)} character${n === 1 ? "" : "s"} too many`;
}

/**
 * The GOV.UK character count: a text area with, below it, "You can enter up to
 * 5,000 characters" (the whole of it without JavaScript; the limit is the use
 * case's, which refuses more and says so). Once the script runs that sentence
 * stays for screen readers (the text area is described by it), and a count
 * shows instead ("You have 4,990 characters remaining"), in red once over; a
 * polite live region says the same a second after typing stops, so a screen
 * reader is not interrupted at every key. The text area has no maxlength: what
 * is pasted in is kept, to be shortened.
 */
export function CharacterCount({
  id,
  name,
  rows,
  defaultValue,
  maxLength,
  describedBy,
  invalid,
  className,
}: {
  id: string;
  name: string;
  rows: number;
  defaultValue?: string | undefined;
  maxLength: number;
  /** The hint's and error's ids, before this count's own. */
  describedBy?: string | undefined;
  invalid: boolean;
  /** The text area's classes; the over-limit state adds a red border. */
  className: string;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  // Null until the script runs: then only the static limit shows.
  const [length, setLength] = useState<number | null>(null);
  // What the live region says: nothing until the person types (the limit is read with the text area, on focus).
  const [announced, setAnnounced] = useState<number | null>(null);
  const [typed, setTyped] = useState(false);

  useEffect(() => {
    const textarea = ref.current;
    if (!textarea) return;
    const read = () => setLength(textarea.value.length);
    read();
    // Coming back to the page from the browser's history may bring back what was typed.
    window.addEventListener("pageshow", read);
    return () => window.removeEventListener("pageshow", read);
  }, []);

  useEffect(() => {
    if (length === null || !typed) return;
    const timer = setTimeout(() => setAnnounced(length), 1000);
    return () => clearTimeout(timer);
  }, [length, typed]);

  const over = length !== null && length > maxLength;
  return (
    <>
      <textarea
        ref={ref}
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        onInput={(event) => {
          setTyped(true);
          setLength(event.currentTarget.value.length);
        }}
        aria-describedby={[describedBy, `${id}-info`].filter(Boolean).join(" ")}
        aria-invalid={invalid ? true : undefined}
        className={`${className} ${over ? "!border-[var(--color-danger)]" : ""}`}
      />
      <div id={`${id}-info`} className={length === null ? "mt-1 text-[var(--color-ink-muted)]" : "sr-only"}>
        You can enter up to {number(maxLength)} characters
      </div>
      {length !== null ? (
        <div aria-hidden="true" className={`mt-1 ${over ? "font-bold text-[var(--color-danger)]" : "text-[var(--color-ink-muted)]"}`}>
          {countMessage(length, maxLength)}
        </div>
      ) : null}
      <div className="sr-only" aria-live="polite">
        {announced !== null ? countMessage(announced, maxLength) : ""}
      </div>
    </>
  );
}
