import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import { signInWithPassword } from "../../../lib/auth/sign-in";
import { startSession, validateSession } from "../../../lib/auth/sessions";
import { createUser, issuePasswordLink, type CreateUserInput } from "../../../lib/users/create";
import { UserInputError } from "../../../lib/errors";
import { findSetupLink, setPasswordWithLink } from "../../../lib/users/set-password";
import { hashSetupToken } from "../../../lib/users/setup-tokens";
import { auditOf, browser, clock } from "./helpers";
import { withTestDatabase } from "../../support/test-database";

describe("creating users and their first password", () => {
  let db: Database;
  const at = clock();
  const input = {
    partnershipId: "torbay",
    email: "Kim.Lee@Torbay.gov.uk",
    name: "Kim Lee",
    agency: "torbay council children's services",
    roles: ["partnership-admin", "manager"],
  };

  withTestDatabase({ disputes: false }, (opened) => (db = opened));

  it("creates a user with a membership and a one-time link, stored only as a hash, valid for 72 hours", async () => {
    const result = await createUser(db, input, browser(), null, at(0));
    expect(result).toMatchObject({
      created: true,
      partnershipName: "Torbay Safeguarding Children Partnership",
      agencyName: "Torbay Council Children's Services",
      roles: ["partnership_admin", "manager"],
    });
    const token = result.setup!.token;
    expect(result.setup!.expiresAt).toEqual(at(72 * 60));
    const stored = await asSystem(db, (tx) => tx.passwordSetupToken.findMany({ where: { userId: result.userId } }));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toBe(hashSetupToken(token));
    expect(stored[0]!.tokenHash).not.toContain(token);
    const user = await asSystem(db, (tx) => tx.user.findUniqueOrThrow({ where: { id: result.userId }, include: { memberships: true } }));
    expect(user).toMatchObject({ email: "kim.lee@torbay.gov.uk", passwordHash: null, active: true });
    expect(user.memberships).toMatchObject([{ partnershipId: "torbay", roles: ["partnership_admin", "manager"] }]);
    const created = (await auditOf(db, ["user_created"])).filter((e) => e.subjectId === result.userId);
    expect(created).toMatchObject([{ partnershipId: "torbay", details: { via: "admin-cli", newUser: true } }]);

    // Choosing a password: the same rules as everywhere.
    expect(await findSetupLink(db, token, at(1))).toMatchObject({ email: "kim.lee@torbay.gov.uk" });
    const base = { token, confirmPassword: "" };
    expect(await setPasswordWithLink(db, { ...base, password: "short" }, browser(), at(1))).toEqual({
      ok: false,
      fields: { password: "Password must be 12 characters or more" },
    });
    expect(await setPasswordWithLink(db, { ...base, password: "password1234", confirmPassword: "password1234" }, browser(), at(1))).toMatchObject({
      ok: false,
      fields: { password: expect.stringMatching(/commonly used/) },
    });
    expect(await setPasswordWithLink(db, { ...base, password: "kim.lee-is-great", confirmPassword: "kim.lee-is-great" }, browser(), at(1))).toMatchObject({
      ok: false,
      fields: { password: "Password must not contain your email address" },
    });
    expect(await setPasswordWithLink(db, { ...base, password: "tidal-marsh-lantern", confirmPassword: "tidal-marsh-lanter" }, browser(), at(1))).toEqual({
      ok: false,
      fields: { confirmPassword: "Passwords do not match" },
    });
    expect(await setPasswordWithLink(db, { ...base, password: "tidal-marsh-lantern", confirmPassword: "tidal-marsh-lantern" }, browser(), at(2))).toEqual({
      ok: true,
      email: "kim.lee@torbay.gov.uk",
    });
    // Once only.
    expect(await findSetupLink(db, token, at(3))).toBeNull();
    expect(
      await setPasswordWithLink(db, { ...base, password: "another-fine-password", confirmPassword: "another-fine-password" }, browser(), at(3)),
    ).toMatchObject({
      ok: false,
      linkInvalid: true,
    });
    expect(await signInWithPassword(db, { email: "kim.lee@torbay.gov.uk", password: "tidal-marsh-lantern" }, browser(), at(4))).toMatchObject({ ok: true });
    expect((await auditOf(db, ["password_set"])).filter((e) => e.subjectId === result.userId)).toHaveLength(1);
  });

  it("adds a membership to an existing user, without a new link when they have a password", async () => {
    const result = await createUser(
      db,
      { ...input, partnershipId: "westbridge", agency: "Westbridge Police", roles: ["practitioner"] },
      browser(),
      null,
      at(10),
    );
    expect(result).toMatchObject({ created: false, setup: null, roles: ["practitioner"] });
  });

  it("refuses, in one line each, an unknown partnership, agency or role, a bad address and a second membership", async () => {
    const attempt = (over: Partial<CreateUserInput>) => createUser(db, { ...input, email: "new.person@torbay.gov.uk", ...over }, browser());
    await expect(attempt({ partnershipId: "atlantis" })).rejects.toThrow(new UserInputError('unknown partnership "atlantis"'));
    await expect(attempt({ agency: "Ministry of Magic" })).rejects.toThrow(/^unknown agency "Ministry of Magic" in torbay \(agencies: /);
    await expect(attempt({ roles: ["wizard"] })).rejects.toThrow(/^unknown role "wizard"/);
    await expect(attempt({ email: "not an email" })).rejects.toThrow('"not an email" is not an email address');
    await expect(attempt({ roles: [] })).rejects.toThrow("give at least one --role");
    await expect(attempt({ jobTitle: "x".repeat(121) })).rejects.toThrow("Enter a job title of 120 characters or fewer.");
    await expect(createUser(db, input, browser())).rejects.toThrow("kim.lee@torbay.gov.uk is already a member of torbay");
    expect(await asSystem(db, (tx) => tx.user.count({ where: { email: "new.person@torbay.gov.uk" } }))).toBe(0);
  });

  it("keeps a job title, trimmed, and audits it", async () => {
    const result = await createUser(
      db,
      { ...input, email: "nurse@torbay.gov.uk", agency: "Torbay and South Devon NHS Foundation Trust", jobTitle: "  Named   Nurse " },
      browser(),
    );
    expect(result.jobTitle).toBe("Named Nurse");
    const membership = await asSystem(db, (tx) => tx.membership.findFirstOrThrow({ where: { userId: result.userId } }));
    expect(membership.jobTitle).toBe("Named Nurse");
    expect((await auditOf(db, ["user_created"])).find((e) => e.subjectId === result.userId)?.details).toMatchObject({ jobTitle: "Named Nurse" });
  });

  it("expires links after 72 hours, and a new password ends the user's open sessions", async () => {
    const { token } = await issuePasswordLink(db, "teacher@torbay.example", browser(), at(0));
    expect(await findSetupLink(db, token, at(72 * 60 - 1))).not.toBeNull();
    expect(await findSetupLink(db, token, at(72 * 60))).toBeNull();

    const fresh = await issuePasswordLink(db, "teacher@torbay.example", browser(), at(100));
    const user = (await findSetupLink(db, fresh.token, at(100)))!.userId;
    const session = await startSession(db, user, "password", browser(), { maxHours: 10 }, at(100));
    await setPasswordWithLink(db, { token: fresh.token, password: "river-otter-quartz", confirmPassword: "river-otter-quartz" }, browser(), at(101));
    expect(await validateSession(db, session, browser(), { maxHours: 10, idleMinutes: 30 }, at(101.5))).toBeNull();
  });
});

describe("npm run admin", () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", path.resolve("scripts/admin.ts"), ...args], {
      env: { PATH: process.env.PATH, NODE_ENV: "test", PGLITE_DATA_DIR: "/nonexistent/parley-admin-test" },
      encoding: "utf8",
      timeout: 30_000,
    });

  it("answers a mistake with one line and exit code 2, before touching a database", () => {
    const badRole = run("create-user", "--partnership", "torbay", "--email", "a@b.example", "--name", "A B", "--agency", "X", "--role", "wizard");
    expect(badRole.status).toBe(2);
    expect(badRole.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^admin: unknown role "wizard"/)]);
    const badEmail = run("create-user", "--partnership", "torbay", "--email", "nope", "--name", "A B", "--agency", "X", "--role", "manager");
    expect(badEmail.status).toBe(2);
    expect(badEmail.stderr.trim()).toBe('admin: "nope" is not an email address');
    const longTitle = run(
      "create-user",
      "--partnership",
      "torbay",
      "--email",
      "a@b.example",
      "--name",
      "A B",
      "--agency",
      "X",
      "--role",
      "manager",
      "--job-title",
      "x".repeat(121),
    );
    expect(longTitle.status).toBe(2);
    expect(longTitle.stderr.trim()).toBe("admin: Enter a job title of 120 characters or fewer.");
    expect(run("frobnicate").status).toBe(2);
    expect(run("create-user", "--nonsense").status).toBe(2);
  });
});
