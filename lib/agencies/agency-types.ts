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

/** An agency type in the middle of a sentence, after "in": "the policy's manager level in the police". */
export const AGENCY_TYPE_IN_SENTENCE: Record<AgencyType, string> = {
  childrens_social_care: "children's social care",
  adult_social_care: "adult social care",
  police: "the police",
  health: "health",
  education: "education",
  probation: "probation",
  youth_justice: "youth justice",
  housing: "housing",
  local_authority: "the local authority's other services",
  voluntary: "the voluntary and community sector",
  other: "other agencies",
};
