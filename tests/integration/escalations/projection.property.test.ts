/**
 * Property: whatever valid sequence of commands runs, the stored row, deadlines,
 * participants and agreed actions equal the replay of the stored events, and
 * versions and sequence numbers are contiguous. Commands are drawn as intents
 * and turned into concrete input against the dispute's state at the time, by an
 * actor the rules allow (and now and then by anyone, to exercise refusals).
 */
import { withIntake } from "../../../lib/escalations/intake";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../lib/auth/actor";
import { highestSeniority, seniority } from "../../../lib/auth/permissions";
import { isoFromDay } from "../../../lib/calendar/days";
import { ZoneClock } from "../../../lib/calendar/time-zone";
import type { Database } from "../../../lib/db/connect";
import type { Side } from "../../../lib/db/generated/enums";
import { inPartnership } from "../../../lib/db/scope";
import { AppError } from "../../../lib/errors";
import {
  ForbiddenError,
  NotFoundError,
  PreconditionError,
  ValidationError,
  addAgreedAction,
  addComment,
  assignOwner,
  availableActions,
  canonical,
  completeAgreedAction,
  completeForm,
  escalateEscalation,
  expediteEscalation,
  loadStoredProjection,
  project,
  raiseEscalation,
  recordDiscussion,
  recordMilestone,
  resolveEscalation,
  setDeadline,
  withdrawEscalation,
  type ActionName,
  type AvailableAction,
  type CommandResult,
} from "../../../lib/escalations";
import { disputeFacts, expediteTargets, levelAt, milestonesAt, startStage } from "../../../lib/escalations/policy-facts";
import { loadEscalation, loadEvents, type Loaded } from "../../../lib/escalations/store";
import { getStage, nextStage, type Policy } from "../../../lib/policy";
import { DEMO_PARTNERSHIPS } from "../../../lib/seed/demo-data";
import { TestClock, actorFor, agencyId, depsWith, raiseInput } from "../../support/escalations";
import { withTestDatabase } from "../../support/test-database";

/** The three the brief names, plus Westbridge (several routes, a timescale set by the practitioners) and Cambridgeshire (no skipping). */
const PARTNERSHIPS = ["torbay", "isle-of-man", "eastmoor", "westbridge", "cambridgeshire-peterborough"] as const;
type PartnershipId = (typeof PARTNERSHIPS)[number];
/** 200 in CI, 50 locally; PROPERTY_RUNS=n to search harder. */
const RUNS = Number(process.env.PROPERTY_RUNS) || (process.env.CI ? 200 : 50);

/** Starts near bank holidays, clock changes and the TT week, so counts cross them. */
const STARTS = [
  "2025-12-22T08:00:00Z",
  "2026-03-26T08:00:00Z",
  "2026-03-30T08:00:00Z",
  "2026-05-21T08:00:00Z",
  "2026-06-02T08:00:00Z",
  "2026-07-01T08:00:00Z",
  "2026-10-22T08:00:00Z",
  "2026-11-11T08:00:00Z",
];

const COMMANDS = [
  "comment",
  "record_discussion",
  "record_milestone",
  "complete_form",
  "escalate",
  "expedite",
  "assign_owner",
  "set_deadline",
  "add_agreed_action",
  "complete_agreed_action",
  "resolve",
  "withdraw",
] as const satisfies readonly ActionName[];
const WEIGHTS: Record<ActionName, number> = {
  comment: 1,
  record_discussion: 4,
  record_milestone: 2,
  complete_form: 2,
  escalate: 6,
  expedite: 1,
  assign_owner: 3,
  set_deadline: 2,
  add_agreed_action: 2,
  complete_agreed_action: 2,
  resolve: 1,
  withdraw: 1,
};

