/**
 * The state of one dispute as the projection builds it: the columns of its
 * Escalation row, its materialised deadlines, participants and agreed actions,
 * plus the facts the policy's preconditions need that have no column.
 */
import type { EscalationStatus, ParticipantRole, Side } from "../db/generated/enums";
import type { Subject } from "./schemas";

/** Every column of Escalation except its id and updatedAt. */
export type EscalationRow = {
  partnershipId: string;
  reference: string;
  policyId: string;
  policyVersion: string;
  routeId: string;
  status: EscalationStatus;
  urgent: boolean;
  raisedAt: Date;
  raisedById: string;
  raisingAgencyId: string;
  respondingAgencyId: string;
  respondingPerson: string;
  subjects: Subject[];
  areas: string[];
  areaOther: string | null;
  decisionDisputed: string;
  whyUnsafe: string;
  evidenceSummary: string;
  outcomeSought: string;
  timescaleSought: string | null;
  immediateRisk: boolean;
  immediateRiskNote: string | null;
  stageKey: string;
  stageNumber: number | null;
  stageEnteredAt: Date;
  raisingOwnerId: string | null;
  respondingOwnerId: string | null;
  raisingRank: number;
  respondingRank: number;
  onRegister: boolean;
  nextDueAt: Date | null;
  /** A form the policy requires at the current stage has not been recorded as completed. */
  formOutstanding: boolean;
  outcome: string | null;
  closedAt: Date | null;
  version: number;
};

/** An EscalationDeadline row without its id. */
export type DeadlineRow = {
  stageKey: string;
  deadlineId: string;
  position: number;
  label: string;
  kind: string;
  unit: string;
  status: string;
  dueAt: Date | null;
  decidesOverdue: boolean;
  rule: string;
  explanation: string;
  warnings: string[];
  cite: string;
};

/** An EscalationParticipant row without its id. */
export type ParticipantRow = {
  userId: string;
  role: ParticipantRole;
  side: Side;
  /** For owners, the stage they owned; "" for the raiser and the responder. */
  stageKey: string;
  current: boolean;
};

/** An AgreedAction row; `dueDate` is the calendar date, "YYYY-MM-DD". */
export type ActionRow = {
  id: string;
  description: string;
  ownerName: string;
  ownerUserId: string | null;
  ownerAgencyId: string | null;
  dueDate: string;
  addedAt: Date;
  doneAt: Date | null;
};

export type StageVisit = { stageKey: string; enteredAt: Date; how: "raised" | "escalated" | "expedited"; leftAt: Date | null };

export type MilestoneRecord = { eventId: string; milestoneId: string; stageKey: string; occurredAt: Date; superseded: boolean };

export type EscalationState = {
  row: EscalationRow;
  deadlines: DeadlineRow[];
  participants: ParticipantRow[];
  actions: ActionRow[];
  /** Stages entered, in order. */
  visits: StageVisit[];
  /** Stages passed over by an expedite. */
  skipped: string[];
  /** Discussions recorded, by the stage they were recorded at. */
  discussions: Record<string, number>;
  /** Forms completed, by the stage they were completed at: form id → when first recorded. */
  forms: Record<string, Record<string, Date>>;
  milestones: MilestoneRecord[];
  /** Due dates set by a person, by deadline id. */
  setDeadlines: Record<string, Date>;
  /** Every event so far, by id: what a correction may name. */
  eventTypes: Record<string, { type: string; stageKey: string }>;
};

/**
 * Who takes the dispute while nobody owns its responding side: that agency's
 * escalation contacts (user ids; empty when the agency has nobody on Parley).
 * Loaded with the dispute (withIntake in intake.ts), not projected: it follows
 * the agency's people, not the dispute's events.
 */
export type Intake = { respondingContacts: readonly string[] };

/** What visibility and available actions need: the row, who is on it, its actions, and its intake when it awaits an owner. */
export type EscalationSnapshot = Pick<EscalationState, "row" | "participants" | "actions"> & { intake?: Intake | undefined };

export const SIDES = ["raising", "responding"] as const satisfies readonly Side[];

export const ownerOf = (row: EscalationRow, side: Side): string | null => (side === "raising" ? row.raisingOwnerId : row.respondingOwnerId);
export const agencyOf = (row: EscalationRow, side: Side): string => (side === "raising" ? row.raisingAgencyId : row.respondingAgencyId);
export const rankOf = (row: EscalationRow, side: Side): number => (side === "raising" ? row.raisingRank : row.respondingRank);
