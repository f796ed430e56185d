/**
 * Who an agency's escalation contacts are, in words, for the administrators'
 * pages, the API and the command line. Pure: no I/O.
 */
import type { ContactSource } from "./contacts";

/** Where an agency's contacts come from now; "nobody" is an agency with nobody on Parley. */
export type ContactsSource = ContactSource | "nobody";

export function contactsSourceOf(effective: readonly { source: ContactSource }[]): ContactsSource {
  return effective[0]?.source ?? "nobody";
}

/** The short answer to "who are its contacts?" ("its managers"). */
export const CONTACTS_SOURCE_LABELS: Record<ContactsSource, string> = {
  named: "its named contacts",
  managers: "its managers",
  members: "all its members",
  nobody: "nobody on Parley: disputes raised against it go to the business manager",
};

/**
 * Why the agency's contacts are who they are. `named` counts every named
 * contact, including those who no longer count (their access ended, they moved
 * agency), which is why the defaults may apply although someone is named.
 */
export function explainContacts(source: ContactsSource, named: number): string {
  switch (source) {
    case "named":
      return "Disputes raised against this agency that nobody there owns yet go to its named contacts.";
    case "managers":
      return named > 0
        ? "None of its named contacts can take disputes now, so they go to its managers."
        : "Nobody is named, so disputes raised against this agency go to its managers.";
    case "members":
      return named > 0
        ? "None of its named contacts can take disputes now, and it has no managers on Parley, so they go to all its members."
        : "Nobody is named and it has no managers on Parley, so disputes raised against this agency go to all its members.";
    case "nobody":
      return "Nobody at this agency uses Parley, so nobody there can be told: disputes raised against it go to the partnership's business manager.";
    default: {
      const never: never = source;
      throw new Error(`unknown contacts source ${String(never)}`);
    }
  }
}
