/**
 * The raise flow as data: which steps apply, in what order, the fields each
 * asks for, how a posted form becomes the use case's input, and "Check your
 * answers". Pages render this; lib/drafts checks and keeps the answers.
 */
import type { DraftAnswers, RaiseStep } from "../drafts/answers";
import type { Directory } from "../escalations/directory";
import { expediteTargets, startStage, stagesBetween } from "../escalations/policy-facts";
import { AREA_OTHER } from "../escalations/raise-escalation";
import { LIMITS } from "../escalations/schemas";
import type { EscalationView } from "../escalations";
import { formatDue, getRoute, joinWithAnd, stageName, type Policy, type Route, type Stage } from "../policy";
import { CASE_ROLES, ROLE_LABELS } from "../auth/permissions";
import { fieldForPath, fieldId, fieldNames, list, optional, repeatIndexes, text, wholeNumber, type FieldSpec, type FormValues, type Option } from "./form-spec";

export type RaiseContext = {
  policy: Policy;
  /** The raiser's own agency. */
  agencyId: string;
  directory: Directory;
  answers: DraftAnswers;
};

export type StepTarget = RaiseStep | "check";

/** "child" or "child or adult", as the policy covers. */
export function whoWord(policy: Pick<Policy, "covers">): string {
  const children = policy.covers.includes("children");
  const adults = policy.covers.includes("adults");
  return children && adults ? "child or adult" : adults ? "adult" : "child";
}

export function routeOf(policy: Policy, answers: DraftAnswers): Route {
  return getRoute(policy, answers.routeId && policy.routes.some((r) => r.id === answers.routeId) ? answers.routeId : undefined);
}

/** The steps that apply to these answers, in order. */
export function applicableSteps(answers: DraftAnswers): RaiseStep[] {
  const urgent = answers.immediateRisk === true;
  return [
    "start",
    ...(urgent ? (["emergency"] as const) : []),
    "process",
    "agency",
    "person",
    "subjects",
    "areas",
    "decision",
    "evidence",
    "outcome",
    ...(urgent ? (["urgent"] as const) : []),
  ];
}

export function stepPath(partnershipId: string, step: StepTarget): string {
  const base = `/p/${encodeURIComponent(partnershipId)}/disputes/new`;
  return step === "start" ? base : `${base}/${step}`;
}

/**
 * The errors of the final submit, on "Check your answers": each placed on the field of the step that asks
 * for it, with a link to that field there ("subjects.0.caseReferences.1.reference" is the responding
 * agency's reference box of the first child on the subjects step).
 */
export function checkAnswersErrors(
  fields: Readonly<Record<string, string>>,
  ctx: RaiseContext,
  partnershipId: string,
): { errors: Record<string, string>; links: Record<string, string>; message?: string } {
  const errors: Record<string, string> = {};
  const links: Record<string, string> = {};
  const general: string[] = [];
  const counts = { subjects: Math.max(1, ctx.answers.subjects?.length ?? 0) };
  for (const [rawPath, message] of Object.entries(fields)) {
    const path = caseReferenceField(rawPath, ctx) ?? rawPath;
    const step = stepOfPath(path);
    const target = fieldForPath(path, fieldNames(stepFields(step, ctx), counts));
    if (target === null) {
      general.push(message);
      continue;
    }
    const id = fieldId(target);
    errors[id] ??= message;
    links[id] ??= `${stepPath(partnershipId, step)}?return=check#${id}`;
  }
  return general.length > 0 ? { errors, links, message: general.join(" ") } : { errors, links };
}

/** A stored case reference's box on the subjects step: the raiser's agency's, or the other agency's. */
function caseReferenceField(path: string, ctx: RaiseContext): string | null {
  const match = /^subjects\.(\d+)\.caseReferences\.(\d+)/.exec(path);
  if (!match) return null;
  const [, subject, ref] = match;
  const agencyId = ctx.answers.subjects?.[Number(subject)]?.caseReferences[Number(ref)]?.agencyId;
  return `subjects.${subject}.${agencyId === ctx.agencyId ? "refRaising" : "refResponding"}`;
}

