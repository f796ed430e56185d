/**
 * The policy format: the single source of truth. policies/policy.schema.json is
 * generated from PolicySchema (see json-schema.ts); the cross-field rules in
 * checkPolicy run after the shape is valid and report paths in the same form.
 */
import { z } from "zod";
import { isIsoDate } from "@/lib/calendar/days";
import { JURISDICTIONS } from "@/lib/calendar/jurisdictions";
import { isValidTimeZone } from "@/lib/calendar/time-zone";
import { IMMEDIATE_RISK_FALLBACK, IMMEDIATE_RISK_FALLBACK_CITE } from "./not-stated";
import { ROLE_LEVELS, type RoleLevel } from "./roles";

const KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const POSITIVE_WHOLE = "expected a positive whole number";

const key = (what: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? "required, but missing" : `expected ${what} in quotes or as a word`) })
    .regex(KEY, { error: `expected ${what}: lower-case letters, digits and single hyphens, e.g. "stage-1"` });

const text = z.string().min(1);
const positiveWhole = z.int({ error: POSITIVE_WHOLE }).positive({ error: POSITIVE_WHOLE });
const cite = z
  .string()
  .min(1)
  .meta({ description: 'Where in the source policy this rule comes from, e.g. "§3.4.3" or "Timescales: Stages 1 and 2 combined".' });

const isoDate = z.string().refine(isIsoDate, {
  error: (iss) => `expected a real date written YYYY-MM-DD (e.g. 2026-01-07), found ${JSON.stringify(iss.input)}`,
});
const partialDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/, {
    error: 'expected a date written YYYY-MM-DD, or YYYY-MM when the policy gives only a month, in quotes (e.g. "2023-04")',
  })
  .refine((s) => s.length === 7 || isIsoDate(s), { error: "is not a real date" });

export const RoleLevelSchema = z.enum(ROLE_LEVELS).meta({ description: "A role level shared with the rest of Parley." });

export const SIDES = ["raising", "responding", "both"] as const;

const partyFields = {
  level: RoleLevelSchema.optional(),
  title: text.optional().meta({ description: 'The policy\'s own title, e.g. "Chair of the TSCP Executive Group".' }),
  contact: key("a contact id").optional().meta({ description: "The id of an entry under contacts." }),
  side: z.enum(SIDES).optional().meta({ description: "Whose person this is, when it matters: raising agency, responding agency or both." }),
};

export const PartySchema = z
  .strictObject(partyFields)
  .refine((p) => p.level !== undefined || p.title !== undefined || p.contact !== undefined, {
    error: "name a role level, a title or a contact",
  })
  .meta({ description: "A person or role: a role level, the policy's title for it, and/or a contact." });

/**
 * "The policy does not say": a value the policy's text does not give, or the
 * partnership has not yet written down (docs/policy-format.md, "When the policy
 * does not say"). Not the same as "no timescale" or "the board has no role".
 */
export const NOT_STATED = "not-stated";
const notStated = z.literal(NOT_STATED).meta({ description: 'The policy does not say (write "not-stated" rather than a stand-in).' });

/**
 * A stage side whose level the policy does not say is matched as a practitioner (anyone in the
 * agency may own and act), and reads "The policy does not say" wherever the level is shown.
 */
export const StageSideSchema = z
  .strictObject({
    level: z.enum([...ROLE_LEVELS, NOT_STATED]).meta({ description: 'A role level shared with the rest of Parley, or "not-stated".' }),
    title: text.optional().meta({ description: "The policy's own words for this role." }),
    note: text.optional(),
  })
  .transform(({ level, ...rest }): { level: RoleLevel; levelNotStated?: true; title?: string; note?: string } =>
    level === NOT_STATED ? { ...rest, level: "practitioner", levelNotStated: true } : { ...rest, level },
  );

