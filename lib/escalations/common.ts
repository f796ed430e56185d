/** Small pieces several use cases share. */
import { parseInstant, type Policy } from "../policy";
import { ValidationError } from "../errors";
import type { PayloadOf } from "./events";
import type { EscalationState } from "./state";

/** The current stage's deadlines as they stand when it is left. */
export function deadlinesThen(state: EscalationState, at: Date): PayloadOf<"escalated">["deadlinesThen"] {
  return state.deadlines.map((d) => ({
    deadlineId: d.deadlineId,
    label: d.label,
    dueAt: d.dueAt ? d.dueAt.toISOString() : null,
    overdue: d.status !== "met" && d.dueAt !== null && d.dueAt.getTime() < at.getTime(),
    ...(d.status === "met" ? { met: true } : {}),
  }));
}

/** An instant typed by a person: exact with an offset, otherwise read in the policy's time zone. */
export function parseWhen(text: string, policy: Policy, path: string): Date {
  const at = parseInstant(text, policy.timeZone);
  if (!at) throw ValidationError.field(path, "Enter a real date and time, for example 2026-06-04T09:30.");
  return at;
}

/** The corrected event must belong to this dispute and be of a type the command may correct. */
export function checkCorrection(state: EscalationState, correctsId: string | undefined, types: readonly string[], what: string): void {
  if (correctsId === undefined) return;
  const target = state.eventTypes[correctsId];
  if (!target || !types.includes(target.type)) {
    throw ValidationError.field("correctsEventId", `Choose ${what} from this dispute's history to correct.`);
  }
}
