/** Role levels shared with the rest of the app. A policy names roles only by these ids. */
export const ROLE_LEVELS = ["practitioner", "manager", "senior-manager", "director", "board-business-manager", "board-chair", "partnership-admin"] as const;

export type RoleLevel = (typeof ROLE_LEVELS)[number];

export const ROLE_LEVEL_LABELS: Record<RoleLevel, string> = {
  practitioner: "practitioner",
  manager: "manager",
  "senior-manager": "senior manager",
  director: "director",
  "board-business-manager": "board business manager",
  "board-chair": "board chair",
  "partnership-admin": "partnership administrator",
};