export const ANCHOR_RAISED = "raised";
export const ANCHOR_STAGE_ENTERED = "stage-entered";
/** The dispute being resolved at this stage: what a stage's `onResolution` obligations may count from. */
export const ANCHOR_RESOLVED = "resolved";
const namedAnchor = key("an anchor").meta({
  description:
    'What the deadline counts from: "raised", "stage-entered", "resolved" (only under onResolution: the dispute being resolved at this stage), or the id of an event declared under events (as recorded at this stage).',
});
export const EventAtStageSchema = z
  .strictObject({
    event: key("an event id").meta({ description: "The id of an event declared under events." }),
    stage: key("a stage key").meta({ description: 'The stage it was recorded at, earlier in the route ("within 5 working days of the stage 1 discussion").' }),
  })
  .meta({ description: "An event as recorded at a given stage of the route." });
export const DEADLINE_POINTS = ["due", "met"] as const;
export const AfterDeadlineSchema = z
  .strictObject({
    deadline: key("a deadline id").meta({ description: "Another deadline of the same stage (or a deadline shared with it)." }),
    at: z
      .enum(DEADLINE_POINTS)
      .default("due")
      .meta({ description: '"due" (the default): from when it falls due; "met": from when what meets it was recorded.' }),
  })
  .meta({ description: 'Counts from another deadline: "if not agreed within 2 working days, meet within a further 5".' });
const anchor = z.union([namedAnchor, EventAtStageSchema, AfterDeadlineSchema]);
export type Anchor = z.output<typeof anchor>;

const deadlineCommon = {
  id: key("a deadline id"),
  label: text.meta({ description: "What must happen by the deadline, in plain English." }),
  kind: z.enum(["mandatory", "advisory"]),
  decidesOverdue: z.boolean().optional().meta({ description: "true on the one deadline that decides when the stage is overdue." }),
  onMiss: text.optional().meta({ description: "What the policy says to do if the deadline is missed." }),
  notifyOnMiss: z.array(PartySchema).min(1).optional().meta({
    description:
      "Who Parley tells when the deadline is missed, besides the owners on both sides (and the board business manager for a dispute on the register).",
  }),
  note: text.optional().meta({ description: "Shown with the deadline wherever it is, and in its notices." }),
  party: z
    .strictObject(partyFields)
    .refine((p) => Object.values(p).some((v) => v !== undefined), { error: "name a side, a role level, a title or a contact" })
    .optional()
    .meta({ description: "Who must act by the deadline: a side ({ side: raising }), a contact or a role. Shown with it, and in its notices." }),
  alsoStated: z
    .strictObject({
      unit: z.enum(["working-days", "hours", "calendar-days", "working-weeks"]),
      amount: positiveWhole,
      note: text.optional(),
    })
    .optional()
    .meta({
      description:
        'The same timescale as the policy also states it in other units ("48 hours (two working days)"): shown beside it. The deadline\'s own unit decides when it is overdue.',
    }),
  cite,
};

export const UNITS = [
  "working-days",
  "working-weeks",
  "calendar-days",
  "hours",
  "same-working-day",
  "immediately",
  "asap",
  "set-by-role",
  "earliest-of",
  "not-stated",
] as const;
export type Unit = (typeof UNITS)[number];

/** One way of reckoning a due date, without an id or label: the parts of an "earliest-of" deadline. */
export const TimingSchema = z.discriminatedUnion("unit", [
  z.strictObject({ unit: z.literal("working-days"), amount: positiveWhole, from: anchor }),
  z.strictObject({ unit: z.literal("working-weeks"), amount: positiveWhole, from: anchor }),
  z.strictObject({ unit: z.literal("calendar-days"), amount: positiveWhole, from: anchor }),
  z.strictObject({ unit: z.literal("hours"), amount: positiveWhole, from: anchor }),
  z.strictObject({ unit: z.literal("same-working-day"), from: anchor }),
  z.strictObject({ unit: z.literal("set-by-role"), setBy: PartySchema }),
]);
export type Timing = z.output<typeof TimingSchema>;

