/**
 * A form the policy names, produced from a dispute's record as it stood at one
 * version: who (the raiser, whose decision, the owners at each stage), the
 * agencies, the concern, every stage so far with its dates, discussions and
 * how it moved on, the outcome and the agreed actions, under the headings of
 * the partnership's own form (Torbay's Professional Differences Record of
 * Escalation, the Isle of Man's Escalation Referral Form) or a plain layout
 * for any other form.
 *
 * It says nothing the dispute page does not already show to everyone who may
 * see the dispute, and takes no reader: the same record gives the same
 * document whoever asks, so its fingerprint (fingerprint.ts) can be recorded.
 * Nothing in it depends on the time it is built (no "overdue", no deadline
 * still running): only on the record, the names it mentions and the policy.
 */
import { stageLadder, type LadderStage } from "../escalations/ladder";
import type { EscalationEvent, PayloadOf } from "../escalations/events";
import { contextAt, project } from "../escalations/projection";
import { AREA_OTHER } from "../escalations/raise-escalation";
import type { EscalationState } from "../escalations/state";
import { describeParty, formatDateTime, formatDue, formatLocalDate, getRoute, joinWithAnd, type Party, type Policy, type Route, type Stage } from "../policy";
import { methodWords, stageTitle } from "../views/dispute-history";
import type { FormBlock, FormDocument, FormRow, FormSection } from "./document";
import { formDefinition, type Form } from "./policy-forms";
import type { FormSource } from "./source";

type Side = "raising" | "responding";

/** The record at one version, with what every layout needs to word it. */
type Ctx = {
  policy: Policy;
  route: Route;
  tz: string;
  events: EscalationEvent[];
  state: EscalationState;
  ladder: LadderStage[];
  form: Form;
  formStage: Stage;
  name: (id: string | null | undefined) => string;
  agency: (id: string) => string;
  raising: string;
  responding: string;
};