/** Where to go after saving a step: the next step, or back to "Check your answers" when changing an answer. */
export function nextStepAfter(step: RaiseStep, answers: DraftAnswers, returnToCheck: boolean): StepTarget {
  const steps = applicableSteps(answers);
  if (returnToCheck) {
    // A new agency needs its person; a new "yes" to immediate risk needs what was done and the urgent details.
    if (step === "agency") return "person";
    if (step === "start" && answers.immediateRisk && !answers.immediateRiskNote) return "emergency";
    const missing = firstIncompleteStep(answers);
    return missing ?? "check";
  }
  const i = steps.indexOf(step);
  return steps[i + 1] ?? "check";
}

/** The step before this one (for the "Back" link), or null on the first. */
export function previousStep(step: StepTarget, answers: DraftAnswers): RaiseStep | null {
  const steps = applicableSteps(answers);
  if (step === "check") return steps[steps.length - 1] ?? null;
  const i = steps.indexOf(step);
  return i > 0 ? (steps[i - 1] ?? null) : null;
}

export function isStepComplete(step: RaiseStep, a: DraftAnswers): boolean {
  switch (step) {
    case "start":
      return a.immediateRisk !== undefined;
    case "emergency":
      return !!a.immediateRiskNote;
    case "process":
      return a.scopeConfirmed === true;
    case "agency":
      return !!a.respondingAgencyId;
    case "person":
      return !!a.respondingPerson;
    case "subjects":
      return (a.subjects?.length ?? 0) > 0;
    case "areas":
      return (a.areas?.length ?? 0) > 0;
    case "decision":
      return !!a.decisionDisputed && !!a.whyUnsafe;
    case "evidence":
      return !!a.evidenceSummary;
    case "outcome":
      return !!a.outcomeSought;
    case "urgent":
      return !!a.urgentGrounds;
    default: {
      const never: never = step;
      throw new Error(`unknown step ${String(never)}`);
    }
  }
}

export function firstIncompleteStep(answers: DraftAnswers): RaiseStep | null {
  return applicableSteps(answers).find((s) => !isStepComplete(s, answers)) ?? null;
}

/** Which step asks for a use case's field path ("subjects.0.initials" → subjects). */
export function stepOfPath(path: string): RaiseStep {
  const head = path.split(".")[0] ?? "";
  const steps: Record<string, RaiseStep> = {
    immediateRisk: "start",
    immediateRiskNote: "emergency",
    scopeConfirmed: "process",
    routeId: "process",
    respondingAgencyId: "agency",
    respondingPerson: "person",
    respondingUserId: "person",
    subjects: "subjects",
    areas: "areas",
    areaOther: "areas",
    decisionDisputed: "decision",
    whyUnsafe: "decision",
    evidenceSummary: "evidence",
    outcomeSought: "outcome",
    timescaleSought: "outcome",
    urgent: "urgent",
  };
  return steps[head] ?? "start";
}

/** Each step's heading, also its page title. */
export function stepHeading(step: RaiseStep, policy: Policy): string {
  const who = whoWord(policy);
  switch (step) {
    case "start":
      return "Before you raise a disagreement";
    case "emergency":
      return `A ${who} is at immediate risk of harm`;
    case "process":
      return "Is this the right process?";
    case "agency":
      return "Which agency made the decision you disagree with?";
    case "person":
      return "Whose decision do you disagree with?";
    case "subjects":
      return `Which ${who === "child" ? "child is" : `${who} is`} this about?`;
    case "areas":
      return "What is the disagreement about?";
    case "decision":
      return "The decision you disagree with";
    case "evidence":
      return "Your evidence";
    case "outcome":
      return "What outcome do you want?";
    case "urgent":
      return "Urgent: where should this dispute start?";
    default: {
      const never: never = step;
      throw new Error(`unknown step ${String(never)}`);
    }
  }
}

const agencyName = (directory: Directory, id: string | undefined) => directory.agencies.find((a) => a.id === id)?.name;

export function otherAgencies(ctx: Pick<RaiseContext, "directory" | "agencyId">): Option[] {
  return ctx.directory.agencies.filter((a) => a.id !== ctx.agencyId).map((a) => ({ value: a.id, label: a.name }));
}