function deadlineVariants<T extends z.core.$ZodLooseShape>(extra: T) {
  return z.discriminatedUnion("unit", [
    z.strictObject({ ...deadlineCommon, ...extra, unit: z.literal("working-days"), amount: positiveWhole, from: anchor }),
    z.strictObject({
      ...deadlineCommon,
      ...extra,
      unit: z.literal("working-weeks"),
      amount: positiveWhole.meta({ description: "Each working week is 5 working days." }),
      from: anchor,
    }),
    z.strictObject({
      ...deadlineCommon,
      ...extra,
      unit: z.literal("calendar-days"),
      amount: positiveWhole.meta({
        description: "Days counted on the calendar, weekends and holidays included: due at the end of the last one (11:59pm local).",
      }),
      from: anchor,
    }),
    z.strictObject({ ...deadlineCommon, ...extra, unit: z.literal("hours"), amount: positiveWhole, from: anchor }),
    z.strictObject({ ...deadlineCommon, ...extra, unit: z.literal("same-working-day"), from: anchor }),
    z.strictObject({ ...deadlineCommon, ...extra, unit: z.literal("immediately"), from: anchor }),
    z.strictObject({ ...deadlineCommon, ...extra, unit: z.literal("asap") }),
    z.strictObject({
      ...deadlineCommon,
      ...extra,
      unit: z.literal("set-by-role"),
      setBy: PartySchema.meta({ description: "Who sets the timescale (no due date until they do)." }),
    }),
    z.strictObject({
      ...deadlineCommon,
      ...extra,
      unit: z.literal("earliest-of"),
      of: z.array(TimingSchema).min(2).meta({
        description:
          '"Whichever is less": due at the earliest of these that has a due date ("a working week, or a date set to protect the child, whichever is sooner").',
      }),
    }),
    z.strictObject({
      ...deadlineCommon,
      ...extra,
      unit: z.literal("not-stated").meta({ description: "The policy does not say (not the same as asap, where it says there is no timescale)." }),
    }),
  ]);
}

const MetBySchema = z
  .strictObject({
    form: key("a form id").optional().meta({ description: "The id of a form of this stage: recording it as completed meets the deadline." }),
    event: key("an event id").optional().meta({ description: "The id of an event declared under events: recording it at this stage meets the deadline." }),
  })
  .refine((m) => (m.form === undefined) !== (m.event === undefined), { error: "name a form or an event, not both" })
  .meta({
    description: "What meets the deadline before the stage is left (the referral form being sent, say). Once met it no longer makes the stage overdue.",
  });

export const DeadlineSchema = deadlineVariants({ metBy: MetBySchema.optional() }).meta({
  description: "A deadline: N working days, N hours, the same working day, immediately, as soon as possible (no due date) or set by a role.",
});

export const BudgetSchema = deadlineVariants({
  stages: z.array(key("a stage key")).min(1).meta({ description: "The keys of the stages this one deadline covers, computed once." }),
}).meta({ description: "A deadline shared by several stages, e.g. stages 1 and 2 together within 5 working days of the dispute being raised." });

export const ObligationSchema = deadlineVariants({}).meta({
  description:
    'Something the policy asks for once a dispute is resolved at this stage ("the manager confirms the outcome in writing within 2 working days of resolving it"): a deadline that may count from "resolved", and never decides when a stage is overdue.',
});

export const RecordSchema = z.strictObject({
  id: key("a record id"),
  what: text,
  by: z.enum(SIDES),
  where: text.optional(),
  requiredBeforeEscalating: z.boolean(),
  cite,
});

export const FormSchema = z.strictObject({
  id: key("a form id"),
  title: text,
  use: z.enum(["required", "recommended"]),
  completedBy: PartySchema,
  sendTo: z.array(PartySchema).optional(),
  method: z.enum(["email", "letter", "in-writing", "online", "any"]).optional(),
  email: z.email({ error: "expected an email address" }).optional(),
  marking: text.optional().meta({ description: "Words the form or email must be marked with." }),
  url: text.optional(),
  outcomeRecordedOnForm: z.boolean().optional(),
  returnedTo: PartySchema.optional(),
  requiredBeforeEscalating: z.boolean(),
  cite,
});

