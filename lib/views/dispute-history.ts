/**
 * A dispute's history in plain words, oldest first: what happened, who did it,
 * when, and the detail a practice review would want (what was discussed and
 * agreed, the forms sent, who the board heard from).
 */
import type { HistoryEntry } from "../escalations";
import type { NoticeRecord } from "../notices/dispute-notices";
import type { PayloadOf } from "../escalations/events";
import { allDeadlinesAt, formatDateTime, formatDue, formatLocalDate, joinWithAnd, stageTitle, type Policy, type Stage } from "../policy";
import type { ConflictChange } from "./form-spec";

export type HistoryDetail = { key: string; value: string };

export type HistoryItem = {
  id: string;
  /** An event of the record, or a delivery of one of Parley's e-mails. */
  kind: "event" | "notice";
  /** The event's place in the history (for a notice, the place of the last event before it). */
  sequence: number;
  at: Date;
  title: string;
  who: string;
  when: string;
  /** The stage the dispute was at, in words ("Stage 2: Manager to manager"). */
  stage: string;
  /** The policy version the event happened under ("" for Parley's e-mails). */
  policyVersion: string;
  details: HistoryDetail[];
};

export type HistoryContext = {
  policy: Policy;
  routeId: string;
  /** Names by user id. */
  people: Readonly<Record<string, string>>;
  /** Agency names by id. */
  agencies: Readonly<Record<string, string>>;
  raisingAgencyId: string;
  respondingAgencyId: string;
  /**
   * Other versions of the policy, for a dispute moved between versions: each event is
   * described with the version (and route) it happened under. Without it, `policy`.
   */
  policyFor?: ((version: string) => Policy | undefined) | undefined;
};

const METHODS: Record<string, string> = {
  phone: "phone call",
  meeting: "meeting",
  video: "video call",
  email: "email",
  letter: "letter",
  other: "another way",
};

export const methodWords = (method: string): string => METHODS[method] ?? method;

/** "Stage 2: Manager to manager" (lib/policy): here too for the modules that read it from here. */
export { stageTitle };

function stageOf(ctx: HistoryContext, key: string): Stage | undefined {
  return ctx.policy.routes.find((r) => r.id === ctx.routeId)?.stages.find((s) => s.key === key);
}

/** "Stage 2: Manager to manager" for a stage of a version, or its key when that version is not loaded. */
function stageIn(policy: Policy | undefined, routeId: string, key: string): string {
  const stage = policy?.routes.find((r) => r.id === routeId)?.stages.find((s) => s.key === key);
  return stage ? stageTitle(stage) : key;
}

/** "stage 2" for a numbered stage, else its title (for running text). */
function stageRef(ctx: HistoryContext, key: string): string {
  const stage = stageOf(ctx, key);
  if (!stage) return key;
  return stage.number !== undefined ? `stage ${stage.number}` : `"${stage.title}"`;
}

function deadlinesThenWords(list: PayloadOf<"escalated">["deadlinesThen"], tz: string): string {
  return list
    .map((d) => `${d.label}: ${d.dueAt ? `due ${formatDue(new Date(d.dueAt), tz)}` : "no due date"}${d.met ? " (met)" : d.overdue ? " (overdue)" : ""}`)
    .join("\n");
}

function sideWords(ctx: HistoryContext, side: "raising" | "responding"): string {
  const agency = ctx.agencies[side === "raising" ? ctx.raisingAgencyId : ctx.respondingAgencyId];
  return `${agency ?? "the agency"} (${side === "raising" ? "the raising side" : "the responding side"})`;
}

