/**
 * The dispute page as data: the record, its stage ladder with the deadlines of
 * each stage where known, the current deadlines in words with how they were
 * worked out, the owners, the agreed actions, the history, and the actions the
 * reader may take now (only those).
 */
import type { WorkingCalendar } from "../calendar/working-calendar";
import { describeDue, type DueStatus } from "../deadlines/due-status";
import type { ActionName, EscalationView } from "../escalations";
import { ACTION_DESCRIPTORS, actionDescriptor, descriptorBySlug, isActionSlug, type ActionSlug } from "../escalations/action-registry";
import type { Directory } from "../escalations/directory";
import { AREA_OTHER } from "../escalations/raise-escalation";
import { disputeFacts } from "../escalations/policy-facts";
import {
  computeStageDeadlines,
  deadlineDefinitionAt,
  DOES_NOT_SAY,
  otherBranchSentence,
  stageBranchesInWords,
  describeParty,
  partyWords,
  formatDateTime,
  formatDue,
  formatLocalDate,
  getRoute,
  ROLE_LEVEL_LABELS,
  stageName,
  stageTitle,
  type DeadlineStatus,
  type Policy,
  type Stage,
} from "../policy";
import { capitalise } from "./dispute-form-parts";
import { describeHistory, mergeHistory, noticeHistory, type HistoryContext, type HistoryItem } from "./dispute-history";
import { formLinks, type FormLink } from "../forms/page";
import { formPath } from "../forms/policy-forms";
import { partySubjectKey } from "../notices/drafts";
import { dedupePrefix } from "../notices/outbox";

export type DisputeContext = {
  view: EscalationView;
  policy: Policy;
  calendar: WorkingCalendar;
  now: Date;
  directory?: Directory;
  partnershipId: string;
  /** Other versions of the dispute's policy, for a history that moved between versions. */
  policyFor?: ((version: string) => Policy | undefined) | undefined;
};

/** A tag's colour (components/tag.tsx); the words always carry the meaning. */
export type TagColour = "grey" | "blue" | "green" | "yellow" | "orange" | "red" | "purple";

export type Row = { key: string; value: string };
export type LadderItem = {
  key: string;
  title: string;
  status: "Done" | "Current" | "Not started" | "Skipped" | "Before raising";
  colour: TagColour;
  who: string;
  dates: string | null;
  note: string | null;
  deadlines: string[];
};
export type DeadlineItem = {
  id: string;
  label: string;
  due: DueStatus;
  /** "by 5pm on Thursday 11 June 2026", when there is a due date. */
  by: string | null;
  /** What the policy says meets it has been recorded: it no longer counts. */
  met: boolean;
  kind: string;
  rule: string;
  explanation: string;
  warnings: string[];
  onMiss: string | null;
  /** Who must act by it, when the policy says ("The responding agency"). */
  party: string | null;
  /** The policy's note on it. */
  note: string | null;
  cite: string;
};
export type AgreedActionItem = {
  id: string;
  description: string;
  owner: string;
  due: string;
  status: { text: string; colour: TagColour };
  completeHref: string | null;
};
export type ActionLink = { label: string; href: string };
/** Something the policy asks people to do at the current stage, and whether it is on the record. */
export type ObligationItem = {
  title: string;
  detail: string | null;
  state: string;
  outstanding: boolean;
  /** A form: its page, produced from the record, to print or download. */
  form?: { href: string; label: string };
};

export type DisputePageView = {
  reference: string;
  title: string;
  status: { text: string; colour: TagColour };
  urgent: boolean;
  /** The stage it is at, in full ("Stage 2: Manager to manager") and short ("stage 2"). */
  stage: string;
  stageName: string;
  summary: Row[];
  subjects: Row[];
  parties: Row[];
  record: Row[];
  ladder: LadderItem[];
  deadlines: DeadlineItem[];
  /**
   * At a stage with branches: which applies and why ("Because the dispute is
   * urgent, An independently chaired meeting applies."), and the others' rules in words.
   */
  branches: { applies: string; others: string[] } | null;
  owners: Row[];
  agreedActions: AgreedActionItem[];
  history: HistoryItem[];
  /** What the policy asks at the current stage (forms, who is to be told), with each one's state. */
  obligations: ObligationItem[];
  /** Required forms of the current stage not yet recorded as completed, by title. */
  formsOutstanding: string[];
  /** Every form the policy names on the dispute's route, produced from the record. */
  forms: FormLink[];
  /** Parley's e-mails not yet sent: "Ruth Bennett, at 8am on Monday 8 June 2026: <subject>". */
  waitingNotices: string[];
  actions: ActionLink[];
  closed: boolean;
};

