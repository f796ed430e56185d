/**
 * Checking one step of the raise flow: the part of RaiseEscalationInput the step
 * asks for, with the same schemas (and the same messages) the use case applies,
 * plus the checks it makes against the partnership and the policy that the step
 * can already make. raiseEscalation checks everything again on the final submit.
 */
import { z } from "zod";
import { RaiseEscalationInput, ValidationError } from "../escalations";
import type { Directory } from "../escalations/directory";
import { expediteTargets, startStage } from "../escalations/policy-facts";
import { AREA_OTHER, checkSubjects } from "../escalations/raise-escalation";
import { parseInput } from "../escalations/schemas";
import { getRoute, type Policy } from "../policy";
import type { DraftAnswers, RaiseStep } from "./answers";

export type StepContext = {
  policy: Policy;
  /** The raiser's own agency. */
  agencyId: string;
  directory: Directory;
  now: Date;
  /** The answers saved so far. */
  answers: DraftAnswers;
};

const S = RaiseEscalationInput.shape;

const IMMEDIATE_RISK_NOTE =
  "Say what you have done about the immediate risk. Raising a dispute is not a child protection referral: contact the police or children's social care first.";

const SCHEMAS = {
  start: z.strictObject({ immediateRisk: S.immediateRisk }),
  emergency: z.strictObject({ immediateRiskNote: S.immediateRiskNote }),
  process: z.strictObject({
    scopeConfirmed: z.literal(true, {
      error: "Confirm that this is a disagreement about a decision another agency made. If it is not, use the route described for it.",
    }),
    routeId: S.routeId,
  }),
  agency: z.strictObject({ respondingAgencyId: S.respondingAgencyId }),
  person: z.strictObject({ respondingPerson: S.respondingPerson, respondingUserId: S.respondingUserId }),
  subjects: z.strictObject({ subjects: S.subjects }),
  areas: z.strictObject({ areas: S.areas, areaOther: S.areaOther }),
  decision: z.strictObject({ decisionDisputed: S.decisionDisputed, whyUnsafe: S.whyUnsafe }),
  evidence: z.strictObject({ evidenceSummary: S.evidenceSummary }),
  outcome: z.strictObject({ outcomeSought: S.outcomeSought, timescaleSought: S.timescaleSought }),
  urgent: z.strictObject({ urgent: S.urgent.unwrap() }),
} satisfies Record<RaiseStep, z.ZodType>;

/** The answers a step contributes, checked; throws ValidationError with the use case's field paths. */
export function checkStep(step: RaiseStep, input: unknown, ctx: StepContext): DraftAnswers {
  switch (step) {
    case "start": {
      const v = parseInput(SCHEMAS.start, input);
      return { immediateRisk: v.immediateRisk };
    }
    case "emergency": {
      const v = parseInput(SCHEMAS.emergency, input);
      if (!v.immediateRiskNote) throw ValidationError.field("immediateRiskNote", IMMEDIATE_RISK_NOTE);
      return { immediateRiskNote: v.immediateRiskNote };
    }
    case "process": {
      const v = parseInput(SCHEMAS.process, input);
      if (ctx.policy.routes.length > 1) {
        if (!v.routeId) throw ValidationError.field("routeId", "Choose which process applies to this disagreement.");
        if (!ctx.policy.routes.some((r) => r.id === v.routeId)) throw ValidationError.field("routeId", "Choose one of the processes listed.");
        return { scopeConfirmed: true, routeId: v.routeId };
      }
      return { scopeConfirmed: true };
    }
    case "agency": {
      const v = parseInput(SCHEMAS.agency, input);
      if (v.respondingAgencyId === ctx.agencyId) {
        throw ValidationError.field("respondingAgencyId", "Choose another agency: a disagreement within your own agency is not handled by this policy.");
      }
      if (!ctx.directory.agencies.some((a) => a.id === v.respondingAgencyId)) {
        throw ValidationError.field("respondingAgencyId", "Choose an agency of this partnership.");
      }
      return { respondingAgencyId: v.respondingAgencyId };
    }
    case "person": {
      const v = parseInput(SCHEMAS.person, input);
      if (v.respondingUserId) {
        const member = ctx.directory.members.find((m) => m.userId === v.respondingUserId);
        if (!member || member.agencyId !== ctx.answers.respondingAgencyId) {
          throw ValidationError.field("respondingUserId", "Choose someone who works for the agency you chose, or leave this blank.");
        }
      }
      // A name typed as it is on Parley names that person (check your answers shows it).
      const userId = v.respondingUserId ?? memberNamed(ctx, v.respondingPerson)?.userId;
      return { respondingPerson: v.respondingPerson, ...(userId ? { respondingUserId: userId } : {}) };
    }
    case "subjects": {
      const v = parseInput(SCHEMAS.subjects, input);
      checkSubjects(ctx.policy, v.subjects, ctx.now);
      const known = new Set(ctx.directory.agencies.map((a) => a.id));
      v.subjects.forEach((s, i) =>
        s.caseReferences.forEach((ref, j) => {
          if (!known.has(ref.agencyId)) throw ValidationError.field(`subjects.${i}.caseReferences.${j}.agencyId`, "Choose an agency of this partnership.");
        }),
      );
      return { subjects: v.subjects };
    }
    case "areas": {
      const v = parseInput(SCHEMAS.areas, input);
      const known = new Set([...ctx.policy.areas.items.map((a) => a.id), AREA_OTHER]);
      const fields: Record<string, string> = {};
      v.areas.forEach((area, i) => {
        if (!known.has(area)) fields[`areas.${i}`] = `"${area}" is not an area this policy lists; choose one of its areas, or "other" and describe it.`;
      });
      if (v.areas.includes(AREA_OTHER) && !v.areaOther) fields.areaOther = "Describe the other area of disagreement.";
      if (Object.keys(fields).length > 0) throw new ValidationError(fields);
      return { areas: v.areas, ...(v.areaOther && v.areas.includes(AREA_OTHER) ? { areaOther: v.areaOther } : {}) };
    }
    case "decision": {
      const v = parseInput(SCHEMAS.decision, input);
      return { decisionDisputed: v.decisionDisputed, whyUnsafe: v.whyUnsafe };
    }
    case "evidence":
      return { evidenceSummary: parseInput(SCHEMAS.evidence, input).evidenceSummary };
    case "outcome": {
      const v = parseInput(SCHEMAS.outcome, input);
      return { outcomeSought: v.outcomeSought, ...(v.timescaleSought ? { timescaleSought: v.timescaleSought } : {}) };
    }
    case "urgent": {
      const v = parseInput(SCHEMAS.urgent, input);
      const target = v.urgent.startAtStageKey;
      if (target && !urgentStartOptions(ctx.policy, ctx.answers.routeId).includes(target)) {
        throw ValidationError.field("urgent.startAtStageKey", "Choose one of the stages listed.");
      }
      return { urgentGrounds: v.urgent.grounds, ...(target ? { startAtStageKey: target } : {}) };
    }
    default: {
      const never: never = step;
      throw new Error(`unknown step ${String(never)}`);
    }
  }
}

