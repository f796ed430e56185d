/**
 * Reading a dispute's history and writing a command's events with the state they
 * lead to, in the caller's transaction. The projected row, deadlines,
 * participants and actions are written from the same fold the replay uses.
 */
import type { Actor } from "../auth/actor";
import type { Prisma } from "../db/generated/client";
import type { PartnershipTx } from "../db/scope";
import type { Policy } from "../policy";
import type { WorkingCalendar } from "../calendar/working-calendar";
import { newIdOf, pinnedPolicy, type EscalationDeps } from "./deps";
import { ConflictError, NotFoundError } from "../errors";
import { eventFromRow, parsePayload, type EscalationEvent, type NewEvent } from "./events";
import { applyEvents, project, type ProjectionContext } from "./projection";
import type { ActionRow, DeadlineRow, EscalationRow, EscalationState, ParticipantRow } from "./state";

export type Loaded = {
  id: string;
  state: EscalationState;
  events: EscalationEvent[];
  /** The version the dispute is under now, and its calendar. */
  policy: Policy;
  calendar: WorkingCalendar;
  /** The partnership's other versions (a dispute moved between versions replays its earlier events under them). */
  otherVersion: ProjectionContext["otherVersion"];
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Whether an id could name a dispute at all (the database would reject anything else). */
export const isUuid = (id: string): boolean => UUID.test(id);

export async function loadEvents(tx: PartnershipTx, escalationId: string): Promise<EscalationEvent[]> {
  const rows = await tx.escalationEvent.findMany({ where: { escalationId }, orderBy: { sequence: "asc" } });
  return rows.map(eventFromRow);
}

/** The dispute and its replayed state; NotFound when it does not exist in the actor's partnership. */
export async function loadEscalation(tx: PartnershipTx, actor: Pick<Actor, "partnershipId">, id: string, deps: EscalationDeps): Promise<Loaded> {
  if (!isUuid(id)) throw new NotFoundError();
  const row = await tx.escalation.findUnique({ where: { id }, select: { id: true, partnershipId: true, policyId: true, policyVersion: true } });
  if (!row || row.partnershipId !== actor.partnershipId) throw new NotFoundError();
  const pinned = pinnedPolicy(deps, row.policyId, row.policyVersion);
  const events = await loadEvents(tx, id);
  return { id, state: project(events, pinned), events, ...pinned };
}

/**
 * Gives new events their place in the history (sequence, time, actor, the stage
 * each happened at) and applies them one by one. Payloads go through JSON and
 * their schema first, so the state applied here is the state a replay of the
 * stored rows produces.
 */
export function placeEvents(
  state: EscalationState | null,
  fresh: readonly NewEvent[],
  envelope: { at: Date; actorId: string; policyVersion: string },
  deps: EscalationDeps,
  ctx: ProjectionContext,
): { events: EscalationEvent[]; state: EscalationState } {
  let current = state;
  const events: EscalationEvent[] = [];
  for (const e of fresh) {
    const placed = {
      id: newIdOf(deps),
      sequence: (current?.row.version ?? 0) + 1,
      at: envelope.at,
      actorId: envelope.actorId,
      stageKey: current?.row.stageKey ?? (e.type === "raised" ? e.payload.stageKey : ""),
      policyVersion: envelope.policyVersion,
      correctsId: e.correctsId ?? null,
      type: e.type,
      payload: parsePayload(e.type, JSON.parse(JSON.stringify(e.payload))),
    } as EscalationEvent;
    current = applyEvents(current, [placed], ctx);
    events.push(placed);
  }
  if (!current) throw new Error("A command must record at least one event.");
  return { events, state: current };
}

function rowData(row: EscalationRow) {
  return { ...row, subjects: row.subjects as unknown as Prisma.InputJsonValue };
}

const eventData = (partnershipId: string, escalationId: string) => (e: EscalationEvent) => ({
  id: e.id,
  partnershipId,
  escalationId,
  sequence: e.sequence,
  type: e.type,
  at: e.at,
  actorId: e.actorId,
  stageKey: e.stageKey,
  policyVersion: e.policyVersion,
  payload: e.payload as unknown as Prisma.InputJsonValue,
  correctsId: e.correctsId,
});

const actionData = (partnershipId: string, escalationId: string) => (a: ActionRow) => ({
  ...a,
  partnershipId,
  escalationId,
  dueDate: new Date(`${a.dueDate}T00:00:00.000Z`),
});

/** Writes a new dispute: its row, first events and everything they project. */
export async function insertEscalation(tx: PartnershipTx, id: string, events: readonly EscalationEvent[], state: EscalationState): Promise<void> {
  const p = state.row.partnershipId;
  await tx.escalation.createMany({ data: [{ id, ...rowData(state.row) }] });
  await tx.escalationEvent.createMany({ data: events.map(eventData(p, id)) });
  await writeDeadlines(tx, p, id, state.deadlines);
  if (state.participants.length > 0)
    await tx.escalationParticipant.createMany({ data: state.participants.map((x) => ({ ...x, partnershipId: p, escalationId: id })) });
  if (state.actions.length > 0) await tx.agreedAction.createMany({ data: state.actions.map(actionData(p, id)) });
}

/**
 * Writes a command's events and the state after them. The row is updated first,
 * on condition that its version is still the one the command was decided on:
 * if another writer got there first, nothing is written and the caller is told
 * to reload. In PostgreSQL the second writer waits on the row lock, then finds
 * the version moved on.
 */
export async function commitEvents(
  tx: PartnershipTx,
  loaded: Loaded,
  expectedVersion: number,
  events: readonly EscalationEvent[],
  after: EscalationState,
): Promise<void> {
  const before = loaded.state;
  const p = after.row.partnershipId;
  const id = loaded.id;
  const updated = await tx.escalation.updateMany({ where: { id, version: expectedVersion }, data: rowData(after.row) });
  if (updated.count !== 1) throw new ConflictError();
  await tx.escalationEvent.createMany({ data: events.map(eventData(p, id)) });

  // Always rewritten: `before` is a replay on today's calendars, so comparing with it would
  // leave stored rows from an older calendar in place while nextDueAt moved on.
  await replaceDeadlines(tx, p, id, after.deadlines);

  const key = (x: ParticipantRow) => `${x.userId}|${x.role}|${x.side}|${x.stageKey}`;
  const had = new Map(before.participants.map((x) => [key(x), x]));
  const added = after.participants.filter((x) => !had.has(key(x)));
  if (added.length > 0) await tx.escalationParticipant.createMany({ data: added.map((x) => ({ ...x, partnershipId: p, escalationId: id })) });
  for (const x of after.participants) {
    const old = had.get(key(x));
    if (old && old.current !== x.current) {
      await tx.escalationParticipant.updateMany({
        where: { escalationId: id, userId: x.userId, role: x.role, side: x.side, stageKey: x.stageKey },
        data: { current: x.current },
      });
    }
  }

  const hadActions = new Map(before.actions.map((a) => [a.id, a]));
  const newActions = after.actions.filter((a) => !hadActions.has(a.id));
  if (newActions.length > 0) await tx.agreedAction.createMany({ data: newActions.map(actionData(p, id)) });
  for (const a of after.actions) {
    const old = hadActions.get(a.id);
    if (old && old.doneAt?.getTime() !== a.doneAt?.getTime()) {
      await tx.agreedAction.updateMany({ where: { id: a.id, escalationId: id }, data: { doneAt: a.doneAt } });
    }
  }
}

/** A dispute's stored deadlines, replaced by these. */
export async function replaceDeadlines(tx: PartnershipTx, partnershipId: string, escalationId: string, deadlines: readonly DeadlineRow[]): Promise<void> {
  await tx.escalationDeadline.deleteMany({ where: { escalationId } });
  await writeDeadlines(tx, partnershipId, escalationId, deadlines);
}

async function writeDeadlines(tx: PartnershipTx, partnershipId: string, escalationId: string, deadlines: readonly DeadlineRow[]): Promise<void> {
  if (deadlines.length === 0) return;
  await tx.escalationDeadline.createMany({ data: deadlines.map((d) => ({ ...d, partnershipId, escalationId })) });
}
