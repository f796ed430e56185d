/**
 * Holiday data (policies/calendars/<jurisdiction>.yaml) and partnership closure
 * days (policies/<partnership>/closures.yaml): their zod schemas and loaders.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { issueMessages, parseYaml, plainEnglishErrors, type FileErrors } from "./data-file";
import { displayPath } from "./display-path";
import { isIsoDate } from "./days";

const isoDate = z.string().refine(isIsoDate, { error: (iss) => `expected a real date written YYYY-MM-DD, found ${JSON.stringify(iss.input)}` });

const year = z.int({ error: "expected a year such as 2026" }).min(1900, { error: "expected a year such as 2026" }).max(2999, {
  error: "expected a year such as 2026",
});

export const HolidaySchema = z.strictObject({
  date: isoDate,
  name: z.string().min(1),
  note: z.string().min(1).optional(),
});

export const HolidayDataSchema = z
  .strictObject({
    jurisdiction: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "expected an id such as england-and-wales" }),
    name: z.string().min(1),
    sources: z.array(z.string().min(1)).min(1),
    years: z.strictObject({ from: year, to: year }),
    holidays: z.array(HolidaySchema),
  })
  .superRefine((data, ctx) => {
    if (data.years.to < data.years.from) {
      ctx.addIssue({ code: "custom", path: ["years", "to"], message: `must not be before years.from (${data.years.from})` });
    }
    const seen = new Map<string, number>();
    data.holidays.forEach((h, i) => {
      const earlier = seen.get(h.date);
      if (earlier !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["holidays", i, "date"],
          message: `${h.date} is listed twice (also holidays[${earlier}]); list each date once`,
        });
      } else seen.set(h.date, i);
    });
  });

export type Holiday = z.infer<typeof HolidaySchema>;
export type HolidayData = z.infer<typeof HolidayDataSchema>;

export const ClosureSchema = z.strictObject({
  date: isoDate,
  reason: z.string().min(1),
});
export type Closure = z.infer<typeof ClosureSchema>;

export const ClosuresFileSchema = z
  .strictObject({
    partnership: z.string().min(1),
    closures: z.array(ClosureSchema),
  })
  .superRefine((data, ctx) => {
    const seen = new Set<string>();
    data.closures.forEach((c, i) => {
      if (seen.has(c.date)) {
        ctx.addIssue({ code: "custom", path: ["closures", i, "date"], message: `${c.date} is listed twice; list each date once` });
      }
      seen.add(c.date);
    });
  });
export type ClosuresFile = z.infer<typeof ClosuresFileSchema>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; messages: string[] };

export function parseHolidayData(text: string): ParseResult<HolidayData> {
  const yaml = parseYaml(text);
  if (!yaml.ok) return yaml;
  const parsed = HolidayDataSchema.safeParse(yaml.data, { error: plainEnglishErrors });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, messages: issueMessages(parsed.error.issues) };
}

export function parseClosuresFile(text: string): ParseResult<ClosuresFile> {
  const yaml = parseYaml(text);
  if (!yaml.ok) return yaml;
  const parsed = ClosuresFileSchema.safeParse(yaml.data, { error: plainEnglishErrors });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, messages: issueMessages(parsed.error.issues) };
}

export const DEFAULT_CALENDAR_DIR = path.join("policies", "calendars");

/**
 * Reads every <jurisdiction>.yaml in `dir`, reporting each invalid file
 * without stopping the others.
 */
export function loadJurisdictionCalendarsWithErrors(dir: string = DEFAULT_CALENDAR_DIR): {
  calendars: Map<string, HolidayData>;
  errors: FileErrors[];
} {
  const calendars = new Map<string, HolidayData>();
  const errors: FileErrors[] = [];
  if (!fs.existsSync(/*turbopackIgnore: true*/ dir)) {
    errors.push({ file: displayPath(dir), messages: ["folder not found: no holiday calendars to load"] });
    return { calendars, errors };
  }
  for (const name of fs
    .readdirSync(/*turbopackIgnore: true*/ dir)
    .filter((n) => n.endsWith(".yaml"))
    .sort()) {
    const file = path.join(/*turbopackIgnore: true*/ dir, name);
    const result = parseHolidayData(fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8"));
    if (!result.ok) {
      errors.push({ file: displayPath(file), messages: result.messages });
      continue;
    }
    const stem = name.slice(0, -".yaml".length);
    if (result.value.jurisdiction !== stem) {
      errors.push({
        file: displayPath(file),
        messages: [`jurisdiction: expected "${stem}" to match the file name, found "${result.value.jurisdiction}"`],
      });
      continue;
    }
    calendars.set(stem, result.value);
  }
  return { calendars, errors };
}

/** Reads policies/calendars/*.yaml. Throws if any file is invalid: use the WithErrors form to report instead. */
export function loadJurisdictionCalendars(dir: string = DEFAULT_CALENDAR_DIR): Map<string, HolidayData> {
  const { calendars, errors } = loadJurisdictionCalendarsWithErrors(dir);
  if (errors.length > 0) {
    const lines = errors.flatMap((e) => e.messages.map((m) => `${e.file}: ${m}`));
    throw new Error(`Invalid holiday calendar data:\n${lines.join("\n")}`);
  }
  return calendars;
}