/** The URL slug of each action's page under /disputes/[id]/, and the action it runs (from each action's descriptor). */
export const ACTION_SLUGS = Object.fromEntries(ACTION_DESCRIPTORS.map((d) => [d.page.slug, d.name])) as Readonly<Record<ActionSlug, ActionName>>;
export { isActionSlug, type ActionSlug };

export const disputePath = (partnershipId: string, id: string, slug?: string) =>
  `/p/${encodeURIComponent(partnershipId)}/disputes/${id}${slug ? `/${slug}` : ""}`;

/** The banner after an action, by the `done` parameter (its slug). */
export function doneMessage(done: string | undefined, ctx: Pick<DisputeContext, "view" | "policy">): string | null {
  if (done === undefined || !isActionSlug(done)) return null;
  const stage = ctx.view.ladder.find((s) => s.key === ctx.view.record.stageKey);
  const here = stage ? stageTitle(stage) : "";
  return descriptorBySlug(done).page.done(here);
}

export function historyContext(ctx: DisputeContext): HistoryContext {
  const { view } = ctx;
  const agencies: Record<string, string> = Object.fromEntries((ctx.directory?.agencies ?? []).map((a) => [a.id, a.name]));
  agencies[view.raisingAgency.id] = view.raisingAgency.name;
  agencies[view.respondingAgency.id] = view.respondingAgency.name;
  return {
    policy: ctx.policy,
    routeId: view.record.routeId,
    people: view.people,
    agencies,
    raisingAgencyId: view.raisingAgency.id,
    respondingAgencyId: view.respondingAgency.id,
    policyFor: ctx.policyFor,
  };
}

const STATUS: Record<string, { text: string; colour: TagColour }> = {
  open: { text: "Open", colour: "blue" },
  resolved: { text: "Resolved", colour: "green" },
  withdrawn: { text: "Withdrawn", colour: "grey" },
};

function sideLevel(stage: Stage, side: "raising" | "responding"): string {
  const s = side === "raising" ? stage.raising : (stage.responding ?? stage.raising);
  if (s.title) return s.title;
  return s.levelNotStated ? `${DOES_NOT_SAY} (anyone in the agency)` : ROLE_LEVEL_LABELS[s.level].replace(/^./, (c) => c.toUpperCase());
}

/** A current deadline in words, with how it was worked out. */
export function deadlineItems(ctx: Pick<DisputeContext, "view" | "policy" | "calendar" | "now">): DeadlineItem[] {
  const { view, policy } = ctx;
  // A resolved dispute's deadlines are what the policy asks for after resolution at its stage.
  const resolved = view.record.status === "resolved";
  return view.deadlines.map((d) => {
    const rule = deadlineDefinitionAt(policy, view.record.stageKey, view.record.routeId, d.deadlineId, resolved);
    const setBy = rule?.unit === "set-by-role" ? describeParty(rule.setBy, policy, view.record.routeId) : undefined;
    const due = describeDue({
      dueAt: d.dueAt,
      status: d.status as DeadlineStatus,
      now: ctx.now,
      calendar: ctx.calendar,
      timeZone: policy.timeZone,
      ...(setBy ? { setBy } : {}),
    });
    return {
      id: d.deadlineId,
      label: d.label,
      due,
      by: d.dueAt ? formatDue(d.dueAt, policy.timeZone) : null,
      met: d.status === "met",
      kind: d.kind === "mandatory" ? "Required by the policy" : "Advised by the policy",
      rule: d.rule,
      explanation: d.explanation,
      warnings: d.warnings,
      onMiss: rule?.onMiss ?? null,
      party: rule?.party ? capitalise(partyWords(rule.party, policy, view.record.routeId)) : null,
      note: rule?.note ?? null,
      cite: d.cite,
    };
  });
}

// "Not yet due", not "met": a budget shared with the next stage (Torbay's stages 1 and 2)
// was still running when the first was left.
function leftNote(d: { dueAt: string | null; overdue: boolean; met?: true }): string {
  if (d.met) return " (met)";
  if (!d.dueAt) return "";
  return d.overdue ? " (overdue when it left this stage)" : " (not yet due when it left this stage)";
}

/** The deadlines of stages already left, as they stood when each was left. */
function deadlinesWhenLeft(view: EscalationView, tz: string): Map<string, string[]> {
  const byStage = new Map<string, string[]>();
  for (const e of view.history) {
    if (e.type !== "escalated" && e.type !== "expedited" && e.type !== "resolved" && e.type !== "withdrawn") continue;
    const from = e.type === "escalated" || e.type === "expedited" ? e.payload.from : e.stageKey;
    const lines = e.payload.deadlinesThen.map((d) => `${d.label}: ${d.dueAt ? `due ${formatDue(new Date(d.dueAt), tz)}` : "no due date"}${leftNote(d)}`);
    byStage.set(from, lines);
  }
  return byStage;
}

