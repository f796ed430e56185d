/**
 * The access matrix: every route in lib/auth/routes.ts, as someone signed out,
 * a member of another partnership, and each role of the right partnership.
 * Each must get exactly what the table (and docs/permissions.md) says.
 */
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import type { Role } from "../lib/db/generated/enums";
import { escalationAccess } from "../lib/auth/permissions";
import { outcomeFor, ROUTES, statusFor, type Caller, type RouteRule } from "../lib/auth/routes";
import { DEMO_PASSWORD } from "../lib/seed/demo-data";
import { makeApiToken } from "./support/api-tokens";
import { registerWebhook } from "./support/webhooks";
import { signInAs } from "./support/sign-in";

type Identity = { label: string; email?: string; partnership?: string; agency?: string; roles?: Role[] };

const TORBAY: Identity[] = (
  [
    { label: "practitioner who raised it", email: "teacher@torbay.example", agency: "school", roles: ["practitioner"] },
    { label: "manager (raising agency)", email: "school-manager@torbay.example", agency: "school", roles: ["manager"] },
    { label: "senior manager (raising agency)", email: "headteacher@torbay.example", agency: "school", roles: ["senior_manager"] },
    { label: "director (responding agency)", email: "director@torbay.example", agency: "csc", roles: ["director"] },
    { label: "practitioner of another agency", email: "health-visitor@torbay.example", agency: "health", roles: ["practitioner"] },
    { label: "board business manager", email: "business-manager@torbay.example", agency: "csc", roles: ["board_business_manager"] },
    { label: "board chair", email: "chair@torbay.example", agency: "csc", roles: ["board_chair"] },
    { label: "partnership administrator", email: "admin@torbay.example", agency: "csc", roles: ["partnership_admin"] },
  ] satisfies Identity[]
).map((i) => ({ ...i, partnership: "torbay" }));

const IDENTITIES: Identity[] = [
  { label: "signed out" },
  { label: "member of another partnership", email: "teacher@isle-of-man.example", partnership: "isle-of-man" },
  ...TORBAY,
];

const csrfOf = async (ctx: APIRequestContext) => (await ctx.storageState()).cookies.find((c) => c.name === "parley-csrf")?.value ?? "";

async function contextFor(baseURL: string, identity: Identity): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL });
  const csrf = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  if (identity.email) {
    const signedIn = await ctx.post("/api/auth/callback/credentials", {
      form: { csrfToken: csrf.csrfToken, email: identity.email, password: DEMO_PASSWORD },
      headers: { "X-CSRF-Token": await csrfOf(ctx) },
      maxRedirects: 0,
    });
    expect(signedIn.status(), `sign in as ${identity.email}`).toBe(302);
  }
  return ctx;
}

