/**
 * The partnership administrator keeping each agency's escalation contacts: who
 * takes a dispute raised against the agency while nobody there owns it
 * (lib/agencies/contacts.ts decides who they are now). List every agency with
 * its contacts, name someone, stop naming them. Each change and its audit event
 * are written in one transaction. The administrator command line does the same
 * with no signed-in user behind it.
 */
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { audit, type RequestContext } from "../auth/audit";
import { can, CASE_ROLES, ROLE_LABELS } from "../auth/permissions";
import { appNow } from "../clock";
import type { Database } from "../db/connect";
import type { AgencyType, Role } from "../db/generated/enums";
import { asPartnershipSystem, asSystem, inPartnership, type PartnershipTx } from "../db/scope";
import { NotFoundError, UserInputError, ValidationError } from "../errors";
import { parseInput } from "../escalations/schemas";
import { joinWithAnd } from "../policy/format";
import { effectiveContacts, type AgencyContactPerson } from "./contacts";
import { contactsSourceOf, explainContacts, type ContactsSource } from "./contacts-explained";

export const DUTY_MAX_LENGTH = 100;

/** Someone the administrator has named, and whether they take disputes now. */
export type NamedContact = {
  userId: string;
  name: string;
  email: string;
  duty: string | null;
  /** Takes disputes now: an active member of the agency with a case role. */
  counts: boolean;
  /** Why not, when they do not count. */
  note: string | null;
};

export type EligiblePerson = { userId: string; name: string; email: string; roles: Role[] };

export type AgencyContacts = {
  agencyId: string;
  name: string;
  type: AgencyType;
  /** Where its contacts come from now. */
  source: ContactsSource;
  explanation: string;
  /** Who takes disputes raised against it now (empty: nobody there uses Parley). */
  contacts: AgencyContactPerson[];
  named: NamedContact[];
};

/** One agency, with the people who could be named (active members with a case role, not yet named). */
export type AgencyContactsDetail = AgencyContacts & { eligible: EligiblePerson[] };

const id = (message: string) => z.uuid({ error: message });

export const AddAgencyContactInput = z.strictObject({
  agencyId: id("Choose one of this partnership's agencies."),
  userId: id("Choose the person to add as a contact."),
  duty: z
    .string({ error: "Enter their duty as text." })
    .trim()
    .max(DUTY_MAX_LENGTH, { error: `Enter their duty in ${DUTY_MAX_LENGTH} characters or fewer.` })
    .nullish()
    .transform((duty) => (duty ? duty : null))
    .meta({ description: 'What they do for the agency, e.g. "Designated safeguarding lead" (optional)' }),
});

export const RemoveAgencyContactInput = z.strictObject({
  agencyId: id("Choose one of this partnership's agencies."),
  userId: id("Choose the contact to remove."),
});

type AddInput = z.output<typeof AddAgencyContactInput>;
type RemoveInput = z.output<typeof RemoveAgencyContactInput>;

/** Who made a change: a signed-in administrator, or the command line (nobody signed in). */
type ChangedBy = { actorId: string | null; via: "app" | "command-line" };

function requireManager(actor: Actor): void {
  // Seen from outside, a page the actor may not use does not exist.
  if (!can(actor, "users.manage")) throw new NotFoundError("We could not find that page.");
}

const caseRolesInWords = joinWithAnd(CASE_ROLES.map((r) => ROLE_LABELS[r].toLowerCase())).replace(/ and ([^ ]+)$/, " or $1");
const hasCaseRole = (roles: readonly Role[]) => roles.some((r) => (CASE_ROLES as readonly Role[]).includes(r));

type AgencyRow = { id: string; name: string; type: AgencyType };

async function contactsOf(tx: PartnershipTx, partnershipId: string, agency: AgencyRow): Promise<AgencyContacts> {
  const rows = await tx.agencyContact.findMany({
    where: { partnershipId, agencyId: agency.id },
    select: { userId: true, duty: true, user: { select: { name: true, email: true, active: true } } },
  });
  const memberships = await tx.membership.findMany({
    where: { partnershipId, userId: { in: rows.map((r) => r.userId) } },
    select: { userId: true, agencyId: true, roles: true, deactivatedAt: true },
  });
  const membershipOf = new Map(memberships.map((m) => [m.userId, m]));
  const named = rows
    .map((row): NamedContact => {
      const m = membershipOf.get(row.userId);
      const note =
        !m || m.agencyId !== agency.id
          ? `No longer acts for ${agency.name}.`
          : m.deactivatedAt || !row.user.active
            ? "Their access has ended."
            : !hasCaseRole(m.roles)
              ? "No longer has a role that works on cases."
              : null;
      return { userId: row.userId, name: row.user.name, email: row.user.email, duty: row.duty, counts: note === null, note };
    })
    .sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
  const contacts = await effectiveContacts(tx, partnershipId, agency.id);
  const source = contactsSourceOf(contacts);
  return { agencyId: agency.id, name: agency.name, type: agency.type, source, explanation: explainContacts(source, named.length), contacts, named };
}

