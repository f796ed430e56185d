/** What the partnership administrators' pages show and post: plain data, no React. */
import type { Role } from "../db/generated/enums";
import { ROLE_LABELS, ROLES } from "../auth/permissions";
import { errorsByField, fieldNames, list, text, type FieldSpec, type FormState, type FormValues } from "./form-spec";
import { formFailure } from "../errors";
import { JOB_TITLE_MAX } from "../users/job-title";

export const ROLE_HINTS: Record<Role, string> = {
  practitioner: "Raises disagreements and takes part in them.",
  manager: "Line manager: owns stage 2 of most policies, sees their agency's disputes at that level.",
  senior_manager: "Head of service, head teacher: owns the senior-manager stage.",
  director: "Director or equivalent.",
  board_business_manager: "Keeps the partnership's register of disputes at the board stage.",
  board_chair: "Decides at the final stage; may set its timescale.",
  partnership_admin: "Manages people and sees the policy in force. Does not see case details unless they also hold a case role.",
};

export function memberFields(agencies: { id: string; name: string }[]): FieldSpec[] {
  return [
    {
      kind: "select",
      name: "agencyId",
      label: "Agency they act for",
      options: agencies.map((a) => ({ value: a.id, label: a.name })),
      placeholder: "Choose an agency",
    },
    {
      kind: "text",
      name: "jobTitle",
      label: "Job title (optional)",
      hint: `Their title in that agency, for example Detective Sergeant or Team Manager (up to ${JOB_TITLE_MAX} characters). Where it is what the policy calls the level a stage expects, Parley suggests them first as the owner.`,
      autoComplete: "off",
    },
    {
      kind: "checkboxes",
      name: "roles",
      label: "Roles in this partnership",
      hint: "Select all that apply.",
      options: ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r], hint: ROLE_HINTS[r] })),
    },
  ];
}

export function newPersonFields(agencies: { id: string; name: string }[]): FieldSpec[] {
  return [
    { kind: "text", name: "name", label: "Full name", autoComplete: "off" },
    { kind: "text", name: "email", label: "Work email address", hint: "They sign in with this address.", autoComplete: "off" },
    ...memberFields(agencies),
  ];
}

export const memberInput = (values: FormValues) => ({ agencyId: text(values, "agencyId"), jobTitle: text(values, "jobTitle"), roles: list(values, "roles") });
export const newPersonInput = (values: FormValues) => ({ name: text(values, "name"), email: text(values, "email").trim(), ...memberInput(values) });

/** A failed attempt as the form shows it: field errors in order, or a message; anything else is a real error. */
export function failedState(error: unknown, previous: FormState, values: FormValues, fields: FieldSpec[]): FormState {
  const base = { attempt: previous.attempt + 1, values, errors: {} as Record<string, string> };
  const failure = formFailure(error);
  if (!failure) throw error;
  return failure.kind === "fields" ? { ...base, ...errorsByField(failure.fields, fieldNames(fields)) } : { ...base, message: failure.message };
}