/** Parley users of the responding agency, for "if they use Parley, choose them". */
export function respondingPeople(ctx: Pick<RaiseContext, "directory" | "answers">): Option[] {
  return ctx.directory.members
    .filter((m) => m.agencyId === ctx.answers.respondingAgencyId)
    .map((m) => ({ value: m.userId, label: `${m.name} (${m.roles.map((r) => ROLE_LABELS[r]).join(", ")})` }));
}

/**
 * Whether anyone at the agency the dispute is raised with works on cases in
 * Parley. When nobody does, the raise flow says so before the raiser submits,
 * and who will be told instead.
 */
export function agencyOnParley(ctx: Pick<RaiseContext, "directory" | "answers">): boolean {
  return ctx.directory.members.some((m) => m.agencyId === ctx.answers.respondingAgencyId && m.roles.some((r) => CASE_ROLE_SET.has(r)));
}

const CASE_ROLE_SET = new Set<string>(CASE_ROLES);

/** What happens when nobody at the other agency uses Parley, in the policy's terms. */
export function notOnParleyAdvice(ctx: Pick<RaiseContext, "directory" | "answers" | "policy">): { agency: string; lines: string[] } {
  const agency = agencyName(ctx.directory, ctx.answers.respondingAgencyId) ?? "The other agency";
  const bm = ctx.policy.contacts?.find((c) => c.level === "board-business-manager");
  return {
    agency,
    lines: [
      `Nobody at ${agency} uses Parley, so nobody there can be told about this disagreement through it.`,
      `You can still raise it here: Parley will tell your partnership's board business manager${bm ? ` (${bm.label}${bm.email ? `, ${bm.email}` : ""})` : ""}, who can arrange who responds.`,
      `Meanwhile, raise it with ${agency} yourself, as your policy describes for ${stageWords(ctx)}, and keep a record of the discussion.`,
    ],
  };
}

function stageWords(ctx: Pick<RaiseContext, "policy" | "answers">): string {
  const start = startStage(routeOf(ctx.policy, ctx.answers));
  return start.number !== undefined ? `stage ${start.number} (${start.title.toLowerCase()})` : start.title.toLowerCase();
}

/** The stages an urgent dispute may start at, each with what it passes over. */
export function urgentStartChoices(policy: Policy, answers: DraftAnswers): Option[] {
  const route = routeOf(policy, answers);
  const start = startStage(route);
  const targets = expediteTargets(policy, route.id, start.key, true);
  if (targets.length === 0) return [];
  const name = (s: Stage) => (s.number !== undefined ? `Stage ${s.number}: ${s.title}` : s.title);
  return [
    { value: "", label: `${name(start)}, where disputes usually start` },
    ...targets.map((key) => {
      const stage = route.stages.find((s) => s.key === key) as Stage;
      const skipped = stagesBetween(route, start.key, key, true).map((k) => stageName(route.stages.find((s) => s.key === k) as Stage));
      return { value: key, label: `Go straight to ${name(stage)}`, hint: `Skips ${joinWithAnd(skipped)}.` };
    }),
  ];
}

