/**
 * Recording that a form of the current stage was completed, and who it went to.
 * With `attachDocument`, the person says they sent the form Parley produced from
 * the record: the event keeps the version it was built from (the version the
 * command is checked against, so the record cannot have moved in between) and
 * the SHA-256 of that document's HTML, so the history shows exactly what was sent.
 */
import { z } from "zod";
import type { Actor } from "../auth/actor";
import type { Database } from "../db/connect";
import { buildFormDocument } from "../forms/build";
import { formFingerprint } from "../forms/html";
import { loadFormSource } from "../forms/source";
import { getStage } from "../policy";
import { requireAction } from "./actions";
import { runCommand, type CommandResult } from "./command";
import type { EscalationDeps } from "./deps";
import { FormInputSchema, expectedVersion, parseInput } from "./schemas";
import { formEvents } from "./stage-entry";

export const CompleteFormInput = FormInputSchema.extend({
  expectedVersion,
  /** The form sent was the one Parley produced from the record at expectedVersion: record its fingerprint. */
  attachDocument: z.boolean({ error: "attachDocument is true or false." }).optional(),
});
export type CompleteFormInput = z.input<typeof CompleteFormInput>;

export async function completeForm(db: Database, actor: Actor, escalationId: string, input: unknown, deps: EscalationDeps): Promise<CommandResult> {
  const { expectedVersion: version, attachDocument, ...form } = parseInput(CompleteFormInput, input);
  return runCommand(db, actor, escalationId, version, deps, async ({ tx, state, loaded }) => {
    const { policy } = loaded;
    requireAction(actor, state, policy, "complete_form");
    const events = formEvents(policy, getStage(policy, state.row.stageKey, state.row.routeId), [form], () => "formId");
    if (!attachDocument) return events;
    // The record is at `version` (runCommand checked it), so this is the document the person saw and sent.
    const doc = buildFormDocument(await loadFormSource(tx, loaded), form.formId, version);
    const [completed] = events;
    if (!doc || completed?.type !== "form_completed") return events;
    return [{ ...completed, payload: { ...completed.payload, document: { version: doc.version, sha256: formFingerprint(doc), format: "html" } } }];
  });
}