async function detailOf(tx: PartnershipTx, partnershipId: string, agency: AgencyRow): Promise<AgencyContactsDetail> {
  const overview = await contactsOf(tx, partnershipId, agency);
  const namedIds = new Set(overview.named.map((n) => n.userId));
  const members = await tx.membership.findMany({
    where: { partnershipId, agencyId: agency.id, deactivatedAt: null, roles: { hasSome: [...CASE_ROLES] }, user: { active: true } },
    select: { userId: true, roles: true, user: { select: { name: true, email: true } } },
  });
  const eligible = members
    .filter((m) => !namedIds.has(m.userId))
    .map((m) => ({ userId: m.userId, name: m.user.name, email: m.user.email, roles: m.roles }))
    .sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
  return { ...overview, eligible };
}

const AGENCY = { id: true, name: true, type: true } as const;

async function agencyOrInvalid(tx: PartnershipTx, partnershipId: string, agencyId: string): Promise<AgencyRow> {
  const agency = await tx.agency.findFirst({ where: { id: agencyId, partnershipId }, select: AGENCY });
  if (!agency) throw ValidationError.field("agencyId", "Choose one of this partnership's agencies.");
  return agency;
}

async function allAgencies(tx: PartnershipTx, partnershipId: string): Promise<AgencyContacts[]> {
  const agencies = (await tx.agency.findMany({ where: { partnershipId }, select: AGENCY })).sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
  const result: AgencyContacts[] = [];
  for (const agency of agencies) result.push(await contactsOf(tx, partnershipId, agency));
  return result;
}

async function addIn(
  tx: PartnershipTx,
  partnershipId: string,
  input: AddInput,
  by: ChangedBy,
  context: RequestContext,
  now: Date,
): Promise<AgencyContactsDetail> {
  const agency = await agencyOrInvalid(tx, partnershipId, input.agencyId);
  const membership = await tx.membership.findUnique({
    where: { userId_partnershipId: { userId: input.userId, partnershipId } },
    select: { agencyId: true, roles: true, deactivatedAt: true, user: { select: { name: true, active: true } } },
  });
  // Someone outside the partnership is not named: an id reveals nothing about them.
  if (!membership) throw ValidationError.field("userId", `Choose someone who acts for ${agency.name}.`);
  const name = membership.user.name;
  if (membership.agencyId !== agency.id) {
    throw ValidationError.field("userId", `${name} does not act for ${agency.name}. Choose someone who does, or change their agency first.`);
  }
  if (membership.deactivatedAt || !membership.user.active) {
    throw ValidationError.field("userId", `${name}'s access has ended, so they cannot take disputes. Choose someone else, or restore their access first.`);
  }
  if (!hasCaseRole(membership.roles)) {
    throw ValidationError.field(
      "userId",
      `${name} has no role that works on cases (${caseRolesInWords}), so they cannot take disputes. Choose someone else, or give them one of those roles first.`,
    );
  }
  // skipDuplicates: two administrators naming the same person at once get one row, and the second is told.
  const { count } = await tx.agencyContact.createMany({
    data: [{ partnershipId, agencyId: agency.id, userId: input.userId, duty: input.duty, createdAt: now }],
    skipDuplicates: true,
  });
  if (count === 0) throw ValidationError.field("userId", `${name} is already a contact of ${agency.name}.`);
  await audit(tx, context, [
    {
      type: "contacts_changed",
      at: now,
      partnershipId,
      actorId: by.actorId,
      subjectType: "agency",
      subjectId: agency.id,
      details: { change: "added", agency: agency.name, userId: input.userId, name, duty: input.duty, via: by.via },
    },
  ]);
  return detailOf(tx, partnershipId, agency);
}

async function removeIn(
  tx: PartnershipTx,
  partnershipId: string,
  input: RemoveInput,
  by: ChangedBy,
  context: RequestContext,
  now: Date,
): Promise<AgencyContactsDetail> {
  const agency = await agencyOrInvalid(tx, partnershipId, input.agencyId);
  const contact = await tx.agencyContact.findFirst({
    where: { partnershipId, agencyId: agency.id, userId: input.userId },
    select: { id: true, duty: true, user: { select: { name: true } } },
  });
  if (!contact) {
    const member = await tx.membership.findUnique({
      where: { userId_partnershipId: { userId: input.userId, partnershipId } },
      select: { user: { select: { name: true } } },
    });
    throw ValidationError.field("userId", `${member?.user.name ?? "That person"} is not a named contact of ${agency.name}.`);
  }
  await tx.agencyContact.deleteMany({ where: { id: contact.id } });
  await audit(tx, context, [
    {
      type: "contacts_changed",
      at: now,
      partnershipId,
      actorId: by.actorId,
      subjectType: "agency",
      subjectId: agency.id,
      details: { change: "removed", agency: agency.name, userId: input.userId, name: contact.user.name, duty: contact.duty, via: by.via },
    },
  ]);
  return detailOf(tx, partnershipId, agency);
}