const intentArb = fc.record({
  command: fc.oneof(...COMMANDS.map((c) => ({ arbitrary: fc.constant(c), weight: WEIGHTS[c] }))),
  /** Minutes the clock moves before the command: often a little, sometimes days. */
  advance: fc.oneof(fc.integer({ min: 0, max: 180 }), fc.integer({ min: 0, max: 4 * 24 * 60 })),
  pick: fc.nat(),
  seed: fc.nat(),
  /** Now and then, let someone the rules may not allow try it. */
  anyone: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

const scenarioArb = fc.record({
  partnership: fc.oneof(
    { arbitrary: fc.constantFrom("torbay", "isle-of-man", "eastmoor"), weight: 4 },
    { arbitrary: fc.constantFrom("westbridge", "cambridgeshire-peterborough"), weight: 1 },
  ),
  route: fc.nat(),
  start: fc.constantFrom(...STARTS),
  startOffsetMinutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
  raiser: fc.constantFrom("teacher", "health-visitor", "police-officer"),
  respondingSchool: fc.boolean(),
  namesResponder: fc.boolean(),
  urgentStart: fc.nat(),
  intents: fc.array(intentArb, { minLength: 1, maxLength: 14 }),
});

type Cast = { key: string; actor: Actor; agencyKey: string }[];

describe("the stored projection equals the replay of the events", () => {
  let db: Database;
  const clock = new TestClock(STARTS[0]!);
  const deps = depsWith(clock);
  const casts = new Map<PartnershipId, Cast>();
  const agencies = new Map<string, string>();
  const tally: Record<string, number> = {};

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  beforeAll(async () => {
    for (const p of PARTNERSHIPS) {
      const demo = DEMO_PARTNERSHIPS.find((d) => d.id === p)!;
      const cast: Cast = [];
      for (const u of demo.users) cast.push({ key: u.key, actor: await actorFor(db, u.key, p), agencyKey: u.agency });
      casts.set(p, cast);
      for (const a of demo.agencies) agencies.set(`${p}/${a.key}`, await agencyId(db, p, a.key));
    }
  });
  afterAll(async () => {
    console.info(`property test: ${RUNS} sequences; commands by outcome: ${JSON.stringify(tally)}`);
  });

  // As a command sees it: with its intake (who may take it while it awaits an owner).
  const load = (actor: Actor, id: string): Promise<Loaded> =>
    inPartnership(db, actor, async (tx) => {
      const loaded = await loadEscalation(tx, actor, id, deps);
      return { ...loaded, state: await withIntake(tx, loaded.state) };
    });

  it(`holds for ${RUNS} random command sequences across the five seed policies`, { timeout: 900_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const cast = casts.get(s.partnership)!;
        const member = (key: string) => cast.find((c) => c.key === key)!;
        const raiser = member(s.raiser);
        clock.set(new Date(new Date(s.start).getTime() + s.startOffsetMinutes * 60_000));
        const policy = deps.policies.inForce(s.partnership, clock.now())!;
        const respondingKey = s.respondingSchool && raiser.agencyKey !== "school" ? "school" : "csc";
        const respondingAgencyId = agencies.get(`${s.partnership}/${respondingKey}`)!;
        const responder = cast.find((c) => c.agencyKey === respondingKey && c.actor.roles.includes("practitioner"));
        const route = policy.routes[s.route % policy.routes.length]!;
        const urgentTargets = expediteTargets(policy, route.id, startStage(route).key, true);
        const urgentTo = s.urgentStart % 4 === 0 && urgentTargets.length > 0 ? urgentTargets[(s.urgentStart >> 2) % urgentTargets.length] : undefined;

        const raised = await raiseEscalation(
          db,
          raiser.actor,
          raiseInput(respondingAgencyId, {
            routeId: route.id,
            areas: [policy.areas.items[(s.urgentStart >> 4) % policy.areas.items.length]!.id],
            ...(s.namesResponder && responder ? { respondingUserId: responder.actor.userId } : {}),
            ...(urgentTo ? { urgent: { grounds: "Immediate risk of harm.", startAtStageKey: urgentTo } } : {}),
          }),
          deps,
        ).catch((error: unknown) => {
          throw error;
        });
        if (!raised) return;
        const id = raised.id;

        for (const intent of s.intents) {
          clock.advance(intent.advance * 60_000);
          const loaded = await load(raiser.actor, id);
          const offers = cast.map((c) => ({ c, offer: availableActions(c.actor, loaded.state, loaded.policy).find((a) => a.action === intent.command) }));
          const able = offers.filter((o) => o.offer);
          const chosen = intent.anyone || able.length === 0 ? offers[intent.pick % offers.length]! : able[intent.pick % able.length]!;
          const input = inputFor(intent.command, chosen.offer, loaded, policy, cast, agencies, s.partnership, clock.now(), intent.seed);
          if (!input) continue;
          const before = loaded.state.row.version;
          let outcome: string;
          try {
            const result = await run(intent.command, chosen.c.actor, id, input);
            outcome = "ok";
            expect(result.version).toBe(before + result.events.length);
            // The rules that let it through are the ones availableActions offered.
            expect(offered(chosen.offer, input), `${chosen.c.key} did ${intent.command} without it being offered`).toBe(true);
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            outcome = error.name;
            if (chosen.offer && offered(chosen.offer, input)) {
              // Offered to them: the only refusals left are the policy's (422) and the input's (400).
              expect(
                [PreconditionError, ValidationError].some((k) => error instanceof k),
                `${chosen.c.key} ${intent.command}: ${error.message}`,
              ).toBe(true);
            }
            if (error instanceof ForbiddenError || error instanceof NotFoundError) expect(offered(chosen.offer, input)).toBe(false);
            const after = await load(raiser.actor, id);
            expect(after.events).toHaveLength(before);
          }
          tally[`${intent.command}:${outcome}`] = (tally[`${intent.command}:${outcome}`] ?? 0) + 1;
        }

        await inPartnership(db, raiser.actor, async (tx) => {
          const events = await loadEvents(tx, id);
          const stored = await loadStoredProjection(tx, id);
          expect(stored).not.toBeNull();
          const replayed = canonical(project(events, { policy, calendar: deps.policies.calendarFor(policy) }));
          expect(stored!.row).toEqual(replayed.row);
          expect(stored!.deadlines).toEqual(replayed.deadlines);
          expect(stored!.participants).toEqual(replayed.participants);
          expect(stored!.actions).toEqual(replayed.actions);
          expect(events.map((e) => e.sequence)).toEqual(Array.from({ length: events.length }, (_, i) => i + 1));
          expect(stored!.row.version).toBe(events.length);
          expect(events.every((e) => e.policyVersion === stored!.row.policyVersion)).toBe(true);
        });
      }),
      { numRuns: RUNS },
    );
  });

  function run(command: ActionName, actor: Actor, id: string, input: Record<string, unknown>): Promise<CommandResult> {
    switch (command) {
      case "comment":
        return addComment(db, actor, id, input, deps);
      case "record_discussion":
        return recordDiscussion(db, actor, id, input, deps);
      case "record_milestone":
        return recordMilestone(db, actor, id, input, deps);
      case "complete_form":
        return completeForm(db, actor, id, input, deps);
      case "escalate":
        return escalateEscalation(db, actor, id, input, deps);
      case "expedite":
        return expediteEscalation(db, actor, id, input, deps);
      case "assign_owner":
        return assignOwner(db, actor, id, input, deps);
      case "set_deadline":
        return setDeadline(db, actor, id, input, deps);
      case "add_agreed_action":
        return addAgreedAction(db, actor, id, input, deps);
      case "complete_agreed_action":
        return completeAgreedAction(db, actor, id, input, deps);
      case "resolve":
        return resolveEscalation(db, actor, id, input, deps);
      case "withdraw":
        return withdrawEscalation(db, actor, id, input, deps);
      default: {
        const never: never = command;
        throw new Error(`unknown command ${String(never)}`);
      }
    }
  }
});

