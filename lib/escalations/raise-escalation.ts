/** Raising a disagreement: the first events of a dispute, under the policy version in force today. */
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { atOrAbove, can } from "../auth/permissions";
import { yearOfDay } from "../calendar/days";
import { ZoneClock } from "../calendar/time-zone";
import type { Database } from "../db/connect";
import { inPartnership, type PartnershipTx } from "../db/scope";
import { chooseRoute, getStage, routesChosenByHand, stageName, type Policy, type Route, type RouteFacts } from "../policy";
import { resultOf, type CommandResult } from "./command";
import { deadlinesThen } from "./common";
import { newIdOf, nowOf, type EscalationDeps } from "./deps";
import { ForbiddenError, PreconditionError, ValidationError } from "../errors";
import type { NewEvent } from "./events";
import { requireAgency, requireMember } from "./members";
import { expediteTargets, levelAt, stagesBetween, startStage, stageIndex } from "./policy-facts";
import { LIMITS, SubjectSchema, id, optionalText, parseInput, requiredText } from "./schemas";
import { boardNoticeEvent, stageEntryEvents } from "./stage-entry";
import { insertEscalation, placeEvents } from "./store";
import { afterChange } from "../notices/on-change";

export const AREA_OTHER = "other";

export const RaiseEscalationInput = z
  .strictObject({
    respondingAgencyId: id("the agency whose decision you disagree with"),
    respondingPerson: requiredText("the name or role of the person whose decision you disagree with"),
    respondingUserId: id("the person whose decision you disagree with").optional(),
    routeId: optionalText(),
    subjects: z
      .array(SubjectSchema, { error: "Add the child or adult this is about." })
      .min(1, { error: "Add the child or adult this is about." })
      .max(LIMITS.subjects, { error: `List at most ${LIMITS.subjects} people; raise a separate dispute for others.` }),
    areas: z
      .array(requiredText("an area of disagreement"), { error: "Choose at least one area of disagreement." })
      .min(1, { error: "Choose at least one area of disagreement." })
      .max(20),
    areaOther: optionalText(),
    decisionDisputed: requiredText("the decision you disagree with", LIMITS.long),
    whyUnsafe: requiredText("why you think the decision is unsafe", LIMITS.long),
    evidenceSummary: requiredText("a summary of your evidence", LIMITS.long),
    outcomeSought: requiredText("the outcome you want", LIMITS.long),
    timescaleSought: optionalText(),
    immediateRisk: z.boolean({ error: "Say whether a child or adult is at immediate risk." }),
    immediateRiskNote: optionalText(LIMITS.long),
    urgent: z
      .strictObject({
        grounds: requiredText("why this is urgent", LIMITS.long),
        /** Start at a later stage, where the policy's urgent route allows it. */
        startAtStageKey: optionalText(),
      })
      .optional(),
  })
  .superRefine((input, ctx) => {
    if (input.immediateRisk && !input.immediateRiskNote) {
      ctx.addIssue({
        code: "custom",
        path: ["immediateRiskNote"],
        message:
          "Say what you have done about the immediate risk. Raising a dispute is not a child protection referral: contact the police or children's social care first.",
      });
    }
    if (input.areas.includes(AREA_OTHER) && !input.areaOther) {
      ctx.addIssue({ code: "custom", path: ["areaOther"], message: "Describe the other area of disagreement." });
    }
  });
export type RaiseEscalationInput = z.input<typeof RaiseEscalationInput>;

export type RaiseOptions = {
  /**
   * Runs first, in the raise's own transaction: what must happen with the raise
   * or not at all (raiseFromDraft deletes the draft here, so a double submit
   * raises once and a refused raise keeps the draft).
   */
  claim?: (tx: PartnershipTx) => Promise<void>;
};

