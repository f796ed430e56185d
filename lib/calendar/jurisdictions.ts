/** The holiday calendars a policy can name. Each has a file policies/calendars/<id>.yaml. */
export const JURISDICTIONS = ["england-and-wales", "scotland", "northern-ireland", "isle-of-man", "guernsey", "jersey"] as const;

export type Jurisdiction = (typeof JURISDICTIONS)[number];

export function isJurisdiction(value: string): value is Jurisdiction {
  return (JURISDICTIONS as readonly string[]).includes(value);
}
