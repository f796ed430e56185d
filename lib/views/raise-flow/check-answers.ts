/** "Check your answers": every answer with a link to change it, and the final submit's errors placed on the steps that ask for them. */
import type { RaiseStep } from "../../drafts/answers";
import { startStage } from "../../escalations/policy-facts";
import { stageTitle } from "../../policy";
import { AREA_OTHER } from "../../escalations/raise-escalation";
import { fieldForPath, fieldId, fieldNames } from "../form-spec";
import { agencyName, routeOf, whoWord, type RaiseContext } from "./context";
import { stepFields, stepOfPath, stepPath } from "./steps";

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
  // Shown whenever there is a choice, by hand or by the facts (then it changes with who it is about, or the areas).
  if (policy.routes.length > 1) process.push({ key: "Process", value: route.title, href: href(route.when ? "subjects" : "process") });
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

  const areaLabels = (a.areas ?? []).map((id) =>
    id === AREA_OTHER ? `Something else: ${a.areaOther ?? ""}` : (policy.areas.items.find((i) => i.id === id)?.label ?? id),
  );
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
        { key: "Starts at", value: stageTitle(startsAt), href: href("urgent", "urgent-startAtStageKey") },
      ],
    });
  }
  return sections;
}
