/**
 * Demo disputes for every seed partnership, made through the real use cases
 * (raise, record a discussion, escalate, complete a form, resolve, withdraw…)
 * on a clock that starts some working days before "now" and moves forward, so
 * each dispute has a real, consistent history and its deadlines were computed
 * by the policy engine, not written in.
 *
 * Every instant is a time of day on the Nth working day before today on the
 * partnership's own calendar, so the outcome depends only on `now`: on the e2e
 * clock (Thursday 4 June 2026, 9am London) and on any other working day, each
 * partnership has disputes overdue, due today, due this week and later, some on
 * the board's register, one resolved with agreed actions and one withdrawn, and
 * every demo role has something on its dashboard (tests/integration/seed-disputes.test.ts checks).
 * On a weekend or holiday "due today" is empty, as it would be.
 */
import type { Actor } from "../auth/actor";
import { isoFromDay } from "../calendar/days";
import { ZoneClock } from "../calendar/time-zone";
import type { WorkingCalendar } from "../calendar/working-calendar";
import type { Database } from "../db/connect";
import { asSystem, inPartnership } from "../db/scope";
import {
  completeAgreedAction,
  escalateEscalation,
  raiseEscalation,
  recordDiscussion,
  recordMilestone,
  resolveEscalation,
  setDeadline,
  withdrawEscalation,
  type CommandResult,
  type EscalationDeps,
} from "../escalations";
import type { Policy } from "../policy";
import type { PolicyRegistry } from "../policy/registry";
import { DEMO_PARTNERSHIPS, DEMO_SHARED_USER, demoEmail } from "./demo-data";

export type SeededDispute = { partnershipId: string; key: string; id: string; reference: string };

/** A demo user's key (teacher, team-manager…), or the police officer who serves two partnerships. */
type UserKey = string;
type OwnerChoice = UserKey | { user: UserKey; proxy: string };

/** What a dispute is about: the words a practitioner would write, and who it concerns (initials only). */
type Story = {
  subjects: { kind: "child" | "adult"; initials: string; yearOfBirth: number }[];
  decisionDisputed: string;
  whyUnsafe: string;
  evidenceSummary: string;
  outcomeSought: string;
};

const STORIES = {
  closedReferral: {
    subjects: [{ kind: "child", initials: "LM", yearOfBirth: 2016 }],
    decisionDisputed: "The referral was closed at the front door with no further action and no assessment.",
    whyUnsafe: "L has come to school hungry on most days this half term and has twice said there was no adult at home overnight.",
    evidenceSummary: "Five entries on the school's safeguarding log since 20 April; attendance down to 81%; the referral form and the closure letter.",
    outcomeSought: "A child and family assessment, with the school invited to contribute.",
  },
  stepDown: {
    subjects: [
      { kind: "child", initials: "AK", yearOfBirth: 2014 },
      { kind: "child", initials: "BK", yearOfBirth: 2017 },
    ],
    decisionDisputed: "The children's case is to step down from a child in need plan to early help.",
    whyUnsafe: "Mother's new partner has moved in and the older child has described shouting and a door being broken. Nothing in the plan addresses him.",
    evidenceSummary: "Health visitor's notes of two home visits; the older child's account recorded verbatim by the class teacher.",
    outcomeSought: "Keep the child in need plan open and complete a risk assessment of the new partner.",
  },
  strategyMeeting: {
    subjects: [{ kind: "child", initials: "JT", yearOfBirth: 2011 }],
    decisionDisputed: "No strategy discussion will be held after a disclosure of physical harm.",
    whyUnsafe: "J has bruising to the upper arm and says a relative caused it; the decision relies on a single phone call to the family.",
    evidenceSummary: "Body map completed by the school nurse; J's words recorded at the time; photographs held by the school.",
    outcomeSought: "A strategy discussion within one working day, with police and health invited.",
  },
  informationSharing: {
    subjects: [{ kind: "child", initials: "RP", yearOfBirth: 2019 }],
    decisionDisputed: "Health will not share the outcome of the developmental review without the parents' consent.",
    whyUnsafe: "R is the subject of a child protection plan; the core group cannot judge progress without the review's findings.",
    evidenceSummary: "Child protection plan and core group minutes; two written requests for the review, both refused.",
    outcomeSought: "The review's findings shared with the core group before its next meeting.",
  },
  missingFromEducation: {
    subjects: [{ kind: "child", initials: "DS", yearOfBirth: 2012 }],
    decisionDisputed: "The police will not treat D's repeated absences from home as missing episodes.",
    whyUnsafe: "D has been found twice in the company of older young people known for exploitation, and is not in school.",
    evidenceSummary: "School attendance record; two return home interviews; a community intelligence report shared by the youth service.",
    outcomeSought: "Each absence recorded as a missing episode and an exploitation screening completed.",
  },
  carePlan: {
    subjects: [{ kind: "child", initials: "EW", yearOfBirth: 2009 }],
    decisionDisputed: "The care plan returns E to her father at the end of term.",
    whyUnsafe: "E says she does not feel safe with her father; the plan records no work with him on the concerns that led to her coming into care.",
    evidenceSummary: "E's own written wishes; the independent reviewing officer's notes; the school's record of two disclosures.",
    outcomeSought: "A review of the plan with E's views heard before any move home.",
  },
  unbornBaby: {
    subjects: [{ kind: "child", initials: "UB", yearOfBirth: 2026 }],
    decisionDisputed: "No pre-birth assessment will be made.",
    whyUnsafe: "The expectant mother's two older children were removed in 2023 and she has not engaged with antenatal care.",
    evidenceSummary: "Midwifery records of three missed appointments; the 2023 court summary held by children's social care.",
    outcomeSought: "A pre-birth assessment and a discharge planning meeting before the due date.",
  },
  adultSelfNeglect: {
    subjects: [{ kind: "adult", initials: "GH", yearOfBirth: 1948 }],
    decisionDisputed: "The police will not share incident logs about repeated callers at G's home.",
    whyUnsafe: "G lives alone with dementia and money has gone from his account each week; the callers may be exploiting him.",
    evidenceSummary: "Bank statements seen with G's consent; the home care agency's log of visitors; two safeguarding concerns raised this month.",
    outcomeSought: "The incident logs shared under the adult safeguarding protocol, and a joint visit.",
  },
} satisfies Record<string, Story>;