test("every route answers each kind of user exactly as the permission table says", async ({ baseURL, page }) => {
  test.setTimeout(240_000);
  // {token}: an API token the administrator makes in their pages (API tokens themselves: e2e/api-tokens.spec.ts).
  await signInAs(page, "admin@torbay.example");
  const apiToken = await makeApiToken(page, { name: "Access matrix", agency: "Torbay Council Children's Services", may: ["Read the agency's disputes"] });
  // {webhook}: an endpoint the administrator registers (webhooks themselves: e2e/webhooks.spec.ts).
  const webhook = await registerWebhook(page, {
    name: "Access matrix",
    agency: "Torbay Council Children's Services",
    url: "https://case-system.example.gov.uk/parley",
    events: ["A dispute is resolved"],
  });
  const contexts = new Map<string, APIRequestContext>();
  for (const identity of IDENTITIES) contexts.set(identity.label, await contextFor(baseURL!, identity));
  const raiser = contexts.get(TORBAY[0]!.label)!;

  // A dispute at Torbay stage 1: a school practitioner against children's social care.
  const agencies = (await (await raiser.get("/api/v1/agencies?partnership=torbay")).json()) as { items: { id: string; type: string }[] };
  const csc = agencies.items.find((a) => a.type === "childrens_social_care")!.id;
  const school = agencies.items.find((a) => a.type === "education")!.id;
  const raiseBody = {
    respondingAgencyId: csc,
    respondingPerson: "Sam Riley",
    subjects: [{ kind: "child", initials: "AB", yearOfBirth: 2018, caseReferences: [] }],
    areas: ["levels-of-need"],
    decisionDisputed: "Closed with no further action.",
    whyUnsafe: "Repeated disclosures.",
    evidenceSummary: "Safeguarding log.",
    outcomeSought: "An assessment.",
    immediateRisk: false,
  };
  const raised = await raiser.post("/api/v1/escalations?partnership=torbay", { data: raiseBody, headers: { "X-CSRF-Token": await csrfOf(raiser) } });
  expect(raised.status()).toBe(201);
  const dispute = (await raised.json()) as { id: string; reference: string };
  const detail = (await (await raiser.get(`/api/v1/escalations/${dispute.id}`)).json()) as { escalation: { raisedById: string; raisedAt: string } };
  const teacherId = detail.escalation.raisedById;

  // {agency} is the school and {user} its teacher: the administrator names her as a contact, then removes her (in table order).
  const path = (rule: RouteRule) =>
    rule.path
      .replace("{p}", "torbay")
      .replace("{id}", dispute.id)
      .replace("{user}", teacherId)
      .replace("{agency}", school)
      .replace("{token}", apiToken.id)
      .replace("{webhook}", webhook.id);

  const callerOf = (identity: Identity): Caller => {
    if (!identity.email) return { signedIn: false };
    if (identity.partnership !== "torbay") return { signedIn: true, member: false };
    const access = escalationAccess(
      { userId: identity.email === TORBAY[0]!.email ? "raiser" : identity.email, agencyId: identity.agency!, roles: identity.roles! },
      {
        raisingAgencyId: "school",
        respondingAgencyId: "csc",
        participantIds: ["raiser"],
        currentLevels: { raising: "practitioner", responding: "practitioner" },
        underBoardOversight: false,
      },
    );
    return { signedIn: true, member: true, roles: identity.roles!, seesDispute: access !== "none" };
  };

  const mismatches: string[] = [];
  for (const identity of IDENTITIES) {
    const ctx = contexts.get(identity.label)!;
    for (const rule of ROUTES) {
      const expected = statusFor(rule, outcomeFor(rule, callerOf(identity)));
      const headers = { "X-CSRF-Token": await csrfOf(ctx) };
      let status: number;
      if (rule.method === "GET") {
        status = (await ctx.get(path(rule), { maxRedirects: 0 })).status();
      } else if (rule.path.endsWith("/comments")) {
        const version = ((await (await raiser.get(`/api/v1/escalations/${dispute.id}`)).json()) as { escalation: { version: number } }).escalation.version;
        status = (await ctx.post(path(rule), { data: { expectedVersion: version, text: `Checked by ${identity.label}` }, headers, maxRedirects: 0 })).status();
      } else if (rule.path.endsWith("/discussions")) {
        const version = ((await (await raiser.get(`/api/v1/escalations/${dispute.id}`)).json()) as { escalation: { version: number } }).escalation.version;
        const data = { expectedVersion: version, with: "Sam Riley", how: "phone", occurredAt: detail.escalation.raisedAt, said: `Spoke, as ${identity.label}` };
        status = (await ctx.post(path(rule), { data, headers, maxRedirects: 0 })).status();
      } else if (rule.path.endsWith("/contacts")) {
        status = (await ctx.post(path(rule), { data: { userId: teacherId }, headers, maxRedirects: 0 })).status();
      } else if (rule.path.endsWith("/remove")) {
        status = (await ctx.post(path(rule), { data: {}, headers, maxRedirects: 0 })).status();
      } else if (rule.path.endsWith("/audit/export")) {
        status = (await ctx.post(path(rule), { form: { reference: dispute.reference }, headers, maxRedirects: 0 })).status();
      } else {
        // Raise against an agency other than the caller's own.
        const against = identity.agency === "csc" ? school : csc;
        status = (await ctx.post(path(rule), { data: { ...raiseBody, respondingAgencyId: against }, headers, maxRedirects: 0 })).status();
      }
      if (!expected.includes(status)) mismatches.push(`${identity.label}: ${rule.method} ${rule.path} answered ${status}, expected ${expected.join(" or ")}`);
    }
  }
  expect(mismatches).toEqual([]);
  for (const ctx of contexts.values()) await ctx.dispose();
});
