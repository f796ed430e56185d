/**
 * API tokens (issue 16): the partnership administrator makes a token for an
 * agency's case-management system in the administration pages, copies it from
 * the one page that shows it, and the system lists its disputes with
 * Authorization: Bearer; then, in a browser without JavaScript, a token with
 * each permission gets from every API route exactly what lib/auth/routes.ts
 * (and docs/permissions.md) says.
 */
import { expect, request as playwrightRequest, test, type Browser } from "@playwright/test";
import { tokenRoles } from "../lib/auth/permissions";
import { ROUTES, statusFor, tokenOutcomeFor, type RouteRule } from "../lib/auth/routes";
import type { ApiTokenPermission } from "../lib/db/generated/enums";
import { DEMO_PASSWORD } from "../lib/seed/demo-data";
import { expectAccessible } from "./support/axe";
import { expectAccessibleWithoutJavaScript } from "./support/axe-without-javascript";
import { makeApiToken } from "./support/api-tokens";
import { signInAs } from "./support/sign-in";

const CSC = "Torbay Council Children's Services";
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

test("the administrator makes a token for a case system, copies it once, the system lists its disputes with it, and revoking it stops it", async ({
  page,
  context,
  request,
  baseURL,
}) => {
  await signInAs(page, "admin@torbay.example");
  await page.getByRole("navigation", { name: "Partnership" }).getByRole("link", { name: "Administration" }).click();
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Make an API token" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Make an API token" })).toBeVisible();
  await expectAccessible(page);
  // Nothing filled in: the error summary names each question, and the title says so.
  await page.getByRole("button", { name: "Make token" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: Make an API token/);
  for (const message of [
    "Enter a name for the token.",
    "Choose the agency whose system will use it.",
    "Choose at least one thing the token may do.",
    "Enter the date the token expires",
  ]) {
    await expect(page.getByRole("link", { name: message })).toBeVisible();
  }
  await expectAccessible(page);
  // More than a year away: refused, naming the latest day allowed.
  await page.getByLabel("Name", { exact: true }).fill("Mosaic case records");
  await page.getByLabel("Agency whose system will use it").selectOption({ label: CSC });
  await page.getByRole("checkbox", { name: "Read the agency's disputes", exact: true }).check();
  const date = page.getByRole("group", { name: "Date it expires" });
  await date.getByLabel("Day").fill("5");
  await date.getByLabel("Month").fill("6");
  await date.getByLabel("Year").fill("2027");
  await page.getByRole("button", { name: "Make token" }).click();
  await expect(page.getByRole("link", { name: "Date the token expires must be no later than Friday 4 June 2027" })).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Mosaic case records");
  await date.getByLabel("Year").fill("2026");
  await date.getByLabel("Month").fill("12");
  await date.getByLabel("Day").fill("31");
  await page.getByRole("button", { name: "Make token" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Mosaic case records" })).toBeVisible();
  await expect(page.getByText("Copy the token now. This is the only time Parley shows it.")).toBeVisible();
  await expect(page.getByText("Works until the end of Thursday 31 December 2026")).toBeVisible();
  await expectAccessible(page);
  const token = (await page.locator("#new-api-token").textContent())!.trim();
  expect(token).toMatch(/^parley_[A-Za-z0-9_-]{43}$/);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await page.getByRole("button", { name: "Copy token" }).click();
  await expect(page.getByRole("region", { name: "Token made" }).getByRole("status")).toHaveText("Copied.");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(token);

  // The case system: no cookie, no CSRF header, only the token.
  const listed = await request.get("/api/v1/escalations?limit=100", { headers: bearer(copied) });
  expect(listed.status()).toBe(200);
  expect(listed.headers()["set-cookie"]).toBeUndefined();
  const { items } = (await listed.json()) as { items: { reference: string; raisingAgency: { name: string }; respondingAgency: { name: string } }[] };
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) expect([item.raisingAgency.name, item.respondingAgency.name], item.reference).toContain(CSC);

  // Shown once: the page again shows no token.
  await page.reload();
  await expect(page.getByText("The token has been shown already")).toBeVisible();
  await expect(page.locator("#new-api-token")).toHaveCount(0);
  await expect(page.getByText(token)).toHaveCount(0);

  await page.getByRole("link", { name: "API tokens", exact: true }).click();
  const row = page.getByRole("row").filter({ hasText: "Mosaic case records" });
  await expect(row).toContainText("Read the agency's disputes");
  await expect(row).toContainText("Active");
  await expect(row).not.toContainText("Never");
  await expectAccessible(page);

  await row.getByRole("link", { name: "Mosaic case records" }).click();
  await page.getByRole("button", { name: "Revoke this token" }).click();
  await expect(page.getByText("Mosaic case records has been revoked")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Mosaic case records" })).toContainText("Revoked");
  await expectAccessible(page);
  const refused = await request.get("/api/v1/escalations", { headers: bearer(token) });
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("revoked");
});

/** The administrator in a browser that runs no scripts, signed in through the plain sign-in form. */
async function adminWithoutJavaScript(browser: Browser) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Use admin@torbay.example" }).click();
  await expect(page.getByLabel("Email address")).toHaveValue("admin@torbay.example");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/p\/torbay$/);
  return { context, page };
}

const LABELS: Record<ApiTokenPermission, string> = {
  read: "Read the agency's disputes",
  raise: "Raise disagreements",
  comment: "Comment",
  record: "Record what happened",
};

