/** What the escalation contacts and notices administration pages show and post: plain data, no React. */
import { DUTY_MAX_LENGTH, type EligiblePerson } from "../agencies/contacts-admin";
import { ROLE_LABELS } from "../auth/permissions";
import { MAX_WARN_WORKING_DAYS, type NoticeSettings } from "../notices/admin";
import { text, wholeNumber, type FieldSpec, type FormValues } from "./form-spec";

export function addContactFields(eligible: readonly EligiblePerson[]): FieldSpec[] {
  return [
    {
      kind: "select",
      name: "userId",
      label: "Person",
      hint: "Members of this agency who work on cases and are not already named.",
      options: eligible.map((p) => ({ value: p.userId, label: `${p.name} (${p.roles.map((r) => ROLE_LABELS[r]).join(", ")})` })),
      placeholder: "Choose a person",
    },
    {
      kind: "text",
      name: "duty",
      label: "What they do for the agency (optional)",
      hint: `For example, Designated safeguarding lead. Up to ${DUTY_MAX_LENGTH} characters.`,
      autoComplete: "off",
    },
  ];
}

export const addContactInput = (agencyId: string, values: FormValues) => ({ agencyId, userId: text(values, "userId"), duty: text(values, "duty") });

export function noticeSettingsFields(timeZone: string): FieldSpec[] {
  const hint = `On the 24-hour clock, in the partnership's time zone (${timeZone}). For example,`;
  return [
    { kind: "text", name: "noticeHoursStart", label: "Start of working hours", hint: `${hint} 08:00.`, width: "short", autoComplete: "off" },
    { kind: "text", name: "noticeHoursEnd", label: "End of working hours", hint: `${hint} 18:00.`, width: "short", autoComplete: "off" },
    {
      kind: "text",
      name: "warnWorkingDays",
      label: "Working days before a deadline to warn whoever must act",
      hint: `From 0 to ${MAX_WARN_WORKING_DAYS}. With 1, the warning goes at the start of working hours on the working day before the deadline; with 0, on the morning of the day it falls due.`,
      width: "short",
      inputMode: "numeric",
      autoComplete: "off",
    },
  ];
}

export const noticeSettingsValues = (s: NoticeSettings): FormValues => ({
  noticeHoursStart: s.noticeHoursStart,
  noticeHoursEnd: s.noticeHoursEnd,
  warnWorkingDays: String(s.warnWorkingDays),
});

export const noticeSettingsInput = (values: FormValues) => ({
  noticeHoursStart: text(values, "noticeHoursStart"),
  noticeHoursEnd: text(values, "noticeHoursEnd"),
  warnWorkingDays: wholeNumber(values, "warnWorkingDays"),
});