type StoryKey = keyof typeof STORIES;

const DISCUSSION_SAID = "We went through the concerns and the evidence, and the reasons for the decision. We did not agree.";

/** Seeds demo disputes into every demo partnership that has a policy in force at `now`. */
export async function seedDemoDisputes(db: Database, options: { now: Date; policies: PolicyRegistry }): Promise<SeededDispute[]> {
  const seeded: SeededDispute[] = [];
  for (const partnership of DEMO_PARTNERSHIPS) {
    const policy = options.policies.inForce(partnership.id, options.now);
    if (!policy) continue;
    const seed = await PartnershipSeed.open(db, partnership.id, policy, options.policies, options.now);
    await SCRIPTS[partnership.id]?.(seed);
    seeded.push(...seed.disputes.map((d) => ({ partnershipId: partnership.id, key: d.key, id: d.id, reference: d.reference })));
  }
  return seeded;
}

/** One partnership's seeding: its people and agencies, its calendar, and the clock the use cases read. */
class PartnershipSeed {
  readonly disputes: DemoDispute[] = [];
  private clockMs = 0;
  readonly deps: EscalationDeps;

  private constructor(
    readonly db: Database,
    readonly partnershipId: string,
    readonly policy: Policy,
    private readonly calendar: WorkingCalendar,
    private readonly today: number,
    private readonly now: Date,
    private readonly people: Map<UserKey, Actor>,
    private readonly agencies: Map<string, string>,
    policies: PolicyRegistry,
  ) {
    // Timers, but no notices: the demo's invented past is not mailed out (the worker still warns and chases from now on).
    this.deps = { policies, now: () => new Date(this.clockMs), notify: false };
  }

  static async open(db: Database, partnershipId: string, policy: Policy, policies: PolicyRegistry, now: Date): Promise<PartnershipSeed> {
    const demo = DEMO_PARTNERSHIPS.find((p) => p.id === partnershipId)!;
    // Installation-level read of the demo people (the seed has just created them).
    const { memberships, agencies } = await asSystem(db, async (tx) => ({
      memberships: await tx.membership.findMany({ where: { partnershipId }, include: { user: true } }),
      agencies: await tx.agency.findMany({ where: { partnershipId } }),
    }));
    const people = new Map<UserKey, Actor>();
    for (const m of memberships) {
      const key = m.user.email === demoEmail(DEMO_SHARED_USER.key) ? DEMO_SHARED_USER.key : m.user.email.split("@")[0]!;
      people.set(key, { userId: m.userId, name: m.user.name, email: m.user.email, partnershipId, agencyId: m.agencyId, roles: m.roles });
    }
    const agencyIds = new Map(demo.agencies.map((a) => [a.key, agencies.find((row) => row.name === a.name)!.id]));
    const calendar = policies.calendarFor(policy);
    const today = ZoneClock.for(policy.timeZone).localDay(now.getTime());
    return new PartnershipSeed(db, partnershipId, policy, calendar, today, now, people, agencyIds, policies);
  }

  person(key: UserKey): Actor {
    const actor = this.people.get(key);
    if (!actor) throw new Error(`demo seed: no ${key} in ${this.partnershipId}`);
    return actor;
  }

  agency(key: string): string {
    const id = this.agencies.get(key);
    if (!id) throw new Error(`demo seed: no agency ${key} in ${this.partnershipId}`);
    return id;
  }

