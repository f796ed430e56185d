/**
 * A dispute's timers: when to warn before each mandatory deadline and agreed
 * action falls due, and when each is missed. Worked out from the stored state
 * whenever its deadlines are written, so the sweep reads stored instants and
 * never replays a dispute.
 */
import { dayFromIso } from "../calendar/days";
import type { WorkingCalendar } from "../calendar/working-calendar";
import type { PartnershipTx } from "../db/scope";
import type { ActionRow, DeadlineRow, EscalationRow } from "../escalations/state";
import { endOfWorkingDay, nextWorkingMorning, warningMoment, type NoticeHours } from "./working-hours";

export const TIMER_KINDS = ["deadline_warning", "deadline_missed", "deadline_reminder", "action_warning", "action_overdue"] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

export type Timer = { kind: TimerKind; subject: string; dueAt: Date; fireAt: Date };

type TimerState = { row: Pick<EscalationRow, "status">; deadlines: readonly DeadlineRow[]; actions: readonly ActionRow[] };

/** Deadlines people are warned about and chased for: mandatory ones with a due instant, not yet met. */
export const watchedDeadline = (d: Pick<DeadlineRow, "kind" | "dueAt" | "status">): d is typeof d & { dueAt: Date } =>
  d.kind === "mandatory" && d.dueAt !== null && d.status !== "met";

/** When an agreed action becomes overdue: close of notice hours on its due date. */
export const actionDueAt = (a: Pick<ActionRow, "dueDate">, hours: NoticeHours): Date => endOfWorkingDay(dayFromIso(a.dueDate), hours);

export function timersFor(state: TimerState, hours: NoticeHours, calendar: WorkingCalendar, now: Date): Timer[] {
  const timers: Timer[] = [];
  const pair = (warn: TimerKind, miss: TimerKind, subject: string, dueAt: Date) => {
    if (dueAt.getTime() > now.getTime()) {
      const warnAt = warningMoment(dueAt, hours, calendar);
      // A warning whose moment has passed still goes, while there is time left to act.
      if (warnAt) timers.push({ kind: warn, subject, dueAt, fireAt: warnAt.getTime() > now.getTime() ? warnAt : now });
    }
    timers.push({ kind: miss, subject, dueAt, fireAt: dueAt });
  };
  // An open dispute's deadlines, and a resolved one's: what the policy asks for after resolution
  // (its stored deadlines are then those obligations). Those are warned about and reported once
  // missed, without the daily reminder: nobody can yet record one as met.
  if (state.row.status === "open" || state.row.status === "resolved") {
    for (const d of state.deadlines) {
      if (!watchedDeadline(d)) continue;
      pair("deadline_warning", "deadline_missed", d.deadlineId, d.dueAt);
      // Already missed: the daily reminder, for owners who ask for one, from the next working morning.
      if (state.row.status === "open" && d.dueAt.getTime() <= now.getTime()) timers.push(reminderTimer(d.deadlineId, d.dueAt, hours, calendar, now));
    }
  }
  // Agreed actions are followed up after the dispute is resolved, too.
  for (const a of state.actions) {
    if (a.doneAt === null && a.ownerUserId !== null) pair("action_warning", "action_overdue", a.id, actionDueAt(a, hours));
  }
  return timers;
}

/** The next daily reminder of a missed deadline: the next working morning after `now`. */
export function reminderTimer(subject: string, dueAt: Date, hours: NoticeHours, calendar: WorkingCalendar, now: Date): Timer {
  return { kind: "deadline_reminder", subject, dueAt, fireAt: nextWorkingMorning(new Date(now.getTime() + 1), hours, calendar) };
}

/** Replaces the dispute's timers with these. */
export async function writeTimers(tx: PartnershipTx, partnershipId: string, escalationId: string, timers: readonly Timer[]): Promise<void> {
  await tx.noticeTimer.deleteMany({ where: { escalationId } });
  if (timers.length === 0) return;
  await tx.noticeTimer.createMany({ data: timers.map((t) => ({ ...t, partnershipId, escalationId })), skipDuplicates: true });
}
