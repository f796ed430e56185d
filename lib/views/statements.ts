/**
 * The facts behind the accessibility statement and the privacy notice that
 * change with the code: how long Parley keeps short-lived records
 * (lib/retention.ts), what it stores about the people a dispute concerns
 * (lib/escalations/schemas.ts), and each partnership's contact details, from the
 * contacts in its policy file. The statements' prose is in the pages.
 */
import { LIMITS, SUBJECT_KINDS } from "../escalations/schemas";
import type { Policy } from "../policy";
import type { PolicyRegistry } from "../policy/registry";
import { RETENTION_DAYS, type RetentionPeriods } from "../retention";

export type RetentionRow = { what: string; kept: string };

const days = (n: number) => `${n} ${n === 1 ? "day" : "days"}`;

/** What is deleted automatically, and when, in the privacy notice's words. */
export function retentionRows(periods: RetentionPeriods = RETENTION_DAYS): RetentionRow[] {
  return [
    { what: "An unfinished draft of a disagreement being raised", kept: `Deleted ${days(periods.drafts)} after it was last changed` },
    { what: "A record of a signed-in session (when, from which address and browser)", kept: `Deleted ${days(periods.sessions)} after the session ended` },
    {
      what: "A record of an attempt to sign in (the e-mail address typed, the address it came from)",
      kept: `Deleted ${days(periods.signInAttempts)} after the attempt`,
    },
    { what: "A link to choose a password", kept: `Deleted ${days(periods.passwordSetupTokens)} after it was used or expired` },
  ];
}

/** What the raise flow stores about each person a dispute concerns (SubjectSchema), in words. */
export function subjectFacts(): string[] {
  return [
    `Whether they are a ${SUBJECT_KINDS.join(" or an ")}`,
    "Their initials (1 to 4 letters), not their name",
    "Their year of birth, not their date of birth",
    `Up to ${LIMITS.caseReferences} case references from the agencies' own records, so the people involved can find the case there`,
  ];
}

export type StatementContact = {
  label: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  url: string | null;
};

export type PartnershipContacts = {
  partnershipId: string;
  name: string;
  contacts: StatementContact[];
};

/**
 * Whom to contact at a partnership about its data or about accessibility: the
 * contacts its policy gives an e-mail, phone or web address for, the board
 * business manager first. Contacts with no way to reach them are left out.
 */
export function partnershipContacts(policy: Policy): PartnershipContacts {
  const all = [...(policy.contacts ?? []), ...(policy.populations ?? []).flatMap((p) => p.contacts ?? [])];
  const reachable = all.filter((c) => c.email || c.phone || c.url);
  const ordered = [...reachable.filter((c) => c.level === "board-business-manager"), ...reachable.filter((c) => c.level !== "board-business-manager")];
  return {
    partnershipId: policy.partnership.id,
    name: policy.partnership.name,
    contacts: ordered.map((c) => ({ label: c.label, name: c.name ?? null, email: c.email ?? null, phone: c.phone ?? null, url: c.url ?? null })),
  };
}

/** The contact details of each partnership someone belongs to (by the policy in force, else the latest). */
export function contactsFor(partnershipIds: readonly string[], registry: Pick<PolicyRegistry, "inForce" | "get">, now: Date): PartnershipContacts[] {
  return partnershipIds.flatMap((id) => {
    const policy = registry.inForce(id, now) ?? registry.get(id);
    return policy ? [partnershipContacts(policy)] : [];
  });
}

/** When the accessibility statement and privacy notice were last reviewed against the service. */
export const STATEMENT_PREPARED = "29 November 2026";
