/**
 * Input building blocks shared by the use cases, and the one way to parse input:
 * `parseInput` turns zod issues into a ValidationError keyed by field path.
 */
import { z } from "zod";
import { ValidationError } from "../errors";

export const LIMITS = {
  /** Names, titles, short answers. */
  short: 200,
  /** Free-text accounts: what was said, why it is unsafe, the outcome. */
  long: 5_000,
  /** An agency's case reference. */
  reference: 100,
  subjects: 10,
  caseReferences: 10,
  agreedActions: 20,
  recipients: 10,
} as const;

/**
 * The too-long message. A use case does not know how a form labels the field, so
 * it says "This must be 5,000 characters or fewer."; a form names the field
 * instead ("Your comment must be 5,000 characters or fewer.": lib/views/field-messages.ts).
 */
export function tooLongMessage(max: number, subject = "This"): string {
  return `${subject} must be ${max.toLocaleString("en-GB")} characters or fewer.`;
}

/** Reads a use case's too-long message back: the limit, or null for any other message. */
export function tooLongLimit(message: string): number | null {
  const m = /^This must be ([\d,]+) characters or fewer\.$/.exec(message);
  return m ? Number((m[1] as string).replaceAll(",", "")) : null;
}

/** Messages for the issues a field does not word itself. */
const inputErrors: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case "invalid_type":
      if (iss.input === undefined || iss.input === null) return "This is required.";
      return `Expected ${iss.expected === "int" ? "a whole number" : `a ${iss.expected}`}.`;
    case "too_small":
      if (iss.origin === "string") return "This must not be empty.";
      if (iss.origin === "array") return `Add at least ${String(iss.minimum)}.`;
      return `This must be at least ${String(iss.minimum)}.`;
    case "too_big":
      if (iss.origin === "string") return tooLongMessage(Number(iss.maximum));
      if (iss.origin === "array") return `List at most ${String(iss.maximum)}.`;
      return `This must be at most ${String(iss.maximum)}.`;
    case "invalid_value":
      return `Choose one of: ${iss.values.map(String).join(", ")}.`;
    case "invalid_format":
      if (iss.format === "uuid") return "This is not a valid id.";
      if (iss.format === "date") return "Enter a date written YYYY-MM-DD, for example 2026-06-04.";
      if (iss.format === "datetime") return "Enter a date and time, for example 2026-06-04T09:30.";
      return "This is not in the expected format.";
    case "invalid_union":
      return "This is not one of the expected kinds of answer.";
    default:
      return undefined;
  }
};

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input, { error: inputErrors });
  if (!parsed.success) throw ValidationError.fromIssues(parsed.error.issues);
  return parsed.data;
}

/** Required text, trimmed; `what` completes "Enter …". */
export const requiredText = (what: string, max: number = LIMITS.short) =>
  z
    .string({ error: (iss) => (iss.input === undefined || iss.input === null ? `Enter ${what}.` : "Expected text.") })
    .trim()
    .min(1, { error: `Enter ${what}.` })
    .max(max, { error: tooLongMessage(max) });

/** Optional text, trimmed; an empty answer counts as no answer. */
export const optionalText = (max: number = LIMITS.short) =>
  z
    .string()
    .trim()
    .max(max, { error: tooLongMessage(max) })
    .optional()
    .transform((s) => (s === undefined || s === "" ? undefined : s));

export const id = (what: string) => z.uuid({ error: `Choose ${what}.` });

export const expectedVersion = z.int({ error: "Reload the page: the form did not say which version of the dispute it was based on." }).min(1);

/**
 * An instant as ISO 8601 text. With an offset ("Z", "+01:00") it is exact; without
 * one it is read in the partnership's time zone by the use case (parseInstant).
 */
export const instantText = (what: string) =>
  z
    .string({ error: `Enter ${what}.` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/, {
      error: `Enter ${what} as a date and time, for example 2026-06-04T09:30.`,
    });

export const DISCUSSION_METHODS = ["phone", "meeting", "video", "email", "other"] as const;
export const CONFIRMATION_METHODS = ["phone", "meeting", "video", "email", "letter", "other"] as const;

export const SUBJECT_KINDS = ["child", "adult"] as const;

/** Who the dispute concerns: enough to find them in agency records, nothing more. */
export const SubjectSchema = z.strictObject({
  kind: z.enum(SUBJECT_KINDS, { error: "Choose child or adult." }),
  initials: z
    .string({ error: "Enter their initials." })
    .trim()
    .regex(/^[A-Za-z]{1,4}$/, { error: "Enter 1 to 4 letters, their initials only (for example JS)." })
    .transform((s) => s.toUpperCase()),
  yearOfBirth: z.int({ error: "Enter their year of birth as four digits, for example 2015." }),
  caseReferences: z
    .array(
      z.strictObject({
        agencyId: id("the agency whose record this is"),
        reference: requiredText("the agency's case reference", LIMITS.reference),
      }),
    )
    .max(LIMITS.caseReferences)
    .default([]),
});
export type Subject = z.output<typeof SubjectSchema>;

export const AgreedActionInputSchema = z.strictObject({
  description: requiredText("what was agreed", LIMITS.long),
  ownerName: requiredText("who will do it"),
  ownerUserId: id("the person who will do it").optional(),
  ownerAgencyId: id("their agency").optional(),
  dueDate: z.iso.date({ error: "Enter the date it is due, written YYYY-MM-DD, for example 2026-06-04." }),
});
export type AgreedActionInput = z.output<typeof AgreedActionInputSchema>;

export const OwnerChoiceSchema = z
  .strictObject({
    userId: id("who will own it"),
    proxy: z.boolean().default(false),
    proxyReason: optionalText(LIMITS.long),
  })
  .superRefine((o, ctx) => {
    if (o.proxy && !o.proxyReason) {
      ctx.addIssue({ code: "custom", path: ["proxyReason"], message: "Say why a proxy is needed (for example, the agency has no one at this level)." });
    }
  });
export type OwnerChoice = z.output<typeof OwnerChoiceSchema>;

export const OwnersSchema = z.strictObject({ raising: OwnerChoiceSchema.optional(), responding: OwnerChoiceSchema.optional() });

export const FormInputSchema = z.strictObject({
  formId: requiredText("which form"),
  sentTo: z.array(requiredText("who it was sent to")).max(LIMITS.recipients).optional(),
  note: optionalText(LIMITS.long),
});
export type FormInput = z.output<typeof FormInputSchema>;
