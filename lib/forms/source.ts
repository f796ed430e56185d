/**
 * What a form is built from: a dispute's history (every event, oldest first),
 * the names of the people and agencies it mentions, and the policy version it
 * is pinned to. Two ways to get one, which give the same source for the same
 * record: from the view the dispute page reads (getEscalation, as the reader
 * may see it), and inside a command's transaction (recording a form as
 * completed, so the document it sent can be fingerprinted there and then).
 */
import type { WorkingCalendar } from "../calendar/working-calendar";
import type { PartnershipTx } from "../db/scope";
import type { EscalationEvent } from "../escalations/events";
import type { ProjectionContext } from "../escalations/projection";
import type { Policy } from "../policy";

export type FormSource = {
  disputeId: string;
  policy: Policy;
  calendar: WorkingCalendar;
  /** Earlier versions of the policy, for a dispute moved between versions (a form as it stood before the move). */
  otherVersion?: ProjectionContext["otherVersion"];
  /** The whole history, in any order (the builder orders it by sequence). */
  events: readonly EscalationEvent[];
  /** Names by user id: at least everyone the history mentions. */
  people: Readonly<Record<string, string>>;
  /** Names by agency id: at least every agency the history mentions. */
  agencies: Readonly<Record<string, string>>;
};

/** The user and agency ids a history mentions: whose names a form may print. */
export function namesMentioned(events: readonly EscalationEvent[]): { userIds: string[]; agencyIds: string[] } {
  const users = new Set<string>();
  const agencies = new Set<string>();
  for (const e of events) {
    users.add(e.actorId);
    switch (e.type) {
      case "raised":
        agencies.add(e.payload.raisingAgencyId);
        agencies.add(e.payload.respondingAgencyId);
        if (e.payload.respondingUserId) users.add(e.payload.respondingUserId);
        for (const s of e.payload.subjects) for (const ref of s.caseReferences) agencies.add(ref.agencyId);
        break;
      case "owner_assigned":
        users.add(e.payload.userId);
        break;
      case "action_added":
        if (e.payload.ownerUserId) users.add(e.payload.ownerUserId);
        if (e.payload.ownerAgencyId) agencies.add(e.payload.ownerAgencyId);
        break;
      default:
        break;
    }
  }
  return { userIds: [...users].sort(), agencyIds: [...agencies].sort() };
}

/** Only the names the history mentions, so that both ways of building a source agree whatever else was loaded. */
function onlyMentioned(names: Readonly<Record<string, string>>, ids: readonly string[]): Record<string, string> {
  return Object.fromEntries(ids.flatMap((id) => (Object.hasOwn(names, id) ? [[id, names[id]!]] : [])));
}

/**
 * A source from what the dispute page already has: the view (whose history and
 * names getEscalation loaded for a reader allowed to see it) and the agencies
 * of the partnership's directory.
 */
export function formSourceOf(input: {
  disputeId: string;
  policy: Policy;
  calendar: WorkingCalendar;
  events: readonly EscalationEvent[];
  people: Readonly<Record<string, string>>;
  agencies: readonly { id: string; name: string }[];
  otherVersion?: ProjectionContext["otherVersion"];
}): FormSource {
  const { userIds, agencyIds } = namesMentioned(input.events);
  return {
    disputeId: input.disputeId,
    policy: input.policy,
    calendar: input.calendar,
    ...(input.otherVersion ? { otherVersion: input.otherVersion } : {}),
    events: input.events,
    people: onlyMentioned(input.people, userIds),
    agencies: onlyMentioned(Object.fromEntries(input.agencies.map((a) => [a.id, a.name])), agencyIds),
  };
}

/** A source inside a command's transaction (already scoped to the partnership, the dispute already checked). */
export async function loadFormSource(
  tx: PartnershipTx,
  loaded: { id: string; events: readonly EscalationEvent[]; policy: Policy; calendar: WorkingCalendar },
): Promise<FormSource> {
  const { userIds, agencyIds } = namesMentioned(loaded.events);
  // One after the other: a transaction is one connection.
  const users = await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } });
  const agencies = await tx.agency.findMany({ where: { id: { in: agencyIds } }, select: { id: true, name: true } });
  return {
    disputeId: loaded.id,
    policy: loaded.policy,
    calendar: loaded.calendar,
    events: loaded.events,
    people: Object.fromEntries(users.map((u) => [u.id, u.name])),
    agencies: Object.fromEntries(agencies.map((a) => [a.id, a.name])),
  };
}