export async function raiseEscalation(db: Database, actor: Actor, input: unknown, deps: EscalationDeps, options: RaiseOptions = {}): Promise<CommandResult> {
  const cmd = parseInput(RaiseEscalationInput, input);
  if (!can(actor, "escalations.raise")) {
    throw new ForbiddenError("Only practitioners, managers, senior managers and directors may raise a disagreement.");
  }
  const now = nowOf(deps);
  const policy = deps.policies.inForce(actor.partnershipId, now);
  if (!policy) {
    throw new PreconditionError("Your partnership has no escalation policy in force today, so a dispute cannot be raised. Ask your partnership administrator.");
  }
  const calendar = deps.policies.calendarFor(policy);
  const route = routeFor(policy, cmd.routeId, { about: cmd.subjects.map((x) => x.kind), areas: cmd.areas });
  checkAreas(policy, cmd.areas);
  checkSubjects(policy, cmd.subjects, now);
  const start = startStage(route);
  const expediteTo = cmd.urgent?.startAtStageKey ? checkUrgentStart(policy, route, start.key, cmd.urgent.startAtStageKey) : null;

  return inPartnership(db, actor, async (tx) => {
    await options.claim?.(tx);
    if (cmd.respondingAgencyId === actor.agencyId) {
      throw ValidationError.field("respondingAgencyId", "Choose another agency: a disagreement within your own agency is not handled by this policy.");
    }
    await requireAgency(tx, actor.partnershipId, cmd.respondingAgencyId, "respondingAgencyId");
    for (const [i, s] of cmd.subjects.entries()) {
      for (const [j, ref] of s.caseReferences.entries())
        await requireAgency(tx, actor.partnershipId, ref.agencyId, `subjects.${i}.caseReferences.${j}.agencyId`);
    }
    let responderOwns = false;
    if (cmd.respondingUserId) {
      const responder = await requireMember(tx, actor.partnershipId, cmd.respondingUserId, "respondingUserId");
      if (responder.agencyId !== cmd.respondingAgencyId) {
        throw ValidationError.field(
          "respondingUserId",
          `${responder.name} does not work for the agency you chose: choose someone who does, or leave this blank.`,
        );
      }
      // The person whose decision is disputed is always on the dispute; they own
      // the responding side only if they work at the level its first stage expects.
      responderOwns = atOrAbove(responder.roles, levelAt(start, "responding"));
    }

    const reference = await nextReference(tx, policy, now);
    const first: NewEvent[] = [
      {
        type: "raised",
        payload: {
          reference,
          policyId: policy.partnership.id,
          policyVersion: policy.version,
          routeId: route.id,
          stageKey: start.key,
          urgent: cmd.urgent !== undefined,
          ...(cmd.urgent ? { urgentGrounds: cmd.urgent.grounds } : {}),
          raisingAgencyId: actor.agencyId,
          respondingAgencyId: cmd.respondingAgencyId,
          respondingPerson: cmd.respondingPerson,
          respondingUserId: cmd.respondingUserId ?? null,
          subjects: cmd.subjects,
          areas: cmd.areas,
          areaOther: cmd.areaOther ?? null,
          decisionDisputed: cmd.decisionDisputed,
          whyUnsafe: cmd.whyUnsafe,
          evidenceSummary: cmd.evidenceSummary,
          outcomeSought: cmd.outcomeSought,
          timescaleSought: cmd.timescaleSought ?? null,
          immediateRisk: cmd.immediateRisk,
          immediateRiskNote: cmd.immediateRiskNote ?? null,
        },
      },
      // An agency's system raising through an API token owns nothing: the raising
      // side waits for a person, and its managers are told (notices/recipients.ts).
      ...(actor.token ? [] : [{ type: "owner_assigned", payload: { side: "raising", userId: actor.userId, proxy: false } } as const]),
      ...(cmd.respondingUserId && responderOwns
        ? [{ type: "owner_assigned", payload: { side: "responding", userId: cmd.respondingUserId, proxy: false } } as const]
        : []),
    ];
    const notice = boardNoticeEvent(policy, route.id, start.key);
    if (notice) first.push(notice);

    const envelope = { at: now, actorId: actor.userId, policyVersion: policy.version };
    const ctx = { policy, calendar };
    let placed = placeEvents(null, first, envelope, deps, ctx);
    let events = placed.events;
    if (expediteTo && cmd.urgent) {
      const row = placed.state.row;
      const skipped = stagesBetween(route, start.key, expediteTo, true);
      const moved: NewEvent[] = [
        {
          type: "expedited",
          payload: { from: start.key, to: expediteTo, skipped, grounds: cmd.urgent.grounds, deadlinesThen: deadlinesThen(placed.state, now) },
        },
        ...(await stageEntryEvents(tx, row, policy, expediteTo, {})),
      ];
      placed = placeEvents(placed.state, moved, envelope, deps, ctx);
      events = [...events, ...placed.events];
    }
    const escalationId = newIdOf(deps);
    await insertEscalation(tx, escalationId, events, placed.state);
    await afterChange(tx, { id: escalationId, after: placed.state, events, policy, calendar, now, actorId: actor.userId, notify: deps.notify });
    return resultOf(escalationId, placed.state, events);
  });
}

