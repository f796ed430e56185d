/**
 * The forms (server actions) under the one text rule: a value Parley cannot
 * store comes back as the form's own validation error, on its field and named
 * by its label, and nothing is written. Before, each reached PostgreSQL and the
 * action threw (a 500). The actions run for real on a test database; only what
 * Next.js gives them per request (who is signed in, redirects) is stood in for.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "../../../lib/auth/actor";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import { getEscalation } from "../../../lib/escalations";
import { partnershipDirectory } from "../../../lib/escalations/directory";
import { actionFormView } from "../../../lib/views/dispute-forms";
import { initialFormState, type FormState } from "../../../lib/views/form-spec";
import { actorFor, agencyId, eventCount, policies, raiseTorbayDispute } from "../../support/escalations";
import { withTestDatabase } from "../../support/test-database";

const the = vi.hoisted(() => ({ db: undefined as unknown, actor: undefined as unknown }));

vi.mock("server-only", () => ({}));
vi.mock("@/lib/db/client", () => ({ getDatabase: async () => the.db }));
vi.mock("@/lib/server/policies", async () => ({ policyRegistry: (await import("../../support/escalations")).policies }));
vi.mock("@/lib/auth/server", () => ({
  requireActor: async () => the.actor,
  currentRequestContext: async () => ({ ipAddress: "198.51.100.7", userAgent: "form-test" }),
}));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`redirected to ${to}`);
  },
  notFound: () => {
    throw new Error("not found");
  },
}));

const { submitDisputeAction } = await import("../../../app/p/[partnership]/disputes/[id]/actions");
const { saveRaiseStep } = await import("../../../app/p/[partnership]/disputes/new/actions");
const { addPersonAction } = await import("../../../app/p/[partnership]/admin/actions");

function form(entries: Record<string, string>): FormData {
  const f = new FormData();
  f.append("$ACTION_KEY", "k");
  for (const [name, value] of Object.entries(entries)) f.append(name, value);
  return f;
}

describe("forms refuse text Parley cannot store, as a validation error", () => {
  let db: Database;
  let teacher: Actor;
  const deps = { policies: policies() };

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  beforeAll(async () => {
    the.db = db;
    teacher = await actorFor(db, "teacher", "torbay");
  });
  beforeEach(() => {
    the.actor = teacher;
  });

  async function commentForm(escalationId: string) {
    const view = await getEscalation(db, teacher, escalationId, deps);
    const policy = deps.policies.get(view.policy.id, view.policy.version)!;
    const directory = await partnershipDirectory(db, teacher);
    return actionFormView("comment", { view, policy, calendar: deps.policies.calendarFor(policy), now: new Date(), directory, partnershipId: "torbay" });
  }

  it("a comment with a null or control character: the error on the comment field, named as the form names it; the history unchanged", async () => {
    const raised = await raiseTorbayDispute(db, deps);
    const comment = await commentForm(raised.id);
    const before = await eventCount(db, raised.id);
    const submit = (text: string, previous: FormState = initialFormState()) =>
      submitDisputeAction("torbay", raised.id, "comment", undefined, comment.fields, previous, form({ expectedVersion: String(raised.version), text }));

    const nul = await submit("a\u0000b");
    expect(nul).toMatchObject({
      attempt: 1,
      errors: { text: 'Your comment contains a character Parley cannot store (a null character, just after "a"). Remove it and try again.' },
    });
    expect(nul.message).toBeUndefined();
    // What was typed comes back, so nothing is lost.
    expect(nul.values.text).toBe("a\u0000b");

    const escape = await submit("colour\u001b[31m", nul);
    expect(escape.attempt).toBe(2);
    expect(escape.errors).toEqual({
      text: expect.stringMatching(/^Your comment contains a character Parley cannot store \(an invisible control character, just after "colour"\)/),
    });

    expect(await eventCount(db, raised.id)).toBe(before);

    // Line breaks, tabs and emoji are fine: the comment is added.
    const added = /redirected to \/p\/torbay\/disputes\/.*\?done=comment/;
    await expect(submit("Line one\r\nLine two\tand 👍")).rejects.toThrow(added);
    expect(await eventCount(db, raised.id)).toBe(before + 1);

    // FormData holds USVStrings: half of an emoji put in one becomes U+FFFD, which can be stored.
    // Should one arrive another way, the same check refuses it (tests/unit/views/form-text.test.ts).
    expect(form({ text: "a\ud800b" }).get("text")).toBe("a\ufffdb");
  });

  it("a step of the raise flow: the error on its field; no draft written", async () => {
    const drafts = () => asSystem(db, (tx) => tx.escalationDraft.count({ where: { userId: teacher.userId } }));
    const before = await drafts();
    const state = await saveRaiseStep(
      "torbay",
      "decision",
      false,
      initialFormState(),
      form({ decisionDisputed: "Closed\u0000 with no action.", whyUnsafe: "Two disclosures." }),
    );
    expect(state.errors).toEqual({
      decisionDisputed: expect.stringMatching(
        /^Your answer to "What decision do you disagree with\?" contains a character Parley cannot store \(a null character, just after "Closed"\)/,
      ),
    });
    expect(await drafts()).toBe(before);
  });

  it("an administrator adding a person: the error on Full name; nobody added", async () => {
    the.actor = await actorFor(db, "admin", "torbay");
    const users = () => asSystem(db, (tx) => tx.user.count());
    const before = await users();
    const school = await agencyId(db, "torbay", "school");
    const state = await addPersonAction(
      "torbay",
      initialFormState(),
      form({ name: "Jo\u0000 Bloggs", email: "jo@torbay.example", agencyId: school, roles: "practitioner" }),
    );
    expect(state.errors).toEqual({ name: 'Full name contains a character Parley cannot store (a null character, just after "Jo"). Remove it and try again.' });
    expect(await users()).toBe(before);
  });

  it("a value of no field on the form is a message about the whole form", async () => {
    const raised = await raiseTorbayDispute(db, deps);
    const comment = await commentForm(raised.id);
    const state = await submitDisputeAction(
      "torbay",
      raised.id,
      "comment",
      undefined,
      comment.fields,
      initialFormState(),
      form({ expectedVersion: "1", text: "Fine.", extra: "\u0000" }),
    );
    expect(state.errors).toEqual({});
    expect(state.message).toBe("Something sent with this form contains a character Parley cannot store (a null character). Remove it and try again.");
  });
});
