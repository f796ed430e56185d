/**
 * The author's EscalationDraft: one per user per partnership, seen only by its
 * author (row-level security), read and written only within inPartnership.
 */
import type { Actor } from "../auth/actor";
import type { Database } from "../db/connect";
import { inPartnership } from "../db/scope";
import { raiseEscalation, type CommandResult, type EscalationDeps } from "../escalations";
import { partnershipDirectory } from "../escalations/directory";
import { nowOf } from "../escalations/deps";
import { PreconditionError } from "../errors";
import { readAnswers, toRaiseInput, type Draft, type DraftAnswers, type RaiseStep } from "./answers";
import { checkStep, mergeAnswers } from "./steps";

type Who = Pick<Actor, "partnershipId" | "userId">;

/** The actor's draft in this partnership, or null. */
export async function loadDraft(db: Database, actor: Who): Promise<Draft | null> {
  const row = await inPartnership(db, actor, (tx) =>
    tx.escalationDraft.findUnique({ where: { partnershipId_userId: { partnershipId: actor.partnershipId, userId: actor.userId } } }),
  );
  return row ? { answers: readAnswers(row.data), createdAt: row.createdAt, updatedAt: row.updatedAt } : null;
}

async function writeAnswers(db: Database, actor: Who, answers: DraftAnswers): Promise<Draft> {
  const data = { answers };
  const row = await inPartnership(db, actor, (tx) =>
    tx.escalationDraft.upsert({
      where: { partnershipId_userId: { partnershipId: actor.partnershipId, userId: actor.userId } },
      create: { partnershipId: actor.partnershipId, userId: actor.userId, data },
      update: { data },
    }),
  );
  return { answers: readAnswers(row.data), createdAt: row.createdAt, updatedAt: row.updatedAt };
}

/**
 * Checks one step's answers and, only if they are all right, saves them into the
 * draft (creating it on the first step). Throws ValidationError (nothing saved)
 * or PreconditionError when the partnership has no policy in force.
 */
export async function saveDraftStep(db: Database, actor: Actor, step: RaiseStep, input: unknown, deps: EscalationDeps): Promise<Draft> {
  const now = nowOf(deps);
  const policy = deps.policies.inForce(actor.partnershipId, now);
  if (!policy) {
    throw new PreconditionError("Your partnership has no escalation policy in force today, so a dispute cannot be raised. Ask your partnership administrator.");
  }
  const [existing, directory] = await Promise.all([loadDraft(db, actor), partnershipDirectory(db, actor)]);
  const previous = existing?.answers ?? {};
  const answers = checkStep(step, input, { policy, agencyId: actor.agencyId, directory, now, answers: previous });
  return writeAnswers(db, actor, mergeAnswers(previous, answers, { directory, agencyId: actor.agencyId }));
}

/** Deletes the actor's draft ("Start again", or once the dispute is raised). */
export async function deleteDraft(db: Database, actor: Who): Promise<void> {
  await inPartnership(db, actor, (tx) => tx.escalationDraft.deleteMany({ where: { partnershipId: actor.partnershipId, userId: actor.userId } }));
}

/**
 * Raises the dispute from the draft (raiseEscalation checks every answer again),
 * deleting the draft in the same transaction: on any error the draft is kept as
 * it was, and of two submits at once (a double click, two tabs) only the first
 * raises; the other finds the draft gone and is told so.
 */
export async function raiseFromDraft(db: Database, actor: Actor, deps: EscalationDeps): Promise<CommandResult> {
  const draft = await loadDraft(db, actor);
  return raiseEscalation(db, actor, toRaiseInput(draft?.answers ?? {}), deps, {
    claim: async (tx) => {
      const { count } = await tx.escalationDraft.deleteMany({ where: { partnershipId: actor.partnershipId, userId: actor.userId } });
      if (count === 0) {
        throw new PreconditionError("This disagreement has already been raised. You will find it on your dashboard.");
      }
    },
  });
}
