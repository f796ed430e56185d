/**
 * Moving open disputes to a newer version of their partnership's policy, on
 * purpose (docs/policy-format.md, "Moving open disputes to a newer version").
 *
 * A partnership administrator first sees, for each open dispute under an older
 * version, where it would go (route and stage in the newer version, by the same
 * key or by the newer version's `movesFrom`) and each deadline before and after,
 * worked out by the deadline engine from the dispute's own events; or why it
 * cannot be moved. Moving writes one `policy_version_changed` event per dispute,
 * with the row, deadlines, timers and an audit entry, all the selected disputes
 * in one transaction: all of them move, or none.
 */
import type { Actor } from "../auth/actor";
import { audit, type RequestContext } from "../auth/audit";
import { can } from "../auth/permissions";
import type { Database } from "../db/connect";
import { inPartnership } from "../db/scope";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { formatDue, isNewerVersion, stageMap, stageWordsIn, whereStageMoves, type Policy } from "../policy";
import { runCommandIn, type CommandResult } from "./command";
import { deadlinesThen } from "./common";
import { nowOf, type EscalationDeps } from "./deps";
import type { EscalationEvent, NewEvent, PayloadOf } from "./events";
import { applyEvents, contextAt, type ProjectionContext, type VersionContext } from "./projection";
import { isUuid, loadEscalation } from "./store";
import type { DeadlineRow, EscalationState } from "./state";

/** A deadline as the preview shows it: when it is due, in words, and how that was worked out. */
export type DeadlineBrief = {
  deadlineId: string;
  label: string;
  dueAt: Date | null;
  /** "by 5pm on Tuesday 7 April 2026", "met", or why there is no date. */
  due: string;
  /** The engine's explanation of the date. */
  explanation: string;
  decidesOverdue: boolean;
};

/** A dispute's place in one version: the version, the route and the stage (key and title). */
export type PolicyPlace = { version: string; routeId: string; stageKey: string; stage: string };

export type MovePlan =
  | {
      movable: true;
      from: PolicyPlace;
      to: PolicyPlace;
      /** true: the newer version's movesFrom sends the stage there; false: the same route id and stage key. */
      declared: boolean;
      note: string | null;
      before: DeadlineBrief[];
      after: DeadlineBrief[];
      event: NewEvent;
    }
  | { movable: false; from: PolicyPlace; reason: string; before: DeadlineBrief[] };

function briefs(deadlines: readonly DeadlineRow[], timeZone: string): DeadlineBrief[] {
  return deadlines.map((d) => ({
    deadlineId: d.deadlineId,
    label: d.label,
    dueAt: d.dueAt,
    due: d.status === "met" ? "met" : d.dueAt ? formatDue(d.dueAt, timeZone) : "no due date",
    explanation: d.explanation,
    decidesOverdue: d.decidesOverdue,
  }));
}

/**
 * What moving one dispute to `target` would do. Plain: `ctx` is the dispute's
 * version now (with its others, for the replay), `target` the newer version.
 * The deadlines after are the projection's, from the dispute's own events, on
 * the newer version: exactly what the move writes.
 */