/** The fields a step shows. */
export function stepFields(step: RaiseStep, ctx: RaiseContext): FieldSpec[] {
  const { policy, answers } = ctx;
  const who = whoWord(policy);
  switch (step) {
    case "start":
      return [
        {
          kind: "radios",
          name: "immediateRisk",
          label: `Is a ${who} at immediate risk of harm?`,
          inline: true,
          options: [
            { value: "yes", label: "Yes" },
            { value: "no", label: "No" },
          ],
        },
      ];
    case "emergency":
      return [
        {
          kind: "textarea",
          name: "immediateRiskNote",
          label: "What have you done about the immediate risk?",
          hint: "For example, who you told, when, and what they are doing. Raising a disagreement is not a child protection referral.",
          maxLength: LIMITS.long,
        },
      ];
    case "process": {
      const fields: FieldSpec[] = [];
      if (policy.routes.length > 1) {
        fields.push({
          kind: "radios",
          name: "routeId",
          label: "Which process applies?",
          hint: "Your partnership's policy has a separate process for some disagreements.",
          options: policy.routes.map((r) => ({ value: r.id, label: r.title, ...(r.appliesWhen ? { hint: r.appliesWhen } : {}) })),
        });
      }
      fields.push({
        kind: "checkboxes",
        name: "scopeConfirmed",
        label: "Confirm what this is",
        options: [{ value: "yes", label: `This is a disagreement with another agency about a decision it made about a ${who}` }],
      });
      return fields;
    }
    case "agency":
      return [
        {
          kind: "select",
          name: "respondingAgencyId",
          label: "Agency",
          hint: "Choose the other agency. A disagreement within your own agency is not handled by this policy.",
          placeholder: "Choose an agency",
          options: otherAgencies(ctx),
        },
      ];
    case "person": {
      const people = respondingPeople(ctx);
      const names = ctx.directory.members.filter((m) => m.agencyId === answers.respondingAgencyId).map((m) => m.name);
      const fields: FieldSpec[] = [
        {
          kind: "text",
          name: "respondingPerson",
          label: "Their name and role",
          hint:
            names.length > 0
              ? "For example, Sam Riley, social worker. If you do not know their name, give their role or team. As you type, the names of people at that agency who use Parley are suggested."
              : "For example, Sam Riley, social worker. If you do not know their name, give their role or team.",
          autoComplete: "off",
          suggestions: names,
        },
      ];
      if (people.length > 0) {
        fields.push({
          kind: "select",
          name: "respondingUserId",
          label: "If they use Parley, choose them (optional)",
          hint: "They will then see the dispute and can work on it.",
          placeholder: "They do not use Parley, or I do not know",
          options: people,
        });
      }
      return fields;
    }
    case "subjects": {
      const inner: FieldSpec[] = [];
      if (policy.covers.length > 1) {
        inner.push({
          kind: "radios",
          name: "kind",
          label: "Child or adult",
          inline: true,
          options: [
            { value: "child", label: "Child" },
            { value: "adult", label: "Adult" },
          ],
        });
      } else {
        inner.push({ kind: "hidden", name: "kind", value: policy.covers[0] === "adults" ? "adult" : "child" });
      }
      inner.push(
        { kind: "text", name: "initials", label: "Initials", hint: "For example, JS. Not their name.", width: "short", autoComplete: "off" },
        { kind: "text", name: "yearOfBirth", label: "Year of birth", hint: "For example, 2015. For an unborn child, the year they are due.", width: "short", inputMode: "numeric", autoComplete: "off" },
        {
          kind: "text",
          name: "refRaising",
          label: `${agencyName(ctx.directory, ctx.agencyId) ?? "Your agency"} case reference (optional)`,
          width: "short",
          autoComplete: "off",
        },
      );
      if (answers.respondingAgencyId) {
        inner.push({
          kind: "text",
          name: "refResponding",
          label: `${agencyName(ctx.directory, answers.respondingAgencyId) ?? "The other agency"} case reference (optional)`,
          width: "short",
          autoComplete: "off",
        });
      }
      const label = who === "child" ? "Child" : who === "adult" ? "Adult" : "Person";
      return [
        {
          kind: "repeat",
          name: "subjects",
          itemLabel: label,
          fields: inner,
          min: 1,
          max: LIMITS.subjects,
          addLabel: who === "child" ? "Add another child (for example, a sibling)" : `Add another ${label.toLowerCase()}`,
        },
      ];
    }
    case "areas":
      return [
        {
          kind: "checkboxes",
          name: "areas",
          label: "Choose all that apply",
          options: [...policy.areas.items.map((a) => ({ value: a.id, label: a.label })), { value: AREA_OTHER, label: "Something else" }],
        },
        { kind: "text", name: "areaOther", label: "If something else, what is it?" },
      ];
    case "decision":
      return [
        {
          kind: "textarea",
          name: "decisionDisputed",
          label: "What decision do you disagree with?",
          hint: "Say who made it and when, as far as you know.",
          maxLength: LIMITS.long,
        },
        {
          kind: "textarea",
          name: "whyUnsafe",
          label: `Why do you think the decision is unsafe for the ${who}?`,
          maxLength: LIMITS.long,
        },
      ];
    case "evidence":
      return [
        {
          kind: "textarea",
          name: "evidenceSummary",
          label: "Summarise your evidence",
          hint: "What you know, how you know it and where it is recorded (for example, your agency's safeguarding log). Do not copy in whole records.",
          maxLength: LIMITS.long,
        },
      ];
    case "outcome":
      return [
        { kind: "textarea", name: "outcomeSought", label: "The outcome you want", hint: "For example, a child and family assessment.", maxLength: LIMITS.long },
        { kind: "text", name: "timescaleSought", label: "By when? (optional)", hint: "For example, within 2 working days. The policy's own deadlines still apply." },
      ];
    case "urgent": {
      const fields: FieldSpec[] = [
        {
          kind: "textarea",
          name: "urgent.grounds",
          label: "Why is this urgent?",
          hint: "The grounds for treating this dispute as urgent, for example the immediate risk to the child.",
          maxLength: LIMITS.long,
        },
      ];
      const choices = urgentStartChoices(policy, answers);
      if (choices.length > 0) {
        fields.push({ kind: "radios", name: "urgent.startAtStageKey", label: "Where should the dispute start?", options: choices });
      }
      return fields;
    }
    default: {
      const never: never = step;
      throw new Error(`unknown step ${String(never)}`);
    }
  }
}

