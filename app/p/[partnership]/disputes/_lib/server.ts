import "server-only";
import { notFound } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { decodeParam } from "@/lib/auth/redirects";
import { currentRequestContext, requireActor } from "@/lib/auth/server";
import { appNow } from "@/lib/clock";
import { getDatabase } from "@/lib/db/client";
import { loadDraft, type Draft } from "@/lib/drafts";
import { getEscalation, NotFoundError, type EscalationDeps, type EscalationView } from "@/lib/escalations";
import { partnershipDirectory, type Directory } from "@/lib/escalations/directory";
import type { Policy } from "@/lib/policy";
import type { WorkingCalendar } from "@/lib/calendar/working-calendar";
import { policyRegistry } from "@/lib/server/policies";

/** What the pages and actions of disputes share, per request. */
export const escalationDeps = (): EscalationDeps => ({ policies: policyRegistry() });

export type PartnershipParams = Promise<{ partnership: string }>;
export type DisputeParams = Promise<{ partnership: string; id: string }>;
export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export const one = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

export type RaiseSetting = {
  actor: Actor;
  partnershipId: string;
  policy: Policy | undefined;
  directory: Directory;
  draft: Draft | null;
  now: Date;
};

/** The raise flow's setting: who, under which policy, the partnership's agencies and people, the draft so far. */
export async function raiseSetting(partnershipParam: string): Promise<RaiseSetting> {
  const partnershipId = decodeParam(partnershipParam);
  const actor = await requireActor(partnershipId);
  // Roles that may not raise see no raise flow at all (docs/permissions.md).
  if (!can(actor, "escalations.raise")) notFound();
  const db = await getDatabase();
  const now = appNow();
  const [directory, draft] = await Promise.all([partnershipDirectory(db, actor), loadDraft(db, actor)]);
  return { actor, partnershipId, policy: policyRegistry().inForce(partnershipId, now), directory, draft, now };
}

export type DisputeSetting = {
  actor: Actor;
  partnershipId: string;
  view: EscalationView;
  policy: Policy;
  calendar: WorkingCalendar;
  now: Date;
  directory: Directory;
  policyFor: (version: string) => Policy | undefined;
};

/** One dispute as the actor may see it (the view is recorded in the audit trail), or the not-found page. */
export async function disputeSetting(partnershipParam: string, idParam: string): Promise<DisputeSetting> {
  const partnershipId = decodeParam(partnershipParam);
  const actor = await requireActor(partnershipId);
  const db = await getDatabase();
  const deps = escalationDeps();
  let view: EscalationView;
  try {
    view = await getEscalation(db, actor, decodeParam(idParam), deps, await currentRequestContext());
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const policy = deps.policies.get(view.policy.id, view.policy.version);
  if (!policy) throw new Error(`Policy ${view.policy.id}@${view.policy.version} is not loaded.`);
  const directory = await partnershipDirectory(db, actor);
  const policyFor = (version: string) => deps.policies.get(policy.partnership.id, version);
  return { actor, partnershipId, view, policy, calendar: deps.policies.calendarFor(policy), now: appNow(), directory, policyFor };
}