/** Whether the offer covers this input's target (side, deadline, action, stage). */
function offered(offer: AvailableAction | undefined, input: Record<string, unknown>): boolean {
  if (!offer) return false;
  switch (offer.action) {
    case "assign_owner":
      return offer.sides.includes(input.side as Side);
    case "set_deadline":
      return offer.deadlineIds.includes(input.deadlineId as string);
    case "complete_agreed_action":
      return offer.actionIds.includes(input.actionId as string);
    case "expedite":
      return offer.toStageKeys.includes(input.toStageKey as string);
    default:
      return true;
  }
}

/** Concrete input for an intent, chosen from what the state and the policy make meaningful. */
function inputFor(
  command: ActionName,
  offer: AvailableAction | undefined,
  loaded: Loaded,
  policy: Policy,
  cast: Cast,
  agencies: Map<string, string>,
  partnershipId: string,
  now: Date,
  seed: number,
): Record<string, unknown> | null {
  const { row } = loaded.state;
  const expectedVersion = row.version;
  const at = (minutesAgo: number) => new Date(Math.max(row.raisedAt.getTime(), now.getTime() - minutesAgo * 60_000)).toISOString();
  const today = isoFromDay(ZoneClock.for(policy.timeZone).localDay(now.getTime()));
  const inDays = (n: number) => new Date(new Date(`${today}T12:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);
  const sideAgency = (side: Side) => (side === "raising" ? row.raisingAgencyId : row.respondingAgencyId);
  const ownerFor = (side: Side, stageKey: string) => {
    const stage = getStage(policy, stageKey, row.routeId);
    const people = cast.filter((c) => agencies.get(`${partnershipId}/${c.agencyKey}`) === sideAgency(side) && highestSeniority(c.actor.roles) > 0);
    if (people.length === 0) return undefined;
    const who = people[seed % people.length]!;
    const meets = highestSeniority(who.actor.roles) >= seniority(levelAt(stage, side));
    return meets ? { userId: who.actor.userId } : { userId: who.actor.userId, proxy: true, proxyReason: "Limited hierarchy." };
  };
  const stage = getStage(policy, row.stageKey, row.routeId);
  switch (command) {
    case "comment": {
      const ids = loaded.events.map((e) => e.id);
      return { expectedVersion, text: `Note ${seed}`, ...(seed % 3 === 0 ? { correctsEventId: ids[seed % ids.length] } : {}) };
    }
    case "record_discussion":
      return {
        expectedVersion,
        with: "The other party",
        how: (["phone", "meeting", "video", "email", "other"] as const)[seed % 5],
        occurredAt: at(seed % 600),
        said: "Views exchanged.",
      };
    case "record_milestone": {
      const events = milestonesAt(policy, row.routeId, row.stageKey, disputeFacts(row));
      if (events.length === 0) return { expectedVersion, milestoneId: "meeting-held", occurredAt: at(0) };
      const earlier = loaded.events.filter((e) => e.type === "milestone_recorded");
      const corrects = seed % 4 === 0 && earlier.length > 0 ? { correctsEventId: earlier[seed % earlier.length]!.id } : {};
      return { expectedVersion, milestoneId: events[seed % events.length]!.id, occurredAt: at(seed % 2000), ...corrects };
    }
    case "complete_form": {
      const forms = stage.forms ?? [];
      return { expectedVersion, formId: forms.length > 0 ? forms[seed % forms.length]!.id : "none" };
    }
    case "escalate": {
      const next = nextStage(policy, row.stageKey, row.routeId);
      if (!next) return { expectedVersion, reason: "Higher." };
      const required = (stage.forms ?? []).filter((f) => f.requiredBeforeEscalating).map((f) => ({ formId: f.id }));
      return {
        expectedVersion,
        reason: "Unresolved.",
        owners: {
          ...(seed % 3 !== 0 ? { raising: ownerFor("raising", next.key) } : {}),
          ...(seed % 5 !== 0 ? { responding: ownerFor("responding", next.key) } : {}),
        },
        ...(seed % 2 === 0 && required.length > 0 ? { formsCompleted: required } : {}),
        ...(seed % 3 !== 2 && (next.forms ?? []).length > 0 ? { formsOnEntry: next.forms!.map((f) => ({ formId: f.id })) } : {}),
      };
    }
    case "expedite": {
      const targets = offer?.action === "expedite" ? offer.toStageKeys : [];
      if (targets.length === 0) return null;
      return { expectedVersion, toStageKey: targets[seed % targets.length], grounds: "Immediate risk." };
    }
    case "assign_owner": {
      const sides = offer?.action === "assign_owner" ? offer.sides : (["raising", "responding"] as const);
      const side = sides[seed % sides.length]!;
      const owner = ownerFor(side, row.stageKey);
      return owner ? { expectedVersion, side, ...owner } : null;
    }
    case "set_deadline": {
      const ids = offer?.action === "set_deadline" ? offer.deadlineIds : [];
      if (ids.length === 0) return null;
      return { expectedVersion, deadlineId: ids[seed % ids.length], dueAt: new Date(now.getTime() + (1 + (seed % 30)) * 86_400_000).toISOString() };
    }
    case "add_agreed_action":
      return { expectedVersion, description: "Share the chronology.", ownerName: "A. Person", dueDate: inDays(seed % 20) };
    case "complete_agreed_action": {
      const ids = offer?.action === "complete_agreed_action" ? offer.actionIds : loaded.state.actions.map((a) => a.id);
      if (ids.length === 0) return null;
      return { expectedVersion, actionId: ids[seed % ids.length] };
    }
    case "resolve":
      return {
        expectedVersion,
        outcome: "Agreed way forward.",
        actions: Array.from({ length: seed % 3 }, (_, i) => ({ description: `Action ${i}`, ownerName: "B. Person", dueDate: inDays(i + 1) })),
        confirmations: { raising: { method: "email", confirmedBy: "Raiser" }, responding: { method: "phone", confirmedBy: "Responder" } },
      };
    case "withdraw":
      return { expectedVersion, reason: "No longer needed." };
    default: {
      const never: never = command;
      throw new Error(`unknown command ${String(never)}`);
    }
  }
}