/** What the step's fields show before anything is posted: the saved answers, as text. */
export function stepValues(step: RaiseStep, ctx: RaiseContext): { values: FormValues; counts?: Record<string, number> } {
  const a = ctx.answers;
  const s = (v: string | undefined) => v ?? "";
  switch (step) {
    case "start":
      return { values: a.immediateRisk === undefined ? {} : { immediateRisk: a.immediateRisk ? "yes" : "no" } };
    case "emergency":
      return { values: { immediateRiskNote: s(a.immediateRiskNote) } };
    case "process":
      return { values: { ...(a.routeId ? { routeId: a.routeId } : {}), ...(a.scopeConfirmed ? { scopeConfirmed: "yes" } : {}) } };
    case "agency":
      return { values: { respondingAgencyId: s(a.respondingAgencyId) } };
    case "person":
      return { values: { respondingPerson: s(a.respondingPerson), respondingUserId: s(a.respondingUserId) } };
    case "subjects": {
      const subjects = a.subjects ?? [];
      const values: FormValues = {};
      subjects.forEach((subject, i) => {
        values[`subjects.${i}.kind`] = subject.kind;
        values[`subjects.${i}.initials`] = subject.initials;
        values[`subjects.${i}.yearOfBirth`] = String(subject.yearOfBirth);
        const raising = subject.caseReferences.find((r) => r.agencyId === ctx.agencyId);
        const responding = subject.caseReferences.find((r) => r.agencyId === a.respondingAgencyId);
        if (raising) values[`subjects.${i}.refRaising`] = raising.reference;
        if (responding) values[`subjects.${i}.refResponding`] = responding.reference;
      });
      return { values, counts: { subjects: Math.max(1, subjects.length) } };
    }
    case "areas":
      return { values: { areas: a.areas ?? [], areaOther: s(a.areaOther) } };
    case "decision":
      return { values: { decisionDisputed: s(a.decisionDisputed), whyUnsafe: s(a.whyUnsafe) } };
    case "evidence":
      return { values: { evidenceSummary: s(a.evidenceSummary) } };
    case "outcome":
      return { values: { outcomeSought: s(a.outcomeSought), timescaleSought: s(a.timescaleSought) } };
    case "urgent":
      return { values: { "urgent.grounds": s(a.urgentGrounds), "urgent.startAtStageKey": s(a.startAtStageKey) } };
    default: {
      const never: never = step;
      throw new Error(`unknown step ${String(never)}`);
    }
  }
}

/**
 * A posted step as the use case's input (its field paths), and where an error
 * on a path the form does not have directly belongs ("subjects.0.caseReferences.1.reference").
 */