export function planMove(state: EscalationState, ctx: ProjectionContext, target: VersionContext, now: Date): MovePlan {
  const row = state.row;
  const current = contextAt(ctx, row.policyVersion);
  const from: PolicyPlace = {
    version: row.policyVersion,
    routeId: row.routeId,
    stageKey: row.stageKey,
    stage: stageWordsIn(current.policy, row.routeId, row.stageKey),
  };
  const before = briefs(state.deadlines, current.policy.timeZone);
  const cannot = (reason: string): MovePlan => ({ movable: false, from, reason, before });
  if (row.status !== "open") return cannot(`it is ${row.status}; only open disputes move`);
  if (target.policy.partnership.id !== current.policy.partnership.id) return cannot(`version ${target.policy.version} is another partnership's policy`);
  if (target.policy.version === row.policyVersion) return cannot(`it is already under version ${target.policy.version}`);
  if (!isNewerVersion(target.policy, current.policy)) {
    return cannot(`version ${target.policy.version} is not newer than version ${row.policyVersion} (in force from ${target.policy.effectiveFrom})`);
  }
  const dest = whereStageMoves(target.policy, row.policyVersion, row.routeId, row.stageKey);
  if (!dest.ok) return cannot(dest.reason);

  const both: ProjectionContext = {
    ...current,
    otherVersion: (v) => (v === target.policy.version ? target : ctx.otherVersion?.(v)),
  };
  const payload = (deadlinesAfter: PayloadOf<"policy_version_changed">["deadlinesAfter"]): PayloadOf<"policy_version_changed"> => ({
    from: row.policyVersion,
    to: target.policy.version,
    routeFrom: row.routeId,
    routeTo: dest.routeId,
    stageFrom: row.stageKey,
    stageTo: dest.stageKey,
    stages: stageMap(target.policy, current.policy, row.routeId, dest.routeId),
    deadlinesThen: deadlinesThen(state, now),
    deadlinesAfter,
  });
  // The move applied to a copy of the state, as the command will apply it.
  const trial = {
    id: "00000000-0000-0000-0000-000000000000",
    sequence: row.version + 1,
    at: now,
    actorId: "00000000-0000-0000-0000-000000000000",
    stageKey: row.stageKey,
    policyVersion: row.policyVersion,
    correctsId: null,
    type: "policy_version_changed",
    payload: payload([]),
  } satisfies EscalationEvent;
  const after = applyEvents(state, [trial], both);
  if (!after) throw new Error("A move needs the dispute it moves.");
  return {
    movable: true,
    from,
    to: { version: target.policy.version, routeId: dest.routeId, stageKey: dest.stageKey, stage: stageWordsIn(target.policy, dest.routeId, dest.stageKey) },
    declared: dest.declared,
    note: dest.note,
    before,
    after: briefs(after.deadlines, target.policy.timeZone),
    event: { type: "policy_version_changed", payload: payload(deadlinesThen(after, now)) },
  };
}

/** The version open disputes may be moved to: the one in force now. */
export function targetVersion(deps: EscalationDeps, partnershipId: string, now: Date): Policy | undefined {
  return deps.policies.inForce(partnershipId, now);
}

export type MovePreviewItem = { id: string; reference: string; version: number; plan: MovePlan };

export type MovePreview = {
  /** The version in force now, which disputes move to; null when none is. */
  target: { version: string; title: string; effectiveFrom: string } | null;
  /** Every open dispute of the partnership under an older version, oldest reference first. */
  disputes: MovePreviewItem[];
};

function requireMover(actor: Actor): void {
  // To anyone else, the preview and the move do not exist.
  if (!can(actor, "policy.move")) throw new NotFoundError();
}

/** The preview: what moving each open dispute under an older version to the version in force would do. */
export async function previewPolicyMoves(db: Database, actor: Actor, deps: EscalationDeps): Promise<MovePreview> {
  requireMover(actor);
  const now = nowOf(deps);
  const target = targetVersion(deps, actor.partnershipId, now);
  if (!target) return { target: null, disputes: [] };
  const targetCtx: VersionContext = { policy: target, calendar: deps.policies.calendarFor(target) };
  return inPartnership(db, actor, async (tx) => {
    const rows = await tx.escalation.findMany({
      where: { partnershipId: actor.partnershipId, status: "open", policyVersion: { not: target.version } },
      select: { id: true, reference: true, policyId: true, policyVersion: true },
      orderBy: { reference: "asc" },
    });
    const disputes: MovePreviewItem[] = [];
    for (const r of rows) {
      const older = deps.policies.get(r.policyId, r.policyVersion);
      // A dispute under a version newer than the one in force (one not yet in force cannot have any) is not moved back.
      if (older && !isNewerVersion(target, older)) continue;
      const loaded = await loadEscalation(tx, actor, r.id, deps);
      disputes.push({ id: r.id, reference: r.reference, version: loaded.state.row.version, plan: planMove(loaded.state, loaded, targetCtx, now) });
    }
    return { target: { version: target.version, title: target.title, effectiveFrom: target.effectiveFrom }, disputes };
  });
}

