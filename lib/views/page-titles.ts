import { ACTION_DESCRIPTORS, type ActionSlug } from "../escalations/action-registry";

/**
 * Page titles. The root layout's template adds " – Parley", so a page's title
 * names the page first and then what it belongs to, most particular first:
 * "PLY-TOR-2026-0007 – Dispute – Parley", "Escalate the dispute –
 * PLY-TOR-2026-0007 – Parley", "Check your answers – Raise a disagreement – Parley".
 * A page that does not exist, or that the reader may not see, is "Page not
 * found – Parley", whatever was asked for: its title names nothing it would not show.
 */

export const NOT_FOUND_TITLE = "Page not found";

/** One dispute's page. */
export const disputeTitle = (reference: string): string => `${reference} – Dispute`;

/** What each action's page does, as its title says it (from each action's descriptor). */
export const DISPUTE_ACTION_TITLES = Object.fromEntries(ACTION_DESCRIPTORS.map((d) => [d.page.slug, d.page.title])) as Readonly<Record<ActionSlug, string>>;

/** An action's page on a dispute. */
export const disputeActionTitle = (action: ActionSlug, reference: string): string => `${DISPUTE_ACTION_TITLES[action]} – ${reference}`;
