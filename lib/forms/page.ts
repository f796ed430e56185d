/**
 * The form page as data: the document built from the dispute as the reader
 * may see it (the view getEscalation gave them), its fingerprint, how to get
 * it as a PDF (or why not), the times it was recorded as completed with the
 * document then sent, and whether the reader may record it now.
 */
import type { WorkingCalendar } from "../calendar/working-calendar";
import type { EscalationView } from "../escalations/get-escalation";
import type { Directory } from "../escalations/directory";
import { formatDateTime, type Policy } from "../policy";
import { buildFormDocument } from "./build";
import type { FormDocument } from "./document";
import { formFingerprint } from "./html";
import type { PdfRenderer } from "./pdf";
import { formPath, policyForms, stagesWords } from "./policy-forms";
import { formSourceOf, type FormSource } from "./source";

export type FormSetting = {
  view: EscalationView;
  policy: Policy;
  calendar: WorkingCalendar;
  directory: Pick<Directory, "agencies">;
  partnershipId: string;
  /** Other versions of the dispute's policy (a form as it stood before a move to a newer version). */
  policyFor?: ((version: string) => Policy | undefined) | undefined;
};

/** The version asked for in the address: undefined for "as it stands now", null for one that cannot be. */
export function parseVersion(raw: string | undefined): number | undefined | null {
  if (raw === undefined || raw === "") return undefined;
  return /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : null;
}

export function formSourceOfSetting(setting: FormSetting): FormSource {
  const { view } = setting;
  return formSourceOf({
    disputeId: view.id,
    policy: setting.policy,
    calendar: setting.calendar,
    events: view.history,
    people: view.people,
    agencies: [...setting.directory.agencies, view.raisingAgency, view.respondingAgency],
    otherVersion: (version) => {
      const policy = setting.policyFor?.(version);
      // (The current version's calendar: a new version that changed jurisdiction would count its days differently here.)
      return policy ? { policy, calendar: setting.calendar } : undefined;
    },
  });
}

export type FormCompletion = {
  who: string;
  when: string;
  /** The document sent, when it was the one Parley produced. */
  document: { version: number; sha256: string; href: string; /** Rebuilt today it reads the same. */ matches: boolean } | null;
};

export type FormPageView = {
  doc: FormDocument;
  fingerprint: string;
  latestVersion: number;
  isLatest: boolean;
  /** The form as the record stands now, when this is an earlier version. */
  latestHref: string;
  disputeHref: string;
  pdf: { available: true; href: string; fileName: string } | { available: false };
  completions: FormCompletion[];
  /** "Record a completed form", when the reader may record this form now. */
  recordHref: string | null;
};

/** The form page, or undefined when the dispute's policy names no such form or has no such version. */
export function formPage(setting: FormSetting, formId: string, version: number | undefined, renderer: PdfRenderer): FormPageView | undefined {
  const source = formSourceOfSetting(setting);
  const doc = buildFormDocument(source, formId, version);
  if (!doc) return undefined;
  const { view, partnershipId } = setting;
  const latestVersion = Math.max(...view.history.map((e) => e.sequence));
  const isLatest = doc.version === latestVersion;
  const tz = setting.policy.timeZone;
  const completions: FormCompletion[] = view.history.flatMap((e) => {
    if (e.type !== "form_completed" || e.payload.formId !== formId) return [];
    const sent = e.payload.document;
    const rebuilt = sent ? buildFormDocument(source, formId, sent.version) : undefined;
    return [
      {
        who: e.actorName,
        when: formatDateTime(e.at, tz),
        document: sent
          ? {
              version: sent.version,
              sha256: sent.sha256,
              href: formPath(partnershipId, view.id, formId, { version: sent.version }),
              matches: rebuilt !== undefined && formFingerprint(rebuilt) === sent.sha256,
            }
          : null,
      },
    ];
  });
  const mayRecord = view.availableActions.some((a) => a.action === "complete_form" && a.formIds.includes(formId));
  return {
    doc,
    fingerprint: formFingerprint(doc),
    latestVersion,
    isLatest,
    latestHref: formPath(partnershipId, view.id, formId),
    disputeHref: `/p/${encodeURIComponent(partnershipId)}/disputes/${view.id}`,
    pdf:
      renderer.kind === "chromium"
        ? {
            available: true,
            href: formPath(partnershipId, view.id, formId, { pdf: true, ...(isLatest ? {} : { version: doc.version }) }),
            fileName: `${doc.fileName}.pdf`,
          }
        : { available: false },
    completions,
    recordHref: mayRecord && isLatest ? `/p/${encodeURIComponent(partnershipId)}/disputes/${view.id}/form?form=${encodeURIComponent(formId)}` : null,
  };
}

export type FormLink = { id: string; title: string; href: string; stages: string };

/** Every form the dispute's route names, for the dispute page: its title, where the policy names it, and its address. */
export function formLinks(policy: Policy, routeId: string, partnershipId: string, disputeId: string): FormLink[] {
  return policyForms(policy, routeId).map((f) => ({
    id: f.id,
    title: f.title,
    href: formPath(partnershipId, disputeId, f.id),
    stages: `Named by the policy at ${stagesWords(f.stages)}`,
  }));
}