export const NotificationSchema = z.strictObject({
  who: PartySchema,
  what: text.optional(),
  how: text.optional(),
  cite,
});

export const BOARD_INVOLVEMENT = ["none", "notified", "oversight", "owns-decision"] as const;
export type BoardInvolvement = (typeof BOARD_INVOLVEMENT)[number];

export const BoardSchema = z.strictObject({
  involvement: z.enum(BOARD_INVOLVEMENT),
  note: text.optional(),
  cite: cite.optional(),
});

export const NoteSchema = z.strictObject({ text, cite });

/** The facts of a dispute a stage's branch may be chosen by (besides those a route's `when` uses). */
export const BranchWhenSchema = z
  .strictObject({
    urgent: z.boolean().optional().meta({ description: "true: the dispute is urgent (raised as urgent, or expedited); false: it is not." }),
    immediateRisk: z.boolean().optional().meta({ description: "true: the raiser said a child or adult is at immediate risk of harm; false: they said not." }),
    about: z
      .array(z.enum(["child", "adult"]))
      .min(1)
      .optional()
      .meta({ description: "The dispute is about one of these (a child, an adult)." }),
    areas: z.array(key("an area id")).min(1).optional().meta({ description: "The dispute is about one of these areas (ids under areas)." }),
  })
  .refine((w) => Object.values(w).some((v) => v !== undefined), { error: "say when the branch applies: urgent, immediateRisk, about or areas" })
  .meta({ description: "When this branch applies: every condition given must hold (any one of a list's values is enough)." });

export const StageBranchSchema = z
  .strictObject({
    id: key("a branch id"),
    title: text.optional().meta({ description: 'A short name for the branch, e.g. "Urgent: an independently chaired meeting".' }),
    when: BranchWhenSchema.optional().meta({ description: "When the branch applies; leave out for the branch that takes every other case (otherwise)." }),
    deadlines: z.array(DeadlineSchema).meta({ description: "The deadlines of the stage in this case, besides the stage's own deadlines." }),
    notes: z.array(NoteSchema).optional(),
    cite,
  })
  .meta({
    description:
      "\"Urgent: an independently chaired meeting at once; otherwise the board's panel in 10 working days\": one set of deadlines chosen by the dispute's facts.",
  });

export const StageSchema = z.strictObject({
  key: key("a stage key"),
  number: positiveWhole.optional().meta({ description: "The stage number as the policy numbers it; leave out for an unnumbered step." }),
  title: text,
  optional: z.boolean().optional().meta({ description: 'true for a step the policy says may be used ("can consult").' }),
  summary: text.optional(),
  raising: StageSideSchema,
  responding: StageSideSchema.optional(),
  decidedBy: PartySchema.optional(),
  records: z.array(RecordSchema).optional(),
  forms: z.array(FormSchema).optional(),
  notify: z.strictObject({ onEntry: z.array(NotificationSchema).optional(), onExit: z.array(NotificationSchema).optional() }).optional(),
  board: BoardSchema.optional(),
  deadlines: z.array(DeadlineSchema).optional(),
  branches: z
    .array(StageBranchSchema)
    .min(2)
    .optional()
    .meta({ description: "Alternative sets of deadlines chosen by the dispute's facts (urgent or not, immediate risk, about, areas): exactly one applies." }),
  onResolution: z
    .array(ObligationSchema)
    .optional()
    .meta({ description: "What the policy asks for after a dispute is resolved at this stage, each with its timescale (shown on the dispute and chased)." }),
  notes: z.array(NoteSchema).optional(),
  cite,
});

export const UrgentSchema = z.strictObject({
  allowed: z.boolean(),
  grounds: text.optional(),
  maySkip: z.array(key("a stage key")).optional(),
  recording: text.optional().meta({ description: "How the decision to skip stages is recorded." }),
  note: text.optional(),
  cite,
});

