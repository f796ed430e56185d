/** The orders a list of disputes can be read in (lib/escalations/list-escalations.ts), each with its keyset. Pure, for pages too. */
export const LIST_ORDERS = ["due", "raised-newest", "raised-oldest", "stage-newest", "stage-oldest", "closed-newest"] as const;
export type ListOrder = (typeof LIST_ORDERS)[number];
