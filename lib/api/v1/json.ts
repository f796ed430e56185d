/**
 * What the JSON API returns, as zod schemas: the OpenAPI document is generated
 * from them, and every response is built to them (tests parse responses with them).
 * Instants are ISO 8601 with the partnership's offset ("2026-06-05T17:00:00+01:00").
 */
import { z } from "zod";
import type { AgencyContactsDetail } from "../../agencies/contacts-admin";
import type { WorkingCalendar } from "../../calendar/working-calendar";
import { describeDue } from "../../deadlines/due-status";
import type { EscalationListItem, EscalationView } from "../../escalations";
import { formatIsoWithOffset } from "../../policy/format";
import type { DeadlineStatus } from "../../policy/deadlines";

const Instant = z.string().meta({ description: "ISO 8601 with offset, e.g. 2026-06-05T17:00:00+01:00", example: "2026-06-05T17:00:00+01:00" });
const Agency = z.object({ id: z.uuid(), name: z.string() });
const Stage = z.object({ key: z.string(), number: z.int().nullable(), title: z.string() });

export const DueJson = z.object({
  at: Instant.nullable(),
  text: z.string().meta({ description: 'In words, e.g. "Due in 2 working days (Wednesday 7 January, 5pm)"' }),
  tone: z.enum(["overdue", "today", "soon", "later", "open"]),
  overdue: z.boolean(),
});

export const EscalationSummaryJson = z.object({
  id: z.uuid(),
  reference: z.string().meta({ example: "TSCP-2026-0042" }),
  status: z.enum(["open", "resolved", "withdrawn"]),
  urgent: z.boolean(),
  stage: Stage,
  raisedAt: Instant,
  raisedById: z.uuid(),
  raisingAgency: Agency,
  respondingAgency: Agency,
  respondingPerson: z.string(),
  areas: z.array(z.string()),
  subjects: z.array(z.object({ kind: z.enum(["child", "adult"]), initials: z.string() })),
  owners: z.object({ raising: z.uuid().nullable(), responding: z.uuid().nullable() }),
  ownerNames: z
    .object({ raising: z.string().nullable(), responding: z.string().nullable() })
    .meta({ description: "The owners' names (null: nobody owns that side)" }),
  stageEnteredAt: Instant.meta({ description: "When it reached its current stage" }),
  closedAt: Instant.nullable().meta({ description: "When it was resolved or withdrawn" }),
  onRegister: z.boolean().meta({ description: "At or above the policy's board-oversight stage" }),
  formOutstanding: z.boolean().meta({ description: "A form the policy requires at the current stage has not been recorded as completed" }),
  nextDue: DueJson,
  version: z.int(),
  links: z.object({ api: z.string(), page: z.string() }),
});

export const AgencyListJson = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string(), type: z.string().meta({ example: "childrens_social_care" }) })),
});

export const EscalationPageJson = z.object({ items: z.array(EscalationSummaryJson), nextCursor: z.string().nullable() });

const DeadlineJson = z.object({
  id: z.string(),
  stageKey: z.string(),
  label: z.string(),
  kind: z.string(),
  unit: z.string(),
  status: z.string().meta({
    description:
      'One of "due", "immediate", "asap", "awaiting-set", "awaiting-event", "not-stated" (the policy gives no timescale at all), or "met": what the policy says meets it (a form, an event) was recorded before the stage was left.',
  }),
  dueAt: Instant.nullable(),
  decidesOverdue: z.boolean(),
  rule: z.string(),
  explanation: z.string(),
  warnings: z.array(z.string()),
  cite: z.string(),
  due: DueJson,
});

const HistoryJson = z.object({
  id: z.uuid(),
  sequence: z.int(),
  type: z.string(),
  at: Instant,
  actor: z.object({ id: z.uuid(), name: z.string() }),
  stageKey: z.string(),
  policyVersion: z.string(),
  payload: z.record(z.string(), z.unknown()),
  correctsId: z.uuid().nullable(),
  correctedBy: z.array(z.uuid()),
});

export const EscalationDetailJson = z.object({
  escalation: EscalationSummaryJson.extend({
    subjects: z.array(
      z.object({
        kind: z.enum(["child", "adult"]),
        initials: z.string(),
        yearOfBirth: z.int().nullable().optional(),
        caseReferences: z.array(z.object({ agencyId: z.uuid(), reference: z.string() })).optional(),
      }),
    ),
    areaOther: z.string().nullable(),
    decisionDisputed: z.string(),
    whyUnsafe: z.string(),
    evidenceSummary: z.string(),
    outcomeSought: z.string(),
    timescaleSought: z.string().nullable(),
    immediateRisk: z.boolean(),
    immediateRiskNote: z.string().nullable(),
    stageEnteredAt: Instant,
    outcome: z.string().nullable(),
    closedAt: Instant.nullable(),
    policy: z.object({ id: z.string(), version: z.string(), title: z.string(), route: z.object({ id: z.string(), title: z.string() }) }),
  }),
  people: z.record(z.string(), z.string()).meta({ description: "Names of everyone the record mentions, by user id" }),
  deadlines: z.array(DeadlineJson),
  history: z.array(HistoryJson),
  agreedActions: z.array(
    z.object({
      id: z.uuid(),
      description: z.string(),
      ownerName: z.string(),
      ownerUserId: z.uuid().nullable(),
      ownerAgencyId: z.uuid().nullable(),
      dueDate: z.string(),
      addedAt: Instant,
      doneAt: Instant.nullable(),
      overdue: z.boolean(),
    }),
  ),
  ladder: z.array(
    z.object({
      key: z.string(),
      number: z.int().nullable(),
      title: z.string(),
      optional: z.boolean(),
      status: z.string(),
      enteredAt: Instant.nullable(),
      leftAt: Instant.nullable(),
      note: z.string().optional(),
    }),
  ),
  availableActions: z.array(z.object({ action: z.string() }).catchall(z.unknown())),
  access: z.enum(["participant", "agency-line-manager", "agency-contact", "board"]),
});

