/** Dispute summaries as GET /api/v1/escalations returns them, for the dashboard and register tests. */
import type { EscalationSummary } from "../../../lib/views/dashboard";

export const SCHOOL = { id: "00000000-0000-7000-8000-000000000001", name: "Paignton Community Primary School" };
export const CSC = { id: "00000000-0000-7000-8000-000000000002", name: "Torbay Council Children's Services" };
export const HEALTH = { id: "00000000-0000-7000-8000-000000000003", name: "Torbay and South Devon NHS Foundation Trust" };

const TONE_TEXT: Record<EscalationSummary["nextDue"]["tone"], string> = {
  overdue: "Overdue by 2 working days (was due Tuesday 2 June, 5pm)",
  today: "Due today (5pm)",
  soon: "Due in 3 working days (Tuesday 9 June, 5pm)",
  later: "Due in 8 working days (Tuesday 16 June, 5pm)",
  open: "No due date at this stage",
};

let counter = 0;

/**
 * One summary. `tone` and `at` set its next deadline (the words follow the tone);
 * `status` other than open closes it, as the API does ("Resolved", no date).
 */
export function summary(
  over: Partial<Omit<EscalationSummary, "nextDue">> & { tone?: EscalationSummary["nextDue"]["tone"]; at?: string | null; key?: string } = {},
): EscalationSummary {
  counter++;
  const { tone = "later", at, key, ...rest } = over;
  const status = rest.status ?? "open";
  const id = `00000000-0000-7000-8000-${String(counter).padStart(12, "0")}`;
  const nextDue: EscalationSummary["nextDue"] =
    status === "open"
      ? {
          at: at === undefined ? (tone === "open" ? null : "2026-06-09T17:00:00+01:00") : at,
          text: TONE_TEXT[tone],
          tone,
          overdue: tone === "overdue",
        }
      : { at: null, text: status === "resolved" ? "Resolved" : "Withdrawn", tone: "open", overdue: false };
  return {
    id,
    reference: key ?? `TSCP-2026-${String(counter).padStart(4, "0")}`,
    status,
    urgent: false,
    stage: { key: "stage-1", number: 1, title: "Practitioner to practitioner" },
    raisedAt: "2026-06-01T10:00:00+01:00",
    raisedById: "00000000-0000-7000-8000-0000000000aa",
    raisingAgency: SCHOOL,
    respondingAgency: CSC,
    respondingPerson: "Sam Riley",
    areas: ["levels-of-need"],
    subjects: [{ kind: "child", initials: "JS" }],
    owners: { raising: null, responding: null },
    ownerNames: { raising: null, responding: null },
    stageEnteredAt: "2026-06-01T10:00:00+01:00",
    closedAt: status === "open" ? null : "2026-06-03T15:00:00+01:00",
    onRegister: false,
    formOutstanding: false,
    version: 1,
    links: { api: `/api/v1/escalations/${id}`, page: `/p/torbay/disputes/${id}` },
    ...rest,
    nextDue,
  };
}

export const refs = (items: readonly EscalationSummary[]) => items.map((i) => i.reference);
