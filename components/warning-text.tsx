import type { ReactNode } from "react";

/** Important text the reader must not miss, with a visually hidden "Warning" for screen readers. */
export function WarningText({ children }: { children: ReactNode }) {
  return (
    <div className="my-4 flex items-start gap-3">
      <span aria-hidden="true" className="flex h-9 w-9 shrink-0 items-center justify-center rounded-full bg-[var(--color-ink)] text-xl font-bold text-white">
        !
      </span>
      <strong className="pt-1 text-lg">
        <span className="sr-only">Warning: </span>
        {children}
      </strong>
    </div>
  );
}