  /** hh:mm local time on the working day `daysAgo` working days before today (1: the last working day before today). */
  at(daysAgo: number, time: string): Date {
    const day = this.calendar.addWorkingDaysToDay(this.today, -daysAgo);
    const [h, m] = time.split(":").map(Number) as [number, number];
    return new Date(ZoneClock.for(this.policy.timeZone).instantAt(day, h * 60 + m));
  }

  /** The date `workingDays` working days after today (negative: before), for agreed actions' due dates. */
  date(workingDays: number): string {
    return isoFromDay(workingDays === 0 ? this.today : this.calendar.addWorkingDaysToDay(this.today, workingDays));
  }

  /** Moves the clock to `at`: never backwards within a dispute, never past now. */
  setClock(at: Date, floor: number): void {
    if (at.getTime() < floor) throw new Error(`demo seed: ${at.toISOString()} is before the dispute's previous step`);
    if (at.getTime() > this.now.getTime()) throw new Error(`demo seed: ${at.toISOString()} is after now`);
    this.clockMs = at.getTime();
  }

  async raise(
    key: string,
    input: {
      by: UserKey;
      at: Date;
      against: string;
      naming?: UserKey;
      story: StoryKey;
      areas: string[];
      routeId?: string;
      immediateRisk?: string;
    },
  ): Promise<DemoDispute> {
    this.setClock(input.at, 0);
    const story = STORIES[input.story];
    const named = input.naming ? this.person(input.naming) : undefined;
    const result = await raiseEscalation(
      this.db,
      this.person(input.by),
      {
        respondingAgencyId: this.agency(input.against),
        respondingPerson: named ? `${named.name}` : "The duty team manager",
        ...(named ? { respondingUserId: named.userId } : {}),
        ...(input.routeId ? { routeId: input.routeId } : {}),
        subjects: story.subjects.map((s) => ({ ...s, caseReferences: [] })),
        areas: input.areas,
        decisionDisputed: story.decisionDisputed,
        whyUnsafe: story.whyUnsafe,
        evidenceSummary: story.evidenceSummary,
        outcomeSought: story.outcomeSought,
        immediateRisk: input.immediateRisk !== undefined,
        ...(input.immediateRisk ? { immediateRiskNote: input.immediateRisk } : {}),
      },
      this.deps,
    );
    const dispute = new DemoDispute(this, key, result);
    this.disputes.push(dispute);
    return dispute;
  }

  owner(choice: OwnerChoice | undefined): { userId: string; proxy?: boolean; proxyReason?: string } | undefined {
    if (choice === undefined) return undefined;
    if (typeof choice === "string") return { userId: this.person(choice).userId };
    return { userId: this.person(choice.user).userId, proxy: true, proxyReason: choice.proxy };
  }
}

/** One dispute as it is seeded: each step is a use case, run as a demo person at a moment on the seed clock. */
class DemoDispute {
  readonly id: string;
  readonly reference: string;
  private version: number;
  private lastMs: number;

  constructor(
    private readonly seed: PartnershipSeed,
    readonly key: string,
    raised: CommandResult,
  ) {
    this.id = raised.id;
    this.reference = raised.reference;
    this.version = raised.version;
    this.lastMs = seed.deps.now!().getTime();
  }

  private async step(at: Date, run: (expectedVersion: number) => Promise<CommandResult>): Promise<this> {
    this.seed.setClock(at, this.lastMs);
    this.version = (await run(this.version)).version;
    this.lastMs = at.getTime();
    return this;
  }

  discuss(by: UserKey, at: Date, withWhom: UserKey | string, agreed?: string): Promise<this> {
    const other = this.seed.person(withWhom as UserKey);
    return this.step(at, (v) =>
      recordDiscussion(
        this.seed.db,
        this.seed.person(by),
        this.id,
        { expectedVersion: v, with: other.name, how: "phone", occurredAt: at.toISOString(), said: DISCUSSION_SAID, ...(agreed ? { agreed } : {}) },
        this.seed.deps,
      ),
    );
  }

  escalate(by: UserKey, at: Date, reason: string, options: { raising?: OwnerChoice; responding?: OwnerChoice; formsOnEntry?: string[] } = {}): Promise<this> {
    const raising = this.seed.owner(options.raising);
    const responding = this.seed.owner(options.responding);
    return this.step(at, (v) =>
      escalateEscalation(
        this.seed.db,
        this.seed.person(by),
        this.id,
        {
          expectedVersion: v,
          reason,
          ...(raising || responding ? { owners: { ...(raising ? { raising } : {}), ...(responding ? { responding } : {}) } } : {}),
          ...(options.formsOnEntry ? { formsOnEntry: options.formsOnEntry.map((formId) => ({ formId })) } : {}),
        },
        this.seed.deps,
      ),
    );
  }

