/** Test helpers for the escalation record: actors, a clock, the real policies, a typical Torbay dispute. */
import path from "node:path";
import { expect } from "vitest";
import { loadActor, type Actor } from "../../lib/auth/actor";
import type { Database } from "../../lib/db/connect";
import { asSystem, inPartnership } from "../../lib/db/scope";
import type { EscalationDeps } from "../../lib/escalations/deps";
import type { AppError } from "../../lib/errors";
import { raiseEscalation, type RaiseEscalationInput } from "../../lib/escalations/raise-escalation";
import type { CommandResult } from "../../lib/escalations/command";
import { DEMO_PARTNERSHIPS, demoEmail } from "../../lib/seed/demo-data";
import { PolicyRegistry } from "../../lib/policy/registry";

let registry: PolicyRegistry | undefined;

/** The real policies under policies/, loaded once per test file. */
export function policies(): PolicyRegistry {
  if (!registry) {
    const loaded = PolicyRegistry.load(path.resolve(import.meta.dirname, "../../policies"));
    if (loaded.errors.length > 0) throw new Error(`policy files did not load: ${JSON.stringify(loaded.errors)}`);
    registry = loaded.registry;
  }
  return registry;
}

/** A clock tests move by hand. */
export class TestClock {
  private ms: number;
  constructor(start: string | Date) {
    this.ms = new Date(start).getTime();
  }
  now = (): Date => new Date(this.ms);
  set(at: string | Date): void {
    this.ms = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  advanceHours(h: number): void {
    this.advance(h * 3_600_000);
  }
}

export function depsWith(clock: TestClock): EscalationDeps {
  return { policies: policies(), now: clock.now };
}

/** The demo user `<key>@<partnership>.example` as an actor in that partnership. */
export async function actorFor(db: Database, key: string, partnershipId: string): Promise<Actor> {
  const email = key.includes("@") ? key : demoEmail(key, partnershipId);
  const user = await db.prisma.user.findUniqueOrThrow({ where: { email } });
  const actor = await loadActor(db, user.id, partnershipId);
  if (!actor) throw new Error(`${email} has no membership in ${partnershipId}`);
  return actor;
}

/** The demo agency id for a key (csc, school, health, police, voluntary…). */
export async function agencyId(db: Database, partnershipId: string, key: string): Promise<string> {
  const demo = DEMO_PARTNERSHIPS.find((p) => p.id === partnershipId)?.agencies.find((a) => a.key === key);
  if (!demo) throw new Error(`no demo agency ${key} in ${partnershipId}`);
  const agency = await inPartnership(db, { partnershipId, userId: "" }, (tx) => tx.agency.findFirstOrThrow({ where: { name: demo.name } }));
  return agency.id;
}

export function raiseInput(respondingAgencyId: string, overrides: Partial<RaiseEscalationInput> = {}): RaiseEscalationInput {
  return {
    respondingAgencyId,
    respondingPerson: "Sam Riley, social worker",
    subjects: [{ kind: "child", initials: "JS", yearOfBirth: 2016, caseReferences: [] }],
    areas: ["need-for-action"],
    decisionDisputed: "The referral was closed with no further action.",
    whyUnsafe: "The child has disclosed being left alone overnight twice this month.",
    evidenceSummary: "Two disclosures recorded on the school's safeguarding log, 2 and 16 March.",
    outcomeSought: "A child and family assessment.",
    immediateRisk: false,
    ...overrides,
  };
}

/** A Torbay dispute raised by the teacher (school) against children's social care, naming the social worker. */
export async function raiseTorbayDispute(db: Database, deps: EscalationDeps, overrides: Partial<RaiseEscalationInput> = {}): Promise<CommandResult> {
  const teacher = await actorFor(db, "teacher", "torbay");
  const social = await actorFor(db, "social-worker", "torbay");
  const csc = await agencyId(db, "torbay", "csc");
  return raiseEscalation(db, teacher, raiseInput(csc, { respondingUserId: social.userId, areas: ["levels-of-need"], ...overrides }), deps);
}

/** Events stored for a dispute, counted with installation-level access (so a test sees everything). */
export async function eventCount(db: Database, escalationId?: string): Promise<number> {
  return asSystem(db, (tx) => tx.escalationEvent.count(escalationId ? { where: { escalationId } } : undefined));
}

/** Awaits a promise that must fail with the given application error class; returns the error. */
export async function rejection<E extends AppError>(promise: Promise<unknown>, kind: abstract new (...args: never[]) => E): Promise<E> {
  try {
    await promise;
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(kind);
    return error as E;
  }
  throw new Error(`expected ${kind.name}, but it succeeded`);
}

export const discussion = (expectedVersion: number, occurredAt: string, overrides: Record<string, unknown> = {}) => ({
  expectedVersion,
  with: "Sam Riley, social worker",
  how: "phone",
  occurredAt,
  said: "We went through the school's concerns and the reasons for closing the referral.",
  ...overrides,
});