export const CommandResultJson = z.object({
  id: z.uuid(),
  reference: z.string(),
  version: z.int().meta({ description: "Send this as expectedVersion with the next command" }),
  events: z.array(z.object({ id: z.uuid(), sequence: z.int(), type: z.string() })),
  links: z.object({ api: z.string(), page: z.string() }),
});

export const ErrorJson = z.object({
  error: z.object({
    code: z.string().meta({ example: "invalid_request" }),
    message: z.string(),
    fields: z.record(z.string(), z.string()).meta({ description: "What is wrong with each field, by path (e.g. subjects.0.initials)" }),
    reference: z.string().optional(),
  }),
});

export type SerialiseContext = { now: Date; calendar: WorkingCalendar; timeZone: string };

const iso = (at: Date, tz: string) => formatIsoWithOffset(at, tz);
const isoOrNull = (at: Date | null, tz: string) => (at ? iso(at, tz) : null);

export const links = (partnershipId: string, id: string) => ({
  api: `/api/v1/escalations/${id}`,
  page: `/p/${partnershipId}/disputes/${id}`,
});

function nextDue(nextDueAt: Date | null, status: string, ctx: SerialiseContext): z.output<typeof DueJson> {
  if (status !== "open") return { at: null, text: status === "resolved" ? "Resolved" : "Withdrawn", tone: "open", overdue: false };
  const described = describeDue({ dueAt: nextDueAt, status: "due", now: ctx.now, calendar: ctx.calendar, timeZone: ctx.timeZone });
  return {
    at: isoOrNull(nextDueAt, ctx.timeZone),
    text: nextDueAt ? described.text : "No due date at this stage",
    tone: nextDueAt ? described.tone : "open",
    overdue: described.tone === "overdue",
  };
}

export function summaryJson(item: EscalationListItem, partnershipId: string, ctx: SerialiseContext): z.output<typeof EscalationSummaryJson> {
  return {
    id: item.id,
    reference: item.reference,
    status: item.status,
    urgent: item.urgent,
    stage: { key: item.stageKey, number: item.stageNumber, title: item.stageTitle },
    raisedAt: iso(item.raisedAt, ctx.timeZone),
    raisedById: item.raisedById,
    raisingAgency: item.raisingAgency,
    respondingAgency: item.respondingAgency,
    respondingPerson: item.respondingPerson,
    areas: item.areas,
    subjects: item.subjects.map((s) => ({ kind: s.kind as "child" | "adult", initials: s.initials })),
    owners: { raising: item.raisingOwnerId, responding: item.respondingOwnerId },
    ownerNames: { raising: item.raisingOwnerName, responding: item.respondingOwnerName },
    stageEnteredAt: iso(item.stageEnteredAt, ctx.timeZone),
    closedAt: item.closedAt ? iso(item.closedAt, ctx.timeZone) : null,
    onRegister: item.onRegister,
    formOutstanding: item.formOutstanding,
    nextDue: nextDue(item.nextDueAt, item.status, ctx),
    version: item.version,
    links: links(partnershipId, item.id),
  };
}