export function ladderItems(ctx: Pick<DisputeContext, "view" | "policy" | "calendar" | "now">): LadderItem[] {
  const { view, policy } = ctx;
  const tz = policy.timeZone;
  const route = getRoute(policy, view.record.routeId);
  const left = deadlinesWhenLeft(view, tz);
  const current = deadlineItems(ctx);
  return view.ladder.map((s) => {
    const stage = route.stages.find((st) => st.key === s.key) as Stage;
    let deadlines: string[] = [];
    if (s.status === "current") {
      deadlines = current.map((d) => `${d.label}: ${d.by ?? d.due.text}${d.met ? " (met)" : ""}`);
    } else if (s.status === "done") {
      deadlines = left.get(s.key) ?? [];
    } else if (s.status === "upcoming") {
      // Not entered yet: the rule, since the date depends on when it is reached.
      deadlines = computeStageDeadlines({
        policy,
        routeId: route.id,
        stageKey: s.key,
        anchors: { raised: view.record.raisedAt, stageEntered: ctx.now },
        calendar: ctx.calendar,
        facts: disputeFacts(view.record),
      }).map((d) => `${d.label}: ${d.rule.charAt(0).toLowerCase()}${d.rule.slice(1)}`);
    }
    const status = ({ done: "Done", current: "Current", upcoming: "Not started", skipped: "Skipped", "before-raising": "Before raising" } as const)[s.status];
    const colour: TagColour = ({ done: "green", current: "blue", upcoming: "grey", skipped: "yellow", "before-raising": "grey" } as const)[s.status];
    const dates = s.enteredAt ? `Reached ${formatDateTime(s.enteredAt, tz)}${s.leftAt ? `; left ${formatDateTime(s.leftAt, tz)}` : ""}` : null;
    const who = stage.responding
      ? `${sideLevel(stage, "raising")} (raising side) and ${sideLevel(stage, "responding")} (responding side)`
      : sideLevel(stage, "raising");
    return { key: s.key, title: stageTitle(stage), status, colour, who, dates, note: s.note ?? null, deadlines };
  });
}

/** The links to the actions the reader may take now, and only those, as each action's descriptor words them. */
export function actionLinks(ctx: Pick<DisputeContext, "view" | "policy" | "partnershipId">): ActionLink[] {
  const { view, policy, partnershipId } = ctx;
  return view.availableActions.flatMap((a) => {
    const { page } = actionDescriptor(a.action);
    return page.links(a, { view, policy }).map(({ label, query }) => ({ label, href: `${disputePath(partnershipId, view.id, page.slug)}${query ?? ""}` }));
  });
}

/** The branch of the current stage the dispute's facts choose, and the others' rules, in words. */
export function branchItems(ctx: Pick<DisputeContext, "view" | "policy">): DisputePageView["branches"] {
  const r = ctx.view.record;
  const b = stageBranchesInWords({ policy: ctx.policy, routeId: r.routeId, stageKey: r.stageKey, facts: disputeFacts(r) });
  if (!b) return null;
  const name = b.applies.title ? `"${b.applies.title}"` : "this branch of the policy";
  return {
    applies: `Because ${b.applies.because}, the deadlines of ${name} apply.`,
    others: b.others.map(otherBranchSentence),
  };
}

