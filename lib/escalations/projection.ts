/**
 * The fold from events to state. `project` rebuilds a dispute from its history
 * alone; the write path applies a command's new events to the loaded state with
 * the same `applyEvents`, so what is stored equals the replay by construction.
 */
import { computeObligations, computeStageDeadlines, getRoute, getStage, isUnderBoardOversight, type Policy } from "../policy";
import type { WorkingCalendar } from "../calendar/working-calendar";
import type { Side } from "../db/generated/enums";
import type { EscalationEvent } from "./events";
import { disputeFacts, ranksAt } from "./policy-facts";
import type { DeadlineRow, EscalationState, ParticipantRow } from "./state";

/** One policy version and the calendar its deadlines count on. */
export type VersionContext = { policy: Policy; calendar: WorkingCalendar };

/**
 * The version the replay starts from (the dispute's version now, or the one it
 * was raised under), and, for a dispute moved between versions
 * (policy_version_changed), the others it was under.
 */
export type ProjectionContext = VersionContext & { otherVersion?: ((version: string) => VersionContext | undefined) | undefined };

/** The policy and calendar of one version of the dispute's policy. */
export function contextAt(ctx: ProjectionContext, version: string): VersionContext {
  if (ctx.policy.version === version) return ctx;
  const other = ctx.otherVersion?.(version);
  if (!other) throw new ProjectionError(`The history is under version ${version} of ${ctx.policy.partnership.id}'s policy, which this replay was not given.`);
  return other;
}

export class ProjectionError extends Error {
  override readonly name = "ProjectionError";
}

export function project(events: readonly EscalationEvent[], ctx: ProjectionContext): EscalationState {
  const state = applyEvents(null, events, ctx);
  if (!state) throw new ProjectionError("A dispute needs at least its raised event.");
  return state;
}

/** Applies events in order to a copy of the state (null before the raise). */
export function applyEvents(state: EscalationState | null, events: readonly EscalationEvent[], ctx: ProjectionContext): EscalationState | null {
  let next = state ? structuredClone(state) : null;
  for (const event of events) next = applyEvent(next, event, ctx);
  return next;
}

/** Mutates and returns `state` (a copy owned by applyEvents). */
function applyEvent(state: EscalationState | null, event: EscalationEvent, ctx: ProjectionContext): EscalationState {
  if (event.type === "raised") {
    if (state) throw new ProjectionError(`Event ${event.sequence}: a dispute is raised only once.`);
    if (event.sequence !== 1) throw new ProjectionError(`The raised event must be event 1, not ${event.sequence}.`);
    return derive(initialState(event), ctx);
  }
  if (!state) throw new ProjectionError(`Event ${event.sequence} (${event.type}) comes before the dispute was raised.`);
  if (event.sequence !== state.row.version + 1) {
    throw new ProjectionError(`Event ${event.sequence} follows version ${state.row.version}: the history has a gap or a duplicate.`);
  }
  state.row.version = event.sequence;
  state.eventTypes[event.id] = { type: event.type, stageKey: event.stageKey };
  const row = state.row;

  switch (event.type) {
    case "discussion_recorded":
      // A correction replaces the discussion it names; it is not a further one.
      if (!event.correctsId) state.discussions[event.stageKey] = (state.discussions[event.stageKey] ?? 0) + 1;
      break;
    case "escalated":
      moveTo(state, event.payload.to, event.at, "escalated");
      break;
    case "expedited":
      moveTo(state, event.payload.to, event.at, "expedited");
      row.urgent = true;
      for (const key of event.payload.skipped) if (!state.skipped.includes(key)) state.skipped.push(key);
      break;
    case "owner_assigned":
      assignOwner(state, event.payload.side, event.payload.userId, event.stageKey);
      break;
    case "deadline_set":
      state.setDeadlines[event.payload.deadlineId] = new Date(event.payload.dueAt);
      break;
    case "milestone_recorded": {
      let stageKey = event.stageKey;
      const corrected = event.correctsId ? state.milestones.find((m) => m.eventId === event.correctsId) : undefined;
      if (corrected) {
        corrected.superseded = true;
        stageKey = corrected.stageKey;
      }
      state.milestones.push({
        eventId: event.id,
        milestoneId: event.payload.milestoneId,
        stageKey,
        occurredAt: new Date(event.payload.occurredAt),
        superseded: false,
      });
      break;
    }
    case "form_completed": {
      const done = (state.forms[event.stageKey] ??= {});
      done[event.payload.formId] ??= event.at;
      break;
    }
    case "board_notified":
      break;
    case "action_added":
      state.actions.push({
        id: event.payload.actionId,
        description: event.payload.description,
        ownerName: event.payload.ownerName,
        ownerUserId: event.payload.ownerUserId,
        ownerAgencyId: event.payload.ownerAgencyId,
        dueDate: event.payload.dueDate,
        addedAt: event.at,
        doneAt: null,
      });
      break;
    case "action_completed": {
      const action = state.actions.find((a) => a.id === event.payload.actionId);
      if (!action) throw new ProjectionError(`Event ${event.sequence} completes an agreed action the dispute does not have.`);
      action.doneAt ??= event.at;
      break;
    }
    case "resolved":
      row.status = "resolved";
      row.outcome = event.payload.outcome;
      row.closedAt = event.at;
      break;
    case "withdrawn":
      row.status = "withdrawn";
      row.closedAt = event.at;
      break;
    case "comment":
      break;
    case "policy_version_changed": {
      const p = event.payload;
      if (p.from !== row.policyVersion) {
        throw new ProjectionError(`Event ${event.sequence} moves the dispute from version ${p.from}, but it is under version ${row.policyVersion}.`);
      }
      if (p.stages[row.stageKey] !== p.stageTo) {
        throw new ProjectionError(`Event ${event.sequence} moves the dispute to ${p.stageTo}, but its stage map sends ${row.stageKey} elsewhere.`);
      }
      row.policyVersion = p.to;
      row.routeId = p.routeTo;
      renameStages(state, p.stages);
      break;
    }
    default: {
      const never: never = event;
      throw new ProjectionError(`Unknown event ${JSON.stringify(never)}`);
    }
  }
  return derive(state, ctx);
}

