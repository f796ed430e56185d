/**
 * The forms on a dispute, one per action: the fields each shows, how a posted
 * form becomes the use case's input, and what the escalate and expedite pages
 * say before anyone confirms (the stage it goes to, who may own it, what must
 * be recorded, the forms due on entry, the new deadlines worked out in advance).
 */
import { ROLE_LABELS, highestSeniority, seniority } from "../auth/permissions";
import { describeDue } from "../deadlines/due-status";
import type { ActionName, AvailableAction } from "../escalations";
import type { Directory, DirectoryMember } from "../escalations/directory";
import { milestonesAt, stagesBetween } from "../escalations/policy-facts";
import { CONFIRMATION_METHODS, DISCUSSION_METHODS, LIMITS } from "../escalations/schemas";
import { civilFromDays } from "../calendar/days";
import { ZoneClock } from "../calendar/time-zone";
import {
  computeStageDeadlines,
  describeParty,
  getRoute,
  getStage,
  joinWithAnd,
  nextStage,
  requiredBeforeEscalating,
  ROLE_LEVEL_LABELS,
  stageName,
  type RoleLevel,
  type Stage,
} from "../policy";
import { ACTION_SLUGS, deadlineItems, type ActionSlug, type DisputeContext } from "./dispute";
import { methodWords, stageTitle } from "./dispute-history";
import { DATE_PARTS, datePartName, readDateParts } from "./date-input";
import { list, optional, repeatIndexes, text, type FieldSpec, type FormValues, type Option } from "./form-spec";

export type ActionFormContext = DisputeContext & { directory: Directory; target?: string | undefined };

