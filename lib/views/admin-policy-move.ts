/**
 * The page where a partnership administrator moves open disputes to the policy
 * version in force: each dispute's preview in words, the form's fields and what
 * it posts. Plain data, no React (app/p/[partnership]/admin/policy/move/).
 */
import { MOVE_FIELD, type DeadlineBrief, type MovePreview, type MoveSelection } from "../escalations/move-version";
import { formatLocalDate } from "../policy/format";
import { list, text, type FieldSpec, type FormValues } from "./form-spec";

/** The hidden field carrying the version of a dispute the page was built from. */
export const versionField = (id: string) => `version.${id}`;

export type MoveDeadlineRow = { label: string; due: string; how: string; decides: boolean };

export type MoveItem = {
  id: string;
  reference: string;
  movable: boolean;
  /** "Stage 2: Manager to manager (version 2024-1)". */
  now: string;
  /** "Stage 2: Managers (version 2026-1)", or why it cannot be moved. */
  after: string;
  /** How the stage was matched: the same stage, or what the newer version says. */
  how: string | null;
  before: MoveDeadlineRow[];
  afterDeadlines: MoveDeadlineRow[];
};

const rows = (list: readonly DeadlineBrief[]): MoveDeadlineRow[] =>
  list.map((d) => ({ label: d.label, due: d.due === "met" ? "Met" : d.due, how: d.explanation, decides: d.decidesOverdue }));

/** Each dispute of the preview, in words. */
export function moveItems(preview: MovePreview): MoveItem[] {
  return preview.disputes.map(({ id, reference, plan }) => {
    const now = `${plan.from.stage} (version ${plan.from.version})`;
    if (!plan.movable)
      return { id, reference, movable: false, now, after: `Cannot be moved: ${plan.reason}.`, how: null, before: rows(plan.before), afterDeadlines: [] };
    return {
      id,
      reference,
      movable: true,
      now,
      after: `${plan.to.stage} (version ${plan.to.version})`,
      how: plan.declared
        ? `Version ${plan.to.version} says where this stage goes${plan.note ? `: ${plan.note}` : "."}`
        : "The same stage, by its key, in the newer version.",
      before: rows(plan.before),
      afterDeadlines: rows(plan.after),
    };
  });
}

/** What the page says above the list. */
export function moveIntro(preview: MovePreview): string {
  if (!preview.target) return "No version of your partnership's policy is in force today, so there is nothing to move disputes to.";
  return `Version ${preview.target.version} (${preview.target.title}) has been in force since ${formatLocalDate(preview.target.effectiveFrom)}. Open disputes keep the version they were raised under unless you move them here.`;
}

/** The form: a checkbox for each dispute that can be moved, and the version of each the page was built from. */
export function moveFields(preview: MovePreview): FieldSpec[] {
  const movable = moveItems(preview).filter((i) => i.movable);
  return [
    {
      kind: "checkboxes",
      name: MOVE_FIELD,
      label: "Disputes to move",
      hint: "Select all that apply. They move together: if one cannot, none does.",
      options: movable.map((i) => ({ value: i.id, label: i.reference, hint: `${i.now} to ${i.after}` })),
    },
    ...preview.disputes.map((d) => ({ kind: "hidden" as const, name: versionField(d.id), value: String(d.version) })),
  ];
}

/** What the form posted: the disputes chosen, each with the version the page showed. */
export function moveSelection(values: FormValues): MoveSelection[] {
  return list(values, MOVE_FIELD).map((id) => {
    const raw = text(values, versionField(id));
    return { id, expectedVersion: /^\d{1,9}$/.test(raw) ? Number(raw) : 0 };
  });
}

/** The banner after moving: how many, to which version. */
export function movedMessage(done: string | undefined, preview: MovePreview): string | null {
  if (done === undefined || !/^\d{1,6}$/.test(done) || !preview.target) return null;
  const n = Number(done);
  return `${n} ${n === 1 ? "dispute has" : "disputes have"} moved to version ${preview.target.version}. Each one's history says so, and its deadlines are now those of version ${preview.target.version}.`;
}
