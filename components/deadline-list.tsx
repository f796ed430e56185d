import type { DeadlineItem } from "@/lib/views/dispute";
import { DueTag } from "./due-tag";

/** A stage's deadlines in words, each with how it was worked out on request. */
export function DeadlineList({ deadlines }: { deadlines: readonly DeadlineItem[] }) {
  if (deadlines.length === 0) return <p className="mb-6">The policy sets no deadline at this stage.</p>;
  return (
    <ul className="mb-8 space-y-4">
      {deadlines.map((d) => (
        <li key={d.id} className="border-l-4 border-[var(--color-border)] pl-4">
          <p className="font-bold">{d.label}</p>
          <p className="my-1">
            <DueTag status={d.due} />
          </p>
          {d.by ? (
            <p>
              {d.met ? "Was due" : "Due"} {d.by}
            </p>
          ) : null}
          {d.party ? <p>Who must act: {d.party}</p> : null}
          {d.note ? <p>{d.note}</p> : null}
          <p className="text-sm text-[var(--color-ink-muted)]">{d.kind}</p>
          {d.warnings.length > 0 ? (
            <ul className="mt-1 list-disc pl-6 font-bold">
              {d.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          ) : null}
          <details className="mt-2">
            <summary className="cursor-pointer text-[var(--color-link)] underline">
              How this was worked out<span className="sr-only">: {d.label}</span>
            </summary>
            <div className="mt-2 space-y-1">
              <p>{d.explanation}</p>
              <p>Rule: {d.rule}.</p>
              {d.onMiss ? <p>If it is missed: {d.onMiss}</p> : null}
              <p className="text-sm text-[var(--color-ink-muted)]">Policy reference: {d.cite}</p>
            </div>
          </details>
        </li>
      ))}
    </ul>
  );
}
