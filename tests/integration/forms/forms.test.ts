import { describe, expect, it } from "vitest";
import type { Actor } from "../../../lib/auth/actor";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import {
  ConflictError,
  completeForm,
  escalateEscalation,
  getEscalation,
  NotFoundError,
  raiseEscalation,
  recordDiscussion,
  resolveEscalation,
  ValidationError,
} from "../../../lib/escalations";
import { partnershipDirectory } from "../../../lib/escalations/directory";
import type { FormBlock } from "../../../lib/forms/document";
import { formFingerprint } from "../../../lib/forms/html";
import { formPage, formSourceOfSetting } from "../../../lib/forms/page";
import { buildFormDocument } from "../../../lib/forms/build";
import { disputePage } from "../../../lib/views/dispute";
import { TestClock, actorFor, agencyId, depsWith, discussion, policies, raiseInput, raiseTorbayDispute, rejection } from "../../support/escalations";
import { withTestDatabase } from "../../support/test-database";

const NO_BROWSER = { kind: "none", reason: "test" } as const;
const rowsOf = (blocks: readonly FormBlock[]) => Object.fromEntries(blocks.flatMap((b) => (b.kind === "rows" ? b.rows.map((r) => [r.key, r.value]) : [])));

/**
 * Forms produced from the record, against the database: the page's data comes
 * through getEscalation as the reader (so only those who may see the dispute get
 * one), and recording a form as completed with the document keeps the version
 * and SHA-256 of exactly the document the page showed at that version.
 */
