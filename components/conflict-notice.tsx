import type { ConflictChange } from "@/lib/views/form-spec";

/**
 * Someone else changed the dispute while this form was open: what they did,
 * oldest first, and that what the reader typed is still here to send again.
 */
export function ConflictNotice({ changes, id = "conflict-notice" }: { changes: readonly ConflictChange[]; id?: string }) {
  return (
    <div
      id={id}
      tabIndex={-1}
      role="region"
      aria-labelledby={`${id}-title`}
      className="mb-8 border-4 border-[var(--color-brand)] focus:outline-[3px] focus:outline-[var(--color-focus)]"
    >
      <h2 id={`${id}-title`} className="bg-[var(--color-brand)] px-4 py-1 text-base font-bold text-white">
        Someone else changed this dispute
      </h2>
      <div className="px-4 py-3">
        <p className="mb-3 text-lg font-bold">Your change has not been saved yet, because this dispute changed while you were working on it.</p>
        {changes.length > 0 ? (
          <>
            <p className="mb-2">Since you opened this page:</p>
            <ul className="mb-3 list-disc space-y-1 pl-6">
              {changes.map((c, i) => (
                <li key={i}>
                  {c.title}{" "}
                  <span className="text-[var(--color-ink-muted)]">
                    ({c.who}, {c.when})
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p>Check that your answers still make sense, then send them again. Everything you typed is below.</p>
      </div>
    </div>
  );
}