function initialState(event: Extract<EscalationEvent, { type: "raised" }>): EscalationState {
  const p = event.payload;
  const participants: ParticipantRow[] = [{ userId: event.actorId, role: "raiser", side: "raising", stageKey: "", current: true }];
  if (p.respondingUserId) participants.push({ userId: p.respondingUserId, role: "responder", side: "responding", stageKey: "", current: true });
  return {
    row: {
      partnershipId: p.policyId,
      reference: p.reference,
      policyId: p.policyId,
      policyVersion: p.policyVersion,
      routeId: p.routeId,
      status: "open",
      urgent: p.urgent,
      raisedAt: event.at,
      raisedById: event.actorId,
      raisingAgencyId: p.raisingAgencyId,
      respondingAgencyId: p.respondingAgencyId,
      respondingPerson: p.respondingPerson,
      subjects: p.subjects,
      areas: p.areas,
      areaOther: p.areaOther,
      decisionDisputed: p.decisionDisputed,
      whyUnsafe: p.whyUnsafe,
      evidenceSummary: p.evidenceSummary,
      outcomeSought: p.outcomeSought,
      timescaleSought: p.timescaleSought,
      immediateRisk: p.immediateRisk,
      immediateRiskNote: p.immediateRiskNote,
      stageKey: p.stageKey,
      stageNumber: null,
      stageEnteredAt: event.at,
      raisingOwnerId: null,
      respondingOwnerId: null,
      raisingRank: 0,
      respondingRank: 0,
      onRegister: false,
      nextDueAt: null,
      formOutstanding: false,
      outcome: null,
      closedAt: null,
      version: 1,
    },
    deadlines: [],
    participants,
    actions: [],
    visits: [{ stageKey: p.stageKey, enteredAt: event.at, how: "raised", leftAt: null }],
    skipped: [],
    discussions: {},
    forms: {},
    milestones: [],
    setDeadlines: {},
    eventTypes: { [event.id]: { type: event.type, stageKey: event.stageKey } },
  };
}

/**
 * A move to another policy version: what was recorded at each stage counts at
 * the stage it maps to (keys of the old route not in `map` stay as they were:
 * history only). Participants keep the stage they owned: their rows are who did
 * what, and the current owners are the ones marked current.
 */
function renameStages(state: EscalationState, map: Readonly<Record<string, string>>): void {
  const to = (key: string) => map[key] ?? key;
  state.row.stageKey = to(state.row.stageKey);
  for (const v of state.visits) v.stageKey = to(v.stageKey);
  state.skipped = [...new Set(state.skipped.map(to))];
  const discussions: Record<string, number> = {};
  for (const [key, n] of Object.entries(state.discussions)) discussions[to(key)] = (discussions[to(key)] ?? 0) + n;
  state.discussions = discussions;
  const forms: EscalationState["forms"] = {};
  for (const [key, done] of Object.entries(state.forms)) {
    const into = (forms[to(key)] ??= {});
    for (const [formId, at] of Object.entries(done)) if (!into[formId] || at.getTime() < into[formId].getTime()) into[formId] = at;
  }
  state.forms = forms;
  for (const m of state.milestones) m.stageKey = to(m.stageKey);
  for (const e of Object.values(state.eventTypes)) e.stageKey = to(e.stageKey);
}

