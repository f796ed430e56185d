/** A Torbay dispute built from events, as getEscalation would show it, for the view tests (no database). */
import type { Actor } from "../../../lib/auth/actor";
import type { Role } from "../../../lib/db/generated/enums";
import { availableActions, project, stageLadder, type EscalationEvent, type EscalationView } from "../../../lib/escalations";
import type { Directory } from "../../../lib/escalations/directory";
import { policies } from "../../support/escalations";

export const uuid = (n: number) => `0195d1c2-0000-7000-8000-${String(n).padStart(12, "0")}`;

export const SCHOOL = uuid(901);
export const CSC = uuid(902);
export const POLICE = uuid(903);

export const PEOPLE = {
  teacher: { userId: uuid(1), name: "Priya Shah", agencyId: SCHOOL, roles: ["practitioner"] as Role[] },
  social: { userId: uuid(2), name: "Sam Riley", agencyId: CSC, roles: ["practitioner"] as Role[] },
  manager: { userId: uuid(3), name: "Tom Okafor", agencyId: SCHOOL, roles: ["manager"] as Role[] },
  teamManager: { userId: uuid(4), name: "Grace Adeyemi", agencyId: CSC, roles: ["manager"] as Role[] },
  head: { userId: uuid(5), name: "Helen Marsh", agencyId: SCHOOL, roles: ["senior_manager"] as Role[] },
  headOfService: { userId: uuid(6), name: "Martin Cole", agencyId: CSC, roles: ["senior_manager"] as Role[] },
  director: { userId: uuid(7), name: "Alison Reeve", agencyId: CSC, roles: ["director"] as Role[] },
};

export const DIRECTORY: Directory = {
  agencies: [
    { id: SCHOOL, name: "Paignton Community Primary School", type: "education" },
    { id: CSC, name: "Torbay Council Children's Services", type: "childrens_social_care" },
    { id: POLICE, name: "Devon and Cornwall Police", type: "police" },
  ],
  members: Object.values(PEOPLE).sort((a, b) => a.name.localeCompare(b.name)),
};

export const actorOf = (p: (typeof PEOPLE)[keyof typeof PEOPLE]): Actor => ({ ...p, email: `${p.userId}@x.example`, partnershipId: "torbay" });

export const torbay = () => policies().get("torbay")!;
export const torbayCalendar = () => policies().calendarFor(torbay());

let n = 100;
export function ev<T extends EscalationEvent["type"]>(
  sequence: number,
  at: string,
  stageKey: string,
  type: T,
  payload: Extract<EscalationEvent, { type: T }>["payload"],
  actorId: string = PEOPLE.teacher.userId,
  correctsId: string | null = null,
): EscalationEvent {
  return { id: uuid(++n), sequence, at: new Date(at), actorId, stageKey, policyVersion: "2024-1", correctsId, type, payload } as EscalationEvent;
}

/** Raised 9am Thursday 4 June 2026 by the teacher against children's social care, naming the social worker. */
export function raisedEvents(at = "2026-06-04T08:00:00Z", overrides: Partial<Extract<EscalationEvent, { type: "raised" }>["payload"]> = {}): EscalationEvent[] {
  return [
    ev(1, at, "stage-1", "raised", {
      reference: "TSCP-2026-0001",
      policyId: "torbay",
      policyVersion: "2024-1",
      routeId: "main",
      stageKey: "stage-1",
      urgent: false,
      raisingAgencyId: SCHOOL,
      respondingAgencyId: CSC,
      respondingPerson: "Sam Riley, social worker",
      respondingUserId: PEOPLE.social.userId,
      subjects: [{ kind: "child", initials: "JS", yearOfBirth: 2016, caseReferences: [{ agencyId: SCHOOL, reference: "PCPS-1142" }] }],
      areas: ["levels-of-need", "other"],
      areaOther: "Transport to school",
      decisionDisputed: "The referral was closed.",
      whyUnsafe: "The child is left alone overnight.",
      evidenceSummary: "Two disclosures on the safeguarding log.",
      outcomeSought: "An assessment.",
      timescaleSought: null,
      immediateRisk: false,
      immediateRiskNote: null,
      ...overrides,
    }),
    ev(2, at, "stage-1", "owner_assigned", { side: "raising", userId: PEOPLE.teacher.userId, proxy: false }),
    ev(3, at, "stage-1", "owner_assigned", { side: "responding", userId: PEOPLE.social.userId, proxy: false }),
  ];
}

/** The view a reader gets of a dispute with these events, at `now`. */
export function viewOf(
  events: EscalationEvent[],
  reader: Actor = actorOf(PEOPLE.teacher),
  now = new Date("2026-06-04T09:00:00Z"),
  notices: EscalationView["notices"] = [],
): EscalationView {
  const policy = torbay();
  const state = project(events, { policy, calendar: torbayCalendar() });
  const people = Object.fromEntries(Object.values(PEOPLE).map((p) => [p.userId, p.name]));
  const correctedBy = new Map<string, string[]>();
  for (const e of events) if (e.correctsId) correctedBy.set(e.correctsId, [...(correctedBy.get(e.correctsId) ?? []), e.id]);
  return {
    id: uuid(999),
    record: { ...state.row, updatedAt: now },
    raisingAgency: { id: SCHOOL, name: "Paignton Community Primary School", type: "education" },
    respondingAgency: { id: CSC, name: "Torbay Council Children's Services", type: "childrens_social_care" },
    people,
    policy: {
      id: "torbay",
      version: "2024-1",
      title: policy.title,
      route: { id: "main", title: policy.routes[0]!.title },
      immediateRisk: policy.immediateRisk,
    },
    history: events.map((e) => ({ ...e, actorName: people[e.actorId] ?? "(unknown user)", correctedBy: correctedBy.get(e.id) ?? [] })),
    deadlines: state.deadlines.map((d) => ({ ...d, overdue: d.dueAt !== null && d.dueAt.getTime() < now.getTime() })),
    actions: state.actions.map((a) => ({ ...a, overdue: a.doneAt === null && a.dueDate < now.toISOString().slice(0, 10) })),
    participants: state.participants,
    ladder: stageLadder(state, policy),
    recorded: { discussions: state.discussions, forms: state.forms, milestones: state.milestones },
    availableActions: availableActions(reader, state, policy),
    notices,
    access: "participant",
  };
}

/** A dispute taken to stage 2 (owners: the school manager and the team manager) after a discussion. */
export function atStage2(): EscalationEvent[] {
  return [
    ...raisedEvents(),
    ev(4, "2026-06-04T08:10:00Z", "stage-1", "discussion_recorded", {
      with: "Sam Riley",
      how: "phone",
      occurredAt: "2026-06-04T07:30:00.000Z",
      said: "We talked it through.",
      agreed: "The school will escalate.",
    }),
    ev(5, "2026-06-04T08:20:00Z", "stage-1", "escalated", {
      from: "stage-1",
      to: "stage-2",
      reason: "No agreement.",
      deadlinesThen: [
        { deadlineId: "stages-1-2-response", label: "Resolve at stages 1 and 2 (the other party responds)", dueAt: "2026-06-11T16:00:00.000Z", overdue: false },
      ],
    }),
    ev(6, "2026-06-04T08:20:00Z", "stage-2", "owner_assigned", { side: "raising", userId: PEOPLE.manager.userId, proxy: false }),
    ev(7, "2026-06-04T08:20:00Z", "stage-2", "owner_assigned", { side: "responding", userId: PEOPLE.teamManager.userId, proxy: false }),
  ];
}