export function detailJson(view: EscalationView, ctx: SerialiseContext): z.output<typeof EscalationDetailJson> {
  const r = view.record;
  const tz = ctx.timeZone;
  const stage = view.ladder.find((s) => s.key === r.stageKey);
  return {
    escalation: {
      id: view.id,
      reference: r.reference,
      status: r.status,
      urgent: r.urgent,
      stage: { key: r.stageKey, number: r.stageNumber, title: stage?.title ?? r.stageKey },
      raisedAt: iso(r.raisedAt, tz),
      raisedById: r.raisedById,
      raisingAgency: { id: view.raisingAgency.id, name: view.raisingAgency.name },
      respondingAgency: { id: view.respondingAgency.id, name: view.respondingAgency.name },
      respondingPerson: r.respondingPerson,
      areas: r.areas,
      subjects: r.subjects.map((s) => ({ ...s })),
      owners: { raising: r.raisingOwnerId, responding: r.respondingOwnerId },
      ownerNames: {
        raising: r.raisingOwnerId ? (view.people[r.raisingOwnerId] ?? null) : null,
        responding: r.respondingOwnerId ? (view.people[r.respondingOwnerId] ?? null) : null,
      },
      onRegister: r.onRegister,
      formOutstanding: r.formOutstanding,
      nextDue: nextDue(r.nextDueAt, r.status, ctx),
      version: r.version,
      links: links(r.partnershipId, view.id),
      areaOther: r.areaOther,
      decisionDisputed: r.decisionDisputed,
      whyUnsafe: r.whyUnsafe,
      evidenceSummary: r.evidenceSummary,
      outcomeSought: r.outcomeSought,
      timescaleSought: r.timescaleSought,
      immediateRisk: r.immediateRisk,
      immediateRiskNote: r.immediateRiskNote,
      stageEnteredAt: iso(r.stageEnteredAt, tz),
      outcome: r.outcome,
      closedAt: isoOrNull(r.closedAt, tz),
      policy: { id: view.policy.id, version: view.policy.version, title: view.policy.title, route: view.policy.route },
    },
    people: view.people,
    deadlines: view.deadlines.map((d) => ({
      id: d.deadlineId,
      stageKey: d.stageKey,
      label: d.label,
      kind: d.kind,
      unit: d.unit,
      status: d.status,
      dueAt: isoOrNull(d.dueAt, tz),
      decidesOverdue: d.decidesOverdue,
      rule: d.rule,
      explanation: d.explanation,
      warnings: d.warnings,
      cite: d.cite,
      due: (() => {
        const described = describeDue({ dueAt: d.dueAt, status: d.status as DeadlineStatus, now: ctx.now, calendar: ctx.calendar, timeZone: tz });
        return { at: isoOrNull(d.dueAt, tz), text: described.text, tone: described.tone, overdue: described.tone === "overdue" };
      })(),
    })),
    history: view.history.map((e) => ({
      id: e.id,
      sequence: e.sequence,
      type: e.type,
      at: iso(e.at, tz),
      actor: { id: e.actorId, name: e.actorName },
      stageKey: e.stageKey,
      policyVersion: e.policyVersion,
      payload: e.payload as Record<string, unknown>,
      correctsId: e.correctsId,
      correctedBy: e.correctedBy,
    })),
    agreedActions: view.actions.map((a) => ({
      id: a.id,
      description: a.description,
      ownerName: a.ownerName,
      ownerUserId: a.ownerUserId,
      ownerAgencyId: a.ownerAgencyId,
      dueDate: a.dueDate,
      addedAt: iso(a.addedAt, tz),
      doneAt: isoOrNull(a.doneAt, tz),
      overdue: a.overdue,
    })),
    ladder: view.ladder.map((s) => ({
      key: s.key,
      number: s.number,
      title: s.title,
      optional: s.optional,
      status: s.status,
      enteredAt: isoOrNull(s.enteredAt, tz),
      leftAt: isoOrNull(s.leftAt, tz),
      ...(s.note ? { note: s.note } : {}),
    })),
    availableActions: view.availableActions.map((a) => ({ ...a })),
    access: view.access,
  };
}

const ContactPersonJson = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  duty: z.string().nullable().meta({ description: 'What they do for the agency, e.g. "Designated safeguarding lead"' }),
});

export const AgencyContactsJson = z.object({
  agency: z.object({ id: z.uuid(), name: z.string(), type: z.string().meta({ example: "police" }) }),
  contactsAre: z.enum(["named", "managers", "members", "nobody"]).meta({
    description:
      'Who takes disputes raised against the agency while nobody there owns one: "named" (the people named), "managers" (nobody named: its active managers), "members" (nobody named and no managers: all its active members with a case role), "nobody" (nobody there uses Parley: the business manager is told)',
  }),
  explanation: z.string(),
  contacts: z.array(ContactPersonJson).meta({ description: "Who takes them now" }),
  named: z.array(
    ContactPersonJson.extend({
      counts: z.boolean().meta({ description: "Takes disputes now: an active member of the agency with a case role" }),
      note: z.string().nullable().meta({ description: "Why not, when they do not count" }),
    }),
  ),
  eligible: z
    .array(z.object({ userId: z.uuid(), name: z.string(), email: z.string(), roles: z.array(z.string()) }))
    .meta({ description: "Who could be named: active members of the agency with a case role, not named yet" }),
});

export function agencyContactsJson(a: AgencyContactsDetail): z.output<typeof AgencyContactsJson> {
  const person = (p: { userId: string; name: string; email: string; duty: string | null }) => ({
    userId: p.userId,
    name: p.name,
    email: p.email,
    duty: p.duty,
  });
  return {
    agency: { id: a.agencyId, name: a.name, type: a.type },
    contactsAre: a.source,
    explanation: a.explanation,
    contacts: a.contacts.map(person),
    named: a.named.map((n) => ({ ...person(n), counts: n.counts, note: n.note })),
    eligible: a.eligible.map((e) => ({ userId: e.userId, name: e.name, email: e.email, roles: [...e.roles] })),
  };
}