/** What one event says, in words. `actions` names agreed actions by id, from earlier events. */
function describe(e: HistoryEntry, ctx: HistoryContext, actions: Map<string, string>): { title: string; details: HistoryDetail[] } {
  const tz = ctx.policy.timeZone;
  const name = (id: string | null | undefined) => (id ? (ctx.people[id] ?? "(unknown user)") : "");
  switch (e.type) {
    case "raised": {
      const p = e.payload;
      return {
        title: `Disagreement raised${p.urgent ? " as urgent" : ""} at ${stageRef(ctx, p.stageKey)}`,
        details: [
          { key: "Reference", value: p.reference },
          { key: "Policy", value: `${ctx.policy.title}, version ${p.policyVersion}` },
          ...(p.urgentGrounds ? [{ key: "Why it is urgent", value: p.urgentGrounds }] : []),
        ],
      };
    }
    case "discussion_recorded": {
      const p = e.payload;
      return {
        title: `Discussion recorded with ${p.with}`,
        details: [
          { key: "How", value: methodWords(p.how).replace(/^./, (c) => c.toUpperCase()) },
          { key: "When", value: formatDateTime(new Date(p.occurredAt), tz) },
          { key: "What was discussed", value: p.said },
          ...(p.agreed ? [{ key: "What was agreed", value: p.agreed }] : []),
        ],
      };
    }
    case "escalated": {
      const p = e.payload;
      const to = stageOf(ctx, p.to);
      return {
        title: `Escalated from ${stageRef(ctx, p.from)} to ${to ? stageTitle(to, "mid-sentence") : p.to}`,
        details: [
          { key: "Why", value: p.reason },
          ...(p.deadlinesThen.length > 0 ? [{ key: `Deadlines at ${stageRef(ctx, p.from)}`, value: deadlinesThenWords(p.deadlinesThen, tz) }] : []),
        ],
      };
    }
    case "expedited": {
      const p = e.payload;
      const to = stageOf(ctx, p.to);
      return {
        title: `Expedited from ${stageRef(ctx, p.from)} to ${to ? stageTitle(to, "mid-sentence") : p.to}`,
        details: [
          { key: "Grounds", value: p.grounds },
          { key: "Stages skipped", value: p.skipped.length > 0 ? joinWithAnd(p.skipped.map((k) => stageRef(ctx, k))) : "None" },
          ...(p.deadlinesThen.length > 0 ? [{ key: `Deadlines at ${stageRef(ctx, p.from)}`, value: deadlinesThenWords(p.deadlinesThen, tz) }] : []),
        ],
      };
    }
    case "owner_assigned": {
      const p = e.payload;
      const details: HistoryDetail[] = [];
      if (p.proxy) details.push({ key: "Standing in as a proxy", value: p.proxyReason ?? "Yes" });
      return {
        title: p.retained
          ? `${name(p.userId)} keeps ownership for ${sideWords(ctx, p.side)} at ${stageRef(ctx, e.stageKey)}`
          : `${name(p.userId)} now owns the dispute for ${sideWords(ctx, p.side)} at ${stageRef(ctx, e.stageKey)}`,
        details,
      };
    }
    case "deadline_set": {
      const p = e.payload;
      const deadline = allDeadlinesAt(ctx.policy, e.stageKey, ctx.routeId).find((d) => d.deadline.id === p.deadlineId)?.deadline;
      return {
        title: `Timescale set: ${deadline?.label ?? p.deadlineId}, due ${formatDue(new Date(p.dueAt), tz)}`,
        details: [{ key: "Set as", value: p.setBy }, ...(p.note ? [{ key: "Note", value: p.note }] : [])],
      };
    }
    case "milestone_recorded": {
      const p = e.payload;
      return {
        title: `Recorded: ${p.label.charAt(0).toUpperCase()}${p.label.slice(1)}`,
        details: [{ key: "When it happened", value: formatDateTime(new Date(p.occurredAt), tz) }, ...(p.note ? [{ key: "Note", value: p.note }] : [])],
      };
    }
    case "form_completed": {
      const p = e.payload;
      return {
        title: `Form completed: ${p.title}`,
        details: [
          { key: "Sent to", value: p.sentTo.length > 0 ? p.sentTo.join("\n") : "Not recorded" },
          ...(p.note ? [{ key: "Note", value: p.note }] : []),
          ...(p.document
            ? [
                {
                  key: "What was sent",
                  value: `The form Parley produced from version ${p.document.version} of the record. Its fingerprint (SHA-256): ${p.document.sha256}`,
                },
              ]
            : []),
        ],
      };
    }
    case "board_notified": {
      // This event records that the dispute reached a stage where the policy gives the board
      // a part, and what the policy asks people to do then. It never meant that anyone was
      // told: Parley's own e-mails are separate entries, sent or failed.
      const p = e.payload;
      const title = {
        none: `Reached ${stageRef(ctx, e.stageKey)}, where the policy asks for people outside the agencies to be told`,
        notified: `Reached ${stageRef(ctx, e.stageKey)}, where the policy asks for the board to be told`,
        oversight: `Reached ${stageRef(ctx, e.stageKey)}, where the board business manager takes oversight`,
        "owns-decision": `Reached ${stageRef(ctx, e.stageKey)}, where the board decides`,
      }[p.involvement];
      const details: HistoryDetail[] = p.notified.map((n) => ({
        key: `The policy asks that ${n.label}${n.email ? ` (${n.email})` : ""} be told`,
        value: [n.what, n.how].filter(Boolean).join(" ") || "That they are told.",
      }));
      if (p.onRegister) details.push({ key: "Board register", value: "On the board business manager's register" });
      if (p.notified.length > 0) {
        details.push({ key: "Note", value: "This records what the policy asks, not that it was done. Parley's e-mails are listed as entries of their own." });
      }
      return { title, details };
    }
    case "action_added": {
      const p = e.payload;
      const owner = p.ownerUserId ? `${p.ownerName} (${name(p.ownerUserId)})` : p.ownerName;
      return {
        title: `Agreed action added: ${p.description}`,
        details: [
          { key: "Who will do it", value: `${owner}${p.ownerAgencyId && ctx.agencies[p.ownerAgencyId] ? `, ${ctx.agencies[p.ownerAgencyId]}` : ""}` },
          { key: "Due", value: formatLocalDate(p.dueDate) },
        ],
      };
    }
    case "action_completed": {
      const p = e.payload;
      return {
        title: `Agreed action done: ${actions.get(p.actionId) ?? "an agreed action"}`,
        details: p.note ? [{ key: "Note", value: p.note }] : [],
      };
    }
    case "resolved": {
      const p = e.payload;
      const confirmation = (c: PayloadOf<"resolved">["confirmations"]["raising"]) =>
        `${c.confirmedBy}, by ${methodWords(c.method)}${c.note ? `. ${c.note}` : ""}`;
      return {
        title: "Resolved",
        details: [
          { key: "Outcome", value: p.outcome },
          ...(p.learning ? [{ key: "What the partnership could learn", value: p.learning }] : []),
          { key: `Confirmed for ${sideWords(ctx, "raising")}`, value: confirmation(p.confirmations.raising) },
          { key: `Confirmed for ${sideWords(ctx, "responding")}`, value: confirmation(p.confirmations.responding) },
          { key: "Agreed actions", value: p.actionIds.length > 0 ? p.actionIds.map((id) => actions.get(id) ?? id).join("\n") : "None" },
        ],
      };
    }
    case "withdrawn":
      return { title: "Withdrawn", details: [{ key: "Why", value: e.payload.reason }] };
    case "comment":
      return { title: "Comment", details: [{ key: "Comment", value: e.payload.text }] };
    case "policy_version_changed": {
      const p = e.payload;
      const newer = ctx.policyFor?.(p.to);
      const before = `${stageIn(ctx.policy, p.routeFrom, p.stageFrom)} (version ${p.from})`;
      const after = `${stageIn(newer, p.routeTo, p.stageTo)} (version ${p.to})`;
      return {
        title: `Moved from version ${p.from} to version ${p.to} by ${name(e.actorId)}`,
        details: [
          { key: "Stage", value: before === after ? before : `${before} became ${after}` },
          { key: "Deadlines before the move", value: p.deadlinesThen.length > 0 ? deadlinesThenWords(p.deadlinesThen, tz) : "None" },
          { key: "Deadlines after the move", value: p.deadlinesAfter.length > 0 ? deadlinesThenWords(p.deadlinesAfter, tz) : "None" },
        ],
      };
    }
    default: {
      const never: never = e;
      throw new Error(`unknown event ${JSON.stringify(never)}`);
    }
  }
}

