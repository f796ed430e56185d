/**
 * One dispute as a practice review would read it: the record, its whole
 * history with who did what, its current deadlines with their explanations,
 * agreed actions, the ladder of its policy, and what the reader may do next.
 * Reading it is itself recorded (AuditEvent escalation_viewed).
 */
import type { Actor } from "../auth/actor";
import type { AccessReason } from "../auth/permissions";
import { isoFromDay } from "../calendar/days";
import { ZoneClock } from "../calendar/time-zone";
import type { Database } from "../db/connect";
import type { AgencyType } from "../db/generated/enums";
import { inPartnership } from "../db/scope";
import { getRoute, type Policy } from "../policy";
import { accessTo } from "./access";
import { availableActions, type AvailableAction } from "./actions";
import { nowOf, pinnedPolicy, type EscalationDeps } from "./deps";
import { NotFoundError } from "../errors";
import type { EscalationEvent } from "./events";
import { stageLadder, type LadderStage } from "./ladder";
import { project } from "./projection";
import { noticesOf, type NoticeRecord } from "../notices/dispute-notices";
import { withIntake } from "./intake";
import { loadStoredProjection } from "./records";
import type { ActionRow, DeadlineRow, EscalationRow, EscalationState, ParticipantRow } from "./state";
import { isUuid, loadEvents } from "./store";

export type HistoryEntry = EscalationEvent & {
  actorName: string;
  /** Later events that correct this one. */
  correctedBy: string[];
};

export type EscalationView = {
  id: string;
  record: EscalationRow & { updatedAt: Date };
  raisingAgency: { id: string; name: string; type: AgencyType | null };
  respondingAgency: { id: string; name: string; type: AgencyType | null };
  /** Names of everyone the record mentions, by user id. */
  people: Record<string, string>;
  policy: {
    id: string;
    version: string;
    title: string;
    route: { id: string; title: string };
    immediateRisk: Policy["immediateRisk"];
  };
  history: HistoryEntry[];
  deadlines: (DeadlineRow & { overdue: boolean })[];
  actions: (ActionRow & { overdue: boolean })[];
  participants: ParticipantRow[];
  ladder: LadderStage[];
  /** What the projection counts at each stage, by stage key: discussions recorded, and forms completed (form id → when first recorded); and the events recorded, at which stage. */
  recorded: Pick<EscalationState, "discussions" | "forms" | "milestones">;
  availableActions: AvailableAction[];
  /** What Parley has e-mailed (or tried to, or will) about it. */
  notices: NoticeRecord[];
  /** Why the actor may see it. */
  access: Exclude<AccessReason, "none">;
};

export type ViewAudit = { ipAddress?: string | null; userAgent?: string | null };

export async function getEscalation(db: Database, actor: Actor, id: string, deps: EscalationDeps, audit: ViewAudit = {}): Promise<EscalationView> {
  return inPartnership(db, actor, async (tx) => {
    if (!isUuid(id)) throw new NotFoundError();
    const found = await loadStoredProjection(tx, id);
    if (!found || found.row.partnershipId !== actor.partnershipId) throw new NotFoundError();
    const stored = await withIntake(tx, found);
    const pinned = pinnedPolicy(deps, stored.row.policyId, stored.row.policyVersion);
    const { policy } = pinned;
    const access = accessTo(actor, stored, policy);
    if (access === "none") throw new NotFoundError();

    const now = nowOf(deps);
    const events = await loadEvents(tx, id);
    const replayed = project(events, pinned);
    const userIds = new Set<string>([
      ...events.map((e) => e.actorId),
      ...stored.participants.map((p) => p.userId),
      ...stored.actions.flatMap((a) => (a.ownerUserId ? [a.ownerUserId] : [])),
      ...events.flatMap((e) => (e.type === "owner_assigned" ? [e.payload.userId] : [])),
    ]);
    const users = await tx.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } });
    const people = Object.fromEntries(users.map((u) => [u.id, u.name]));
    const agencies = await tx.agency.findMany({
      where: { id: { in: [stored.row.raisingAgencyId, stored.row.respondingAgencyId] } },
      select: { id: true, name: true, type: true },
    });
    const agency = (agencyId: string) => agencies.find((a) => a.id === agencyId) ?? { id: agencyId, name: "(unknown agency)", type: null };

    const correctedBy = new Map<string, string[]>();
    for (const e of events) if (e.correctsId) correctedBy.set(e.correctsId, [...(correctedBy.get(e.correctsId) ?? []), e.id]);

    await tx.auditEvent.createMany({
      data: [
        {
          at: now,
          partnershipId: actor.partnershipId,
          type: "escalation_viewed",
          actorId: actor.userId,
          subjectType: "escalation",
          subjectId: id,
          ipAddress: audit.ipAddress ?? null,
          userAgent: audit.userAgent ?? null,
          details: { reference: stored.row.reference, version: stored.row.version, access },
        },
      ],
    });

    const route = getRoute(policy, stored.row.routeId);
    const today = isoFromDay(ZoneClock.for(policy.timeZone).localDay(now.getTime()));
    return {
      id,
      record: { ...stored.row, updatedAt: stored.updatedAt },
      raisingAgency: agency(stored.row.raisingAgencyId),
      respondingAgency: agency(stored.row.respondingAgencyId),
      people,
      policy: {
        id: policy.partnership.id,
        version: policy.version,
        title: policy.title,
        route: { id: route.id, title: route.title },
        immediateRisk: policy.immediateRisk,
      },
      history: events.map((e) => ({ ...e, actorName: people[e.actorId] ?? "(unknown user)", correctedBy: correctedBy.get(e.id) ?? [] })),
      deadlines: stored.deadlines.map((d) => ({ ...d, overdue: d.dueAt !== null && d.dueAt.getTime() < now.getTime() })),
      actions: stored.actions.map((a) => ({ ...a, overdue: a.doneAt === null && a.dueDate < today })),
      participants: stored.participants,
      ladder: stageLadder(replayed, policy),
      recorded: { discussions: replayed.discussions, forms: replayed.forms, milestones: replayed.milestones },
      availableActions: availableActions(actor, stored, policy),
      notices: await noticesOf(tx, id),
      access,
    };
  });
}
