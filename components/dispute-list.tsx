import Link from "next/link";
import { agenciesText, stageText, subjectsText, type EscalationSummary } from "@/lib/views/dashboard";
import { DueTag } from "./due-tag";
import { Tag, type TagColour } from "./tag";

const CLOSED: Record<"resolved" | "withdrawn", { colour: TagColour; text: string }> = {
  resolved: { colour: "green", text: "Resolved" },
  withdrawn: { colour: "grey", text: "Withdrawn" },
};

/** Where a dispute stands: its next deadline in words (coloured by urgency), or how it closed. */
export function DisputeStatusTag({ item }: { item: Pick<EscalationSummary, "status" | "nextDue"> }) {
  if (item.status !== "open") return <Tag colour={CLOSED[item.status].colour}>{CLOSED[item.status].text}</Tag>;
  return <DueTag status={item.nextDue} />;
}

/** Said when a form the policy requires at the current stage is not yet recorded. */
export function FormOutstandingTag({ item }: { item: Pick<EscalationSummary, "formOutstanding"> }) {
  return item.formOutstanding ? <Tag colour="orange">Form outstanding</Tag> : null;
}

/**
 * Disputes as a list, each with its reference (a link to the dispute), whether
 * it is urgent or has a form outstanding, who it concerns (initials only), the
 * other agency as seen from the reader's, the current stage and its next deadline. `labelledBy` names the list after its heading.
 */
export function DisputeList({ items, labelledBy, myAgencyId }: { items: EscalationSummary[]; labelledBy: string; myAgencyId: string }) {
  return (
    <ul aria-labelledby={labelledBy} className="mb-6 border-t border-[var(--color-border)]">
      {items.map((item) => (
        <li key={item.id} className="border-b border-[var(--color-border)] py-3">
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <Link href={item.links.page} prefetch={false} className="text-lg font-bold">
              {item.reference}
            </Link>
            {item.urgent ? <Tag colour="purple">Urgent</Tag> : null}
            <FormOutstandingTag item={item} />
          </p>
          <p className="break-words">
            Concerning {subjectsText(item)} · {agenciesText(item, myAgencyId)}
          </p>
          <p className="mb-1 break-words text-[var(--color-ink-muted)]">{stageText(item)}</p>
          <DisputeStatusTag item={item} />
        </li>
      ))}
    </ul>
  );
}