export type ActionFormView = {
  slug: ActionSlug;
  action: ActionName;
  /** Why the reader may not do this now, or null when they may. */
  unavailable: string | null;
  heading: string;
  fields: FieldSpec[];
  values: FormValues;
  counts?: Record<string, number>;
  submitLabel: string;
  variant: "primary" | "warning";
  /** Repeated groups and their limits ("Add another"). */
  repeats: Record<string, { min: number; max: number }>;
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function available(ctx: ActionFormContext, action: ActionName): AvailableAction | undefined {
  return ctx.view.availableActions.find((a) => a.action === action);
}

/** Members of an agency the policy would accept as owner at a level, by name. */
export function eligibleOwners(members: readonly DirectoryMember[], agencyId: string, level: RoleLevel): DirectoryMember[] {
  return members.filter((m) => m.agencyId === agencyId && highestSeniority(m.roles) >= seniority(level));
}

const memberOption = (m: DirectoryMember): Option => ({ value: m.userId, label: `${m.name} (${m.roles.map((r) => ROLE_LABELS[r]).join(", ")})` });

function levelOf(stage: Stage, side: "raising" | "responding"): { level: RoleLevel; words: string } {
  const s = side === "raising" ? stage.raising : (stage.responding ?? stage.raising);
  return { level: s.level, words: s.title ?? ROLE_LEVEL_LABELS[s.level] };
}

const agencyOfSide = (ctx: ActionFormContext, side: "raising" | "responding") => (side === "raising" ? ctx.view.raisingAgency : ctx.view.respondingAgency);

/** Discussions and forms already recorded at the current stage. */
function recordedAtStage(ctx: ActionFormContext): { discussions: number; forms: Set<string> } {
  const here = ctx.view.record.stageKey;
  let discussions = 0;
  const forms = new Set<string>();
  for (const e of ctx.view.history) {
    if (e.stageKey !== here) continue;
    if (e.type === "discussion_recorded" && !e.correctsId) discussions++;
    if (e.type === "form_completed") forms.add(e.payload.formId);
  }
  return { discussions, forms };
}

export type EscalatePreview = {
  from: string;
  to: { key: string; title: string; summary: string | null };
  owners: { side: "raising" | "responding"; agency: string; expects: string; keeps: string | null; options: Option[] }[];
  required: { kind: "record" | "form"; what: string; done: boolean }[];
  formsNow: { id: string; title: string }[];
  formsOnEntry: { id: string; title: string; use: string; sendTo: string | null }[];
  notify: string[];
  board: string | null;
  /** Each deadline of the next stage as if it were entered now: "by 5pm on …", and in words ("Due in 5 working days (…)"). */
  deadlines: { label: string; by: string | null; due: string; explanation: string; warnings: string[] }[];
};

/** What escalating now would do, for the page to say before anyone confirms. */
export function escalatePreview(ctx: ActionFormContext): EscalatePreview | null {
  const { view, policy } = ctx;
  const r = view.record;
  const next = nextStage(policy, r.stageKey, r.routeId);
  if (!next) return null;
  const here = getStage(policy, r.stageKey, r.routeId);
  const done = recordedAtStage(ctx);
  const required = requiredBeforeEscalating(policy, r.stageKey, r.routeId);
  const owners = (["raising", "responding"] as const).map((side) => {
    const { level, words } = levelOf(next, side);
    const agency = agencyOfSide(ctx, side);
    const currentId = side === "raising" ? r.raisingOwnerId : r.respondingOwnerId;
    const current = ctx.directory.members.find((m) => m.userId === currentId);
    const keeps = current && current.agencyId === agency.id && highestSeniority(current.roles) >= seniority(level) ? current.name : null;
    return { side, agency: agency.name, expects: words, keeps, options: eligibleOwners(ctx.directory.members, agency.id, level).map(memberOption) };
  });
  const deadlines = computeStageDeadlines({
    policy,
    routeId: r.routeId,
    stageKey: next.key,
    anchors: { raised: r.raisedAt, stageEntered: ctx.now },
    calendar: ctx.calendar,
  }).map((d) => {
    const setBy = d.unit === "set-by-role" ? (getRoute(policy, r.routeId).stages.find((s) => s.key === next.key)?.deadlines ?? []).find((x) => x.id === d.id) : undefined;
    const words = describeDue({
      dueAt: d.dueAt,
      status: d.status,
      now: ctx.now,
      calendar: ctx.calendar,
      timeZone: policy.timeZone,
      ...(setBy && setBy.unit === "set-by-role" ? { setBy: describeParty(setBy.setBy, policy) } : {}),
    });
    return { label: d.label, by: d.dueText, due: words.text, explanation: d.explanation, warnings: d.warnings };
  });
  const board = next.board && next.board.involvement !== "none"
    ? {
        notified: "The board is notified when the dispute reaches this stage.",
        oversight: "The board business manager has oversight from this stage.",
        "owns-decision": "The board decides the dispute at this stage.",
      }[next.board.involvement] + (next.board.note ? ` ${next.board.note}` : "")
    : null;
  return {
    from: stageTitle(here),
    to: { key: next.key, title: stageTitle(next), summary: next.summary ?? null },
    owners,
    required: [
      ...required.records.map((rec) => ({ kind: "record" as const, what: capitalise(rec.what), done: done.discussions > 0 })),
      ...required.forms.map((f) => ({ kind: "form" as const, what: `The ${f.title}`, done: done.forms.has(f.id) })),
    ],
    formsNow: required.forms.filter((f) => !done.forms.has(f.id)).map((f) => ({ id: f.id, title: f.title })),
    formsOnEntry: (next.forms ?? []).map((f) => ({
      id: f.id,
      title: f.title,
      use: f.use === "required" ? "Required" : "Recommended",
      sendTo: f.sendTo && f.sendTo.length > 0 ? `${joinWithAnd(f.sendTo.map((p) => describeParty(p, policy)))}${f.email ? ` (${f.email})` : ""}` : null,
    })),
    notify: (next.notify?.onEntry ?? []).map((n) => `${describeParty(n.who, policy)}${n.what ? `: ${n.what}` : ""}${n.how ? ` ${n.how}.` : ""}`),
    board,
    deadlines,
  };
}

export type ExpediteChoice = Option & { skipped: string[] };

/** The stages an expedite may go to, each with the stages it passes over. */
export function expediteChoices(ctx: ActionFormContext): ExpediteChoice[] {
  const a = available(ctx, "expedite");
  if (!a || a.action !== "expedite") return [];
  const route = getRoute(ctx.policy, ctx.view.record.routeId);
  return a.toStageKeys.map((key) => {
    const stage = route.stages.find((s) => s.key === key) as Stage;
    const skipped = stagesBetween(route, ctx.view.record.stageKey, key, false).map((k) => stageName(route.stages.find((s) => s.key === k) as Stage));
    return { value: key, label: stageTitle(stage), hint: `Skips ${joinWithAnd(skipped)}.`, skipped };
  });
}

function unavailableReason(ctx: ActionFormContext, slug: ActionSlug): string | null {
  const action = ACTION_SLUGS[slug];
  const a = available(ctx, action);
  const closed = ctx.view.record.status !== "open";
  const generic = closed
    ? `This dispute has been ${ctx.view.record.status}, so this cannot be done now.`
    : "You cannot do this on this dispute now: it is not one of the actions open to you at this stage.";
  if (!a) return generic;
  if (a.action === "assign_owner" && !(a.sides as string[]).includes(ctx.target ?? "")) return generic;
  if (a.action === "complete_agreed_action" && !a.actionIds.includes(ctx.target ?? "")) return "That agreed action is already done, or is not one you may mark as done.";
  return null;
}

/** A date as the GOV.UK date input's hint gives it: "For example, 4 6 2026", `days` after today in the partnership's time zone. */
function dateExample(ctx: ActionFormContext, days = 0): string {
  const c = civilFromDays(ZoneClock.for(ctx.policy.timeZone).localDay(ctx.now.getTime()) + days);
  return `For example, ${c.day} ${c.month} ${c.year}`;
}

/** How the messages about each date on the forms start; the time's read "Time …" (as lib/escalations/date-bounds.ts words them). */
export const DATE_SUBJECTS = {
  discussion: "Date of the discussion",
  milestone: "Date it happened",
  timescale: "Date it is due",
  action: "Date the action is due",
} as const;

/** The form for one action on a dispute. */
export function actionFormView(slug: ActionSlug, ctx: ActionFormContext): ActionFormView {
  const { view, policy } = ctx;
  const r = view.record;
  const stage = getStage(policy, r.stageKey, r.routeId);
  const base = { slug, action: ACTION_SLUGS[slug], unavailable: unavailableReason(ctx, slug), values: {} as FormValues, variant: "primary" as const, repeats: {} };
  switch (slug) {
    case "discussion":
      return {
        ...base,
        heading: "Record a discussion",
        submitLabel: "Record the discussion",
        fields: [
          { kind: "text", name: "with", label: "Who did you speak with?", hint: "Their name, role and agency." },
          {
            kind: "radios",
            name: "how",
            label: "How did you speak?",
            options: DISCUSSION_METHODS.map((m) => ({ value: m, label: capitalise(methodWords(m)) })),
          },
          { kind: "datetime", name: "occurredAt", label: "When did it take place?", hint: dateExample(ctx) },
          { kind: "textarea", name: "said", label: "What was discussed?", maxLength: LIMITS.long },
          { kind: "textarea", name: "agreed", label: "What was agreed? (optional)", maxLength: LIMITS.long },
        ],
      };
    case "milestone":
      return {
        ...base,
        heading: "Record that something has happened",
        submitLabel: "Record it",
        fields: [
          { kind: "radios", name: "milestoneId", label: "What has happened?", options: milestonesAt(policy, r.routeId, r.stageKey).map((e) => ({ value: e.id, label: capitalise(e.label) })) },
          { kind: "datetime", name: "occurredAt", label: "When did it happen?", hint: `Deadlines that count from it are worked out from this date and time. ${dateExample(ctx)}` },
          { kind: "textarea", name: "note", label: "Note (optional)", maxLength: LIMITS.long },
        ],
      };
    case "form": {
      const forms = stage.forms ?? [];
      // Arriving from a form's own page (?form=<id>): that form is chosen.
      const chosen = ctx.target && forms.some((f) => f.id === ctx.target) ? ctx.target : undefined;
      return {
        ...base,
        heading: "Record a completed form",
        submitLabel: "Record the form",
        values: chosen ? { formId: chosen } : {},
        fields: [
          {
            kind: "radios",
            name: "formId",
            label: "Which form have you completed?",
            options: (stage.forms ?? []).map((f) => ({
              value: f.id,
              label: f.title,
              hint: `${f.use === "required" ? "Required" : "Recommended"} by the policy at ${stageName(stage)}.${
                f.sendTo?.length ? ` Send it to ${joinWithAnd(f.sendTo.map((p) => describeParty(p, policy)))}${f.email ? ` (${f.email})` : ""}.` : ""
              }${f.marking ? ` Mark it "${f.marking}".` : ""}`,
            })),
          },
          { kind: "text", name: "sentTo", label: "Who did you send it to? (optional)", hint: "Leave blank if you sent it where the policy says." },
          {
            kind: "checkboxes",
            name: "attachDocument",
            label: "What did you send? (optional)",
            options: [
              {
                value: "yes",
                label: `The form Parley produced from this record, as it stands now (version ${r.version})`,
                hint: "Parley then keeps that version and a fingerprint of the document with this entry, so the history shows exactly what was sent. Leave it unticked if you sent a form completed another way.",
              },
            ],
          },
          { kind: "textarea", name: "note", label: "Note (optional)", maxLength: LIMITS.long },
        ],
      };
    }
    case "escalate": {
      const preview = escalatePreview(ctx);
      const next = preview?.to;
      const fields: FieldSpec[] = [
        { kind: "hidden", name: "toStageKey", value: next?.key ?? "" },
        {
          kind: "textarea",
          name: "reason",
          label: `Why does the dispute need to go to ${next ? next.title.replace(/^Stage/, "stage") : "the next stage"}?`,
          hint: "For example, what was tried at this stage and why it did not resolve the disagreement.",
          maxLength: LIMITS.long,
        },
      ];
      for (const o of preview?.owners ?? []) {
        fields.push({
          kind: "select",
          name: `owners.${o.side}.userId`,
          label: `Who will own it for ${o.agency}? (optional)`,
          hint: `The policy expects: ${o.expects}. ${o.keeps ? `If you leave this, ${o.keeps} keeps it.` : "If you leave this, someone can be chosen later."}`,
          placeholder: o.keeps ? `Leave it with ${o.keeps}` : "Choose later",
          options: o.options,
        });
      }
      if (preview && preview.formsNow.length > 0) {
        fields.push({
          kind: "checkboxes",
          name: "formsCompleted",
          label: `Forms the policy requires before leaving ${stageName(stage)}`,
          options: preview.formsNow.map((f) => ({ value: f.id, label: `I have completed the ${f.title}` })),
        });
      }
      if (preview && preview.formsOnEntry.length > 0) {
        fields.push({
          kind: "checkboxes",
          name: "formsOnEntry",
          label: `Forms for ${next?.title.replace(/^Stage/, "stage")}`,
          hint: "Tick any you have already completed. You can also record them later.",
          options: preview.formsOnEntry.map((f) => ({
            value: f.id,
            label: `I have completed the ${f.title}${f.sendTo ? ` and sent it to ${f.sendTo}` : ""}`,
            hint: `${f.use} by the policy.`,
          })),
        });
      }
      return { ...base, heading: `Escalate to ${next ? next.title.replace(/^Stage/, "stage") : "the next stage"}`, submitLabel: `Escalate to ${next ? stageName(getStage(policy, next.key, r.routeId)) : "the next stage"}`, fields };
    }
    case "expedite":
      return {
        ...base,
        heading: "Skip stages (expedite)",
        submitLabel: "Skip stages",
        fields: [
          { kind: "radios", name: "toStageKey", label: "Which stage should the dispute go to?", options: expediteChoices(ctx).map(({ skipped: _s, ...o }) => o) },
          {
            kind: "textarea",
            name: "grounds",
            label: "Why must stages be skipped?",
            hint: "The grounds, for example the immediate risk to the child. This is kept with the record.",
            maxLength: LIMITS.long,
          },
        ],
      };
    case "owner": {
      const side = ctx.target === "responding" ? "responding" : "raising";
      const agency = agencyOfSide(ctx, side);
      const { level, words } = levelOf(stage, side);
      const proxyRule = getRoute(policy, r.routeId).ownership?.find((o) => o.kind === "proxy" && o.stages.includes(r.stageKey));
      const options = ctx.directory.members
        .filter((m) => m.agencyId === agency.id)
        .map((m) => {
          const o = memberOption(m);
          return highestSeniority(m.roles) >= seniority(level) ? o : { ...o, label: `${o.label}: only as a proxy` };
        });
      return {
        ...base,
        heading: `Choose who owns the dispute for ${agency.name}`,
        submitLabel: "Save the owner",
        fields: [
          { kind: "hidden", name: "side", value: side },
          {
            kind: "select",
            name: "userId",
            label: "Who will own it?",
            hint: `At ${stageName(stage)} the policy expects: ${words}.`,
            placeholder: "Choose someone",
            options,
          },
          {
            kind: "checkboxes",
            name: "proxy",
            label: "Standing in",
            hint: proxyRule ? proxyRule.text : "Only where the agency has nobody at the level the policy expects.",
            options: [{ value: "yes", label: "They are standing in as a proxy" }],
          },
          { kind: "textarea", name: "proxyReason", label: "Why is a proxy needed? (only if they are standing in)", rows: 3, maxLength: LIMITS.long },
        ],
      };
    }
    case "timescale": {
      const a = available(ctx, "set_deadline");
      const ids = a && a.action === "set_deadline" ? a.deadlineIds : [];
      const labels = view.deadlines.filter((d) => ids.includes(d.deadlineId));
      const fields: FieldSpec[] =
        ids.length === 1
          ? [{ kind: "hidden", name: "deadlineId", value: ids[0] as string }]
          : [{ kind: "radios", name: "deadlineId", label: "Which timescale?", options: labels.map((d) => ({ value: d.deadlineId, label: d.label })) }];
      fields.push(
        { kind: "datetime", name: "dueAt", label: ids.length === 1 ? `When must "${labels[0]?.label ?? "it"}" be done by?` : "When is it due?", hint: dateExample(ctx, 7) },
        { kind: "textarea", name: "note", label: "Note (optional)", hint: "For example, how the timescale was agreed.", maxLength: LIMITS.long },
      );
      return { ...base, heading: "Set the timescale", submitLabel: "Set the timescale", fields };
    }
    case "agreed-action":
      return {
        ...base,
        heading: "Add an agreed action",
        submitLabel: "Add the action",
        fields: agreedActionFields(ctx, ""),
      };
    case "complete-action":
      return {
        ...base,
        heading: "Mark an agreed action as done",
        submitLabel: "Mark as done",
        fields: [
          { kind: "hidden", name: "actionId", value: ctx.target ?? "" },
          { kind: "textarea", name: "note", label: "Anything to add? (optional)", maxLength: LIMITS.long },
        ],
      };
    case "resolve": {
      const sides = (["raising", "responding"] as const).flatMap((side): FieldSpec[] => [
        {
          kind: "radios",
          name: `confirmations.${side}.method`,
          label: `How did ${agencyOfSide(ctx, side).name} confirm the outcome?`,
          inline: true,
          options: CONFIRMATION_METHODS.map((m) => ({ value: m, label: capitalise(methodWords(m)) })),
        },
        { kind: "text", name: `confirmations.${side}.confirmedBy`, label: `Who confirmed it for ${agencyOfSide(ctx, side).name}?`, hint: "Their name and role." },
      ]);
      return {
        ...base,
        heading: "Record that the dispute is resolved",
        submitLabel: "Record as resolved",
        counts: { actions: 0 },
        repeats: { actions: { min: 0, max: LIMITS.agreedActions } },
        fields: [
          { kind: "textarea", name: "outcome", label: "What was decided, and why?", maxLength: LIMITS.long },
          {
            kind: "textarea",
            name: "learning",
            label: "What could the partnership learn from this? (optional)",
            hint: "For example, a gap in the policy, thresholds that were unclear, or training that would help. The board reads this in its reports, with the dispute's reference. Do not name the child, the family or anyone involved.",
            rows: 3,
            maxLength: LIMITS.long,
          },
          { kind: "heading", text: "Agreed actions", hint: "Anything the agencies agreed to do, each with who will do it and by when." },
          { kind: "repeat", name: "actions", itemLabel: "Agreed action", fields: agreedActionFields(ctx, "", true), min: 0, max: LIMITS.agreedActions, addLabel: "Add an agreed action" },
          { kind: "heading", text: "How each side confirmed the outcome" },
          ...sides,
        ],
      };
    }
    case "withdraw":
      return {
        ...base,
        variant: "warning",
        heading: "Withdraw the dispute",
        submitLabel: "Withdraw the dispute",
        fields: [{ kind: "textarea", name: "reason", label: "Why are you withdrawing it?", maxLength: LIMITS.long }],
      };
    case "comment":
      return {
        ...base,
        heading: "Add a comment",
        submitLabel: "Add the comment",
        fields: [{ kind: "textarea", name: "text", label: "Your comment", hint: "Everyone who can see this dispute can read it.", maxLength: LIMITS.long }],
      };
    default: {
      const never: never = slug;
      throw new Error(`unknown action ${String(never)}`);
    }
  }
}

function agreedActionFields(ctx: ActionFormContext, prefix: string, brief = false): FieldSpec[] {
  const agencies = new Map(ctx.directory.agencies.map((a) => [a.id, a.name]));
  const fields: FieldSpec[] = [
    { kind: "textarea", name: `${prefix}description`, label: "What was agreed?", rows: 3, maxLength: LIMITS.long },
    { kind: "text", name: `${prefix}ownerName`, label: "Who will do it?", hint: "Their name and role." },
  ];
  if (!brief) {
    fields.push({
      kind: "select",
      name: `${prefix}ownerUserId`,
      label: "If they use Parley, choose them (optional)",
      placeholder: "They do not use Parley",
      options: ctx.directory.members.map((m) => ({ value: m.userId, label: `${m.name}, ${agencies.get(m.agencyId) ?? ""}` })),
    });
  }
  fields.push({ kind: "date", name: `${prefix}dueDate`, label: "When is it due?", hint: dateExample(ctx, 7) });
  return fields;
}

/**
 * The posted form as the use case's input, and where errors on paths the form does not have belong.
 * A date is read from its Day, Month, Year (and Time) boxes into the text the use case accepts; one
 * that cannot be read is left out of the input (every date a use case takes is required, so it refuses
 * the input) and what is wrong with it is in `errors`, by the input's path, to show instead of the use
 * case's message for that path.
 */
export function actionInput(
  slug: ActionSlug,
  values: FormValues,
  target?: string,
): { input: Record<string, unknown>; aliases: Record<string, string>; errors: Record<string, string> } {
  const v = text(values, "expectedVersion");
  const expectedVersion = /^\d+$/.test(v) ? Number(v) : undefined;
  const o = (name: string) => optional(values, name);
  const aliases: Record<string, string> = {};
  const errors: Record<string, string> = {};
  /** The date question `name` as the use case's text, or undefined with its problem in `errors` at `path`. */
  const date = (name: string, withTime: boolean, subject: string, path = name): string | undefined => {
    const reading = readDateParts(values, name, withTime, subject);
    if (reading.kind === "ok") return reading.value;
    errors[path] = reading.message;
    return undefined;
  };
  const withVersion = (input: Record<string, unknown>) => ({ input: { expectedVersion, ...input }, aliases, errors });
  switch (slug) {
    case "discussion":
      return withVersion({ with: o("with"), how: o("how"), occurredAt: date("occurredAt", true, DATE_SUBJECTS.discussion), said: o("said"), agreed: o("agreed") });
    case "milestone":
      return withVersion({ milestoneId: o("milestoneId"), occurredAt: date("occurredAt", true, DATE_SUBJECTS.milestone), note: o("note") });
    case "form":
      return withVersion({
        formId: o("formId"),
        ...(o("sentTo") ? { sentTo: [o("sentTo")] } : {}),
        note: o("note"),
        ...(list(values, "attachDocument").includes("yes") ? { attachDocument: true } : {}),
      });
    case "escalate": {
      const owners: Record<string, { userId: string }> = {};
      for (const side of ["raising", "responding"]) {
        const userId = o(`owners.${side}.userId`);
        if (userId) owners[side] = { userId };
      }
      const now = list(values, "formsCompleted");
      const entry = list(values, "formsOnEntry");
      return withVersion({
        reason: o("reason"),
        ...(o("toStageKey") ? { toStageKey: o("toStageKey") } : {}),
        ...(Object.keys(owners).length > 0 ? { owners } : {}),
        ...(now.length > 0 ? { formsCompleted: now.map((formId) => ({ formId })) } : {}),
        ...(entry.length > 0 ? { formsOnEntry: entry.map((formId) => ({ formId })) } : {}),
      });
    }
    case "expedite":
      return withVersion({ toStageKey: o("toStageKey"), grounds: o("grounds") });
    case "owner":
      return withVersion({ side: target, userId: o("userId"), proxy: list(values, "proxy").includes("yes"), proxyReason: o("proxyReason") });
    case "timescale":
      return withVersion({ deadlineId: o("deadlineId"), dueAt: date("dueAt", true, DATE_SUBJECTS.timescale), note: o("note") });
    case "agreed-action":
      return withVersion({
        description: o("description"),
        ownerName: o("ownerName"),
        ...(o("ownerUserId") ? { ownerUserId: o("ownerUserId") } : {}),
        dueDate: date("dueDate", false, DATE_SUBJECTS.action),
      });
    case "complete-action":
      return withVersion({ actionId: target ?? o("actionId"), note: o("note") });
    case "resolve": {
      const actions = repeatIndexes(values, "actions")
        .filter((i) => ["description", "ownerName", ...DATE_PARTS.map((p) => datePartName("dueDate", p))].some((f) => o(`actions.${i}.${f}`)))
        .map((i, position) => {
          for (const f of ["description", "ownerName", "dueDate"]) aliases[`actions.${position}.${f}`] = `actions.${i}.${f}`;
          aliases[`actions.${position}`] = `actions.${i}.description`;
          return {
            description: o(`actions.${i}.description`),
            ownerName: o(`actions.${i}.ownerName`),
            dueDate: date(`actions.${i}.dueDate`, false, DATE_SUBJECTS.action, `actions.${position}.dueDate`),
          };
        });
      const confirmation = (side: string) => ({ method: o(`confirmations.${side}.method`), confirmedBy: o(`confirmations.${side}.confirmedBy`) });
      return withVersion({ outcome: o("outcome"), learning: o("learning"), actions, confirmations: { raising: confirmation("raising"), responding: confirmation("responding") } });
    }
    case "withdraw":
      return withVersion({ reason: o("reason") });
    case "comment":
      return withVersion({ text: o("text") });
    default: {
      const never: never = slug;
      throw new Error(`unknown action ${String(never)}`);
    }
  }
}

/** The current stage's deadlines in words, for pages that move the dispute. */
export { deadlineItems };