function routeFor(policy: Policy, routeId: string | undefined, facts: RouteFacts): Route {
  const route = chooseRoute(policy, facts, routeId);
  if (!route) {
    throw ValidationError.field(
      "routeId",
      `Choose one of this policy's processes: ${routesChosenByHand(policy)
        .map((r) => `"${r.id}" (${r.title})`)
        .join(", ")}.`,
    );
  }
  return route;
}

function checkAreas(policy: Policy, areas: readonly string[]): void {
  const known = new Set([...policy.areas.items.map((a) => a.id), AREA_OTHER]);
  const fields: Record<string, string> = {};
  areas.forEach((area, i) => {
    if (!known.has(area)) fields[`areas.${i}`] = `"${area}" is not an area this policy lists; choose one of its areas, or "other" and describe it.`;
  });
  if (Object.keys(fields).length > 0) throw new ValidationError(fields);
}

/** The people the policy covers, and a believable year of birth (the raise flow checks each step with this too). */
export function checkSubjects(policy: Policy, subjects: readonly { kind: "child" | "adult"; yearOfBirth: number }[], now: Date): void {
  const year = yearOfDay(ZoneClock.for(policy.timeZone).localDay(now.getTime()));
  const fields: Record<string, string> = {};
  subjects.forEach((s, i) => {
    if (s.kind === "adult" && !policy.covers.includes("adults")) {
      fields[`subjects.${i}.kind`] = "This partnership's policy covers children only. For an adult, use the adult safeguarding procedures.";
    } else if (s.kind === "child" && !policy.covers.includes("children")) {
      fields[`subjects.${i}.kind`] = "This partnership's policy covers adults only.";
    }
    // A child may be unborn (expected next year) or a care leaver up to 25; an adult is at least 16.
    const [min, max] = s.kind === "child" ? [year - 25, year + 1] : [year - 120, year - 16];
    if (s.yearOfBirth < min || s.yearOfBirth > max) {
      fields[`subjects.${i}.yearOfBirth`] = `Enter a year of birth between ${min} and ${max} for ${s.kind === "child" ? "a child" : "an adult"}.`;
    }
  });
  if (Object.keys(fields).length > 0) throw new ValidationError(fields);
}

function checkUrgentStart(policy: Policy, route: Route, startKey: string, target: string): string {
  const stage = route.stages.find((s) => s.key === target);
  if (!stage) {
    throw ValidationError.field("urgent.startAtStageKey", `This process has no stage "${target}". Its stages: ${route.stages.map((s) => s.key).join(", ")}.`);
  }
  if (stageIndex(route, target) <= stageIndex(route, startKey)) {
    throw ValidationError.field("urgent.startAtStageKey", `Choose a stage after ${stageName(getStage(policy, startKey, route.id))}, where disputes start.`);
  }
  if (!route.urgent?.allowed) {
    throw new PreconditionError(
      `This policy does not allow stages to be skipped.${route.urgent?.note ? ` ${route.urgent.note}` : ""} Raise the dispute at the first stage.`,
    );
  }
  if (!expediteTargets(policy, route.id, startKey, true).includes(target)) {
    throw new PreconditionError(`The policy does not allow a dispute to start at ${stageName(stage)}: a stage before it may not be skipped.`);
  }
  return target;
}

/** The next reference, e.g. TSCP-2026-0042: one counter per partnership and local year, taken atomically. */
async function nextReference(tx: PartnershipTx, policy: Policy, at: Date): Promise<string> {
  const year = yearOfDay(ZoneClock.for(policy.timeZone).localDay(at.getTime()));
  const [row] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "ReferenceCounter" ("partnershipId", "year", "last") VALUES (${policy.partnership.id}, ${year}, 1)
    ON CONFLICT ("partnershipId", "year") DO UPDATE SET "last" = "ReferenceCounter"."last" + 1
    RETURNING "last"`;
  if (!row) throw new Error("The reference counter returned no number.");
  return `${policy.partnership.code}-${year}-${String(row.last).padStart(4, "0")}`;
}
