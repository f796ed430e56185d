import type { HistoryItem } from "@/lib/views/dispute-history";

/** Every event of a dispute, oldest first: what happened, who, when, and the detail. */
export function DisputeHistory({ items }: { items: readonly HistoryItem[] }) {
  return (
    <ol className="mb-8 border-t border-[var(--color-border)]">
      {items.map((item) => (
        <li key={item.id} className="border-b border-[var(--color-border)] py-4">
          <h3 className="text-lg font-bold">{item.title}</h3>
          <p className="mb-2 text-[var(--color-ink-muted)]">
            {item.who}, {item.when}
            {item.stage ? <span className="block text-sm">{item.stage}</span> : null}
            {item.policyVersion ? <span className="block text-sm">Under policy version {item.policyVersion}</span> : null}
          </p>
          {item.details.length > 0 ? (
            <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[14rem_1fr]">
              {item.details.map((d) => (
                <div key={d.key} className="contents">
                  <dt className="font-bold">{d.key}</dt>
                  <dd className="mb-2 whitespace-pre-line break-words sm:mb-0">{d.value}</dd>
                </div>
              ))}
            </dl>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