/** Every event, oldest first, in words. */
export function describeHistory(history: readonly HistoryEntry[], ctx: HistoryContext): HistoryItem[] {
  const actions = new Map<string, string>();
  const sequenceOf = new Map(history.map((e) => [e.id, e.sequence]));
  const ordered = [...history].sort((a, b) => a.sequence - b.sequence);
  // The route each event happened under: the raise's, until a move to another version.
  let under = { routeId: ctx.routeId };
  const first = ordered[0];
  if (first?.type === "raised") under = { routeId: first.payload.routeId };
  return ordered.map((e) => {
    const at: HistoryContext = {
      ...ctx,
      policy: e.policyVersion === ctx.policy.version ? ctx.policy : (ctx.policyFor?.(e.policyVersion) ?? ctx.policy),
      routeId: under.routeId,
    };
    if (e.type === "policy_version_changed") under = { routeId: e.payload.routeTo };
    if (e.type === "action_added") actions.set(e.payload.actionId, e.payload.description);
    const { title, details } = describe(e, at, actions);
    if (e.correctsId) details.push({ key: "Correction", value: `This corrects entry ${sequenceOf.get(e.correctsId) ?? "(unknown)"} of this history.` });
    if (e.correctedBy.length > 0) {
      details.push({ key: "Corrected", value: `Corrected by entry ${e.correctedBy.map((id) => sequenceOf.get(id) ?? "(unknown)").join(", ")}.` });
    }
    const stage = stageOf(at, e.stageKey);
    return {
      id: e.id,
      kind: "event" as const,
      sequence: e.sequence,
      at: e.at,
      title,
      who: e.actorName,
      when: formatDateTime(e.at, ctx.policy.timeZone),
      stage: stage ? stageTitle(stage) : e.stageKey,
      policyVersion: e.policyVersion,
      details,
    };
  });
}

