/**
 * The rows of a dispute's audit trail, in words, and the CSV they are exported
 * as. Pure: the database work is in dispute-trail.ts.
 *
 * A row says what was done, at which stage (by the policy's title for it), by
 * whom and from which address, never what the dispute says: an administrator
 * does not read the case details, and the export must not carry them.
 */
import { getRoute, type Policy } from "../policy";
import { formatIsoWithOffset } from "../policy/format";
import { BOM, csvCell } from "../text/csv";
import { stageTitle } from "../views/dispute-history";

export type TrailRow = {
  at: Date;
  what: string;
  /** The stage in the policy's words ("Stage 1: Practitioner to practitioner"); empty when not known. */
  stage: string;
  person: string;
  personId: string | null;
  /** null: the address was not recorded (Parley records it when a dispute is opened, not for each action). */
  ipAddress: string | null;
  userAgent: string | null;
};

/** What an escalation event row holds that the trail may show. */
export type TrailEvent = {
  at: Date;
  type: string;
  stageKey: string;
  policyVersion: string;
  actorId: string;
  actorName: string;
  payload: unknown;
};

/** What an audit row about the dispute (someone opening it, exporting its trail…) holds. */
export type TrailAudit = {
  at: Date;
  type: string;
  actorId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
};

export type TrailContext = {
  /** The policy version of each event, by version (the dispute's own first). */
  policyFor: (version: string) => Policy | undefined;
  /** The dispute's route now. */
  routeId: string;
  /** The route under each version, for a dispute moved between versions (trailRows works it out from the events). */
  routeFor?: ((version: string) => string | undefined) | undefined;
  /** Names by user id: the people who acted, opened the dispute or were made owner. */
  people: Readonly<Record<string, string>>;
  raisingAgency: string;
  respondingAgency: string;
};

const AUDIT_WORDS: Readonly<Record<string, string>> = {
  escalation_viewed: "Viewed",
  audit_exported: "Audit trail exported",
  policy_version_moved: "Moved to a newer policy version by a partnership administrator",
};

/** Shown in the CSV where the trail has no value because none was recorded. */
export const NOT_RECORDED = "not recorded";

/** "discussion_recorded" → "Discussion recorded" */
const words = (type: string) => type.charAt(0).toUpperCase() + type.slice(1).replaceAll("_", " ");

/** A stage key as the policy titles it ("Stage 2: Manager to manager"), or the key itself if the policy is not loaded. */
export function stageWords(ctx: TrailContext, version: string, stageKey: string): string {
  if (!stageKey) return "";
  const policy = ctx.policyFor(version);
  if (!policy) return stageKey;
  try {
    const stage = getRoute(policy, ctx.routeFor?.(version) ?? ctx.routeId).stages.find((s) => s.key === stageKey);
    return stage ? stageTitle(stage) : stageKey;
  } catch {
    return stageKey;
  }
}

const record = (payload: unknown): Record<string, unknown> => (payload && typeof payload === "object" ? (payload as Record<string, unknown>) : {});
const str = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/** What an event did, without the case details (no reasons, discussions or outcomes). */
export function eventWhat(e: TrailEvent, ctx: TrailContext): string {
  const p = record(e.payload);
  const stage = (key: unknown) => (typeof key === "string" ? stageWords(ctx, e.policyVersion, key) : "another stage");
  switch (e.type) {
    case "raised":
      return p.urgent === true ? "Raised as urgent" : "Raised";
    case "owner_assigned": {
      const userId = str(p.userId);
      const who = userId ? (ctx.people[userId] ?? "(unknown user)") : "(unknown user)";
      const side = p.side === "responding" ? `${ctx.respondingAgency} (responding side)` : `${ctx.raisingAgency} (raising side)`;
      const proxy = p.proxy === true ? ", standing in as a proxy" : "";
      return p.retained === true ? `Owner kept: ${who} for ${side}${proxy}` : `Owner assigned: ${who} for ${side}${proxy}`;
    }
    case "escalated":
      return `Escalated to ${stage(p.to)}`;
    case "expedited":
      return `Expedited to ${stage(p.to)}`;
    case "deadline_set":
      return "Timescale set";
    case "milestone_recorded":
      // The label is the policy's ("the referral being received"), not the case's.
      return str(p.label) ? `Recorded: ${str(p.label)}` : "Recorded that something happened";
    case "form_completed":
      return str(p.title) ? `Form completed: ${str(p.title)}` : "Form completed";
    case "board_notified":
      return "Reached a stage where the policy gives the board a part";
    case "action_added":
      return "Agreed action added";
    case "action_completed":
      return "Agreed action done";
    case "policy_version_changed":
      return `Moved from version ${str(p.from) ?? "(unknown)"} to version ${str(p.to) ?? "(unknown)"} of the policy`;
    default:
      return words(e.type);
  }
}