test("without JavaScript the administrator makes a token with each permission, and each gets from every API route what the permission table says", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const admin = await adminWithoutJavaScript(browser);
  const sets: ApiTokenPermission[][] = [["read"], ["raise"], ["comment"], ["record"], ["read", "raise", "comment", "record"]];
  const tokens: { permissions: ApiTokenPermission[]; token: string }[] = [];
  for (const permissions of sets) {
    const made = await makeApiToken(admin.page, { name: `Case system: ${permissions.join(", ")}`, agency: CSC, may: permissions.map((p) => LABELS[p]) });
    if (tokens.length === 0) await expectAccessibleWithoutJavaScript(admin.page);
    tokens.push({ permissions, token: made.token });
  }
  await admin.page.goto("/p/torbay/admin/api-tokens");
  await expectAccessibleWithoutJavaScript(admin.page);
  await admin.context.close();

  // A dispute at Torbay stage 1: a school practitioner against children's social care (the tokens' agency).
  const teacher = await playwrightRequest.newContext({ baseURL });
  const csrf = (await (await teacher.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const csrfCookie = async () => (await teacher.storageState()).cookies.find((c) => c.name === "parley-csrf")?.value ?? "";
  expect(
    (
      await teacher.post("/api/auth/callback/credentials", {
        form: { csrfToken: csrf.csrfToken, email: "teacher@torbay.example", password: DEMO_PASSWORD },
        headers: { "X-CSRF-Token": await csrfCookie() },
        maxRedirects: 0,
      })
    ).status(),
  ).toBe(302);
  const agencies = (await (await teacher.get("/api/v1/agencies?partnership=torbay")).json()) as { items: { id: string; type: string }[] };
  const csc = agencies.items.find((a) => a.type === "childrens_social_care")!.id;
  const school = agencies.items.find((a) => a.type === "education")!.id;
  const raiseBody = {
    respondingAgencyId: csc,
    respondingPerson: "Sam Riley",
    subjects: [{ kind: "child", initials: "CD", yearOfBirth: 2017, caseReferences: [] }],
    areas: ["levels-of-need"],
    decisionDisputed: "Closed with no further action.",
    whyUnsafe: "Repeated disclosures.",
    evidenceSummary: "Safeguarding log.",
    outcomeSought: "An assessment.",
    immediateRisk: false,
  };
  const raised = await teacher.post("/api/v1/escalations?partnership=torbay", { data: raiseBody, headers: { "X-CSRF-Token": await csrfCookie() } });
  expect(raised.status()).toBe(201);
  const dispute = (await raised.json()) as { id: string };
  const current = async () =>
    ((await (await teacher.get(`/api/v1/escalations/${dispute.id}`)).json()) as { escalation: { version: number; raisedAt: string; raisedById: string } })
      .escalation;
  const { raisedAt, raisedById } = await current();

  // A session cookie and a token together: refused, whoever's they are.
  const both = await teacher.post(`/api/v1/escalations/${dispute.id}/comments`, {
    data: { expectedVersion: (await current()).version, text: "Both at once" },
    headers: { ...bearer(tokens[4]!.token), "X-CSRF-Token": await csrfCookie() },
  });
  expect(both.status()).toBe(400);

  const path = (rule: RouteRule) => rule.path.replace("{p}", "torbay").replace("{id}", dispute.id).replace("{user}", raisedById).replace("{agency}", school);
  const mismatches: string[] = [];
  for (const { permissions, token } of tokens) {
    // No cookies at all: a context of its own, with the token on every request.
    const system = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: bearer(token) });
    // Children's social care's director sees this dispute at stage 1; its practitioner (a token without read) does not.
    const seesDispute = tokenRoles(permissions).includes("director");
    for (const rule of ROUTES) {
      const outcome = tokenOutcomeFor(rule, { permissions, seesDispute });
      if (outcome === null) continue;
      const expected = statusFor(rule, outcome);
      let status: number;
      if (rule.method === "GET") {
        status = (await system.get(path(rule), { maxRedirects: 0 })).status();
      } else if (rule.path.endsWith("/comments")) {
        status = (await system.post(path(rule), { data: { expectedVersion: (await current()).version, text: `From ${permissions.join("+")}` } })).status();
      } else if (rule.path.endsWith("/discussions")) {
        const data = {
          expectedVersion: (await current()).version,
          with: "Priya Shah",
          how: "phone",
          occurredAt: raisedAt,
          said: `Spoke (${permissions.join("+")})`,
        };
        status = (await system.post(path(rule), { data })).status();
      } else if (rule.path.endsWith("/contacts")) {
        status = (await system.post(path(rule), { data: { userId: raisedById } })).status();
      } else if (rule.path.endsWith("/remove")) {
        status = (await system.post(path(rule), { data: {} })).status();
      } else {
        status = (await system.post(path(rule), { data: { ...raiseBody, respondingAgencyId: school } })).status();
      }
      if (!expected.includes(status))
        mismatches.push(`token (${permissions.join(", ")}): ${rule.method} ${rule.path} answered ${status}, expected ${expected.join(" or ")}`);
    }
    await system.dispose();
  }
  expect(mismatches).toEqual([]);

  // What the tokens did is on the record under their names.
  const history = ((await (await teacher.get(`/api/v1/escalations/${dispute.id}`)).json()) as { history: { type: string; actor: { name: string } }[] }).history;
  expect(history).toContainEqual(
    expect.objectContaining({ type: "comment", actor: expect.objectContaining({ name: "Case system: read, raise, comment, record (API token)" }) }),
  );
  expect(history).toContainEqual(
    expect.objectContaining({ type: "discussion_recorded", actor: expect.objectContaining({ name: "Case system: read, raise, comment, record (API token)" }) }),
  );
  await teacher.dispose();
});