  milestone(by: UserKey, at: Date, milestoneId: string, note: string): Promise<this> {
    return this.step(at, (v) =>
      recordMilestone(this.seed.db, this.seed.person(by), this.id, { expectedVersion: v, milestoneId, occurredAt: at.toISOString(), note }, this.seed.deps),
    );
  }

  setDeadline(by: UserKey, at: Date, deadlineId: string, dueAt: Date, note: string): Promise<this> {
    return this.step(at, (v) =>
      setDeadline(this.seed.db, this.seed.person(by), this.id, { expectedVersion: v, deadlineId, dueAt: dueAt.toISOString(), note }, this.seed.deps),
    );
  }

  resolve(
    by: UserKey,
    at: Date,
    outcome: string,
    actions: { description: string; owner: UserKey; due: string }[],
    confirmedBy: { raising: UserKey; responding: UserKey },
  ): Promise<this> {
    return this.step(at, (v) =>
      resolveEscalation(
        this.seed.db,
        this.seed.person(by),
        this.id,
        {
          expectedVersion: v,
          outcome,
          actions: actions.map((a) => {
            const owner = this.seed.person(a.owner);
            return { description: a.description, ownerName: owner.name, ownerUserId: owner.userId, dueDate: a.due };
          }),
          confirmations: {
            raising: { method: "meeting", confirmedBy: this.seed.person(confirmedBy.raising).name },
            responding: { method: "email", confirmedBy: this.seed.person(confirmedBy.responding).name },
          },
        },
        this.seed.deps,
      ),
    );
  }

  /** Marks the first agreed action not yet done as done. */
  async completeFirstAction(by: UserKey, at: Date, note: string): Promise<this> {
    const action = await inPartnership(this.seed.db, this.seed.person(by), (tx) =>
      tx.agreedAction.findFirstOrThrow({ where: { escalationId: this.id, doneAt: null }, orderBy: [{ addedAt: "asc" }, { dueDate: "asc" }] }),
    );
    return this.step(at, (v) =>
      completeAgreedAction(this.seed.db, this.seed.person(by), this.id, { expectedVersion: v, actionId: action.id, note }, this.seed.deps),
    );
  }

  withdraw(by: UserKey, at: Date, reason: string): Promise<this> {
    return this.step(at, (v) => withdrawEscalation(this.seed.db, this.seed.person(by), this.id, { expectedVersion: v, reason }, this.seed.deps));
  }
}

const STILL_DISAGREE = "We discussed it and still disagree; the policy's next stage is needed.";