// --- A signed-in partnership administrator ----------------------------------

/** Every agency of the partnership, with who takes disputes raised against it and why. */
export async function listAgencyContacts(db: Database, actor: Actor): Promise<AgencyContacts[]> {
  requireManager(actor);
  return inPartnership(db, actor, (tx) => allAgencies(tx, actor.partnershipId));
}

/** One agency's contacts and who could be named; not found for an agency of another partnership (or a malformed id). */
export async function getAgencyContacts(db: Database, actor: Actor, agencyId: string): Promise<AgencyContactsDetail> {
  requireManager(actor);
  if (!z.uuid().safeParse(agencyId).success) throw new NotFoundError("We could not find that agency.");
  return inPartnership(db, actor, async (tx) => {
    const agency = await tx.agency.findFirst({ where: { id: agencyId, partnershipId: actor.partnershipId }, select: AGENCY });
    if (!agency) throw new NotFoundError("We could not find that agency.");
    return detailOf(tx, actor.partnershipId, agency);
  });
}

/** Names an active member of the agency with a case role as one of its contacts. Returns the agency's contacts after. */
export async function addAgencyContact(db: Database, actor: Actor, input: unknown, context: RequestContext, now = appNow()): Promise<AgencyContactsDetail> {
  requireManager(actor);
  const change = parseInput(AddAgencyContactInput, input);
  return inPartnership(db, actor, (tx) => addIn(tx, actor.partnershipId, change, { actorId: actor.userId, via: "app" }, context, now));
}

/** Stops naming someone as a contact of the agency. Returns the agency's contacts after. */
export async function removeAgencyContact(db: Database, actor: Actor, input: unknown, context: RequestContext, now = appNow()): Promise<AgencyContactsDetail> {
  requireManager(actor);
  const change = parseInput(RemoveAgencyContactInput, input);
  return inPartnership(db, actor, (tx) => removeIn(tx, actor.partnershipId, change, { actorId: actor.userId, via: "app" }, context, now));
}

// --- The administrator command line (npm run admin) --------------------------

export type CommandLineContact = { partnershipId: string; agency: string; email: string; duty?: string | undefined };

async function partnershipName(db: Database, partnershipId: string): Promise<string> {
  // Installation-level: the command line names a partnership, which may not exist.
  const partnership = await asSystem(db, (tx) => tx.partnership.findUnique({ where: { id: partnershipId }, select: { name: true } }));
  if (!partnership) throw new UserInputError(`no partnership "${partnershipId}"`);
  return partnership.name;
}

async function resolveNames(tx: PartnershipTx, request: CommandLineContact): Promise<{ agencyId: string; userId: string }> {
  const agencies = await tx.agency.findMany({ where: { partnershipId: request.partnershipId }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  const wanted = request.agency.trim().toLowerCase();
  const agency = agencies.find((a) => a.name.toLowerCase() === wanted);
  if (!agency) throw new UserInputError(`no agency "${request.agency}" in ${request.partnershipId} (its agencies: ${agencies.map((a) => a.name).join("; ")})`);
  const user = await tx.user.findUnique({ where: { email: request.email.trim().toLowerCase() }, select: { id: true } });
  if (!user) throw new UserInputError(`no user with email ${request.email}`);
  return { agencyId: agency.id, userId: user.id };
}

/** A refusal as the command line reports it: one line. */
function asUserInput(error: unknown): unknown {
  return error instanceof ValidationError ? new UserInputError(Object.values(error.fields).join(" ")) : error;
}

export async function commandLineContacts(db: Database, partnershipId: string): Promise<{ partnershipName: string; agencies: AgencyContacts[] }> {
  const name = await partnershipName(db, partnershipId);
  return { partnershipName: name, agencies: await asPartnershipSystem(db, partnershipId, (tx) => allAgencies(tx, partnershipId)) };
}

export async function commandLineAddContact(db: Database, request: CommandLineContact, context: RequestContext, now = appNow()): Promise<AgencyContactsDetail> {
  await partnershipName(db, request.partnershipId);
  try {
    return await asPartnershipSystem(db, request.partnershipId, async (tx) => {
      const ids = await resolveNames(tx, request);
      const change = parseInput(AddAgencyContactInput, { ...ids, duty: request.duty });
      return addIn(tx, request.partnershipId, change, { actorId: null, via: "command-line" }, context, now);
    });
  } catch (error) {
    throw asUserInput(error);
  }
}

export async function commandLineRemoveContact(
  db: Database,
  request: CommandLineContact,
  context: RequestContext,
  now = appNow(),
): Promise<AgencyContactsDetail> {
  await partnershipName(db, request.partnershipId);
  try {
    return await asPartnershipSystem(db, request.partnershipId, async (tx) => {
      const ids = await resolveNames(tx, request);
      return removeIn(tx, request.partnershipId, parseInput(RemoveAgencyContactInput, ids), { actorId: null, via: "command-line" }, context, now);
    });
  } catch (error) {
    throw asUserInput(error);
  }
}
