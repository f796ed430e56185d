/**
 * The board's register as plain data: the filters a board business manager may
 * apply (read from the page's query string, so a filtered register is a link
 * anyone can bookmark and it works without JavaScript), what they ask the
 * database for, the counts at its top, and the links between its pages. No
 * React, no Next.js, no database: the register page, the dashboard's register
 * card and the tests all use these. Filtering, ordering, paging and counting
 * happen in the database (lib/escalations/list-escalations.ts).
 */
import { safeNextPath } from "../auth/redirects";
import { dayFromIso, formatDayLong } from "../calendar/days";
import { ZoneClock } from "../calendar/time-zone";
import type { EscalationCounts, ListEscalationsInput } from "../escalations/list-escalations";
import { LIST_ORDERS, type ListOrder } from "../escalations/list-orders";
import { DATE_PARTS, datePartName, readDateParts } from "./date-input";
import type { DisputeStatus } from "./dashboard";

/** Overdue; or due by close of business today, or within N working days (the week is 5, as the counts read it). */
export const DUE_FILTERS = ["overdue", "today", "within-2", "week", "within-10", "within-20"] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];
const DUE_WORKING_DAYS: Record<Exclude<DueFilter, "overdue">, number> = { today: 0, "within-2": 2, week: 5, "within-10": 10, "within-20": 20 };

export type RegisterFilters = {
  /**
   * The population whose register this is (a policy's `populations`: children,
   * adults): the disputes of the routes that serve it. Not a filter as the
   * others are: it chooses which register, and clearing the filters keeps it.
   */
  population?: string;
  /** The stage number the dispute is at now. */
  stage?: number;
  /** Raised by or with this agency. */
  agency?: string;
  area?: string;
  due?: DueFilter;
  status?: DisputeStatus;
  /** Open, and nobody owns its responding side yet. */
  unowned?: true;
  /** A dispute's reference, or an agency's case reference for the child or adult (as typed, trimmed). */
  reference?: string;
  /** Raised on or after, and on or before, these local days (ISO dates, both included). */
  raisedFrom?: string;
  raisedTo?: string;
  /** Another order than soonest due first. */
  sort?: RegisterSort;
};

export type RegisterSort = Exclude<ListOrder, "due">;
export const SORT_LABELS: Record<ListOrder, string> = {
  due: "Deadline, soonest first",
  "raised-newest": "Date raised, newest first",
  "raised-oldest": "Date raised, oldest first",
  "stage-newest": "Date it reached its stage, newest first",
  "stage-oldest": "Date it reached its stage, oldest first",
  "closed-newest": "Date resolved or withdrawn, newest first (closed disputes only)",
};

/** A raised-date filter that could not be read, worded for the error summary. */
export type RegisterFilterError = { field: "raisedFrom" | "raisedTo"; message: string };

const RAISED_SUBJECTS = { raisedFrom: "Raised on or after", raisedTo: "Raised on or before" } as const;

/** What the filters may be set to, from the partnership's policy and agencies. */
export type RegisterOptions = {
  stages: { number: number; label: string }[];
  agencies: { id: string; name: string }[];
  areas: { id: string; label: string }[];
  /** The policy's populations, each with its register's title and the ids of the routes that serve it (in any version). None: one register. */
  populations?: RegisterPopulation[];
};

export type RegisterPopulation = { id: string; title: string; board: string; registerTitle: string; routeIds: string[] };

export const STATUS_LABELS: Record<DisputeStatus, string> = { open: "Open", resolved: "Resolved", withdrawn: "Withdrawn" };
export const DUE_LABELS: Record<DueFilter, string> = {
  overdue: "Overdue",
  today: "Due today",
  "within-2": "Due within 2 working days (including today)",
  week: "Due this week (including today)",
  "within-10": "Due within 10 working days (including today)",
  "within-20": "Due within 20 working days (including today)",
};

type QueryValue = string | string[] | undefined;

const first = (v: QueryValue): string | undefined => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

/** The page a register link names (the cursor of the row before it), if any. */
export const parseAfter = (query: Record<string, QueryValue>): string | null => first(query.after) ?? null;

/**
 * The filters in a query string. A value the options do not offer (an old link,
 * a typing slip) is left out, so the register shows more rather than failing.
 */