export const OwnershipRuleSchema = z.strictObject({
  id: key("an ownership rule id"),
  kind: z.enum(["retain-ownership", "proxy", "other"]),
  stages: z.array(key("a stage key")).min(1),
  text,
  cite,
});

export const RouteWhenSchema = z
  .strictObject({
    about: z
      .array(z.enum(["child", "adult"]))
      .min(1)
      .optional()
      .meta({ description: "The route applies when the dispute is about one of these (a child, an adult)." }),
    areas: z
      .array(key("an area id"))
      .min(1)
      .optional()
      .meta({ description: "The route applies when the dispute is about one of these areas (ids under areas)." }),
  })
  .refine((w) => w.about !== undefined || w.areas !== undefined, { error: "say what the route applies to: about, areas or both" })
  .meta({
    description:
      "Chooses this route from the facts given when raising, instead of asking: the first route whose every condition holds is used; a route without `when` takes what none of those does.",
  });

export const RouteSchema = z.strictObject({
  id: key("a route id"),
  title: text,
  appliesWhen: text.optional(),
  when: RouteWhenSchema.optional(),
  population: key("a population id").optional().meta({
    description: "The id of the population (under populations) this route serves: its board, contacts and register. Required when populations are declared.",
  }),
  cite,
  boardOversightStage: positiveWhole.nullable().optional().meta({ description: "Overrides the policy's boardOversightStage for this route." }),
  stages: z.array(StageSchema).min(1),
  budgets: z.array(BudgetSchema).optional(),
  urgent: UrgentSchema.optional(),
  ownership: z.array(OwnershipRuleSchema).optional(),
  notes: z.array(NoteSchema).optional(),
});

export const ContactSchema = z.strictObject({
  id: key("a contact id"),
  label: text,
  level: RoleLevelSchema.optional(),
  name: text.optional(),
  email: z.email({ error: "expected an email address" }).optional(),
  phone: text.optional(),
  url: text.optional(),
  note: text.optional(),
  cite,
});

export const RISK_CONTACT_KINDS = [
  "police",
  "mash",
  "childrens-social-care",
  "adult-social-care",
  "designated-safeguarding-lead",
  "safeguarding-unit",
  "other",
] as const;

export const RiskContactSchema = z.strictObject({
  kind: z.enum(RISK_CONTACT_KINDS),
  label: text,
  phone: text.optional(),
  email: z.email({ error: "expected an email address" }).optional(),
  url: text.optional(),
  when: text.optional(),
  cite,
});

export const COVERS = ["children", "adults"] as const;

export const ImmediateRiskSchema = z
  .strictObject({
    guidance: z.union([z.array(NoteSchema).min(1), notStated]).meta({
      description:
        'What the policy says to do when someone is at immediate risk, or "not-stated" (Parley then says so, and to follow your agency\'s own procedures).',
    }),
    contacts: z.array(RiskContactSchema),
  })
  .transform(({ guidance, contacts }): { guidance: z.output<typeof NoteSchema>[]; guidanceNotStated?: true; contacts: z.output<typeof RiskContactSchema>[] } =>
    // Every screen that starts or moves a dispute still shows what to do (lib/policy/not-stated.ts).
    guidance === NOT_STATED
      ? { guidance: [{ text: IMMEDIATE_RISK_FALLBACK, cite: IMMEDIATE_RISK_FALLBACK_CITE }], guidanceNotStated: true, contacts }
      : { guidance, contacts },
  );

/** One of the groups a policy serves with its own board, contacts and register (children; adults at risk). */
export const PopulationSchema = z
  .strictObject({
    id: key("a population id"),
    title: text.meta({ description: 'Who the population is, e.g. "Children and young people" or "Adults at risk".' }),
    covers: z.array(z.enum(COVERS)).min(1).optional().meta({ description: "Which of the policy's covers this population is: [children] or [adults]." }),
    board: text.meta({ description: 'The board that oversees this population\'s disputes, e.g. "Riverside Safeguarding Adults Board".' }),
    registerTitle: text
      .optional()
      .meta({ description: 'The title of this population\'s register, e.g. "Adults\' escalation register" (default: the board\'s name and "register").' }),
    contacts: z
      .array(ContactSchema)
      .optional()
      .meta({ description: "This population's own contacts (its business manager, its chair): ids unique across the whole policy." }),
    immediateRisk: ImmediateRiskSchema.optional().meta({
      description: "This population's immediate-risk route (adult social care rather than the children's front door), instead of the policy's.",
    }),
    cite,
  })
  .meta({ description: "A population the policy serves with its own board, contacts and register; each route names one." });

