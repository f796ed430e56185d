import type { DueStatus, DueTone } from "@/lib/deadlines/due-status";
import { Tag, type TagColour } from "./tag";

const TONE_COLOURS: Record<DueTone, TagColour> = {
  overdue: "red",
  today: "orange",
  soon: "yellow",
  later: "grey",
  open: "blue",
};

/** A deadline as words ("Overdue by 3 working days"), coloured by urgency. */
export function DueTag({ status }: { status: DueStatus }) {
  return <Tag colour={TONE_COLOURS[status.tone]}>{status.text}</Tag>;
}
