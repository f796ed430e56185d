import type { ReactNode } from "react";

/** The confirmation panel at the end of a task: what was done and the reference to keep. */
export function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="mb-8 bg-[var(--color-success)] p-6 text-center text-white">
      <h1 className="mb-3 text-3xl font-bold">{title}</h1>
      <div className="text-xl">{children}</div>
    </div>
  );
}