/** The stage the dispute is at after an event, and under which version: where it went for a move, else where it was. */
function stageAfter(e: TrailEvent): { version: string; stageKey: string } {
  const p = record(e.payload);
  if ((e.type === "escalated" || e.type === "expedited") && typeof p.to === "string") return { version: e.policyVersion, stageKey: p.to };
  if (e.type === "raised" && typeof p.stageKey === "string") return { version: e.policyVersion, stageKey: p.stageKey };
  if (e.type === "policy_version_changed" && typeof p.to === "string" && typeof p.stageTo === "string") return { version: p.to, stageKey: p.stageTo };
  return { version: e.policyVersion, stageKey: e.stageKey };
}

/** The route under each version the events were under: the raise's, then each move's. */
function routesByVersion(events: readonly TrailEvent[]): Map<string, string> {
  const routes = new Map<string, string>();
  for (const e of events) {
    const p = record(e.payload);
    if (e.type === "raised" && typeof p.routeId === "string") routes.set(e.policyVersion, p.routeId);
    if (e.type === "policy_version_changed" && typeof p.to === "string" && typeof p.routeTo === "string") routes.set(p.to, p.routeTo);
  }
  return routes;
}

/** One row per event and per audit entry, oldest first; an audit entry shows the stage the dispute was at then. */
export function trailRows(events: readonly TrailEvent[], audits: readonly TrailAudit[], given: TrailContext): TrailRow[] {
  const ordered = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  const routes = routesByVersion(ordered);
  const ctx: TrailContext = { ...given, routeFor: given.routeFor ?? ((version) => routes.get(version)) };
  const stageAt = (at: Date): string => {
    let found: TrailEvent | undefined;
    for (const e of ordered) if (e.at.getTime() <= at.getTime()) found = e;
    if (!found) return "";
    const after = stageAfter(found);
    return stageWords(ctx, after.version, after.stageKey);
  };
  const nameOf = (id: string | null) => (id ? (ctx.people[id] ?? "(unknown user)") : "(nobody signed in)");
  const rows: TrailRow[] = [
    ...ordered.map((e) => ({
      at: e.at,
      what: eventWhat(e, ctx),
      stage: stageWords(ctx, e.policyVersion, e.stageKey),
      person: e.actorName,
      personId: e.actorId,
      ipAddress: null,
      userAgent: null,
    })),
    ...audits.map((a) => ({
      at: a.at,
      what: AUDIT_WORDS[a.type] ?? words(a.type),
      stage: stageAt(a.at),
      person: a.actorId === null && a.type === "deadlines_recomputed" ? "Parley (a calendar changed)" : nameOf(a.actorId),
      personId: a.actorId,
      ipAddress: a.ipAddress,
      userAgent: a.userAgent,
    })),
  ];
  // Stable: an event comes before an audit entry made at the same instant.
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.at.getTime() - b.r.at.getTime() || a.i - b.i)
    .map(({ r }) => r);
}

export const CSV_HEADER = ["When", "What", "Stage", "Who", "User id", "IP address", "Browser"] as const;

/**
 * The trail as CSV (RFC 4180, CRLF line ends), with a byte-order mark. The address
 * and browser read "not recorded" where the row has none, rather than being blank.
 */
export function trailToCsv(rows: readonly TrailRow[], timeZone: string): string {
  const lines = rows.map((r) =>
    [formatIsoWithOffset(r.at, timeZone), r.what, r.stage, r.person, r.personId ?? "", r.ipAddress ?? NOT_RECORDED, r.userAgent ?? NOT_RECORDED]
      .map(csvCell)
      .join(","),
  );
  return `${BOM}${[CSV_HEADER.map(csvCell).join(","), ...lines].join("\r\n")}\r\n`;
}