export function stepInput(step: RaiseStep, values: FormValues, ctx: RaiseContext): { input: Record<string, unknown>; aliases: Record<string, string> } {
  const aliases: Record<string, string> = {};
  const yesNo = (v: string) => (v === "yes" ? true : v === "no" ? false : undefined);
  switch (step) {
    case "start":
      return { input: { immediateRisk: yesNo(text(values, "immediateRisk")) }, aliases };
    case "emergency":
      return { input: { immediateRiskNote: optional(values, "immediateRiskNote") }, aliases };
    case "process":
      return {
        input: {
          scopeConfirmed: list(values, "scopeConfirmed").includes("yes") ? true : undefined,
          ...(optional(values, "routeId") ? { routeId: optional(values, "routeId") } : {}),
        },
        aliases,
      };
    case "agency":
      return { input: { respondingAgencyId: optional(values, "respondingAgencyId") }, aliases };
    case "person":
      return {
        input: {
          respondingPerson: optional(values, "respondingPerson"),
          ...(optional(values, "respondingUserId") ? { respondingUserId: optional(values, "respondingUserId") } : {}),
        },
        aliases,
      };
    case "subjects": {
      const subjects = repeatIndexes(values, "subjects").map((i, position) => {
        const at = (f: string) => `subjects.${i}.${f}`;
        const refs: { agencyId: string; reference: string }[] = [];
        const raising = optional(values, at("refRaising"));
        const responding = optional(values, at("refResponding"));
        if (raising) {
          aliases[`subjects.${position}.caseReferences.${refs.length}.reference`] = `subjects.${position}.refRaising`;
          refs.push({ agencyId: ctx.agencyId, reference: raising });
        }
        if (responding && ctx.answers.respondingAgencyId) {
          aliases[`subjects.${position}.caseReferences.${refs.length}.reference`] = `subjects.${position}.refResponding`;
          refs.push({ agencyId: ctx.answers.respondingAgencyId, reference: responding });
        }
        return {
          kind: optional(values, at("kind")),
          initials: optional(values, at("initials")),
          yearOfBirth: wholeNumber(values, at("yearOfBirth")),
          caseReferences: refs,
        };
      });
      return { input: { subjects }, aliases };
    }
    case "areas":
      return { input: { areas: list(values, "areas"), areaOther: optional(values, "areaOther") }, aliases };
    case "decision":
      return { input: { decisionDisputed: optional(values, "decisionDisputed"), whyUnsafe: optional(values, "whyUnsafe") }, aliases };
    case "evidence":
      return { input: { evidenceSummary: optional(values, "evidenceSummary") }, aliases };
    case "outcome":
      return { input: { outcomeSought: optional(values, "outcomeSought"), timescaleSought: optional(values, "timescaleSought") }, aliases };
    case "urgent":
      return {
        input: {
          urgent: {
            grounds: optional(values, "urgent.grounds"),
            ...(optional(values, "urgent.startAtStageKey") ? { startAtStageKey: optional(values, "urgent.startAtStageKey") } : {}),
          },
        },
        aliases,
      };
    default: {
      const never: never = step;
      throw new Error(`unknown step ${String(never)}`);
    }
  }
}

export type CheckRow = { key: string; value: string; href: string };
export type CheckSection = { title: string; rows: CheckRow[] };

