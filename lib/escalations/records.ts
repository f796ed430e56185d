/**
 * The stored projection of one dispute in the shape the fold produces, so the
 * two can be compared (tests) and the stored one used where no replay is needed.
 */
import type { PartnershipTx } from "../db/scope";
import type { Subject } from "./schemas";
import type { ActionRow, DeadlineRow, EscalationRow, EscalationState, ParticipantRow } from "./state";

export type StoredProjection = Pick<EscalationState, "row" | "deadlines" | "participants" | "actions">;

/** The stored row, deadlines, participants and actions; null when there is no such dispute in scope. */
export async function loadStoredProjection(tx: PartnershipTx, id: string): Promise<(StoredProjection & { id: string; updatedAt: Date }) | null> {
  const found = await tx.escalation.findUnique({ where: { id }, include: { deadlines: true, participants: true, actions: true } });
  if (!found) return null;
  const { id: _id, updatedAt, deadlines, participants, actions, subjects, ...columns } = found;
  const row: EscalationRow = { ...columns, subjects: subjects as unknown as Subject[] };
  return canonical({
    id,
    updatedAt,
    row,
    deadlines: deadlines.map(({ id: _d, partnershipId: _p, escalationId: _e, ...d }): DeadlineRow => d),
    participants: participants.map(({ id: _d, partnershipId: _p, escalationId: _e, ...p }): ParticipantRow => p),
    actions: actions.map(({ partnershipId: _p, escalationId: _e, dueDate, ...a }): ActionRow => ({ ...a, dueDate: dueDate.toISOString().slice(0, 10) })),
  });
}

/** Rows in a stable order: deadlines by position, participants by who and where, actions by when added. */
export function canonical<T extends StoredProjection>(p: T): T {
  const key = (x: ParticipantRow) => `${x.role}|${x.side}|${x.stageKey}|${x.userId}`;
  return {
    ...p,
    deadlines: [...p.deadlines].sort((a, b) => a.position - b.position),
    participants: [...p.participants].sort((a, b) => key(a).localeCompare(key(b))),
    actions: [...p.actions].sort((a, b) => a.addedAt.getTime() - b.addedAt.getTime() || a.id.localeCompare(b.id)),
  };
}
