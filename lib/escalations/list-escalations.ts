/**
 * The disputes an actor may see, filtered, soonest due first. The visibility
 * rule of lib/auth/permissions.ts is expressed here as a query over the
 * projected columns (participants, raisingRank/respondingRank, onRegister), so
 * that filtering and paging happen in the database.
 */
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { BOARD_ROLES, MANAGEMENT_ROLES, can, hasAnyRole, highestSeniority, holdsCaseRole } from "../auth/permissions";
import { ZoneClock } from "../calendar/time-zone";
import type { Database } from "../db/connect";
import type { Prisma } from "../db/generated/client";
import type { EscalationStatus } from "../db/generated/enums";
import { inPartnership, type PartnershipTx } from "../db/scope";
import { agenciesNotOnParley, isEffectiveContact } from "../agencies/contacts";
import { getRoute, minuteOfDay } from "../policy";
import { nowOf, type EscalationDeps } from "./deps";
import { ForbiddenError, PreconditionError, ValidationError } from "./errors";
import { id, optionalText, parseInput } from "./schemas";

const STATUSES = ["open", "resolved", "withdrawn"] as const satisfies readonly EscalationStatus[];

export const ListEscalationsInput = z.strictObject({
  raisedByMe: z.boolean().optional(),
  /** Owned by me at the current stage, on either side. */
  ownedByMe: z.boolean().optional(),
  /** Raised by or against my agency. */
  myAgency: z.boolean().optional(),
  stageAtLeast: z.int().min(1).max(20).optional(),
  status: z.union([z.enum(STATUSES), z.array(z.enum(STATUSES)).min(1)]).optional(),
  /** true: its current stage's deciding deadline has passed; false: it has not (or there is none). */
  overdue: z.boolean().optional(),
  /** Due on or before close of business this many working days after today (0: today). */
  dueWithinWorkingDays: z.int().min(0).max(60).optional(),
  area: optionalText(),
  /** Raised by or against this agency. */
  agencyId: id("an agency").optional(),
  cursor: optionalText(400),
  limit: z.int().min(1).max(100).default(25),
});
export type ListEscalationsInput = z.input<typeof ListEscalationsInput>;

export type EscalationListItem = {
  id: string;
  reference: string;
  status: EscalationStatus;
  urgent: boolean;
  stageKey: string;
  stageNumber: number | null;
  stageTitle: string;
  raisedAt: Date;
  raisedById: string;
  raisingAgency: { id: string; name: string };
  respondingAgency: { id: string; name: string };
  respondingPerson: string;
  areas: string[];
  /** Initials only: enough to recognise, nothing more. */
  subjects: { kind: string; initials: string }[];
  raisingOwnerId: string | null;
  respondingOwnerId: string | null;
  onRegister: boolean;
  nextDueAt: Date | null;
  overdue: boolean;
  /** A form the policy requires at the current stage is not yet recorded. */
  formOutstanding: boolean;
  version: number;
};

export type EscalationPage = { items: EscalationListItem[]; nextCursor: string | null };

type Cursor = { d: string | null; i: string };

export async function listEscalations(db: Database, actor: Actor, filters: unknown, deps: EscalationDeps): Promise<EscalationPage> {
  const f = parseInput(ListEscalationsInput, filters ?? {});
  if (!can(actor, "escalations.list")) throw new ForbiddenError("Your role does not include seeing disputes.");
  const now = nowOf(deps);
  const after = f.cursor ? decodeCursor(f.cursor) : null;

  const and: Prisma.EscalationWhereInput[] = [{ partnershipId: actor.partnershipId }];
  if (f.raisedByMe) and.push({ raisedById: actor.userId });
  if (f.ownedByMe) and.push({ OR: [{ raisingOwnerId: actor.userId }, { respondingOwnerId: actor.userId }] });
  if (f.myAgency) and.push({ OR: [{ raisingAgencyId: actor.agencyId }, { respondingAgencyId: actor.agencyId }] });
  if (f.agencyId) and.push({ OR: [{ raisingAgencyId: f.agencyId }, { respondingAgencyId: f.agencyId }] });
  if (f.stageAtLeast !== undefined) and.push({ stageNumber: { gte: f.stageAtLeast } });
  if (f.status !== undefined) and.push({ status: { in: Array.isArray(f.status) ? f.status : [f.status] } });
  if (f.overdue === true) and.push({ nextDueAt: { lt: now } });
  if (f.overdue === false) and.push({ OR: [{ nextDueAt: null }, { nextDueAt: { gte: now } }] });
  if (f.dueWithinWorkingDays !== undefined) and.push({ nextDueAt: { lte: dueCutoff(actor, deps, now, f.dueWithinWorkingDays) } });
  if (f.area) and.push({ areas: { has: f.area } });
  if (after) {
    and.push(
      after.d === null
        ? { nextDueAt: null, id: { gt: after.i } }
        : { OR: [{ nextDueAt: { gt: new Date(after.d) } }, { nextDueAt: new Date(after.d), id: { gt: after.i } }, { nextDueAt: null }] },
    );
  }

  return inPartnership(db, actor, async (tx) => {
    and.push(await visibleTo(tx, actor));
    const rows = await tx.escalation.findMany({
      where: { AND: and },
      orderBy: [{ nextDueAt: { sort: "asc", nulls: "last" } }, { id: "asc" }],
      take: f.limit + 1,
      include: { raisingAgency: { select: { id: true, name: true } }, respondingAgency: { select: { id: true, name: true } } },
    });
    const page = rows.slice(0, f.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        id: r.id,
        reference: r.reference,
        status: r.status,
        urgent: r.urgent,
        stageKey: r.stageKey,
        stageNumber: r.stageNumber,
        stageTitle: stageTitle(deps, r.policyId, r.policyVersion, r.routeId, r.stageKey),
        raisedAt: r.raisedAt,
        raisedById: r.raisedById,
        raisingAgency: r.raisingAgency,
        respondingAgency: r.respondingAgency,
        respondingPerson: r.respondingPerson,
        areas: r.areas,
        subjects: (r.subjects as { kind: string; initials: string }[]).map((s) => ({ kind: s.kind, initials: s.initials })),
        raisingOwnerId: r.raisingOwnerId,
        respondingOwnerId: r.respondingOwnerId,
        onRegister: r.onRegister,
        nextDueAt: r.nextDueAt,
        overdue: r.nextDueAt !== null && r.nextDueAt.getTime() < now.getTime(),
        formOutstanding: r.formOutstanding,
        version: r.version,
      })),
      nextCursor: rows.length > f.limit && last ? encodeCursor({ d: last.nextDueAt ? last.nextDueAt.toISOString() : null, i: last.id }) : null,
    };
  });
}