export function parseRegisterFilters(query: Record<string, QueryValue>, options: RegisterOptions): RegisterFilters {
  const filters: RegisterFilters = {};
  const population = first(query.population);
  if (population && options.populations?.some((p) => p.id === population)) filters.population = population;
  const stage = first(query.stage);
  if (stage && /^\d+$/.test(stage) && options.stages.some((s) => s.number === Number(stage))) filters.stage = Number(stage);
  const agency = first(query.agency);
  if (agency && options.agencies.some((a) => a.id === agency)) filters.agency = agency;
  const area = first(query.area);
  if (area && options.areas.some((a) => a.id === area)) filters.area = area;
  const due = first(query.due);
  if (due && (DUE_FILTERS as readonly string[]).includes(due)) filters.due = due as DueFilter;
  const status = first(query.status);
  if (status === "open" || status === "resolved" || status === "withdrawn") filters.status = status;
  if (first(query.owner) === "none") filters.unowned = true;
  const sort = first(query.sort);
  if (sort && sort !== "due" && (LIST_ORDERS as readonly string[]).includes(sort)) filters.sort = sort as RegisterSort;
  const reference = first(query.reference);
  if (reference) filters.reference = reference.slice(0, REGISTER_REFERENCE_MAX);
  for (const field of ["raisedFrom", "raisedTo"] as const) {
    const reading = readRaised(query, field);
    if (reading?.kind === "ok") filters[field] = reading.value;
  }
  return filters;
}

function readRaised(query: Record<string, QueryValue>, field: "raisedFrom" | "raisedTo") {
  const values = Object.fromEntries(DATE_PARTS.map((p) => [datePartName(field, p), first(query[datePartName(field, p)]) ?? ""]));
  if (Object.values(values).every((v) => v === "")) return null;
  return readDateParts(values, field, false, RAISED_SUBJECTS[field]);
}

/**
 * What is wrong with the raised dates typed into the filters, for the page's
 * error summary. A date that cannot be read is left out of the filters (the
 * register shows more, never less), and said here.
 */
export function registerFilterErrors(query: Record<string, QueryValue>): RegisterFilterError[] {
  const errors: RegisterFilterError[] = [];
  const from = readRaised(query, "raisedFrom");
  const to = readRaised(query, "raisedTo");
  if (from?.kind === "problem") errors.push({ field: "raisedFrom", message: from.message });
  if (to?.kind === "problem") errors.push({ field: "raisedTo", message: to.message });
  if (from?.kind === "ok" && to?.kind === "ok" && to.value < from.value) {
    errors.push({ field: "raisedTo", message: "Raised on or before must be the same as or after raised on or after" });
  }
  return errors;
}

/** Whether anything narrows the register (its order does not). */
export const isFiltered = (filters: RegisterFilters): boolean =>
  Object.entries(filters).some(([k, v]) => k !== "sort" && k !== "population" && v !== undefined);

/** Only the choice of register (its population), without the filters: where "Clear filters" goes. */
export const registerChoice = (filters: RegisterFilters): RegisterFilters => (filters.population ? { population: filters.population } : {});

/**
 * As long as an agency's case reference may be: LIMITS.reference of
 * lib/escalations/schemas.ts (a test pins them equal; this module stays free of
 * zod, as the dashboard's browser code uses it). Longer cannot match anything.
 */
export const REGISTER_REFERENCE_MAX = 100;

/** Working days "due this week" covers: WEEK_WORKING_DAYS of lib/escalations/list-escalations.ts (a test pins them equal). */
export const REGISTER_WEEK_WORKING_DAYS = 5;

/**
 * What the register's filters ask listEscalations for: everything on the
 * register, narrowed by each filter. "Overdue" and "due this week" are read as
 * the counts at the top read them, so each count opens exactly what it counts.
 * A population's register asks for the routes that serve it (`populations`, from RegisterOptions).
 */
export function registerListFilters(f: RegisterFilters, timeZone?: string, populations?: readonly RegisterPopulation[]): ListEscalationsInput {
  const midnight = (iso: string, after: number) => {
    if (!timeZone) throw new Error("The register's raised dates need the partnership's time zone.");
    return new Date(ZoneClock.for(timeZone).instantAt(dayFromIso(iso) + after, 0));
  };
  return {
    onRegister: true,
    ...(f.population ? { routeIds: populationRouteIds(f.population, populations) } : {}),
    ...(f.stage !== undefined ? { stage: f.stage } : {}),
    ...(f.agency ? { agencyId: f.agency } : {}),
    ...(f.area ? { area: f.area } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.due === "overdue" ? { overdue: true } : {}),
    ...(f.due && f.due !== "overdue" ? { overdue: false, dueWithinWorkingDays: f.due === "week" ? REGISTER_WEEK_WORKING_DAYS : DUE_WORKING_DAYS[f.due] } : {}),
    ...(f.unowned ? { unowned: true } : {}),
    ...(f.sort ? { order: f.sort } : {}),
    ...(f.reference ? { reference: f.reference } : {}),
    ...(f.raisedFrom ? { raisedFrom: midnight(f.raisedFrom, 0) } : {}),
    ...(f.raisedTo ? { raisedBefore: midnight(f.raisedTo, 1) } : {}),
  };
}