function moveTo(state: EscalationState, stageKey: string, at: Date, how: "escalated" | "expedited"): void {
  // The owners of the stage left (after a move between versions, their rows may name its old key).
  for (const p of state.participants) if (p.role === "owner" && p.current) p.current = false;
  const last = state.visits[state.visits.length - 1];
  if (last) last.leftAt = at;
  state.visits.push({ stageKey, enteredAt: at, how, leftAt: null });
  state.row.stageKey = stageKey;
  state.row.stageEnteredAt = at;
  // Owners belong to a stage: the new one starts unowned until someone is assigned.
  state.row.raisingOwnerId = null;
  state.row.respondingOwnerId = null;
}

function assignOwner(state: EscalationState, side: Side, userId: string, stageKey: string): void {
  const key = side === "raising" ? "raisingOwnerId" : "respondingOwnerId";
  const previous = state.row[key];
  if (previous && previous !== userId) {
    // The current owner on that side (whose row may name the stage's key under an earlier version).
    const p = state.participants.find((x) => x.userId === previous && x.role === "owner" && x.side === side && x.current);
    if (p) p.current = false;
  }
  state.row[key] = userId;
  const existing = findParticipant(state.participants, { userId, role: "owner", side, stageKey });
  if (existing) existing.current = true;
  else state.participants.push({ userId, role: "owner", side, stageKey, current: true });
}

function findParticipant(list: ParticipantRow[], key: Omit<ParticipantRow, "current">): ParticipantRow | undefined {
  return list.find((p) => p.userId === key.userId && p.role === key.role && p.side === key.side && p.stageKey === key.stageKey);
}

/** Recomputes every column that follows from the stage, the policy and the anchors. */
function derive(state: EscalationState, all: ProjectionContext): EscalationState {
  const row = state.row;
  const ctx = contextAt(all, row.policyVersion);
  const stage = getStage(ctx.policy, row.stageKey, getRoute(ctx.policy, row.routeId).id);
  row.stageNumber = stage.number ?? null;
  Object.assign(row, ranksAt(stage));
  row.onRegister = isUnderBoardOversight(ctx.policy, row.stageKey, row.routeId);
  // Open: the stage's deadlines. Resolved: what the policy asks for after resolution at that stage
  // (its obligations, counted from closedAt), which never decide overdue, so nextDueAt stays null.
  state.deadlines =
    row.status === "open" ? materialiseDeadlines(state, ctx, "stage") : row.status === "resolved" ? materialiseDeadlines(state, ctx, "obligations") : [];
  // A met deadline no longer makes the stage overdue.
  row.nextDueAt = state.deadlines.find((d) => d.decidesOverdue && d.status !== "met")?.dueAt ?? null;
  const done = state.forms[row.stageKey] ?? {};
  row.formOutstanding = row.status === "open" && (stage.forms ?? []).some((f) => f.use === "required" && done[f.id] === undefined);
  return state;
}

/** Milestones recorded at the current stage (the latest of each, corrections applied). */
export function anchorEvents(state: EscalationState): Record<string, Date> {
  return eventsByStage(state)[state.row.stageKey] ?? {};
}

/** Milestones by the stage they were recorded at (the latest of each, corrections applied): what `{ event, stage }` anchors read. */
export function eventsByStage(state: Pick<EscalationState, "milestones">): Record<string, Record<string, Date>> {
  const byStage: Record<string, Record<string, Date>> = {};
  for (const m of state.milestones) {
    if (!m.superseded) (byStage[m.stageKey] ??= {})[m.milestoneId] = m.occurredAt;
  }
  return byStage;
}

function materialiseDeadlines(state: EscalationState, ctx: VersionContext, which: "stage" | "obligations"): DeadlineRow[] {
  const row = state.row;
  const compute = which === "stage" ? computeStageDeadlines : computeObligations;
  const computed = compute({
    policy: ctx.policy,
    routeId: row.routeId,
    stageKey: row.stageKey,
    anchors: {
      raised: row.raisedAt,
      stageEntered: row.stageEnteredAt,
      events: anchorEvents(state),
      eventsByStage: eventsByStage(state),
      set: state.setDeadlines,
      forms: state.forms[row.stageKey] ?? {},
      ...(which === "obligations" && row.closedAt ? { resolved: row.closedAt } : {}),
    },
    calendar: ctx.calendar,
    // The facts as they are now: expediting makes a dispute urgent, and its branch's deadlines follow.
    facts: disputeFacts(row),
  });
  return computed.map((d, position) => ({
    stageKey: row.stageKey,
    deadlineId: d.id,
    position,
    label: d.label,
    kind: d.kind,
    unit: d.unit,
    status: d.status,
    dueAt: d.dueAt,
    decidesOverdue: d.decidesOverdue,
    rule: d.rule,
    explanation: d.explanation,
    warnings: d.warnings,
    cite: d.cite,
  }));
}
