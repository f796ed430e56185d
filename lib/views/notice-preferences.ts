/** The "Your notice settings" form: its fields, its values and the input it sends. */
import type { NoticePreferences } from "../notices/preferences";
import type { FieldSpec, FormValues } from "./form-spec";
import { text } from "./form-spec";

export function noticePreferenceFields(): FieldSpec[] {
  return [
    {
      kind: "radios",
      name: "noticeDigest",
      label: "How do you want Parley's e-mails?",
      hint: "Notices about a child or adult at immediate risk always come at once, whatever you choose.",
      options: [
        { value: "no", label: "One e-mail for each notice, as it happens (in working hours)" },
        { value: "yes", label: "One e-mail each working morning, with all my routine notices since the last (a daily digest)" },
      ],
    },
    {
      kind: "radios",
      name: "overdueReminders",
      label: "Remind me each working morning while a dispute I own is overdue?",
      hint: "You are always told once when a deadline is missed.",
      inline: true,
      options: [
        { value: "yes", label: "Yes" },
        { value: "no", label: "No" },
      ],
    },
  ];
}

export const noticePreferenceValues = (p: NoticePreferences): FormValues => ({
  noticeDigest: p.noticeDigest ? "yes" : "no",
  overdueReminders: p.overdueReminders ? "yes" : "no",
});

const yesNo = (values: FormValues, name: string) => {
  const v = text(values, name);
  return v === "yes" ? true : v === "no" ? false : undefined;
};

export const noticePreferenceInput = (values: FormValues) => ({
  noticeDigest: yesNo(values, "noticeDigest"),
  overdueReminders: yesNo(values, "overdueReminders"),
});