/** The routes a population's register lists. */
function populationRouteIds(id: string, populations: readonly RegisterPopulation[] | undefined): string[] {
  const population = populations?.find((p) => p.id === id);
  if (!population) throw new Error(`The register's population "${id}" needs the policy's populations.`);
  return population.routeIds;
}

/** The counts at the top of the register, over everything on it (not the current filters). */
export type RegisterCounts = EscalationCounts;

/** Each count, what it means, and the filters that list those disputes. */
export function countLinks(counts: RegisterCounts): { key: keyof RegisterCounts; label: string; value: number; filters: RegisterFilters }[] {
  return [
    { key: "open", label: "Open on the register", value: counts.open, filters: { status: "open" } },
    { key: "overdue", label: "Overdue", value: counts.overdue, filters: { due: "overdue" } },
    { key: "dueThisWeek", label: "Due this week", value: counts.dueThisWeek, filters: { due: "week" } },
    { key: "resolved", label: "Resolved", value: counts.resolved, filters: { status: "resolved" } },
  ];
}

/** The filters as a query string, in a fixed order ("" for none); `after` names a later page. */
function registerQuery(filters: RegisterFilters, after?: string | null): string {
  const params = new URLSearchParams();
  if (filters.population) params.set("population", filters.population);
  if (filters.status) params.set("status", filters.status);
  if (filters.stage !== undefined) params.set("stage", String(filters.stage));
  if (filters.agency) params.set("agency", filters.agency);
  if (filters.area) params.set("area", filters.area);
  if (filters.due) params.set("due", filters.due);
  if (filters.unowned) params.set("owner", "none");
  if (filters.sort) params.set("sort", filters.sort);
  if (filters.reference) params.set("reference", filters.reference);
  for (const field of ["raisedFrom", "raisedTo"] as const) {
    const iso = filters[field];
    if (!iso) continue;
    const [y, m, d] = iso.split("-");
    params.set(datePartName(field, "day"), String(Number(d)));
    params.set(datePartName(field, "month"), String(Number(m)));
    params.set(datePartName(field, "year"), y!);
  }
  if (after) params.set("after", after);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** The register's address with these filters, in a fixed order; `after` names a later page. */
export function registerHref(partnershipId: string, filters: RegisterFilters = {}, after?: string | null): string {
  return `/p/${encodeURIComponent(partnershipId)}/register${registerQuery(filters, after)}`;
}

/** The CSV export of everything these filters match (every page, not one): the register's query string on /register/export. */
export function registerExportHref(partnershipId: string, filters: RegisterFilters = {}): string {
  return `/p/${encodeURIComponent(partnershipId)}/register/export${registerQuery(filters)}`;
}

/** The filters in force, in words, for the table's caption: ["Stage 3", "Agency: …", "Overdue"]. */
export function describeFilters(filters: RegisterFilters, options: RegisterOptions): string[] {
  const words: string[] = [];
  if (filters.status) words.push(STATUS_LABELS[filters.status]);
  if (filters.stage !== undefined) words.push(`Stage ${filters.stage}`);
  if (filters.agency) words.push(`Agency: ${options.agencies.find((a) => a.id === filters.agency)?.name ?? "unknown"}`);
  if (filters.area) words.push(`Area: ${options.areas.find((a) => a.id === filters.area)?.label ?? filters.area}`);
  if (filters.due) words.push(DUE_LABELS[filters.due]);
  if (filters.unowned) words.push("Awaiting an owner");
  if (filters.reference) words.push(`Reference ${filters.reference}`);
  if (filters.raisedFrom) words.push(`Raised on or after ${formatDayLong(dayFromIso(filters.raisedFrom)).replace(/^\w+ /, "")}`);
  if (filters.raisedTo) words.push(`Raised on or before ${formatDayLong(dayFromIso(filters.raisedTo)).replace(/^\w+ /, "")}`);
  return words;
}

/** An area's words, from the policy's list (the id if the policy no longer lists it). */
export function areaLabel(id: string, options: Pick<RegisterOptions, "areas">): string {
  return options.areas.find((a) => a.id === id)?.label ?? id;
}

/** A dispute's page, with the way back to the register page it was opened from (filters, order and page kept). */
export function disputeFromRegisterHref(disputePage: string, registerPage: string): string {
  return `${disputePage}?back=${encodeURIComponent(registerPage)}`;
}

/**
 * The register page a dispute was opened from, if `back` names one of this
 * partnership's register pages (anything else is ignored, so the link cannot
 * be pointed elsewhere); null otherwise.
 */
export function registerBackHref(partnershipId: string, back: string | undefined): string | null {
  const base = `/p/${encodeURIComponent(partnershipId)}/register`;
  if (!back || !safeNextPath(back)) return null;
  return back === base || back.startsWith(`${base}?`) ? back : null;
}
