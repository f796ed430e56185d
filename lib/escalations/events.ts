/**
 * The history's vocabulary: every event type and the shape of its payload. A
 * payload is validated here when it is written and again when it is read, so a
 * record read years later means what it meant when it was made.
 */
import { z } from "zod";
import { CONFIRMATION_METHODS, DISCUSSION_METHODS, SubjectSchema } from "./schemas";

const instant = z.iso.datetime({ offset: true });
const text = z.string().min(1);
const side = z.enum(["raising", "responding"]);

/** The deadlines in force when a stage was left, as the people involved saw them. */
const DeadlinesThen = z.array(
  z.strictObject({ deadlineId: text, label: text, dueAt: instant.nullable(), overdue: z.boolean(), met: z.literal(true).optional() }),
);

const Action = z.strictObject({
  actionId: z.uuid(),
  description: text,
  ownerName: text,
  ownerUserId: z.uuid().nullable(),
  ownerAgencyId: z.uuid().nullable(),
  dueDate: z.iso.date(),
});

const Confirmation = z.strictObject({
  method: z.enum(CONFIRMATION_METHODS),
  confirmedBy: text,
  note: text.optional(),
});

export const EventPayloadSchemas = {
  raised: z.strictObject({
    reference: text,
    policyId: text,
    policyVersion: text,
    routeId: text,
    stageKey: text,
    urgent: z.boolean(),
    urgentGrounds: text.optional(),
    raisingAgencyId: z.uuid(),
    respondingAgencyId: z.uuid(),
    respondingPerson: text,
    respondingUserId: z.uuid().nullable(),
    subjects: z.array(SubjectSchema).min(1),
    areas: z.array(text).min(1),
    areaOther: text.nullable(),
    decisionDisputed: text,
    whyUnsafe: text,
    evidenceSummary: text,
    outcomeSought: text,
    timescaleSought: text.nullable(),
    immediateRisk: z.boolean(),
    immediateRiskNote: text.nullable(),
  }),
  discussion_recorded: z.strictObject({
    with: text,
    how: z.enum(DISCUSSION_METHODS),
    occurredAt: instant,
    said: text,
    agreed: text.optional(),
  }),
  escalated: z.strictObject({ from: text, to: text, reason: text, deadlinesThen: DeadlinesThen }),
  expedited: z.strictObject({
    from: text,
    to: text,
    skipped: z.array(text),
    grounds: text,
    deadlinesThen: DeadlinesThen,
  }),
  owner_assigned: z.strictObject({
    side,
    userId: z.uuid(),
    proxy: z.boolean(),
    proxyReason: text.optional(),
    /** The policy's ownership rule that provides for a proxy at this stage, if any. */
    proxyRule: text.nullable().optional(),
    /** Kept from the previous stage because they meet this stage's level. */
    retained: z.boolean().optional(),
  }),
  deadline_set: z.strictObject({
    deadlineId: text,
    dueAt: instant,
    /** Who the policy says sets it, in the policy's words. */
    setBy: text,
    note: text.optional(),
  }),
  milestone_recorded: z.strictObject({ milestoneId: text, label: text, occurredAt: instant, note: text.optional() }),
  form_completed: z.strictObject({
    formId: text,
    title: text,
    sentTo: z.array(text),
    note: text.optional(),
    /**
     * The document Parley produced from the record and the person sent (lib/forms): the
     * record's version it was built from and the SHA-256 of its HTML, what its PDF is
     * printed from. Added in November 2026: earlier events, and forms completed outside
     * Parley, have none.
     */
    document: z
      .strictObject({
        version: z.int().min(1),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        format: z.literal("html"),
      })
      .optional(),
  }),
  board_notified: z.strictObject({
    involvement: z.enum(["none", "notified", "oversight", "owns-decision"]),
    notified: z.array(z.strictObject({ label: text, contactId: text.optional(), email: text.optional(), what: text.optional(), how: text.optional() })),
    onRegister: z.boolean(),
  }),
  action_added: Action,
  action_completed: z.strictObject({ actionId: z.uuid(), note: text.optional() }),
  resolved: z.strictObject({
    outcome: text,
    /** Added in November 2026: events before then have none. */
    learning: text.optional(),
    actionIds: z.array(z.uuid()),
    confirmations: z.strictObject({ raising: Confirmation, responding: Confirmation }),
    deadlinesThen: DeadlinesThen,
  }),
  withdrawn: z.strictObject({ reason: text, deadlinesThen: DeadlinesThen }),
  comment: z.strictObject({ text }),
  /**
   * Moved on purpose to a newer version of the partnership's policy by an administrator
   * (lib/escalations/move-version.ts). The event itself carries the version it was
   * moved from; every later event carries `to`.
   */
  policy_version_changed: z.strictObject({
    from: text,
    to: text,
    routeFrom: text,
    routeTo: text,
    stageFrom: text,
    stageTo: text,
    /** Each stage of the old route that has a place in the new one: old key → new key (the rest stay as history). */
    stages: z.record(text, text),
    /** The deadlines before and after, as the administrator saw them in the preview. */
    deadlinesThen: DeadlinesThen,
    deadlinesAfter: DeadlinesThen,
  }),
} as const;

export type EventType = keyof typeof EventPayloadSchemas;
export const EVENT_TYPES = Object.keys(EventPayloadSchemas) as EventType[];
export type PayloadOf<T extends EventType> = z.output<(typeof EventPayloadSchemas)[T]>;

export type EventEnvelope = {
  id: string;
  /** 1 for the raise, then one more per event: the escalation's version after it. */
  sequence: number;
  at: Date;
  actorId: string;
  /** The stage the dispute was at when the event happened. */
  stageKey: string;
  policyVersion: string;
  correctsId: string | null;
};

/** One event of the history, its payload typed by its type. */
export type EscalationEvent = { [T in EventType]: EventEnvelope & { type: T; payload: PayloadOf<T> } }[EventType];

/** What a use case decides: an event before it has a place in the history. */
export type NewEvent = { [T in EventType]: { type: T; payload: PayloadOf<T>; correctsId?: string } }[EventType];

export const isEventType = (type: string): type is EventType => Object.hasOwn(EventPayloadSchemas, type);

/** Validates a payload against its type's schema; throws on a type or shape the code does not know. */
export function parsePayload<T extends EventType>(type: T, payload: unknown): PayloadOf<T> {
  const parsed = EventPayloadSchemas[type].safeParse(payload);
  if (!parsed.success) {
    throw new Error(`Invalid ${type} event payload: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(payload)"}: ${i.message}`).join("; ")}`);
  }
  return parsed.data as PayloadOf<T>;
}

/** A stored row as an event, its payload checked. */
export function eventFromRow(row: {
  id: string;
  sequence: number;
  type: string;
  at: Date;
  actorId: string;
  stageKey: string;
  policyVersion: string;
  payload: unknown;
  correctsId: string | null;
}): EscalationEvent {
  if (!isEventType(row.type)) throw new Error(`Unknown escalation event type "${row.type}" (event ${row.id})`);
  const envelope: EventEnvelope = {
    id: row.id,
    sequence: row.sequence,
    at: row.at,
    actorId: row.actorId,
    stageKey: row.stageKey,
    policyVersion: row.policyVersion,
    correctsId: row.correctsId,
  };
  return { ...envelope, type: row.type, payload: parsePayload(row.type, row.payload) } as EscalationEvent;
}
