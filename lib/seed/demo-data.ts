import type { AgencyType, Role } from "../db/generated/enums";

/**
 * The demo installation: the five seed partnerships, a handful of agencies each,
 * and a demo user for every role. Names are fictional; e-mail addresses use the
 * reserved .example domain so nothing can ever be sent to them.
 */

export type DemoAgency = { key: string; name: string; type: AgencyType };
/** `jobTitle`: their title in the agency; where it is a policy's words for a level, owner suggestions put them first. */
export type DemoUser = { key: string; name: string; agency: string; roles: Role[]; jobTitle: string };
export type DemoPartnership = {
  id: string;
  name: string;
  code: string;
  agencies: DemoAgency[];
  users: DemoUser[];
};

/** Agencies most partnerships have; each partnership adds its own names. */
function agencies(local: { council: string; school: string; health: string; police: string; voluntary: string; probation?: string }): DemoAgency[] {
  const list: DemoAgency[] = [
    { key: "csc", name: `${local.council} Children's Services`, type: "childrens_social_care" },
    { key: "school", name: local.school, type: "education" },
    { key: "health", name: local.health, type: "health" },
    { key: "police", name: local.police, type: "police" },
    { key: "voluntary", name: local.voluntary, type: "voluntary" },
  ];
  if (local.probation) list.push({ key: "probation", name: local.probation, type: "probation" });
  return list;
}

/** The same cast in every partnership, so a demo journey reads the same anywhere. */
const cast: DemoUser[] = [
  { key: "teacher", name: "Priya Shah", agency: "school", roles: ["practitioner"], jobTitle: "Class Teacher" },
  { key: "school-manager", name: "Tom Okafor", agency: "school", roles: ["manager"], jobTitle: "Designated Safeguarding Lead" },
  { key: "headteacher", name: "Helen Marsh", agency: "school", roles: ["senior_manager"], jobTitle: "Head Teacher" },
  { key: "social-worker", name: "Sam Riley", agency: "csc", roles: ["practitioner"], jobTitle: "Social Worker" },
  { key: "team-manager", name: "Grace Adeyemi", agency: "csc", roles: ["manager"], jobTitle: "Team Manager" },
  { key: "head-of-service", name: "Martin Cole", agency: "csc", roles: ["senior_manager"], jobTitle: "Head of Service" },
  { key: "director", name: "Alison Reeve", agency: "csc", roles: ["director"], jobTitle: "Director of Children's Services" },
  { key: "health-visitor", name: "Nadia Hussain", agency: "health", roles: ["practitioner"], jobTitle: "Health Visitor" },
  { key: "named-nurse", name: "Owen Price", agency: "health", roles: ["manager"], jobTitle: "Named Nurse for Safeguarding Children" },
  { key: "police-officer", name: "DC Jamie Fraser", agency: "police", roles: ["practitioner"], jobTitle: "Detective Constable" },
  { key: "business-manager", name: "Ruth Bennett", agency: "csc", roles: ["board_business_manager"], jobTitle: "Safeguarding Partnership Business Manager" },
  { key: "chair", name: "Professor Eleanor Hart", agency: "csc", roles: ["board_chair"], jobTitle: "Independent Chair" },
  { key: "admin", name: "Kieran Walsh", agency: "csc", roles: ["partnership_admin"], jobTitle: "Partnership Support Officer" },
];

export const DEMO_PARTNERSHIPS: DemoPartnership[] = [
  {
    id: "torbay",
    name: "Torbay Safeguarding Children Partnership",
    code: "TSCP",
    agencies: agencies({
      council: "Torbay Council",
      school: "Paignton Community Primary School",
      health: "Torbay and South Devon NHS Foundation Trust",
      police: "Devon and Cornwall Police",
      voluntary: "Bay Families Together",
      probation: "Probation Service (South West)",
    }),
    users: cast,
  },
  {
    id: "cambridgeshire-peterborough",
    name: "Cambridgeshire and Peterborough Safeguarding Children Partnership",
    code: "CPSCP",
    agencies: agencies({
      council: "Cambridgeshire County Council",
      school: "Fenland Academy",
      health: "Cambridgeshire Community Services NHS Trust",
      police: "Cambridgeshire Constabulary",
      voluntary: "Ely Young People's Project",
    }),
    users: cast,
  },
  {
    id: "isle-of-man",
    name: "Isle of Man Safeguarding Board",
    code: "IOMSB",
    agencies: [
      ...agencies({
        council: "Isle of Man Government",
        school: "Ballakermeen High School",
        health: "Manx Care",
        police: "Isle of Man Constabulary",
        voluntary: "Manx Youth Trust",
      }),
      { key: "adult-social-care", name: "Manx Care Adult Social Care", type: "adult_social_care" },
    ],
    users: [
      ...cast,
      { key: "adult-social-worker", name: "Ewan Kinvig", agency: "adult-social-care", roles: ["practitioner"], jobTitle: "Social Worker (Adults)" },
    ],
  },
  {
    id: "westbridge",
    name: "Westbridge Local Safeguarding Children Partnership",
    code: "WLSCP",
    agencies: agencies({
      council: "Westbridge Borough Council",
      school: "Westbridge St Mary's Church of England Primary School",
      health: "Westbridge Integrated Care Board",
      police: "Westbridge Police",
      voluntary: "Westbridge Family Action",
    }),
    users: cast,
  },
  {
    id: "eastmoor",
    name: "Eastmoor Safeguarding Children Partnership",
    code: "ESCP",
    agencies: agencies({
      council: "Eastmoor County Council",
      school: "Eastmoor Valley Academy",
      health: "Eastmoor Community Health",
      police: "Eastmoor Constabulary",
      voluntary: "Eastmoor Youth Works",
      probation: "Probation Service (Eastmoor)",
    }),
    users: cast,
  },
];

/** A police officer who serves two partnerships: one person, two memberships. */
export const DEMO_SHARED_USER = {
  key: "shared-police",
  name: "Sergeant Lee Carter",
  jobTitle: "Police Sergeant",
  memberships: [
    { partnership: "torbay", agency: "police", roles: ["practitioner"] as Role[] },
    { partnership: "westbridge", agency: "police", roles: ["practitioner"] as Role[] },
  ],
};

export function demoEmail(userKey: string, partnershipId?: string): string {
  return partnershipId ? `${userKey}@${partnershipId}.example` : `${userKey}@parley.example`;
}

/**
 * Every demo user's password, shown on the sign-in page in demo mode only. It
 * passes Parley's own password rules (tests/unit/auth/password-rules.test.ts checks).
 */
export const DEMO_PASSWORD = "parley-demo-password";