/**
 * escalationAccess as a query: the people on it (and owners of its agreed actions); managers of the raising or
 * responding agency whose seniority reaches the level its current stage expects
 * on their side; board roles once it is on the register.
 */
async function visibleTo(tx: PartnershipTx, actor: Actor): Promise<Prisma.EscalationWhereInput> {
  const or: Prisma.EscalationWhereInput[] = [];
  if (holdsCaseRole(actor) || hasAnyRole(actor, BOARD_ROLES)) {
    or.push({ participants: { some: { userId: actor.userId } } }, { actions: { some: { ownerUserId: actor.userId } } });
  }
  if (hasAnyRole(actor, MANAGEMENT_ROLES)) {
    const mine = highestSeniority(actor.roles);
    or.push({ raisingAgencyId: actor.agencyId, raisingRank: { lte: mine } }, { respondingAgencyId: actor.agencyId, respondingRank: { lte: mine } });
  }
  if (hasAnyRole(actor, BOARD_ROLES)) or.push({ onRegister: true });
  // While nobody owns the responding side: that agency's escalation contacts; and,
  // for an agency with nobody on Parley, the board business manager.
  if (holdsCaseRole(actor) && (await isEffectiveContact(tx, actor.partnershipId, actor.agencyId, actor.userId))) {
    or.push({ status: "open", respondingOwnerId: null, respondingAgencyId: actor.agencyId });
  }
  if (actor.roles.includes("board_business_manager")) {
    const notOnParley = await agenciesNotOnParley(tx, actor.partnershipId);
    if (notOnParley.length > 0) or.push({ status: "open", respondingOwnerId: null, respondingAgencyId: { in: notOnParley } });
  }
  // Nobody matches an empty OR in Prisma, but say so plainly.
  return or.length > 0 ? { OR: or } : { id: { in: [] } };
}

/** Close of business on the Nth working day after today, on the partnership's calendar. */
function dueCutoff(actor: Actor, deps: EscalationDeps, now: Date, workingDays: number): Date {
  const policy = deps.policies.inForce(actor.partnershipId, now);
  if (!policy) throw new PreconditionError("Your partnership has no escalation policy in force, so there is no calendar to count working days on.");
  const calendar = deps.policies.calendarFor(policy);
  const clock = ZoneClock.for(policy.timeZone);
  const today = clock.localDay(now.getTime());
  const day = workingDays === 0 ? today : calendar.addWorkingDaysToDay(today, workingDays);
  return new Date(clock.instantAt(day, minuteOfDay(policy.closeOfBusiness)));
}

function stageTitle(deps: EscalationDeps, policyId: string, version: string, routeId: string, stageKey: string): string {
  const policy = deps.policies.get(policyId, version);
  const stage = policy ? getRoute(policy, routeId).stages.find((s) => s.key === stageKey) : undefined;
  return stage?.title ?? stageKey;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

const CursorSchema = z.strictObject({ d: z.iso.datetime().nullable(), i: z.uuid() });

function decodeCursor(text: string): Cursor {
  try {
    return CursorSchema.parse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
  } catch {
    throw ValidationError.field("cursor", "This page link is not valid any more: go back to the first page.");
  }
}