export type MoveSelection = { id: string; expectedVersion: number };

/** The form field the disputes are chosen in: errors about the choice name it. */
export const MOVE_FIELD = "disputes";

/**
 * Moves the chosen disputes to the version in force, each through the command
 * path (its event, row, deadlines, timers and webhooks), with an audit entry
 * each, all in one transaction. Nothing is written if any cannot be moved or
 * changed since the preview.
 */
export async function moveDisputesToVersion(
  db: Database,
  actor: Actor,
  chosen: readonly MoveSelection[],
  deps: EscalationDeps,
  context: RequestContext,
): Promise<CommandResult[]> {
  requireMover(actor);
  if (chosen.length === 0) throw ValidationError.field(MOVE_FIELD, "Select at least one dispute to move");
  const bad = chosen.find((c) => !isUuid(c.id) || !Number.isInteger(c.expectedVersion) || c.expectedVersion < 1);
  if (bad) throw ValidationError.field(MOVE_FIELD, "Select disputes from the list on this page");
  const now = nowOf(deps);
  const target = targetVersion(deps, actor.partnershipId, now);
  if (!target) throw ValidationError.field(MOVE_FIELD, "No version of the policy is in force today, so there is nothing to move disputes to");
  const targetCtx: VersionContext = { policy: target, calendar: deps.policies.calendarFor(target) };
  const mayAct = () => can(actor, "policy.move");
  return inPartnership(db, actor, async (tx) => {
    const results: CommandResult[] = [];
    const problems: string[] = [];
    for (const c of [...new Map(chosen.map((x) => [x.id, x])).values()]) {
      try {
        results.push(
          await runCommandIn(
            tx,
            actor,
            c.id,
            c.expectedVersion,
            deps,
            async ({ state, loaded }) => {
              const plan = planMove(state, loaded, targetCtx, now);
              if (!plan.movable) throw new CannotMove(state.row.reference, plan.reason);
              await audit(tx, context, [
                {
                  type: "policy_version_moved",
                  at: now,
                  partnershipId: actor.partnershipId,
                  actorId: actor.userId,
                  subjectType: "escalation",
                  subjectId: c.id,
                  details: {
                    reference: state.row.reference,
                    from: { version: plan.from.version, routeId: plan.from.routeId, stageKey: plan.from.stageKey },
                    to: { version: plan.to.version, routeId: plan.to.routeId, stageKey: plan.to.stageKey },
                    nextDueBefore: state.row.nextDueAt?.toISOString() ?? null,
                    deadlinesBefore: plan.before.map((d) => ({ deadlineId: d.deadlineId, dueAt: d.dueAt?.toISOString() ?? null })),
                    deadlinesAfter: plan.after.map((d) => ({ deadlineId: d.deadlineId, dueAt: d.dueAt?.toISOString() ?? null })),
                  },
                },
              ]);
              return [plan.event];
            },
            { mayAct },
          ),
        );
      } catch (error) {
        if (error instanceof CannotMove) problems.push(`${error.reference} cannot be moved: ${error.reason}`);
        else if (error instanceof ConflictError)
          problems.push("A dispute you selected has changed since this page was shown. Check the list again, then move them");
        else if (error instanceof NotFoundError) problems.push("Select disputes from the list on this page");
        else throw error;
      }
    }
    // All or none: a problem with any one of them leaves every dispute as it was.
    if (problems.length > 0) throw ValidationError.field(MOVE_FIELD, [...new Set(problems)].join(". "));
    return results;
  });
}

class CannotMove extends Error {
  constructor(
    readonly reference: string,
    readonly reason: string,
  ) {
    super(`${reference} cannot be moved: ${reason}`);
  }
}