export function disputePage(ctx: DisputeContext): DisputePageView {
  const { view, policy } = ctx;
  const r = view.record;
  const tz = policy.timeZone;
  const name = (id: string | null) => (id ? (view.people[id] ?? "(unknown user)") : null);
  const hctx = historyContext(ctx);
  const agencyName = (id: string) => hctx.agencies[id] ?? "Another agency";
  const route = getRoute(policy, r.routeId);
  const stage = route.stages.find((s) => s.key === r.stageKey) as Stage;
  const deciding = view.deadlines.find((d) => d.decidesOverdue);
  const nextDue = deadlineItems(ctx).find((d) => d.id === deciding?.deadlineId);
  const nextDeadline = !nextDue
    ? "No due date at this stage"
    : nextDue.met
      ? `Nothing due at this stage now (${nextDue.label}: met)`
      : `${nextDue.label}: ${nextDue.due.text}`;

  const summary: Row[] = [
    { key: "Stage", value: stageTitle(stage) },
    { key: "Status", value: STATUS[r.status]?.text ?? r.status },
    ...(r.status === "open" ? [{ key: "Next deadline", value: nextDeadline }] : []),
    { key: "Raised", value: `${formatDateTime(r.raisedAt, tz)} by ${name(r.raisedById)}` },
    ...(r.closedAt ? [{ key: r.status === "resolved" ? "Resolved" : "Withdrawn", value: formatDateTime(r.closedAt, tz) }] : []),
    ...(r.outcome ? [{ key: "Outcome", value: r.outcome }] : []),
    { key: "Policy", value: `${policy.title} (version ${r.policyVersion})${policy.routes.length > 1 ? `, ${route.title}` : ""}` },
  ];

  const subjects: Row[] = r.subjects.map((s, i) => ({
    key: `${s.kind === "adult" ? "Adult" : "Child"} ${i + 1}`,
    value: [`${s.initials}, born ${s.yearOfBirth}`, ...s.caseReferences.map((ref) => `${agencyName(ref.agencyId)} case reference: ${ref.reference}`)].join(
      "\n",
    ),
  }));

  const responder = view.participants.find((p) => p.role === "responder");
  const parties: Row[] = [
    { key: "Raising agency", value: view.raisingAgency.name },
    { key: "Raised by", value: name(r.raisedById) ?? "" },
    { key: "Other agency", value: view.respondingAgency.name },
    { key: "Whose decision", value: [r.respondingPerson, ...(responder ? [`Parley user: ${name(responder.userId)}`] : [])].join("\n") },
  ];

  const areaLabels = r.areas.map((id) =>
    id === AREA_OTHER ? `Something else: ${r.areaOther ?? ""}` : (policy.areas.items.find((a) => a.id === id)?.label ?? id),
  );
  const urgentGrounds = view.history.flatMap((e) =>
    e.type === "raised" && e.payload.urgentGrounds ? [e.payload.urgentGrounds] : e.type === "expedited" ? [e.payload.grounds] : [],
  );
  const record: Row[] = [
    { key: "Areas of disagreement", value: areaLabels.join("\n") },
    { key: "The decision", value: r.decisionDisputed },
    { key: "Why it is unsafe", value: r.whyUnsafe },
    { key: "Evidence", value: r.evidenceSummary },
    { key: "Outcome wanted", value: r.outcomeSought },
    ...(r.timescaleSought ? [{ key: "By when", value: r.timescaleSought }] : []),
    { key: "Immediate risk when raised", value: r.immediateRisk ? `Yes. ${r.immediateRiskNote ?? ""}`.trim() : "No" },
    ...(urgentGrounds.length > 0 ? [{ key: "Why it is urgent", value: urgentGrounds.join("\n") }] : []),
  ];

  const owners: Row[] = (["raising", "responding"] as const).map((side) => {
    const agency = side === "raising" ? view.raisingAgency.name : view.respondingAgency.name;
    const owner = name(side === "raising" ? r.raisingOwnerId : r.respondingOwnerId);
    return {
      key: `${agency} (${side} side)`,
      value: owner ? `${owner}` : `Nobody yet. The policy expects: ${sideLevel(stage, side).replace(/^./, (c) => c.toLowerCase())}.`,
    };
  });

  const obligations = r.status === "open" ? obligationItems(ctx, stage) : [];

  const completable = new Set(view.availableActions.flatMap((a) => (a.action === "complete_agreed_action" ? a.actionIds : [])));
  // Soonest due first; those due together in the order they were agreed.
  const byDue = [...view.actions].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.addedAt.getTime() - b.addedAt.getTime() || a.id.localeCompare(b.id));
  const agreedActions: AgreedActionItem[] = byDue.map((a) => ({
    id: a.id,
    description: a.description,
    owner: [
      a.ownerName,
      ...(a.ownerUserId && name(a.ownerUserId) !== a.ownerName ? [`(${name(a.ownerUserId)})`] : []),
      ...(a.ownerAgencyId ? [`, ${agencyName(a.ownerAgencyId)}`] : []),
    ]
      .join(" ")
      .replace(" ,", ","),
    due: formatLocalDate(a.dueDate),
    status: a.doneAt
      ? { text: `Done ${formatDateTime(a.doneAt, tz).replace(/^.* on /, "on ")}`, colour: "green" }
      : a.overdue
        ? { text: "Overdue", colour: "red" }
        : { text: "Not done yet", colour: "grey" },
    completeHref: completable.has(a.id) ? `${disputePath(ctx.partnershipId, view.id, "complete-action")}?action=${a.id}` : null,
  }));

  return {
    reference: r.reference,
    title: `Dispute ${r.reference}`,
    status: STATUS[r.status] ?? { text: r.status, colour: "grey" },
    urgent: r.urgent,
    stage: stageTitle(stage),
    stageName: stageName(stage),
    summary,
    subjects,
    parties,
    record,
    ladder: ladderItems(ctx),
    deadlines: deadlineItems(ctx),
    branches: r.status === "open" ? branchItems(ctx) : null,
    owners,
    agreedActions,
    history: mergeHistory(describeHistory(view.history, hctx), noticeHistory(view.notices, view.history, tz)),
    obligations,
    formsOutstanding: obligations.filter((o) => o.outstanding).map((o) => o.title.replace(/ \((required|recommended)\)$/, "")),
    forms: formLinks(policy, r.routeId, ctx.partnershipId, view.id),
    waitingNotices: view.notices
      .filter((n) => n.status === "pending" && n.attempts.length === 0)
      .map((n) => `${n.recipientName}, ${n.notBefore.getTime() > ctx.now.getTime() ? `at ${formatDateTime(n.notBefore, tz)}` : "shortly"}: ${n.subject}`),
    actions: actionLinks(ctx),
    closed: r.status !== "open",
  };
}

