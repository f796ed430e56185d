import type { AgencyType } from "../db/generated/enums";

export type AgencyTypeName = AgencyType;

/** An agency type in words, as a board report or a form shows it. */
export const AGENCY_TYPE_LABELS: Record<AgencyType, string> = {
  childrens_social_care: "Children's social care",
  adult_social_care: "Adult social care",
  police: "Police",
  health: "Health",
  education: "Education",
  probation: "Probation",
  youth_justice: "Youth justice",
  housing: "Housing",
  local_authority: "Local authority (other services)",
  voluntary: "Voluntary and community sector",
  other: "Other",
};
