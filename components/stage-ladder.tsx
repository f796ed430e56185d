import type { LadderItem } from "@/lib/views/dispute";
import { Tag } from "./tag";

/** The policy's stages for a dispute, as a GOV.UK task list: each stage's status, who is involved and its deadlines. */
export function StageLadder({ stages }: { stages: readonly LadderItem[] }) {
  return (
    <ol className="mb-8 border-t border-[var(--color-border)]">
      {stages.map((s) => (
        <li
          key={s.key}
          aria-current={s.status === "Current" ? "step" : undefined}
          className={`flex flex-col gap-2 border-b border-[var(--color-border)] py-3 sm:flex-row sm:justify-between ${s.status === "Current" ? "border-l-4 border-l-[var(--color-brand)] pl-3" : ""}`}
        >
          <div className="sm:flex-1">
            <p className="font-bold">{s.title}</p>
            <p className="text-[var(--color-ink-muted)]">{s.who}</p>
            {s.dates ? <p className="text-sm">{s.dates}</p> : null}
            {s.note ? <p className="text-sm">{s.note}</p> : null}
            {s.deadlines.length > 0 ? (
              <ul className="mt-1 list-disc pl-6 text-sm">
                {s.deadlines.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            ) : null}
          </div>
          <div className="sm:w-32 sm:text-right">
            <Tag colour={s.colour}>{s.status}</Tag>
          </div>
        </li>
      ))}
    </ol>
  );
}