export const EventSchema = z.strictObject({
  id: key("an event id"),
  label: text.meta({ description: 'How the event reads after "from", e.g. "the referral being received by the Director".' }),
  cite: cite.optional(),
});

/** Agency types, as a policy names them (the database's AgencyType, with hyphens). */
export const POLICY_AGENCY_TYPES = [
  "childrens-social-care",
  "adult-social-care",
  "police",
  "health",
  "education",
  "probation",
  "youth-justice",
  "housing",
  "local-authority",
  "voluntary",
  "other",
] as const;
export type PolicyAgencyType = (typeof POLICY_AGENCY_TYPES)[number];

export const RoleEquivalentSchema = z
  .strictObject({
    agencyType: z.enum(POLICY_AGENCY_TYPES),
    level: RoleLevelSchema,
    title: text.meta({ description: 'What that agency calls the level, e.g. "Detective Sergeant" for a manager in the police.' }),
    cite,
  })
  .meta({
    description: "One agency type's title for a role level: shown wherever Parley says who the policy expects at a stage, to people in that kind of agency.",
  });

/** "main/stage-2": a route id and a stage key of it. */
const ROUTE_STAGE = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
const routeStage = (which: string) =>
  z
    .string({ error: `expected ${which} written route/stage in quotes, e.g. "main/stage-2"` })
    .regex(ROUTE_STAGE, { error: `expected ${which} written route/stage, e.g. "main/stage-2": a route id, a slash, then a stage key of that route` });

export const StageMoveSchema = z
  .strictObject({
    from: routeStage("a stage of the older version").meta({ description: 'The route id and stage key in the older version, e.g. "main/stage-2".' }),
    to: routeStage("a stage of this version").meta({ description: 'Where a dispute at that stage goes in this version, e.g. "main/managers".' }),
    note: text.optional().meta({ description: "Why the stage maps this way; shown when an administrator previews the move." }),
  })
  .meta({ description: "One stage of an older version and the stage of this version a dispute at it moves to." });

export const MovesFromSchema = z
  .strictObject({
    version: z
      .string({ error: 'expected the older version as text in quotes, e.g. "2024-1"' })
      .min(1)
      .meta({ description: "An older version of this partnership's policy." }),
    stages: z.array(StageMoveSchema).min(1).meta({
      description:
        "The stages whose route id or key changed. A stage not listed moves to the stage with the same route id and key in this version, if there is one; otherwise a dispute at it cannot be moved.",
    }),
    cite: cite.optional(),
  })
  .meta({ description: "How a dispute open under an older version moves to this one, where stages were renamed, merged or moved to another route." });

export type MovesFrom = z.output<typeof MovesFromSchema>;

/** The reference prefix when the policy does not state a code: the id's letters and digits, in capitals, at most 10 ("isle-of-man" → ISLEOFMAN). */
export function codeFromId(id: string): string {
  const letters = id.replaceAll("-", "").toUpperCase();
  return (/^[A-Z]/.test(letters) ? letters : `P${letters}`).slice(0, 10);
}