/**
 * What the policy asks people to do at the current stage that Parley does not
 * do itself (complete and send a form), and who it says is to be told on entry
 * (which Parley does, by e-mail): each with its state on the record. Nothing
 * here is ever shown as done unless the record says so.
 */
export function obligationItems(
  ctx: Pick<DisputeContext, "view" | "policy" | "now"> & Partial<Pick<DisputeContext, "partnershipId">>,
  stage: Stage,
): ObligationItem[] {
  const { view, policy } = ctx;
  const tz = policy.timeZone;
  const r = view.record;
  const items: ObligationItem[] = [];
  const completed = view.history.filter((e) => e.type === "form_completed" && e.stageKey === r.stageKey);
  for (const form of stage.forms ?? []) {
    const done = completed.find((e) => e.type === "form_completed" && e.payload.formId === form.id);
    const sendTo = (form.sendTo ?? []).map((p) => describeParty(p, policy, r.routeId));
    items.push({
      title: `${form.title} (${form.use})`,
      detail: [
        `Completed by ${describeParty(form.completedBy, policy, r.routeId)}`,
        sendTo.length > 0 ? ` and sent to ${sendTo.join(" and ")}${form.email ? ` (${form.email})` : ""}` : "",
        ". Parley does not send it: record it here once it has been.",
      ].join(""),
      state: done ? `Recorded as completed by ${done.actorName} at ${formatDateTime(done.at, tz)}.` : "Not recorded as completed.",
      outstanding: !done && form.use === "required",
      ...(ctx.partnershipId
        ? { form: { href: formPath(ctx.partnershipId, view.id, form.id), label: `Print the ${form.title}, filled in from this record` } }
        : {}),
    });
  }
  // The event that brought the dispute to this stage: its notices were sent for it.
  const entry = [...view.history]
    .reverse()
    .find((e) => e.type === "raised" || ((e.type === "escalated" || e.type === "expedited") && e.payload.to === r.stageKey));
  for (const n of stage.notify?.onEntry ?? []) {
    const prefix = entry ? dedupePrefix(view.id, "stage_entered", partySubjectKey(entry.id, n.who)) : null;
    const notices = prefix ? view.notices.filter((x) => x.dedupeKey.startsWith(prefix)) : [];
    const told = notices.map((x) =>
      x.status === "sent" && x.sentAt
        ? `Parley e-mailed ${x.recipientName} at ${formatDateTime(x.sentAt, tz)} that the dispute reached this stage (Parley's own message, not what the policy asks people to send).`
        : x.status === "failed"
          ? `Parley could not e-mail ${x.recipientName}; an administrator can try again.`
          : x.status === "cancelled"
            ? `Parley did not e-mail ${x.recipientName}: ${x.cancelledReason ?? "cancelled"}`
            : `Parley will e-mail ${x.recipientName} ${x.notBefore.getTime() > ctx.now.getTime() ? `at ${formatDateTime(x.notBefore, tz)}` : "shortly"}.`,
    );
    items.push({
      title: `Tell ${describeParty(n.who, policy, r.routeId)}`,
      detail: [n.what, n.how].filter(Boolean).join(" ") || null,
      state: told.length > 0 ? told.join(" ") : "No e-mail from Parley to them for this stage is on record: tell them yourself if the policy requires it.",
      outstanding: false,
    });
  }
  return items;
}