describe("forms produced from the record", () => {
  let db: Database;
  const clock = new TestClock("2026-03-02T09:00:00Z"); // Monday 2 March 2026, 9am GMT
  const deps = depsWith(clock);

  withTestDatabase({ disputes: false }, (opened) => (db = opened));

  async function settingFor(actor: Actor, id: string) {
    const view = await getEscalation(db, actor, id, deps);
    const policy = policies().get(view.policy.id, view.policy.version)!;
    return { view, policy, calendar: policies().calendarFor(policy), directory: await partnershipDirectory(db, actor), partnershipId: actor.partnershipId };
  }

  it("gives a Torbay dispute at stage 3 its Record of Escalation, only to those who may see it, and records the document sent", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    const schoolManager = await actorFor(db, "school-manager", "torbay");
    const teamManager = await actorFor(db, "team-manager", "torbay");
    const headteacher = await actorFor(db, "headteacher", "torbay");
    const headOfService = await actorFor(db, "head-of-service", "torbay");
    const businessManager = await actorFor(db, "business-manager", "torbay");
    const healthVisitor = await actorFor(db, "health-visitor", "torbay");
    const outsider = await actorFor(db, "teacher", "isle-of-man");

    const raised = await raiseTorbayDispute(db, deps);
    clock.advanceHours(2);
    let v = (await recordDiscussion(db, teacher, raised.id, discussion(raised.version, "2026-03-02T10:30", { agreed: "The school will escalate." }), deps))
      .version;
    v = (
      await escalateEscalation(
        db,
        teacher,
        raised.id,
        {
          expectedVersion: v,
          reason: "Children's social care will not reconsider.",
          owners: { raising: { userId: schoolManager.userId }, responding: { userId: teamManager.userId } },
        },
        deps,
      )
    ).version;
    clock.set("2026-03-04T10:00:00Z");
    v = (await recordDiscussion(db, schoolManager, raised.id, discussion(v, "2026-03-04T09:15", { with: "Grace Adeyemi, team manager" }), deps)).version;
    v = (
      await escalateEscalation(
        db,
        schoolManager,
        raised.id,
        {
          expectedVersion: v,
          reason: "Stage 2 did not resolve it.",
          owners: { raising: { userId: headteacher.userId }, responding: { userId: headOfService.userId } },
        },
        deps,
      )
    ).version;

    // The business manager (on the register from stage 3) reads the form the policy requires now.
    clock.set("2026-03-05T09:00:00Z");
    const bm = await settingFor(businessManager, raised.id);
    const page = formPage(bm, "record-of-escalation", undefined, NO_BROWSER)!;
    expect(page.doc).toMatchObject({ reference: raised.reference, version: v, layout: "torbay-record-of-escalation" });
    expect(page.doc.instructions).toBe(
      "Required by the policy at stage 3. To be completed by the senior manager on both sides and sent by email to TSCP Business Manager (TSCP@torbay.gov.uk).",
    );
    const stages = page.doc.sections.find((s) => s.id === "stages")!.blocks.filter((b) => b.kind === "part");
    expect(stages.map((p) => p.kind === "part" && p.heading)).toEqual([
      "Stage 1: Practitioner to practitioner",
      "Stage 2: Manager to manager",
      "Stage 3: Senior manager to senior manager",
    ]);
    const stage3 = stages[2]!;
    expect(stage3.kind === "part" && rowsOf(stage3.blocks)).toMatchObject({
      Reached: "10am on Wednesday 4 March 2026",
      "For Paignton Community Primary School": "Helen Marsh",
      "For Torbay Council Children's Services": "Martin Cole",
    });
    expect(page.pdf).toEqual({ available: false });
    expect(page.completions).toEqual([]);
    // The head teacher, who owns stage 3, may record it as completed from here; not from an earlier version of it.
    const head = await settingFor(headteacher, raised.id);
    const headPage = formPage(head, "record-of-escalation", undefined, { kind: "chromium", path: "/usr/bin/chromium" })!;
    expect(headPage.recordHref).toBe(`/p/torbay/disputes/${raised.id}/form?form=record-of-escalation`);
    expect(formPage(head, "record-of-escalation", 1, NO_BROWSER)!.recordHref).toBeNull();
    expect(headPage.pdf).toEqual({
      available: true,
      href: `/p/torbay/disputes/${raised.id}/forms/record-of-escalation/pdf`,
      fileName: "TSCP-2026-0001-record-of-escalation.pdf",
    });
    // Whoever reads it, the same document.
    expect(headPage.fingerprint).toBe(page.fingerprint);
    // The dispute page links to it where the policy's form is listed.
    const dispute = disputePage({ ...head, now: clock.now() });
    expect(dispute.forms).toEqual([
      {
        id: "record-of-escalation",
        title: "Professional Differences Record of Escalation",
        href: `/p/torbay/disputes/${raised.id}/forms/record-of-escalation`,
        stages: "Named by the policy at stages 1, 2 and 3",
      },
    ]);
    expect(dispute.obligations[0]?.form).toEqual({
      href: `/p/torbay/disputes/${raised.id}/forms/record-of-escalation`,
      label: "Print the Professional Differences Record of Escalation, filled in from this record",
    });

    // Those who may not see the dispute get no form: the load itself is not found.
    await rejection(getEscalation(db, healthVisitor, raised.id, deps), NotFoundError);
    await rejection(getEscalation(db, outsider, raised.id, deps), NotFoundError);

    // The head teacher sends the form the page showed, and records it with its document.
    const completed = await completeForm(db, headteacher, raised.id, { expectedVersion: v, formId: "record-of-escalation", attachDocument: true }, deps);
    const event = await asSystem(db, (tx) => tx.escalationEvent.findFirstOrThrow({ where: { escalationId: raised.id, sequence: completed.version } }));
    expect(event.type).toBe("form_completed");
    expect(event.payload).toEqual({
      formId: "record-of-escalation",
      title: "Professional Differences Record of Escalation",
      sentTo: ["TSCP Business Manager (TSCP@torbay.gov.uk)"],
      document: { version: v, sha256: page.fingerprint, format: "html" },
    });

    // Afterwards: the form page lists it, the version sent is rebuilt the same, and the history says what was sent.
    const after = await settingFor(businessManager, raised.id);
    const now = formPage(after, "record-of-escalation", undefined, NO_BROWSER)!;
    expect(now.doc.version).toBe(completed.version);
    expect(now.fingerprint).not.toBe(page.fingerprint); // the record now says the form was sent
    expect(now.completions).toEqual([
      {
        who: "Helen Marsh",
        when: "9am on Thursday 5 March 2026",
        document: { version: v, sha256: page.fingerprint, href: `/p/torbay/disputes/${raised.id}/forms/record-of-escalation?version=${v}`, matches: true },
      },
    ]);
    const sent = formPage(after, "record-of-escalation", v, NO_BROWSER)!;
    expect(sent.fingerprint).toBe(page.fingerprint);
    expect(sent.isLatest).toBe(false);
    const entry = disputePage({ ...after, now: clock.now() }).history.find((h) => h.title === "Form completed: Professional Differences Record of Escalation")!;
    expect(entry.details).toContainEqual({
      key: "What was sent",
      value: `The form Parley produced from version ${v} of the record. Its fingerprint (SHA-256): ${page.fingerprint}`,
    });

    // Without the document (a form completed another way), the event is as it always was, and still reads.
    const plain = await completeForm(
      db,
      headteacher,
      raised.id,
      { expectedVersion: completed.version, formId: "record-of-escalation", note: "Sent again on paper." },
      deps,
    );
    const plainEvent = await asSystem(db, (tx) => tx.escalationEvent.findFirstOrThrow({ where: { escalationId: raised.id, sequence: plain.version } }));
    expect(plainEvent.payload).toEqual({
      formId: "record-of-escalation",
      title: "Professional Differences Record of Escalation",
      sentTo: ["TSCP Business Manager (TSCP@torbay.gov.uk)"],
      note: "Sent again on paper.",
    });
    const last = formPage(await settingFor(headteacher, raised.id), "record-of-escalation", undefined, NO_BROWSER)!;
    expect(last.completions.map((c) => c.document?.version ?? null)).toEqual([v, null]);

    // A stale version cannot attach a document: the record has moved on since the person saw it.
    await rejection(
      completeForm(db, headteacher, raised.id, { expectedVersion: v, formId: "record-of-escalation", attachDocument: true }, deps),
      ConflictError,
    );
    await rejection(
      completeForm(db, headteacher, raised.id, { expectedVersion: plain.version, formId: "record-of-escalation", attachDocument: "yes" }, deps),
      ValidationError,
    );
  });

  it("builds the same document in the command's transaction as on the page, for every version", async () => {
    const bm = await actorFor(db, "business-manager", "torbay");
    const list = await asSystem(db, (tx) => tx.escalation.findMany({ where: { partnershipId: "torbay" }, select: { id: true, version: true } }));
    for (const { id, version } of list) {
      const setting = await settingFor(bm, id);
      const source = formSourceOfSetting(setting);
      for (let n = 1; n <= version; n++) {
        const doc = buildFormDocument(source, "record-of-escalation", n)!;
        expect(doc.version).toBe(n);
        expect(formFingerprint(doc)).toMatch(/^[0-9a-f]{64}$/);
      }
    }
  });

  it("puts the Board's outcome and agreed actions in the Isle of Man referral form's outcome section", async () => {
    const iom = (key: string) => actorFor(db, key, "isle-of-man");
    const teacher = await iom("teacher");
    const schoolManager = await iom("school-manager");
    const teamManager = await iom("team-manager");
    const headteacher = await iom("headteacher");
    const headOfService = await iom("head-of-service");
    const chair = await iom("chair");
    const businessManager = await iom("business-manager");
    const csc = await agencyId(db, "isle-of-man", "csc");
    clock.set("2026-06-04T10:00:00+01:00");
    const raised = await raiseEscalation(db, teacher, raiseInput(csc, { areas: ["strategy-discussion"] }), deps);
    clock.set("2026-06-08T10:00:00+01:00");
    let v = (
      await escalateEscalation(
        db,
        teacher,
        raised.id,
        {
          expectedVersion: raised.version,
          reason: "No agreement.",
          owners: { raising: { userId: schoolManager.userId }, responding: { userId: teamManager.userId } },
        },
        deps,
      )
    ).version;
    v = (
      await escalateEscalation(
        db,
        schoolManager,
        raised.id,
        {
          expectedVersion: v,
          reason: "The line managers disagree.",
          owners: { raising: { userId: headteacher.userId }, responding: { userId: headOfService.userId } },
        },
        deps,
      )
    ).version;
    clock.set("2026-06-15T09:00:00+01:00");
    v = (await escalateEscalation(db, headteacher, raised.id, { expectedVersion: v, reason: "Senior managers could not resolve it." }, deps)).version;

    // At the Board, before the form is recorded: the outcome section says it is not recorded yet.
    let page = formPage(await settingFor(businessManager, raised.id), "escalation-referral-form", undefined, NO_BROWSER)!;
    let outcome = page.doc.sections.find((s) => s.id === "outcome")!;
    expect(outcome.heading).toBe("6. Outcome of agreed actions");
    expect(outcome.blocks[1]).toEqual({
      kind: "paragraph",
      text: "Not recorded yet. Not resolved yet. The dispute is at Stage 4: Isle of Man Safeguarding Board.",
    });
    expect(rowsOf(page.doc.sections[0]!.blocks)).toMatchObject({
      "Senior manager responsible for raising the concern": "Helen Marsh",
      "Date of referral": "Not recorded as sent yet. The dispute reached Stage 4: Isle of Man Safeguarding Board at 9am on Monday 15 June 2026.",
    });
    const referral = await completeForm(db, headteacher, raised.id, { expectedVersion: v, formId: "escalation-referral-form", attachDocument: true }, deps);
    expect(formPage(await settingFor(headteacher, raised.id), "escalation-referral-form", v, NO_BROWSER)!.fingerprint).toBe(page.fingerprint);

    clock.set("2026-06-19T12:00:00+01:00");
    await resolveEscalation(
      db,
      chair,
      raised.id,
      {
        expectedVersion: referral.version,
        outcome: "The Independent Chair agreed that a strategy discussion is needed.",
        actions: [{ description: "Convene a strategy discussion.", ownerName: "Martin Cole", ownerUserId: headOfService.userId, dueDate: "2026-06-23" }],
        confirmations: { raising: { method: "email", confirmedBy: "Helen Marsh" }, responding: { method: "email", confirmedBy: "Martin Cole" } },
      },
      deps,
    );
    page = formPage(await settingFor(headteacher, raised.id), "escalation-referral-form", undefined, NO_BROWSER)!;
    outcome = page.doc.sections.find((s) => s.id === "outcome")!;
    expect(rowsOf(outcome.blocks)).toMatchObject({ Outcome: "The Independent Chair agreed that a strategy discussion is needed." });
    expect(rowsOf(outcome.blocks).Recorded).toMatch(/^At midday on Friday 19 June 2026 by .+, at Stage 4: Isle of Man Safeguarding Board$/);
    expect(outcome.blocks.at(-1)).toMatchObject({
      table: { rows: [["Convene a strategy discussion.", "Martin Cole, Isle of Man Government Children's Services", "Tuesday 23 June 2026", "Not done yet"]] },
    });
    expect(rowsOf(page.doc.sections[0]!.blocks)["Date of referral"]).toBe("9am on Monday 15 June 2026 (recorded as sent by Helen Marsh)");
    expect(page.completions).toEqual([expect.objectContaining({ who: "Helen Marsh", document: expect.objectContaining({ matches: true }) })]);
  });
});
