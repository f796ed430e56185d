/** The events that go with moving a dispute into a stage: its owners, forms completed on entry, the board's notice. */
import type { PartnershipTx } from "../db/scope";
import { describeParty, getStage, isUnderBoardOversight, stageName, type Policy, type Stage } from "../policy";
import { ValidationError } from "../errors";
import type { NewEvent } from "./events";
import { ownerEvent, retainedOwnerEvent } from "./members";
import { boardNoticeOnEntry } from "./policy-facts";
import type { FormInput, OwnerChoice } from "./schemas";
import { SIDES, type EscalationRow } from "./state";

export type StageEntryInput = {
  owners?: { raising?: OwnerChoice | undefined; responding?: OwnerChoice | undefined } | undefined;
  formsOnEntry?: FormInput[] | undefined;
};

/** `form_completed` events for forms of `stage`; an unknown form id is a ValidationError at `pathOf(i)`. */
export function formEvents(policy: Policy, stage: Stage, forms: readonly FormInput[], pathOf: (i: number) => string): NewEvent[] {
  return forms.map((input, i) => {
    const form = stage.forms?.find((f) => f.id === input.formId);
    if (!form) {
      const known = (stage.forms ?? []).map((f) => `"${f.id}" (${f.title})`);
      throw ValidationError.field(
        pathOf(i),
        known.length > 0
          ? `${stageName(stage)} has no form "${input.formId}". Its forms: ${known.join(", ")}.`
          : `${stageName(stage)} has no form to complete.`,
      );
    }
    const defaultRecipients = (form.sendTo ?? []).map((p) => describeParty(p, policy) + (form.email ? ` (${form.email})` : ""));
    return {
      type: "form_completed",
      payload: { formId: form.id, title: form.title, sentTo: input.sentTo ?? defaultRecipients, ...(input.note ? { note: input.note } : {}) },
    };
  });
}

export function boardNoticeEvent(policy: Policy, routeId: string, stageKey: string): NewEvent | null {
  const notice = boardNoticeOnEntry(policy, routeId, stageKey);
  if (!notice) return null;
  return { type: "board_notified", payload: { ...notice, onRegister: isUnderBoardOversight(policy, stageKey, routeId) } };
}

/**
 * What follows a move into `toKey`: owners named by the command (or kept from
 * the stage left, when they meet the new level), forms completed on entry, and
 * the board's notice. `row` is the state before the move.
 */
export async function stageEntryEvents(tx: PartnershipTx, row: EscalationRow, policy: Policy, toKey: string, input: StageEntryInput): Promise<NewEvent[]> {
  const stage = getStage(policy, toKey, row.routeId);
  const events: NewEvent[] = [];
  for (const side of SIDES) {
    const choice = input.owners?.[side];
    const event = choice ? await ownerEvent(tx, row, policy, stage, side, choice, `owners.${side}`) : await retainedOwnerEvent(tx, row, stage, side);
    if (event) events.push(event);
  }
  events.push(...formEvents(policy, stage, input.formsOnEntry ?? [], (i) => `formsOnEntry.${i}.formId`));
  const notice = boardNoticeEvent(policy, row.routeId, toKey);
  if (notice) events.push(notice);
  return events;
}