export const PolicyShape = z.strictObject({
  partnership: z
    .strictObject({
      id: key("a partnership id"),
      name: text,
      code: z.union([z.string().regex(/^[A-Z][A-Z0-9]{1,9}$/, { error: 'expected 2 to 10 capital letters or digits, e.g. TSCP, or "not-stated"' }), notStated]),
      nameIsPlaceholder: z.boolean().optional(),
    })
    .transform(({ code, ...rest }): { id: string; name: string; code: string; codeNotStated?: true; nameIsPlaceholder?: boolean } =>
      code === NOT_STATED ? { ...rest, code: codeFromId(rest.id), codeNotStated: true } : { ...rest, code },
    ),
  title: text,
  version: z
    .string({ error: 'expected the version as text in quotes, e.g. "2024-1"' })
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'expected letters, digits, dots or hyphens, e.g. "2024-1"' }),
  approved: partialDate.nullable().meta({ description: "When the policy was approved; null when the source does not say." }),
  reviewed: z.array(partialDate).optional(),
  reviewDue: partialDate.nullable(),
  effectiveFrom: isoDate.meta({ description: "The first day this version is in force (the partnership's local date)." }),
  jurisdiction: z.enum(JURISDICTIONS),
  timeZone: z
    .string()
    .refine(isValidTimeZone, {
      error: (iss) => `${JSON.stringify(iss.input)} is not a time zone the system knows; use an IANA name such as Europe/London`,
    })
    .default("Europe/London"),
  closeOfBusiness: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected a 24-hour time in quotes, e.g. "17:00"' })
    .default("17:00"),
  covers: z.array(z.enum(COVERS)).min(1),
  source: z.strictObject({ file: text, title: text.optional(), url: text.optional(), note: text.optional() }),
  contacts: z.array(ContactSchema).optional(),
  populations: z.array(PopulationSchema).min(1).optional().meta({
    description: "Populations served under one policy (children, adults), each with its own board, contacts and register. Leave out for one population.",
  }),
  immediateRisk: ImmediateRiskSchema,
  events: z.array(EventSchema).optional(),
  roleEquivalents: z
    .array(RoleEquivalentSchema)
    .optional()
    .meta({ description: "Role equivalence across agencies: a police detective sergeant is a manager; a named nurse is a manager in health." }),
  boardOversightStage: positiveWhole
    .nullable()
    .meta({ description: "The stage number from which the board business manager's register includes a dispute; null if none." }),
  areas: z
    .union([
      z.strictObject({
        cite,
        items: z.array(z.strictObject({ id: key("an area id"), label: text })).min(1),
      }),
      notStated,
    ])
    .transform((areas): { cite: string | null; items: { id: string; label: string }[]; notStated?: true } =>
      // Not stated: no list to choose from; the person raising describes the area in their own words.
      areas === NOT_STATED ? { cite: null, items: [], notStated: true } : areas,
    ),
  outOfScope: z.array(z.strictObject({ id: key("an id"), label: text, guidance: text, cite })),
  routes: z.array(RouteSchema).min(1),
  movesFrom: z.array(MovesFromSchema).optional().meta({
    description:
      "Moving open disputes from older versions to this one on purpose: for each older version, the stages whose route id or key changed (a stage with the same route id and key maps by itself).",
  }),
});

export type PolicyData = z.output<typeof PolicyShape>;
export type Route = PolicyData["routes"][number];
export type Stage = Route["stages"][number];
export type Deadline = z.output<typeof DeadlineSchema>;
export type Budget = z.output<typeof BudgetSchema>;
export type Obligation = z.output<typeof ObligationSchema>;
export type Party = z.output<typeof PartySchema>;
export type PolicyEvent = z.output<typeof EventSchema>;
export type RouteWhen = z.output<typeof RouteWhenSchema>;
export type Population = z.output<typeof PopulationSchema>;
export type Contact = z.output<typeof ContactSchema>;
export type StageBranch = z.output<typeof StageBranchSchema>;
export type BranchWhen = z.output<typeof BranchWhenSchema>;

/** What a deadline counts from: its own anchor, or each of its parts' ("whichever is less"). */
export function anchorsOf(d: Deadline | Budget): Anchor[] {
  if (d.unit === "earliest-of") return d.of.flatMap((t) => ("from" in t ? [t.from] : []));
  return "from" in d ? [d.from] : [];
}
