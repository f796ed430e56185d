/** What the API token pages show and post: plain data, no React. */
import type { ApiTokenSummary, TokenStatus } from "../api-tokens/admin";
import { latestLastDay } from "../auth/api-tokens";
import { TOKEN_PERMISSION_IDS, TOKEN_PERMISSIONS } from "../auth/permissions";
import { civilFromDays, dayFromIso, formatDayLong, isoFromDay, MONTH_NAMES } from "../calendar/days";
import { ZoneClock } from "../calendar/time-zone";
import type { ApiTokenPermission } from "../db/generated/enums";
import { ValidationError } from "../errors";
import { formatDateTime } from "../policy/format";
import { readDateParts } from "./date-input";
import { list, text, type FieldSpec, type FormValues } from "./form-spec";

/** How a date question names the expiry in its messages ("Date the token expires must be a real date"). */
export const EXPIRY_SUBJECT = "Date the token expires";

/** "4 6 2027": a GOV.UK date hint's example, a day the form would accept. */
function dateExample(day: string): string {
  const c = civilFromDays(dayFromIso(day));
  return `${c.day} ${c.month} ${c.year}`;
}

export function apiTokenFields(agencies: { id: string; name: string }[], today: string): FieldSpec[] {
  const latest = latestLastDay(today);
  const c = civilFromDays(dayFromIso(latest));
  return [
    {
      kind: "text",
      name: "name",
      label: "Name",
      hint: "Which system will use it, so that you and everyone reading a dispute's history can tell. For example, Mosaic case records.",
      autoComplete: "off",
    },
    {
      kind: "select",
      name: "agencyId",
      label: "Agency whose system will use it",
      hint: "The token acts for this agency only.",
      options: agencies.map((a) => ({ value: a.id, label: a.name })),
      placeholder: "Choose an agency",
    },
    {
      kind: "checkboxes",
      name: "permissions",
      label: "What it may do",
      hint: "Select all that apply. Escalating, resolving, withdrawing and choosing owners are always left to a person.",
      options: TOKEN_PERMISSION_IDS.map((p) => ({ value: p, label: TOKEN_PERMISSIONS[p].label, hint: TOKEN_PERMISSIONS[p].hint })),
    },
    {
      kind: "date",
      name: "expiresOn",
      label: "Date it expires",
      hint: `It works until the end of that day, at most a year from today: ${c.day} ${MONTH_NAMES[c.month - 1]} ${c.year} at the latest. For example, ${dateExample(latest)}`,
    },
  ];
}

/**
 * The posted form as the use case's input, or the date's own problem (which
 * the use case cannot word as well: "must include a month").
 */
export function apiTokenInput(values: FormValues): { input: Record<string, unknown>; dateProblem: string | null } {
  const reading = readDateParts(values, "expiresOn", false, EXPIRY_SUBJECT);
  return {
    input: {
      name: text(values, "name"),
      agencyId: text(values, "agencyId"),
      permissions: list(values, "permissions"),
      expiresOn: reading.kind === "ok" ? reading.value : "",
    },
    dateProblem: reading.kind === "problem" ? reading.message : null,
  };
}

/** A refusal with the date's own problem in place of the use case's. */
export function withDateProblem(error: unknown, dateProblem: string | null): unknown {
  if (!dateProblem || !(error instanceof ValidationError)) return error;
  return new ValidationError({ ...error.fields, expiresOn: dateProblem });
}

/** Today in the partnership's time zone, "2026-06-04". */
export const todayIn = (now: Date, timeZone: string): string => isoFromDay(ZoneClock.for(timeZone).localDay(now.getTime()));

/** The last day a token works: the day before the midnight it expires at. */
export function lastDayWords(expiresAt: Date, timeZone: string): string {
  return formatDayLong(ZoneClock.for(timeZone).localDay(expiresAt.getTime() - 1));
}

export const STATUS_TAGS: Record<TokenStatus, { text: string; colour: "green" | "grey" | "red" }> = {
  active: { text: "Active", colour: "green" },
  expired: { text: "Expired", colour: "grey" },
  revoked: { text: "Revoked", colour: "red" },
};

export const permissionWords = (permissions: readonly ApiTokenPermission[]): string[] => permissions.map((p) => TOKEN_PERMISSIONS[p].label);

export function lastUsedWords(token: Pick<ApiTokenSummary, "lastUsedAt">, timeZone: string): string {
  return token.lastUsedAt ? formatDateTime(token.lastUsedAt, timeZone) : "Never";
}

/** "Expires at the end of Thursday 31 December 2026", "Expired at …", "Revoked at … by …". */
export function validityWords(token: Pick<ApiTokenSummary, "status" | "expiresAt" | "revokedAt" | "revokedByName">, timeZone: string): string {
  switch (token.status) {
    case "active":
      return `Works until the end of ${lastDayWords(token.expiresAt, timeZone)}`;
    case "expired":
      return `Expired at the end of ${lastDayWords(token.expiresAt, timeZone)}`;
    case "revoked":
      return `Revoked at ${formatDateTime(token.revokedAt!, timeZone)}${token.revokedByName ? ` by ${token.revokedByName}` : ""}`;
    default: {
      const never: never = token.status;
      throw new Error(String(never));
    }
  }
}
