/**
 * A disagreement being raised, between the steps of the raise flow: the answers
 * so far, kept in the author's EscalationDraft. Each answer is stored as the use
 * case takes it (RaiseEscalationInput), so the final submit is a plain mapping.
 */
import { z } from "zod";
import type { RaiseEscalationInput } from "../escalations";
import type { Subject } from "../escalations/schemas";

/** The raise flow's steps, in order. Some apply only to some answers (lib/views/raise-flow/steps.ts says which). */
export const RAISE_STEPS = ["start", "emergency", "process", "agency", "person", "subjects", "areas", "decision", "evidence", "outcome", "urgent"] as const;
export type RaiseStep = (typeof RAISE_STEPS)[number];

export const isRaiseStep = (value: string): value is RaiseStep => (RAISE_STEPS as readonly string[]).includes(value);

export type DraftAnswers = {
  immediateRisk?: boolean;
  immediateRiskNote?: string;
  /** The user confirmed this is a disagreement about a decision, not a matter the policy sends elsewhere. */
  scopeConfirmed?: boolean;
  routeId?: string;
  respondingAgencyId?: string;
  respondingPerson?: string;
  respondingUserId?: string;
  subjects?: Subject[];
  areas?: string[];
  areaOther?: string;
  decisionDisputed?: string;
  whyUnsafe?: string;
  evidenceSummary?: string;
  outcomeSought?: string;
  timescaleSought?: string;
  urgentGrounds?: string;
  startAtStageKey?: string;
};

export type Draft = { answers: DraftAnswers; createdAt: Date; updatedAt: Date };

const optionalString = z.string().optional().catch(undefined);

/** What a stored draft may hold; anything unreadable (an older shape) is dropped, never fatal. */
const StoredAnswers = z.object({
  immediateRisk: z.boolean().optional().catch(undefined),
  immediateRiskNote: optionalString,
  scopeConfirmed: z.boolean().optional().catch(undefined),
  routeId: optionalString,
  respondingAgencyId: optionalString,
  respondingPerson: optionalString,
  respondingUserId: optionalString,
  subjects: z
    .array(
      z.object({
        kind: z.enum(["child", "adult"]),
        initials: z.string(),
        yearOfBirth: z.number().int(),
        caseReferences: z.array(z.object({ agencyId: z.string(), reference: z.string() })),
      }),
    )
    .optional()
    .catch(undefined),
  areas: z.array(z.string()).optional().catch(undefined),
  areaOther: optionalString,
  decisionDisputed: optionalString,
  whyUnsafe: optionalString,
  evidenceSummary: optionalString,
  outcomeSought: optionalString,
  timescaleSought: optionalString,
  urgentGrounds: optionalString,
  startAtStageKey: optionalString,
});

export function readAnswers(data: unknown): DraftAnswers {
  const answers = (data && typeof data === "object" && "answers" in data ? (data as { answers: unknown }).answers : {}) ?? {};
  const parsed = StoredAnswers.safeParse(answers);
  if (!parsed.success) return {};
  return Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as DraftAnswers;
}

/** The use case's input from the answers; what is missing stays missing, for raiseEscalation to report. */
export function toRaiseInput(a: DraftAnswers): RaiseEscalationInput {
  const input: Record<string, unknown> = {
    respondingAgencyId: a.respondingAgencyId,
    respondingPerson: a.respondingPerson,
    subjects: a.subjects,
    areas: a.areas,
    decisionDisputed: a.decisionDisputed,
    whyUnsafe: a.whyUnsafe,
    evidenceSummary: a.evidenceSummary,
    outcomeSought: a.outcomeSought,
    immediateRisk: a.immediateRisk,
  };
  if (a.respondingUserId) input.respondingUserId = a.respondingUserId;
  if (a.routeId) input.routeId = a.routeId;
  if (a.areaOther && a.areas?.includes("other")) input.areaOther = a.areaOther;
  if (a.timescaleSought) input.timescaleSought = a.timescaleSought;
  if (a.immediateRisk && a.immediateRiskNote) input.immediateRiskNote = a.immediateRiskNote;
  if (a.immediateRisk) {
    input.urgent = { grounds: a.urgentGrounds, ...(a.startAtStageKey ? { startAtStageKey: a.startAtStageKey } : {}) };
  }
  return input as RaiseEscalationInput;
}