/**
 * Parley's e-mails about the dispute, as entries of its history: each try at
 * sending, at the time it was made, saying whether the mail system accepted it
 * or why not. Notices not yet tried are not history (the page lists them as waiting).
 */
export function noticeHistory(notices: readonly NoticeRecord[], history: readonly HistoryEntry[], timeZone: string): HistoryItem[] {
  const items: HistoryItem[] = [];
  const sequenceAt = (at: Date) => Math.max(0, ...history.filter((e) => e.at.getTime() <= at.getTime()).map((e) => e.sequence));
  for (const n of notices) {
    n.attempts.forEach((a, i) => {
      const last = i === n.attempts.length - 1;
      const details: HistoryDetail[] = [
        { key: "Why they were told", value: n.recipientReason },
        { key: "Subject", value: n.subject },
        { key: a.ok ? "Delivery" : "What went wrong", value: a.detail },
      ];
      if (!a.ok && last && n.status === "failed") details.push({ key: "Next", value: "Parley has stopped trying. A partnership administrator can try again." });
      if (!a.ok && last && n.status === "pending" && n.nextAttemptAt)
        details.push({ key: "Next", value: `Parley will try again at ${formatDateTime(n.nextAttemptAt, timeZone)}.` });
      items.push({
        id: `${n.id}:${i}`,
        kind: "notice",
        sequence: sequenceAt(a.at),
        at: a.at,
        title: a.ok ? `Parley e-mailed ${n.recipientName}` : `Parley could not e-mail ${n.recipientName}`,
        who: "Parley",
        when: formatDateTime(a.at, timeZone),
        stage: "",
        policyVersion: "",
        details,
      });
    });
  }
  return items;
}

/** Events and e-mails in one history, oldest first (an e-mail after the event that caused it). */
export function mergeHistory(events: readonly HistoryItem[], notices: readonly HistoryItem[]): HistoryItem[] {
  return [...events, ...notices].sort(
    (a, b) => a.at.getTime() - b.at.getTime() || a.sequence - b.sequence || (a.kind === b.kind ? 0 : a.kind === "event" ? -1 : 1),
  );
}

/** What changed after the version a form was based on: the newer entries, in words, with who and when. */
export function changesSince(history: readonly HistoryEntry[], version: number, ctx: HistoryContext): ConflictChange[] {
  return describeHistory(history, ctx)
    .filter((item) => item.sequence > version)
    .map((item) => ({ title: item.title, who: item.who, when: item.when }));
}