/** Each partnership's demo disputes. Day numbers are working days before today. */
const SCRIPTS: Record<string, (s: PartnershipSeed) => Promise<void>> = {
  /** Torbay: stages 1 and 2 share 5 working days from raising; stage 3 (Record of Escalation, on the register) 5; stage 4 10. */
  async torbay(s) {
    const rofe = ["record-of-escalation"];

    // Stage 2, overdue: the 5-working-day budget from raising ran out 3 working days ago.
    const t1 = await s.raise("overdue-stage-2", {
      by: "teacher",
      at: s.at(8, "10:00"),
      against: "csc",
      naming: "social-worker",
      story: "closedReferral",
      areas: ["levels-of-need"],
    });
    await t1.discuss("teacher", s.at(8, "15:00"), "social-worker");
    await t1.escalate("teacher", s.at(6, "11:00"), STILL_DISAGREE, { raising: "school-manager", responding: "team-manager" });
    await t1.discuss("school-manager", s.at(5, "14:00"), "team-manager");

    // Stage 2, due today.
    const t2 = await s.raise("due-today-stage-2", {
      by: "health-visitor",
      at: s.at(5, "09:30"),
      against: "csc",
      naming: "social-worker",
      story: "unbornBaby",
      areas: ["need-for-action"],
    });
    await t2.discuss("health-visitor", s.at(5, "13:00"), "social-worker");
    await t2.escalate("health-visitor", s.at(3, "10:00"), STILL_DISAGREE, { raising: "named-nurse", responding: "team-manager" });

    // Stage 1, due in 3 working days: the school with health.
    await s.raise("due-soon-stage-1", {
      by: "teacher",
      at: s.at(2, "11:00"),
      against: "health",
      naming: "health-visitor",
      story: "informationSharing",
      areas: ["roles-and-responsibilities"],
    });

    // Stage 1, raised by a school manager (a designated safeguarding lead keeps ownership through stages 1 and 2).
    await s.raise("manager-raised-stage-1", {
      by: "school-manager",
      at: s.at(3, "14:00"),
      against: "police",
      naming: "police-officer",
      story: "missingFromEducation",
      areas: ["need-for-action"],
    });

    // Stage 3 (on the register), due in 2 working days, with the Record of Escalation sent to the business manager.
    const t4 = await s.raise("register-stage-3", {
      by: "teacher",
      at: s.at(8, "09:15"),
      against: "csc",
      naming: "social-worker",
      story: "strategyMeeting",
      areas: ["need-for-action"],
    });
    await t4.discuss("teacher", s.at(8, "13:00"), "social-worker");
    await t4.escalate("teacher", s.at(7, "10:00"), STILL_DISAGREE, { raising: "school-manager", responding: "team-manager" });
    await t4.discuss("school-manager", s.at(6, "11:00"), "team-manager");
    await t4.escalate("school-manager", s.at(3, "10:00"), "Stage 2 did not resolve it.", {
      raising: "headteacher",
      responding: "head-of-service",
      formsOnEntry: rofe,
    });

    // Stage 3 (on the register), overdue: the health trust has no senior manager in Parley, so its named nurse acts as proxy.
    const t5 = await s.raise("register-overdue-stage-3", {
      by: "health-visitor",
      at: s.at(12, "10:00"),
      against: "csc",
      naming: "social-worker",
      story: "stepDown",
      areas: ["care-planning"],
    });
    await t5.discuss("health-visitor", s.at(12, "14:00"), "social-worker");
    await t5.escalate("health-visitor", s.at(11, "10:00"), STILL_DISAGREE, { raising: "named-nurse", responding: "team-manager" });
    await t5.discuss("named-nurse", s.at(10, "10:00"), "team-manager");
    await t5.escalate("named-nurse", s.at(8, "09:30"), "Stage 2 did not resolve it.", {
      raising: { user: "named-nurse", proxy: "The trust's named nurse for safeguarding acts for the trust at stage 3." },
      responding: "head-of-service",
      formsOnEntry: rofe,
    });

    // Stage 4 (directors, under the business manager's oversight), due in 7 working days; the school has no director.
    const t6 = await s.raise("register-stage-4", {
      by: "social-worker",
      at: s.at(12, "11:00"),
      against: "school",
      naming: "teacher",
      story: "carePlan",
      areas: ["care-planning"],
    });
    await t6.discuss("social-worker", s.at(12, "15:00"), "teacher");
    await t6.escalate("social-worker", s.at(11, "11:00"), STILL_DISAGREE, { raising: "team-manager", responding: "school-manager" });
    await t6.discuss("team-manager", s.at(10, "14:00"), "school-manager");
    await t6.escalate("team-manager", s.at(8, "11:00"), "Stage 2 did not resolve it.", {
      raising: "head-of-service",
      responding: "headteacher",
      formsOnEntry: rofe,
    });
    await t6.escalate("head-of-service", s.at(3, "11:00"), "The senior managers could not agree.", {
      raising: "director",
      responding: { user: "headteacher", proxy: "The school has no divisional director: the head teacher represents it." },
    });

    // Resolved at stage 3 (on the register) with agreed actions, one done.
    const t7 = await s.raise("resolved-on-register", {
      by: "social-worker",
      at: s.at(25, "10:00"),
      against: "health",
      naming: "health-visitor",
      story: "informationSharing",
      areas: ["roles-and-responsibilities"],
    });
    await t7.discuss("social-worker", s.at(25, "14:00"), "health-visitor");
    await t7.escalate("social-worker", s.at(24, "10:00"), STILL_DISAGREE, { raising: "team-manager", responding: "named-nurse" });
    await t7.discuss("team-manager", s.at(23, "10:00"), "named-nurse");
    await t7.escalate("team-manager", s.at(21, "10:00"), "Stage 2 did not resolve it.", {
      raising: "head-of-service",
      responding: { user: "named-nurse", proxy: "The trust's named nurse for safeguarding acts for the trust at stage 3." },
      formsOnEntry: rofe,
    });
    await t7.resolve(
      "head-of-service",
      s.at(18, "14:00"),
      "Health agreed to share the review's findings with the core group under the child protection plan; consent is not needed for this.",
      [
        { description: "Share the developmental review's findings with the core group.", owner: "named-nurse", due: s.date(-15) },
        { description: "Add the findings to the child protection plan at the next core group.", owner: "social-worker", due: s.date(-12) },
      ],
      { raising: "head-of-service", responding: "named-nurse" },
    );
    await t7.completeFirstAction("named-nurse", s.at(16, "11:00"), "Sent to the core group by secure email.");

    // Resolved at stage 2 with an agreed action.
    const t8 = await s.raise("resolved-stage-2", {
      by: "teacher",
      at: s.at(20, "09:30"),
      against: "csc",
      naming: "social-worker",
      story: "closedReferral",
      areas: ["levels-of-need"],
    });
    await t8.discuss("teacher", s.at(20, "15:00"), "social-worker");
    await t8.escalate("teacher", s.at(19, "10:00"), STILL_DISAGREE, { raising: "school-manager", responding: "team-manager" });
    await t8.discuss("team-manager", s.at(18, "10:00"), "school-manager", "Children's social care will open a child and family assessment.");
    await t8.resolve(
      "team-manager",
      s.at(18, "16:00"),
      "The team manager reviewed the referral with the school and agreed that a child and family assessment is needed.",
      [{ description: "Start a child and family assessment and tell the school who is allocated.", owner: "social-worker", due: s.date(-14) }],
      { raising: "school-manager", responding: "team-manager" },
    );

    // Withdrawn by the police officer who raised it.
    const t9 = await s.raise("withdrawn", {
      by: "police-officer",
      at: s.at(6, "10:00"),
      against: "school",
      naming: "teacher",
      story: "missingFromEducation",
      areas: ["roles-and-responsibilities"],
    });
    await t9.withdraw("police-officer", s.at(5, "16:00"), "The school has shared its attendance records and agreed a safety plan, so the concern is met.");

    // Raised yesterday by the police sergeant who serves Torbay and Westbridge.
    await s.raise("shared-officer-stage-1", {
      by: "shared-police",
      at: s.at(1, "16:00"),
      against: "csc",
      naming: "social-worker",
      story: "strategyMeeting",
      areas: ["need-for-action"],
    });
  },

  /** Isle of Man: stage 1 within 1 working day of raising, stage 2 within 2 of entering it, stage 4 (the Board) the referral form within 5. */
  async "isle-of-man"(s) {
    await s.raise("due-today-stage-1", {
      by: "teacher",
      at: s.at(1, "11:00"),
      against: "csc",
      naming: "social-worker",
      story: "stepDown",
      areas: ["referral-threshold"],
    });

    const i2 = await s.raise("overdue-stage-2", {
      by: "health-visitor",
      at: s.at(6, "10:00"),
      against: "csc",
      naming: "social-worker",
      story: "unbornBaby",
      areas: ["assessment-outcome"],
    });
    await i2.escalate("health-visitor", s.at(5, "10:00"), STILL_DISAGREE, { raising: "named-nurse", responding: "team-manager" });

    // At the Board (stage 4) with the referral form emailed to the Director of Multi-agency Safeguarding.
    const i3 = await s.raise("register-stage-4", {
      by: "teacher",
      at: s.at(14, "09:30"),
      against: "csc",
      naming: "social-worker",
      story: "strategyMeeting",
      areas: ["strategy-discussion"],
    });
    await i3.escalate("teacher", s.at(13, "10:00"), STILL_DISAGREE, { raising: "school-manager", responding: "team-manager" });
    await i3.discuss("school-manager", s.at(12, "11:00"), "team-manager");
    await i3.escalate("school-manager", s.at(11, "10:00"), "The line managers disagree.", { raising: "headteacher", responding: "head-of-service" });
    await i3.discuss("headteacher", s.at(6, "14:00"), "head-of-service");
    await i3.escalate("headteacher", s.at(3, "10:00"), "Senior managers could not resolve it.", { formsOnEntry: ["escalation-referral-form"] });

    // About an adult: the policy covers vulnerable adults too.
    await s.raise("adult-stage-1", {
      by: "adult-social-worker",
      at: s.at(2, "14:00"),
      against: "police",
      naming: "police-officer",
      story: "adultSelfNeglect",
      areas: ["information-sharing"],
    });

    const i5 = await s.raise("resolved-stage-2", {
      by: "social-worker",
      at: s.at(10, "10:00"),
      against: "school",
      naming: "teacher",
      story: "missingFromEducation",
      areas: ["information-sharing"],
    });
    await i5.escalate("social-worker", s.at(9, "10:00"), STILL_DISAGREE, { raising: "team-manager", responding: "school-manager" });
    await i5.resolve(
      "team-manager",
      s.at(8, "15:00"),
      "The school will share attendance daily while the exploitation screening is completed.",
      [{ description: "Send the social worker D's attendance each afternoon for four weeks.", owner: "teacher", due: s.date(-7) }],
      { raising: "team-manager", responding: "school-manager" },
    );
    await i5.completeFirstAction("teacher", s.at(7, "10:00"), "Daily attendance e-mails set up.");

    // Resolved by the Board at stage 4: the outcome recorded on the referral form and returned.
    const i7 = await s.raise("resolved-on-register", {
      by: "social-worker",
      at: s.at(20, "10:00"),
      against: "school",
      naming: "teacher",
      story: "carePlan",
      areas: ["inadequate-plan"],
    });
    await i7.escalate("social-worker", s.at(19, "10:00"), STILL_DISAGREE, { raising: "team-manager", responding: "school-manager" });
    await i7.escalate("team-manager", s.at(17, "10:00"), "The line managers disagree.", { raising: "head-of-service", responding: "headteacher" });
    await i7.escalate("head-of-service", s.at(12, "10:00"), "Senior managers could not resolve it.", { formsOnEntry: ["escalation-referral-form"] });
    await i7.resolve(
      "chair",
      s.at(9, "12:00"),
      "The Independent Chair agreed a review of E's care plan with her views heard first. Outcome recorded on the referral form and returned to the referring agency.",
      [{ description: "Hold a care plan review with E's views heard before any move home.", owner: "head-of-service", due: s.date(-4) }],
      { raising: "head-of-service", responding: "headteacher" },
    );

    const i6 = await s.raise("withdrawn", {
      by: "police-officer",
      at: s.at(4, "10:00"),
      against: "csc",
      naming: "social-worker",
      story: "closedReferral",
      areas: ["referral-threshold"],
    });
    await i6.withdraw("police-officer", s.at(3, "12:00"), "Children and Families Division has accepted the referral after all.");
  },

  /** Eastmoor: hours, not days: line managers within 24 hours, then 24 hours to escalate once a stage cannot resolve it; the board's chair is told at stage 4. */
  async eastmoor(s) {
    const formal = ["formal-escalation"];
    const e1 = await s.raise("register-stage-4", {
      by: "teacher",
      at: s.at(6, "09:30"),
      against: "csc",
      naming: "social-worker",
      story: "strategyMeeting",
      areas: ["child-protection-procedures"],
    });
    await e1.milestone("teacher", s.at(6, "15:00"), "reported-to-line-managers", "Reported to the head teacher and the team manager.");
    await e1.escalate("teacher", s.at(5, "10:00"), STILL_DISAGREE, { raising: "headteacher", responding: "head-of-service" });
    await e1.escalate("headteacher", s.at(4, "10:00"), "The informal dispute procedure did not resolve it.", { formsOnEntry: formal });
    await e1.escalate("headteacher", s.at(1, "10:00"), "The Head of Service and the head teacher could not agree.", {
      responding: "director",
      formsOnEntry: formal,
    });

    const e2 = await s.raise("due-today-stage-1", {
      by: "social-worker",
      at: s.at(1, "11:00"),
      against: "school",
      naming: "teacher",
      story: "missingFromEducation",
      areas: ["information-and-services"],
    });
    await e2.milestone(
      "social-worker",
      s.at(1, "16:00"),
      "reported-to-line-managers",
      "Reported to the team manager and the school's designated safeguarding lead.",
    );

    const e3 = await s.raise("overdue-stage-2", {
      by: "health-visitor",
      at: s.at(5, "10:00"),
      against: "csc",
      naming: "social-worker",
      story: "unbornBaby",
      areas: ["assessment-outcome"],
    });
    await e3.escalate("health-visitor", s.at(4, "10:00"), STILL_DISAGREE, {
      raising: { user: "named-nurse", proxy: "The named nurse is the trust's second-tier safeguarding lead." },
      responding: "head-of-service",
    });
    await e3.milestone("named-nurse", s.at(3, "10:00"), "second-tier-unresolved", "The named nurse and the Head of Service met and could not agree.");

    const e4 = await s.raise("resolved-stage-1", {
      by: "police-officer",
      at: s.at(9, "10:00"),
      against: "csc",
      naming: "social-worker",
      story: "closedReferral",
      areas: ["referral-threshold"],
    });
    await e4.resolve(
      "police-officer",
      s.at(8, "12:00"),
      "Children's social care agreed to progress the referral to assessment after a second conversation.",
      [{ description: "Allocate a social worker and tell the police who it is.", owner: "social-worker", due: s.date(-6) }],
      { raising: "police-officer", responding: "social-worker" },
    );

    const e5 = await s.raise("withdrawn", {
      by: "teacher",
      at: s.at(3, "10:00"),
      against: "health",
      naming: "health-visitor",
      story: "informationSharing",
      areas: ["information-and-services"],
    });
    await e5.withdraw("teacher", s.at(2, "15:00"), "The health visitor has shared the review with the school.");
  },

  /** Cambridgeshire and Peterborough: no numeric deadlines ("as soon as possible"); the Board's Resolution Panel at stage 4. */
  async "cambridgeshire-peterborough"(s) {
    await s.raise("stage-1", {
      by: "teacher",
      at: s.at(2, "10:00"),
      against: "csc",
      naming: "social-worker",
      story: "closedReferral",
      areas: ["levels-of-need"],
    });

    const c2 = await s.raise("stage-2", {
      by: "health-visitor",
      at: s.at(6, "10:00"),
      against: "csc",
      naming: "social-worker",
      story: "stepDown",
      areas: ["step-up-step-down"],
    });
    await c2.discuss("health-visitor", s.at(6, "14:00"), "social-worker");
    await c2.escalate("health-visitor", s.at(5, "10:00"), STILL_DISAGREE, { raising: "named-nurse", responding: "team-manager" });

    const c3 = await s.raise("register-stage-4", {
      by: "teacher",
      at: s.at(15, "10:00"),
      against: "csc",
      naming: "social-worker",
      story: "strategyMeeting",
      areas: ["perceived-risk"],
    });
    await c3.discuss("teacher", s.at(15, "14:00"), "social-worker");
    await c3.escalate("teacher", s.at(14, "10:00"), STILL_DISAGREE, { raising: "school-manager", responding: "team-manager" });
    await c3.discuss("school-manager", s.at(13, "10:00"), "team-manager");
    await c3.escalate("school-manager", s.at(11, "10:00"), "The line managers disagree.", { raising: "headteacher", responding: "head-of-service" });
    await c3.discuss("headteacher", s.at(9, "10:00"), "head-of-service");
    await c3.escalate("headteacher", s.at(4, "10:00"), "All other routes are exhausted: to the Resolution Panel.");

    const c4 = await s.raise("resolved-stage-2", {
      by: "social-worker",
      at: s.at(12, "10:00"),
      against: "school",
      naming: "teacher",
      story: "missingFromEducation",
      areas: ["communication"],
    });
    await c4.discuss("social-worker", s.at(12, "15:00"), "teacher");
    await c4.escalate("social-worker", s.at(11, "10:00"), STILL_DISAGREE, { raising: "team-manager", responding: "school-manager" });
    await c4.resolve(
      "school-manager",
      s.at(10, "16:00"),
      "The school agreed to call children's social care on the first day of any unexplained absence.",
      [{ description: "Add a first-day absence call to the school's safeguarding procedure.", owner: "school-manager", due: s.date(-5) }],
      { raising: "team-manager", responding: "school-manager" },
    );

    const c5 = await s.raise("withdrawn", {
      by: "police-officer",
      at: s.at(3, "10:00"),
      against: "school",
      naming: "teacher",
      story: "informationSharing",
      areas: ["communication"],
    });
    await c5.withdraw("police-officer", s.at(2, "11:00"), "Raised with the wrong agency: the records sit with health.");
  },

  /** Westbridge: several routes, no board register, few deadlines. */
  async westbridge(s) {
    await s.raise("practitioners", {
      by: "teacher",
      at: s.at(2, "10:00"),
      against: "csc",
      naming: "social-worker",
      story: "closedReferral",
      areas: ["level-of-need"],
    });

    const w2 = await s.raise("line-managers", {
      by: "health-visitor",
      at: s.at(7, "10:00"),
      against: "csc",
      naming: "social-worker",
      story: "unbornBaby",
      areas: ["not-recognising-need"],
    });
    await w2.discuss("health-visitor", s.at(7, "14:00"), "social-worker");
    await w2.escalate("health-visitor", s.at(6, "10:00"), STILL_DISAGREE, { raising: "named-nurse", responding: "team-manager" });

    // Dissent at referral: the professionals agree a timescale, then it goes up each agency's line management.
    const w3 = await s.raise("referral-line-management", {
      by: "teacher",
      at: s.at(9, "10:00"),
      against: "csc",
      naming: "social-worker",
      story: "strategyMeeting",
      areas: ["not-accepting-referrals"],
      routeId: "referral-enquiry",
    });
    await w3.setDeadline("teacher", s.at(9, "11:00"), "agreed-timescale", s.at(7, "17:00"), "Agreed with Sam Riley by phone.");
    await w3.escalate("teacher", s.at(6, "10:00"), "Not resolved within the agreed timescale.", { raising: "school-manager", responding: "team-manager" });
    await w3.escalate("school-manager", s.at(3, "10:00"), "The first-line managers could not agree.", {
      raising: "headteacher",
      responding: "head-of-service",
    });

    await s.raise("shared-officer", {
      by: "shared-police",
      at: s.at(1, "10:00"),
      against: "school",
      naming: "teacher",
      story: "missingFromEducation",
      areas: ["not-sharing-information"],
    });

    const w5 = await s.raise("resolved", {
      by: "social-worker",
      at: s.at(8, "10:00"),
      against: "health",
      naming: "health-visitor",
      story: "informationSharing",
      areas: ["not-sharing-information"],
    });
    await w5.resolve(
      "social-worker",
      s.at(7, "15:00"),
      "Health agreed to share the review with the core group.",
      [{ description: "Send the review to the core group.", owner: "health-visitor", due: s.date(-5) }],
      { raising: "social-worker", responding: "health-visitor" },
    );

    const w6 = await s.raise("withdrawn", {
      by: "police-officer",
      at: s.at(4, "10:00"),
      against: "csc",
      naming: "social-worker",
      story: "carePlan",
      areas: ["planned-interventions"],
    });
    await w6.withdraw("police-officer", s.at(3, "10:00"), "Resolved between the practitioners after a second call.");
  },
};
