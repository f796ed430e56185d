import { describe, expect, it } from "vitest";
import { PolicyRegistry } from "../../../lib/policy";
import { RETENTION_DAYS } from "../../../lib/retention";
import { contactsFor, partnershipContacts, retentionRows, subjectFacts } from "../../../lib/views/statements";

describe("the facts behind the privacy notice and the accessibility statement", () => {
  const { registry } = PolicyRegistry.load();

  it("says how long short-lived records are kept, from lib/retention.ts", () => {
    const rows = retentionRows();
    expect(rows).toHaveLength(4);
    expect(rows[0]?.kept).toBe(`Deleted ${RETENTION_DAYS.drafts} days after it was last changed`);
    expect(rows[2]?.kept).toBe(`Deleted ${RETENTION_DAYS.signInAttempts} days after the attempt`);
    expect(retentionRows({ drafts: 1, sessions: 2, signInAttempts: 3, passwordSetupTokens: 4 })[0]?.kept).toBe("Deleted 1 day after it was last changed");
  });

  it("describes what the raise flow stores about a child or adult: initials and year of birth, not a name", () => {
    expect(subjectFacts()).toEqual([
      "Whether they are a child or an adult",
      "Their initials (1 to 4 letters), not their name",
      "Their year of birth, not their date of birth",
      "Up to 10 case references from the agencies' own records, so the people involved can find the case there",
    ]);
  });

  it("gives a partnership's reachable contacts from its policy, the business manager first", () => {
    const torbay = partnershipContacts(registry.get("torbay")!);
    expect(torbay).toEqual({
      partnershipId: "torbay",
      name: "Torbay Safeguarding Children Partnership",
      contacts: [{ label: "TSCP Business Manager", name: "Neil Cotton", email: "TSCP@torbay.gov.uk", phone: null, url: null }],
    });
    // The Executive Chair has no e-mail, phone or web address in the policy, so is left out.
    expect(torbay.contacts.map((c) => c.label)).not.toContain("Chair of the TSCP Executive Group");
  });

  it("lists the contacts of each of the reader's partnerships, skipping any with no policy", () => {
    const list = contactsFor(["torbay", "isle-of-man", "nowhere"], registry, new Date("2026-06-04T09:00:00Z"));
    expect(list.map((p) => p.partnershipId)).toEqual(["torbay", "isle-of-man"]);
    expect(list[1]?.contacts[0]?.email).toBe("safeguardingboard.co@gov.im");
  });
});