/** Which partnership's own layout a form follows. */
const LAYOUTS: Record<string, FormDocument["layout"]> = {
  "torbay/record-of-escalation": "torbay-record-of-escalation",
  "isle-of-man/escalation-referral-form": "isle-of-man-referral",
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const when = (ctx: Ctx, at: Date | string) => formatDateTime(typeof at === "string" ? new Date(at) : at, ctx.tz);

/**
 * The form `formId` built from the record at `version` (default: as it stands
 * now). Undefined when the dispute's route names no such form, or there is no
 * such version.
 */
export function buildFormDocument(source: FormSource, formId: string, version?: number): FormDocument | undefined {
  const all = [...source.events].sort((a, b) => a.sequence - b.sequence);
  const latest = all.at(-1)?.sequence ?? 0;
  const at = version ?? latest;
  if (!Number.isInteger(at) || at < 1 || at > latest) return undefined;
  const events = all.filter((e) => e.sequence <= at);
  const state = project(events, { policy: source.policy, calendar: source.calendar, otherVersion: source.otherVersion });
  // The version the record was under at that point (a dispute may since have moved to a newer one).
  const { policy } = contextAt(source, state.row.policyVersion);
  const def = formDefinition(policy, state.row.routeId, formId, state.row.stageKey);
  if (!def) return undefined;

  const ctx: Ctx = {
    policy,
    route: getRoute(policy, state.row.routeId),
    tz: policy.timeZone,
    events,
    state,
    ladder: stageLadder(state, policy),
    form: def.form,
    formStage: def.stage,
    name: (id) => (id ? (source.people[id] ?? "(unknown user)") : ""),
    agency: (id) => source.agencies[id] ?? "Another agency",
    raising: source.agencies[state.row.raisingAgencyId] ?? "The raising agency",
    responding: source.agencies[state.row.respondingAgencyId] ?? "The other agency",
  };
  const layout = LAYOUTS[`${policy.partnership.id}/${formId}`] ?? "generic";
  const sections =
    layout === "torbay-record-of-escalation" ? torbayRecordOfEscalation(ctx) : layout === "isle-of-man-referral" ? isleOfManReferral(ctx) : generic(ctx);
  const last = events[events.length - 1] as EscalationEvent;
  return {
    formId,
    title: def.form.title,
    layout,
    partnership: policy.partnership.name,
    policy: `${policy.title} (version ${state.row.policyVersion})`,
    reference: state.row.reference,
    marking: def.form.marking ?? null,
    instructions: instructions(ctx),
    version: at,
    asAt: `The record as it stood at ${when(ctx, last.at)} (version ${at})`,
    sections,
    fileName: `${state.row.reference}-${formId}`.replace(/[^A-Za-z0-9-]+/g, "-"),
  };
}

// ---- What the policy asks of the form ----

function partyWords(ctx: Ctx, party: Party): string {
  const who = describeParty(party, ctx.policy);
  if (party.side === "both") return `${who} on both sides`;
  if (party.side === "raising") return `${who} of the agency raising the concern (${ctx.raising})`;
  if (party.side === "responding") return `${who} of the other agency (${ctx.responding})`;
  return who;
}

const METHOD_WORDS: Record<string, string> = { email: "by email", letter: "by letter", "in-writing": "in writing", online: "online", any: "" };

function instructions(ctx: Ctx): string {
  const { form, formStage } = ctx;
  const at = formStage.number !== undefined ? `stage ${formStage.number}` : `"${formStage.title}"`;
  const sendTo = (form.sendTo ?? []).map((p) => describeParty(p, ctx.policy));
  const method = form.method ? METHOD_WORDS[form.method] : "";
  const parts = [
    `${form.use === "required" ? "Required" : "Recommended"} by the policy at ${at}.`,
    `To be completed by ${partyWords(ctx, form.completedBy)}${
      sendTo.length > 0 ? ` and sent${method ? ` ${method}` : ""} to ${joinWithAnd(sendTo)}${form.email ? ` (${form.email})` : ""}` : ""
    }.`,
  ];
  if (form.marking) parts.push(`Mark it "${form.marking}".`);
  if (form.outcomeRecordedOnForm) {
    parts.push(
      `The outcome is recorded on the form${form.returnedTo ? ` and returned to ${describeParty(form.returnedTo, ctx.policy).replace(/^The /, "the ")}` : ""}.`,
    );
  }
  return parts.join(" ");
}

// ---- Facts of the record, in words ----

function subjectRows(ctx: Ctx): FormRow[] {
  return ctx.state.row.subjects.map((s, i) => ({
    key: `${s.kind === "adult" ? "Adult" : "Child"} ${i + 1}`,
    value: [`${s.initials}, born ${s.yearOfBirth}`, ...s.caseReferences.map((ref) => `${ctx.agency(ref.agencyId)} case reference: ${ref.reference}`)].join(
      "\n",
    ),
  }));
}

function statusWords(ctx: Ctx): string {
  const r = ctx.state.row;
  if (r.status === "resolved") return `Resolved at ${r.closedAt ? when(ctx, r.closedAt) : "an unrecorded time"}`;
  if (r.status === "withdrawn") return `Withdrawn at ${r.closedAt ? when(ctx, r.closedAt) : "an unrecorded time"}`;
  return "Open";
}

function currentStage(ctx: Ctx): Stage {
  return ctx.route.stages.find((s) => s.key === ctx.state.row.stageKey) as Stage;
}

function raisedEvent(ctx: Ctx): Extract<EscalationEvent, { type: "raised" }> {
  return ctx.events[0] as Extract<EscalationEvent, { type: "raised" }>;
}

function whoseDecision(ctx: Ctx): string {
  const r = raisedEvent(ctx).payload;
  return [ctx.state.row.respondingPerson, ...(r.respondingUserId ? [`Parley user: ${ctx.name(r.respondingUserId)}`] : [])].join("\n");
}

type ConcernLabels = { areas: string; decision: string; whyUnsafe: string; evidence: string; outcome: string };

function concernRows(ctx: Ctx, labels: ConcernLabels): FormRow[] {
  const r = ctx.state.row;
  const areas = r.areas.map((id) =>
    id === AREA_OTHER ? `Something else: ${r.areaOther ?? ""}` : (ctx.policy.areas.items.find((a) => a.id === id)?.label ?? id),
  );
  const urgent = ctx.events.flatMap((e) =>
    e.type === "raised" && e.payload.urgentGrounds ? [e.payload.urgentGrounds] : e.type === "expedited" ? [e.payload.grounds] : [],
  );
  return [
    { key: labels.areas, value: areas.join("\n") },
    { key: labels.decision, value: r.decisionDisputed },
    { key: labels.whyUnsafe, value: r.whyUnsafe },
    { key: labels.evidence, value: r.evidenceSummary },
    { key: labels.outcome, value: r.timescaleSought ? `${r.outcomeSought}\nBy when: ${r.timescaleSought}` : r.outcomeSought },
    { key: "Immediate risk when raised", value: r.immediateRisk ? `Yes. ${r.immediateRiskNote ?? ""}`.trim() : "No" },
    ...(urgent.length > 0 ? [{ key: "Why it is urgent", value: urgent.join("\n") }] : []),
  ];
}

/** Who owned each side at each stage, in the order they were named ("Tom Okafor", "Lisa Morgan (standing in: …)"). */
function ownersAt(ctx: Ctx, stageKey: string, side: Side): string[] {
  return ctx.events.flatMap((e) => {
    if (e.type !== "owner_assigned" || e.stageKey !== stageKey || e.payload.side !== side) return [];
    const p = e.payload;
    const notes = [...(p.proxy ? [`standing in${p.proxyReason ? `: ${p.proxyReason}` : ""}`] : []), ...(p.retained ? ["kept from the stage before"] : [])];
    return [`${ctx.name(p.userId)}${notes.length > 0 ? ` (${notes.join("; ")})` : ""}`];
  });
}

/** The latest owner of a side at a stage, by name alone, or null. */
function lastOwnerAt(ctx: Ctx, stageKey: string, side: Side): string | null {
  const e = [...ctx.events].reverse().find((x) => x.type === "owner_assigned" && x.stageKey === stageKey && x.payload.side === side);
  return e && e.type === "owner_assigned" ? ctx.name(e.payload.userId) : null;
}

function deadlinesThenWords(ctx: Ctx, list: PayloadOf<"escalated">["deadlinesThen"]): string {
  return list
    .map(
      (d) =>
        `${d.label}: ${d.dueAt ? `due ${formatDue(new Date(d.dueAt), ctx.tz)}` : "no due date"}${d.met ? " (met)" : d.overdue ? " (overdue when it left this stage)" : ""}`,
    )
    .join("\n");
}

function stageRef(ctx: Ctx, key: string): string {
  const stage = ctx.route.stages.find((s) => s.key === key);
  return stage ? stageTitle(stage) : key;
}

/** Events superseded by a later correction (within this version). */
function corrected(ctx: Ctx): Set<string> {
  return new Set(ctx.events.flatMap((e) => (e.correctsId ? [e.correctsId] : [])));
}

/** What was recorded at one stage, each entry a part: discussions, what happened, forms sent, timescales set. */
function entriesAt(ctx: Ctx, stageKey: string, idPrefix: string): FormBlock[] {
  const superseded = corrected(ctx);
  const byId = new Map(ctx.events.map((e) => [e.id, e]));
  const correction = (e: EscalationEvent): FormRow[] => {
    const target = e.correctsId ? byId.get(e.correctsId) : undefined;
    return target ? [{ key: "Correction", value: `This replaces the entry recorded at ${when(ctx, target.at)}.` }] : [];
  };
  const recordedBy = (e: EscalationEvent): FormRow => ({ key: "Recorded by", value: `${ctx.name(e.actorId)}, at ${when(ctx, e.at)}` });
  const parts: FormBlock[] = [];
  for (const e of ctx.events) {
    if (e.stageKey !== stageKey || superseded.has(e.id)) continue;
    const id = `${idPrefix}-entry-${e.sequence}`;
    switch (e.type) {
      case "discussion_recorded": {
        const p = e.payload;
        parts.push({
          kind: "part",
          id,
          heading: `Discussion with ${p.with}, ${when(ctx, p.occurredAt)}`,
          blocks: [
            {
              kind: "rows",
              rows: [
                { key: "How", value: capitalise(methodWords(p.how)) },
                { key: "What was discussed", value: p.said },
                { key: "What was agreed", value: p.agreed ?? "Nothing recorded" },
                recordedBy(e),
                ...correction(e),
              ],
            },
          ],
        });
        break;
      }
      case "milestone_recorded": {
        const p = e.payload;
        parts.push({
          kind: "part",
          id,
          heading: `${capitalise(p.label)}, ${when(ctx, p.occurredAt)}`,
          blocks: [{ kind: "rows", rows: [...(p.note ? [{ key: "Note", value: p.note }] : []), recordedBy(e), ...correction(e)] }],
        });
        break;
      }
      case "form_completed": {
        const p = e.payload;
        parts.push({
          kind: "part",
          id,
          heading: `Form completed: ${p.title}`,
          blocks: [
            {
              kind: "rows",
              rows: [
                { key: "Sent to", value: p.sentTo.length > 0 ? p.sentTo.join("\n") : "Not recorded" },
                ...(p.note ? [{ key: "Note", value: p.note }] : []),
                ...(p.document
                  ? [{ key: "Document", value: `Produced by Parley from version ${p.document.version} of the record (SHA-256 ${p.document.sha256})` }]
                  : []),
                recordedBy(e),
              ],
            },
          ],
        });
        break;
      }
      case "deadline_set": {
        const p = e.payload;
        parts.push({
          kind: "part",
          id,
          heading: `Timescale set: due ${formatDue(new Date(p.dueAt), ctx.tz)}`,
          blocks: [{ kind: "rows", rows: [{ key: "Set as", value: p.setBy }, ...(p.note ? [{ key: "Note", value: p.note }] : []), recordedBy(e)] }],
        });
        break;
      }
      default:
        break;
    }
  }
  return parts;
}

/** How the dispute left a stage: escalated or expedited on, resolved or withdrawn there. */
function leavingRows(ctx: Ctx, stageKey: string): FormRow[] {
  const rows: FormRow[] = [];
  for (const e of ctx.events) {
    if ((e.type === "escalated" || e.type === "expedited") && e.payload.from === stageKey) {
      const p = e.payload;
      const skipped =
        e.type === "expedited" && e.payload.skipped.length > 0 ? ` (passing over ${joinWithAnd(e.payload.skipped.map((k) => stageRef(ctx, k)))})` : "";
      rows.push({
        key: e.type === "escalated" ? "Escalated" : "Expedited",
        value: `To ${stageRef(ctx, p.to)}${skipped}, at ${when(ctx, e.at)} by ${ctx.name(e.actorId)}.\n${e.type === "escalated" ? e.payload.reason : e.payload.grounds}`,
      });
      if (p.deadlinesThen.length > 0) rows.push({ key: "Deadlines when it left", value: deadlinesThenWords(ctx, p.deadlinesThen) });
    }
    if ((e.type === "resolved" || e.type === "withdrawn") && e.stageKey === stageKey) {
      rows.push({ key: e.type === "resolved" ? "Resolved" : "Withdrawn", value: `At ${when(ctx, e.at)} by ${ctx.name(e.actorId)}.` });
      if (e.payload.deadlinesThen.length > 0) rows.push({ key: "Deadlines when it closed", value: deadlinesThenWords(ctx, e.payload.deadlinesThen) });
    }
  }
  return rows;
}

/** One part per stage the dispute has reached (or passed over), oldest first, optionally only some. */
function stageParts(ctx: Ctx, idPrefix: string, include: (s: LadderStage) => boolean = () => true): FormBlock[] {
  const parts: FormBlock[] = [];
  for (const s of ctx.ladder) {
    if (!include(s)) continue;
    const stage = ctx.route.stages.find((x) => x.key === s.key) as Stage;
    const id = `${idPrefix}-${s.key}`;
    if (s.status === "skipped") {
      parts.push({ kind: "part", id, heading: stageTitle(stage), blocks: [{ kind: "paragraph", text: s.note ?? "Passed over." }] });
      continue;
    }
    if (!s.enteredAt) continue; // not reached, or a step before raising that Parley has no record of
    const owners = (side: Side) => {
      const names = ownersAt(ctx, s.key, side);
      return names.length > 0 ? names.join("\nthen ") : "Nobody recorded";
    };
    const rows: FormRow[] = [
      { key: "Reached", value: when(ctx, s.enteredAt) },
      ...(s.status === "current" ? [{ key: "Now", value: "The dispute is at this stage." }] : []),
      { key: `For ${ctx.raising}`, value: owners("raising") },
      { key: `For ${ctx.responding}`, value: owners("responding") },
      ...leavingRows(ctx, s.key),
    ];
    const entries = entriesAt(ctx, s.key, id);
    parts.push({
      kind: "part",
      id,
      heading: stageTitle(stage),
      blocks: [
        { kind: "rows", rows },
        ...(entries.length > 0 ? entries : [{ kind: "paragraph" as const, text: "No discussion or other entry was recorded at this stage." }]),
      ],
    });
  }
  return parts;
}

function confirmationWords(c: PayloadOf<"resolved">["confirmations"]["raising"]): string {
  return `${c.confirmedBy}, by ${methodWords(c.method)}${c.note ? `. ${c.note}` : ""}`;
}

/** The outcome as recorded: resolved (with how each side confirmed it), withdrawn, or not yet. */
function outcomeBlocks(ctx: Ctx, notYet: string): FormBlock[] {
  const closing = ctx.events.find((e) => e.type === "resolved" || e.type === "withdrawn");
  if (!closing) return [{ kind: "paragraph", text: notYet }];
  if (closing.type === "withdrawn") {
    return [
      {
        kind: "rows",
        rows: [
          { key: "Withdrawn", value: `At ${when(ctx, closing.at)} by ${ctx.name(closing.actorId)}, at ${stageRef(ctx, closing.stageKey)}` },
          { key: "Why", value: closing.payload.reason },
        ],
      },
    ];
  }
  const p = closing.payload;
  return [
    {
      kind: "rows",
      rows: [
        { key: "Outcome", value: p.outcome },
        { key: "Recorded", value: `At ${when(ctx, closing.at)} by ${ctx.name(closing.actorId)}, at ${stageRef(ctx, closing.stageKey)}` },
        { key: `Confirmed for ${ctx.raising}`, value: confirmationWords(p.confirmations.raising) },
        { key: `Confirmed for ${ctx.responding}`, value: confirmationWords(p.confirmations.responding) },
        ...(p.learning ? [{ key: "What the partnership could learn", value: p.learning }] : []),
      ],
    },
  ];
}

function actionsTable(ctx: Ctx, caption: string): FormBlock {
  const notes = new Map(ctx.events.flatMap((e) => (e.type === "action_completed" && e.payload.note ? [[e.payload.actionId, e.payload.note] as const] : [])));
  const actions = [...ctx.state.actions].sort(
    (a, b) => a.dueDate.localeCompare(b.dueDate) || a.addedAt.getTime() - b.addedAt.getTime() || a.id.localeCompare(b.id),
  );
  return {
    kind: "table",
    table: {
      caption,
      columns: ["Agreed action", "Who will do it", "Due", "Done"],
      rows: actions.map((a) => {
        const user = a.ownerUserId ? ctx.name(a.ownerUserId) : null;
        const owner = `${a.ownerName}${user && user !== a.ownerName ? ` (${user})` : ""}${a.ownerAgencyId ? `, ${ctx.agency(a.ownerAgencyId)}` : ""}`;
        const note = notes.get(a.id);
        return [a.description, owner, formatLocalDate(a.dueDate), a.doneAt ? `Done at ${when(ctx, a.doneAt)}${note ? `. ${note}` : ""}` : "Not done yet"];
      }),
      empty: "No actions have been agreed.",
    },
  };
}

const notResolvedYet = (ctx: Ctx) => `Not resolved yet. The dispute is at ${stageTitle(currentStage(ctx))}.`;

// ---- The layouts ----

/** The dispute in brief, as every layout opens: reference, raised when and by whom, stage, status, urgency. */
function detailsRows(ctx: Ctx) {
  const r = ctx.state.row;
  return [
    { key: "Reference", value: r.reference },
    { key: "Raised", value: `${when(ctx, r.raisedAt)} by ${ctx.name(r.raisedById)}` },
    { key: "Stage reached", value: stageTitle(currentStage(ctx)) },
    { key: "Status", value: statusWords(ctx) },
    ...(r.urgent ? [{ key: "Urgent", value: "Yes" }] : []),
  ];
}

/**
 * Torbay's Professional Differences Record of Escalation. Its headings follow
 * what the policy asks the record to hold: what the concern is about, the
 * actions to date, what the raising agency aims to achieve, the nature and
 * source of the evidence ("Pre-escalation"), and a record of the discussions
 * at each stage, completed in full for the TSCP Business Manager (stage 3).
 */
function torbayRecordOfEscalation(ctx: Ctx): FormSection[] {
  const r = ctx.state.row;
  return [
    {
      id: "details",
      heading: "1. Details of the professional difference",
      blocks: [
        {
          kind: "rows",
          rows: detailsRows(ctx),
        },
      ],
    },
    { id: "child", heading: "2. The child", blocks: [{ kind: "rows", rows: subjectRows(ctx) }] },
    {
      id: "professionals",
      heading: "3. The professionals and agencies involved",
      blocks: [
        {
          kind: "rows",
          rows: [
            { key: "Agency raising the concern", value: ctx.raising },
            { key: "Practitioner who raised it", value: ctx.name(r.raisedById) },
            { key: "Agency whose decision is disputed", value: ctx.responding },
            { key: "Whose decision", value: whoseDecision(ctx) },
          ],
        },
      ],
    },
    {
      id: "concern",
      heading: "4. The concern",
      blocks: [
        {
          kind: "rows",
          rows: concernRows(ctx, {
            areas: "What the concern is about",
            decision: "The decision that is not thought safe",
            whyUnsafe: "Why it is not thought safe",
            evidence: "The evidence: its nature and source",
            outcome: "What the raising agency aims to achieve",
          }),
        },
      ],
    },
    { id: "stages", heading: "5. Record of each stage", blocks: stageParts(ctx, "stages") },
    { id: "outcome", heading: "6. Outcome", blocks: outcomeBlocks(ctx, notResolvedYet(ctx)) },
    { id: "actions", heading: "7. Agreed actions", blocks: [actionsTable(ctx, "Agreed actions")] },
  ];
}

/**
 * The Isle of Man's Resolving Professional Differences Escalation Referral
 * Form: the senior manager of the referring agency sends it to the Director of
 * Multi-agency Safeguarding with enough to advise the Independent Chair; the
 * outcome and agreed actions go in its "outcome of agreed actions" section and
 * it is returned to the referring agency (Stage Four).
 */
function isleOfManReferral(ctx: Ctx): FormSection[] {
  const r = ctx.state.row;
  const boardKey = ctx.formStage.key;
  const board = ctx.ladder.find((s) => s.key === boardKey);
  const sent = ctx.events.find((e) => e.type === "form_completed" && e.payload.formId === ctx.form.id);
  const referral = sent
    ? `${when(ctx, sent.at)} (recorded as sent by ${ctx.name(sent.actorId)})`
    : board?.enteredAt
      ? `Not recorded as sent yet. The dispute reached ${stageTitle(ctx.formStage)} at ${when(ctx, board.enteredAt)}.`
      : `Not referred. The dispute is at ${stageTitle(currentStage(ctx))}.`;
  const seniorAt = (side: Side) => lastOwnerAt(ctx, boardKey, side) ?? "Not recorded in Parley";
  const decidedBy = ctx.formStage.decidedBy ? describeParty(ctx.formStage.decidedBy, ctx.policy) : null;
  const sendTo = (ctx.form.sendTo ?? []).map((p) => describeParty(p, ctx.policy));
  const kinds = new Set(r.subjects.map((s) => s.kind));
  return [
    {
      id: "referral",
      heading: "1. Referral to the Safeguarding Board",
      blocks: [
        {
          kind: "rows",
          rows: [
            ...(sendTo.length > 0 ? [{ key: "For the attention of", value: `${joinWithAnd(sendTo)}${ctx.form.email ? `\n${ctx.form.email}` : ""}` }] : []),
            { key: "Reference", value: r.reference },
            { key: "Date of referral", value: referral },
            { key: "Referring agency", value: ctx.raising },
            { key: "Senior manager responsible for raising the concern", value: seniorAt("raising") },
            { key: "Status", value: statusWords(ctx) },
          ],
        },
      ],
    },
    {
      id: "subjects",
      heading: `2. The ${kinds.has("adult") && !kinds.has("child") ? "vulnerable adult" : kinds.has("adult") ? "child or vulnerable adult" : "child"}`,
      blocks: [{ kind: "rows", rows: subjectRows(ctx) }],
    },
    {
      id: "agencies",
      heading: "3. The agencies involved",
      blocks: [
        {
          kind: "rows",
          rows: [
            { key: "Referring agency", value: ctx.raising },
            { key: "Raised by", value: `${ctx.name(r.raisedById)}, at ${when(ctx, r.raisedAt)}` },
            { key: "Relevant service", value: ctx.responding },
            { key: "Whose decision", value: whoseDecision(ctx) },
            { key: "Relevant service senior manager", value: seniorAt("responding") },
          ],
        },
      ],
    },
    {
      id: "issues",
      heading: "4. The issues and concerns",
      blocks: [
        {
          kind: "rows",
          rows: concernRows(ctx, {
            areas: "Area of disagreement",
            decision: "The decision disputed",
            whyUnsafe: "Why it is not thought safe",
            evidence: "Supporting evidence",
            outcome: "What the referring agency wants to achieve",
          }),
        },
      ],
    },
    { id: "steps", heading: "5. Steps taken to resolve it", blocks: stageParts(ctx, "steps") },
    {
      id: "outcome",
      heading: "6. Outcome of agreed actions",
      blocks: [
        {
          kind: "paragraph",
          text: `${decidedBy ? `The outcome agreed by the ${decidedBy.replace(/^the /i, "")}` : "The outcome"} and any agreed actions, as recorded in Parley, returned to the referring agency (${ctx.raising}).`,
        },
        ...outcomeBlocks(ctx, `Not recorded yet. ${notResolvedYet(ctx)}`),
        actionsTable(ctx, "Agreed actions"),
      ],
    },
  ];
}

/** Any other form a policy names: the same record under plain headings. */
function generic(ctx: Ctx): FormSection[] {
  const r = ctx.state.row;
  const kinds = new Set(r.subjects.map((s) => s.kind));
  const current = (side: Side) => lastOwnerAt(ctx, r.stageKey, side) ?? "Nobody recorded";
  return [
    {
      id: "details",
      heading: "1. Details",
      blocks: [
        {
          kind: "rows",
          rows: detailsRows(ctx),
        },
      ],
    },
    {
      id: "subjects",
      heading: `2. ${kinds.size > 1 ? "Who it concerns" : kinds.has("adult") ? "The adult" : "The child"}`,
      blocks: [{ kind: "rows", rows: subjectRows(ctx) }],
    },
    {
      id: "agencies",
      heading: "3. The agencies and people",
      blocks: [
        {
          kind: "rows",
          rows: [
            { key: "Raising agency", value: ctx.raising },
            { key: "Raised by", value: ctx.name(r.raisedById) },
            { key: "Other agency", value: ctx.responding },
            { key: "Whose decision", value: whoseDecision(ctx) },
            { key: `Owner for ${ctx.raising}`, value: current("raising") },
            { key: `Owner for ${ctx.responding}`, value: current("responding") },
          ],
        },
      ],
    },
    {
      id: "disagreement",
      heading: "4. The disagreement",
      blocks: [
        {
          kind: "rows",
          rows: concernRows(ctx, {
            areas: "Areas of disagreement",
            decision: "The decision",
            whyUnsafe: "Why it is unsafe",
            evidence: "Evidence",
            outcome: "Outcome wanted",
          }),
        },
      ],
    },
    { id: "stages", heading: "5. Stages so far", blocks: stageParts(ctx, "stages") },
    {
      id: "outcome",
      heading: ctx.form.outcomeRecordedOnForm ? "6. Outcome of agreed actions" : "6. Outcome",
      blocks: outcomeBlocks(ctx, notResolvedYet(ctx)),
    },
    { id: "actions", heading: "7. Agreed actions", blocks: [actionsTable(ctx, "Agreed actions")] },
  ];
}
