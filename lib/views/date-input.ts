/**
 * The GOV.UK date input, as data: a date is asked as Day, Month and Year boxes
 * (and, for a moment in time, a Time box), posted as `${name}.day`,
 * `${name}.month`, `${name}.year` and `${name}.time`. Reading them happens on
 * the server, here: the parts become the text the use cases already accept
 * ("2026-06-04", or "2026-06-04T10:30" read in the partnership's time zone), or
 * a message in the GOV.UK pattern naming the part to fix ("Date of the
 * discussion must include a month"). The form (components/date-input.tsx) asks
 * the same reading which boxes to mark as wrong. Nothing here needs a server.
 */
import { civilFromDays, daysFromCivil } from "../calendar/days";
import { fieldId, type FieldSpec, type FormValues } from "./form-spec";

export type DatePart = "day" | "month" | "year" | "time";
export const DATE_PARTS = ["day", "month", "year"] as const;

/** The posted name of one box: "occurredAt.day". */
export const datePartName = (name: string, part: DatePart): string => `${name}.${part}`;
/** The id of one box, which an error links to: "occurredAt-day". */
export const datePartId = (id: string, part: DatePart): string => `${id}-${part}`;

export type DateReading =
  /** "2026-06-04", or with a time "2026-06-04T10:30" (no offset: the use case reads it in the partnership's time zone). */
  | { kind: "ok"; value: string }
  /** What is wrong, in GOV.UK words, and the boxes it is about (the first is where the error summary links). */
  | { kind: "problem"; message: string; parts: DatePart[] };

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** 1–12 from "6", "06", "June" or "jun"; null when it is not a month. */
export function monthNumber(text: string): number | null {
  const t = text.trim().toLowerCase().replace(/\.$/, "");
  if (/^\d{1,2}$/.test(t)) {
    const n = Number(t);
    return n >= 1 && n <= 12 ? n : null;
  }
  const i = MONTHS.findIndex((m) => t === m || t === m.slice(0, 3) || (t === "sept" && m === "september"));
  return i >= 0 ? i + 1 : null;
}

/**
 * Minutes after midnight from a time as people write it: "10:30am", "10.30 am",
 * "10am", "2:30 p.m.", "14:30", "1430", "9", "midday", "noon", "midnight".
 * Without am or pm it is read as the 24-hour clock. Null when it is not a time.
 */
export function minuteOfDay(text: string): number | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, " ");
  if (t === "midday" || t === "noon" || t === "12 midday" || t === "12 noon") return 12 * 60;
  if (t === "midnight" || t === "12 midnight") return 0;
  const m = /^(\d{1,2})(?:[:.]?(\d{2}))? ?(am|pm|a\.m\.|p\.m\.)?$/.exec(t);
  if (!m) return null;
  const [, h, mm = "00", suffix] = m;
  const hours = Number(h);
  const minutes = Number(mm);
  if (minutes > 59) return null;
  if (suffix) {
    if (hours < 1 || hours > 12) return null;
    const pm = suffix.startsWith("p");
    return ((hours % 12) + (pm ? 12 : 0)) * 60 + minutes;
  }
  if (hours > 23) return null;
  return hours * 60 + minutes;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const list = (parts: readonly string[]) => (parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`);

/**
 * Reads one date question's boxes. `subject` names the date as the messages
 * start ("Date of the discussion", "Date the action is due"); its time is the
 * same with "Time" ("Time of the discussion"), as lib/escalations/date-bounds.ts
 * words its refusals. A problem with the date comes before one with the time.
 */
export function readDateParts(values: FormValues, name: string, withTime: boolean, subject: string): DateReading {
  const get = (part: DatePart) => {
    const v = values[datePartName(name, part)];
    return (Array.isArray(v) ? (v[0] ?? "") : (v ?? "")).trim();
  };
  const raw = { day: get("day"), month: get("month"), year: get("year"), time: withTime ? get("time") : "" };
  const timeSubject = subject.replace(/^Date\b/, "Time");
  const dateEmpty = !raw.day && !raw.month && !raw.year;

  if (dateEmpty && !raw.time) {
    // Nothing at all: one message for the whole question.
    return withTime
      ? { kind: "problem", message: `Enter the ${lowerFirst(subject).replace(/^date\b/, "date and time")}`, parts: ["day", "month", "year", "time"] }
      : { kind: "problem", message: `Enter the ${lowerFirst(subject)}`, parts: ["day", "month", "year"] };
  }
  if (dateEmpty) return { kind: "problem", message: `Enter the ${lowerFirst(subject)}`, parts: ["day", "month", "year"] };

  const missing = DATE_PARTS.filter((p) => !raw[p]);
  if (missing.length > 0) return { kind: "problem", message: `${subject} must include a ${list(missing)}`, parts: [...missing] };

  const day = /^\d{1,2}$/.test(raw.day) ? Number(raw.day) : NaN;
  const month = monthNumber(raw.month);
  const bad: DatePart[] = [];
  if (!(day >= 1 && day <= 31)) bad.push("day");
  if (month === null) bad.push("month");
  if (!/^\d+$/.test(raw.year)) bad.push("year");
  if (bad.length > 0) return { kind: "problem", message: `${subject} must be a real date`, parts: bad };
  if (raw.year.length !== 4) return { kind: "problem", message: `${subject} must include a year with 4 numbers`, parts: ["year"] };

  const year = Number(raw.year);
  const c = civilFromDays(daysFromCivil(year, month as number, day));
  if (c.year !== year || c.month !== month || c.day !== day)
    return { kind: "problem", message: `${subject} must be a real date`, parts: ["day", "month", "year"] };
  const date = `${raw.year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  if (!withTime) return { kind: "ok", value: date };

  if (!raw.time) return { kind: "problem", message: `Enter the ${lowerFirst(timeSubject)}`, parts: ["time"] };
  const minutes = minuteOfDay(raw.time);
  if (minutes === null) return { kind: "problem", message: `${timeSubject} must be a real time, for example 10:30am or 14:30`, parts: ["time"] };
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return { kind: "ok", value: `${date}T${hh}:${mm}` };
}

/**
 * The boxes to mark as wrong when a date question comes back with `message`:
 * those the reading finds wrong, else (the date was readable and the use case
 * refused it, say as in the future) the time box for a message about the time,
 * the date's boxes for one about the date.
 */
export function datePartsInError(values: FormValues, name: string, withTime: boolean, message: string | undefined): DatePart[] {
  if (!message) return [];
  const reading = readDateParts(values, name, withTime, "Date");
  if (reading.kind === "problem") return reading.parts;
  return withTime && /^(Time\b|Enter the time\b)/.test(message) ? ["time"] : ["day", "month", "year"];
}

/** Every date question a form asks, by name, with repeated groups expanded as fieldNames does. */
export function dateFieldsOf(
  fields: readonly FieldSpec[],
  counts: Record<string, number> = {},
  prefix = "",
): { name: string; id: string; withTime: boolean }[] {
  const found: { name: string; id: string; withTime: boolean }[] = [];
  for (const f of fields) {
    if (f.kind === "date" || f.kind === "datetime") found.push({ name: prefix + f.name, id: fieldId(prefix + f.name), withTime: f.kind === "datetime" });
    if (f.kind === "repeat") {
      const n = counts[f.name] ?? f.min;
      for (let i = 0; i < n; i++) found.push(...dateFieldsOf(f.fields, {}, `${prefix}${f.name}.${i}.`));
    }
  }
  return found;
}