/** Stages an urgent dispute may start at instead of the usual first stage (none if the policy allows no skipping). */
export function urgentStartOptions(policy: Policy, routeId: string | undefined): string[] {
  const route = getRoute(policy, routeId && policy.routes.some((r) => r.id === routeId) ? routeId : undefined);
  return expediteTargets(policy, route.id, startStage(route).key, true);
}

/**
 * The answers after a step is saved: a later answer that no longer fits an
 * earlier one is dropped (a person from another agency, an urgent start stage
 * of another route, the note about an immediate risk there no longer is).
 */
export function mergeAnswers(previous: DraftAnswers, step: DraftAnswers, ctx: Pick<StepContext, "directory" | "agencyId">): DraftAnswers {
  const next: DraftAnswers = { ...previous, ...step };
  if (step.immediateRisk === false) {
    delete next.immediateRiskNote;
    delete next.urgentGrounds;
    delete next.startAtStageKey;
  }
  if ("areas" in step && !step.areaOther) delete next.areaOther;
  if ("outcomeSought" in step && !step.timescaleSought) delete next.timescaleSought;
  if ("respondingPerson" in step && !step.respondingUserId) delete next.respondingUserId;
  if ("routeId" in step && step.routeId !== previous.routeId) delete next.startAtStageKey;
  if ("urgentGrounds" in step && !step.startAtStageKey) delete next.startAtStageKey;
  if (step.respondingAgencyId && step.respondingAgencyId !== previous.respondingAgencyId) {
    const member = ctx.directory.members.find((m) => m.userId === next.respondingUserId);
    if (member?.agencyId !== step.respondingAgencyId) delete next.respondingUserId;
    if (next.subjects) {
      const keep = new Set([ctx.agencyId, step.respondingAgencyId]);
      next.subjects = next.subjects.map((s) => ({ ...s, caseReferences: s.caseReferences.filter((r) => keep.has(r.agencyId)) }));
    }
  }
  return next;
}

const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9' -]/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/**
 * The one Parley user of the responding agency the typed words name: the typed
 * name (before any comma) is theirs, contains theirs, or is at least two words
 * of theirs ("Jamie Fraser" for "DC Jamie Fraser"). None when no one or several match.
 */
export function memberNamed(ctx: Pick<StepContext, "directory" | "answers">, typed: string) {
  const name = normalise(typed.split(",")[0] ?? "");
  if (name.split(" ").length < 2) return undefined;
  const matches = ctx.directory.members.filter((m) => {
    if (m.agencyId !== ctx.answers.respondingAgencyId) return false;
    const theirs = normalise(m.name);
    return theirs === name || ` ${name} `.includes(` ${theirs} `) || ` ${theirs} `.includes(` ${name} `);
  });
  return matches.length === 1 ? matches[0] : undefined;
}