/** "Check your answers": every answer, with a link to change it. */
export function checkAnswers(ctx: RaiseContext, partnershipId: string): CheckSection[] {
  const { policy, answers: a, directory } = ctx;
  const href = (step: RaiseStep, field?: string) => `${stepPath(partnershipId, step)}?return=check${field ? `#${field}` : ""}`;
  const route = routeOf(policy, a);
  const sections: CheckSection[] = [];

  const risk: CheckRow[] = [{ key: `Is a ${whoWord(policy)} at immediate risk of harm?`, value: a.immediateRisk ? "Yes" : "No", href: href("start") }];
  if (a.immediateRisk) {
    risk.push({ key: "What you have done about the risk", value: a.immediateRiskNote ?? "", href: href("emergency") });
  }
  sections.push({ title: "Immediate risk", rows: risk });

  const process: CheckRow[] = [];
  if (policy.routes.length > 1) process.push({ key: "Process", value: route.title, href: href("process") });
  process.push({ key: "What this is", value: "A disagreement about a decision another agency made", href: href("process") });
  sections.push({ title: "The process", rows: process });

  const person = [a.respondingPerson ?? ""];
  const user = directory.members.find((m) => m.userId === a.respondingUserId);
  if (user) person.push(`Parley user: ${user.name}`);
  sections.push({
    title: "The other agency",
    rows: [
      { key: "Agency", value: agencyName(directory, a.respondingAgencyId) ?? "", href: href("agency") },
      { key: "Whose decision", value: person.join("\n"), href: href("person") },
    ],
  });

  sections.push({
    title: `Who it is about`,
    rows: (a.subjects ?? []).map((s, i) => ({
      key: `${s.kind === "adult" ? "Adult" : "Child"} ${i + 1}`,
      value: [
        `${s.initials}, born ${s.yearOfBirth}`,
        ...s.caseReferences.map((r) => `${agencyName(directory, r.agencyId) ?? "Agency"} case reference: ${r.reference}`),
      ].join("\n"),
      href: href("subjects"),
    })),
  });

  const areaLabels = (a.areas ?? []).map((id) => (id === AREA_OTHER ? `Something else: ${a.areaOther ?? ""}` : (policy.areas.items.find((i) => i.id === id)?.label ?? id)));
  const timescale = a.timescaleSought ? [{ key: "By when", value: a.timescaleSought, href: href("outcome", "timescaleSought") }] : [];
  sections.push({
    title: "The disagreement",
    rows: [
      { key: "Areas of disagreement", value: areaLabels.join("\n"), href: href("areas") },
      { key: "The decision", value: a.decisionDisputed ?? "", href: href("decision") },
      { key: "Why it is unsafe", value: a.whyUnsafe ?? "", href: href("decision", "whyUnsafe") },
      { key: "Your evidence", value: a.evidenceSummary ?? "", href: href("evidence") },
      { key: "Outcome you want", value: a.outcomeSought ?? "", href: href("outcome") },
      ...timescale,
    ],
  });

  if (a.immediateRisk) {
    const start = startStage(route);
    const target = a.startAtStageKey ? route.stages.find((s) => s.key === a.startAtStageKey) : undefined;
    const startsAt = target ?? start;
    sections.push({
      title: "Urgent",
      rows: [
        { key: "Why it is urgent", value: a.urgentGrounds ?? "", href: href("urgent") },
        { key: "Starts at", value: startsAt.number !== undefined ? `Stage ${startsAt.number}: ${startsAt.title}` : startsAt.title, href: href("urgent", "urgent-startAtStageKey") },
      ],
    });
  }
  return sections;
}

export type RaisedConfirmation = {
  reference: string;
  stage: string;
  owners: { key: string; value: string }[];
  firstDeadline: string | null;
  urgent: boolean;
};

/** The confirmation after raising: the reference, the stage, who owns each side, and the first deadline in words. */
export function raisedConfirmation(view: EscalationView, policy: Policy): RaisedConfirmation {
  const r = view.record;
  const stage = getRoute(policy, r.routeId).stages.find((s) => s.key === r.stageKey) as Stage;
  const person = (id: string | null) => (id ? (view.people[id] ?? "(unknown user)") : null);
  const live = view.deadlines.filter((d) => d.dueAt && d.status !== "met");
  // Say who was told, from the record, rather than ask the raiser to act for the other side.
  const contacts = [...new Set(view.notices.filter((n) => n.trigger === "awaiting_owner").map((n) => n.recipientName))];
  const toBoard = view.notices.some((n) => n.trigger === "agency_not_on_parley");
  const responding = person(r.respondingOwnerId)
    ?? (contacts.length > 0
      ? `Nobody yet. It is on the list of disputes awaiting an owner at ${view.respondingAgency.name}, and Parley is letting ${joinWithAnd(contacts)} know: they take disputes for it.`
      : toBoard
        ? `Nobody yet. Nobody at ${view.respondingAgency.name} uses Parley, so Parley is letting your partnership's board business manager know, to arrange who responds. Raise it with ${view.respondingAgency.name} yourself meanwhile.`
        : `Nobody yet. ${view.respondingAgency.name} will choose who owns it.`);
  const deciding = live.find((d) => d.decidesOverdue) ?? live[0];
  return {
    reference: r.reference,
    stage: stage.number !== undefined ? `Stage ${stage.number}: ${stage.title}` : stage.title,
    owners: [
      { key: view.raisingAgency.name, value: person(r.raisingOwnerId) ?? "Nobody yet" },
      { key: view.respondingAgency.name, value: responding },
    ],
    firstDeadline: deciding?.dueAt ? `${deciding.label}: ${formatDue(deciding.dueAt, policy.timeZone)}` : null,
    urgent: r.urgent,
  };
}
