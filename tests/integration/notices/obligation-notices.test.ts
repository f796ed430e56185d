/**
 * What a policy asks for after a dispute is resolved (a stage's onResolution):
 * computed from the moment of resolution across a weekend and a bank holiday,
 * stored as the resolved dispute's deadlines (its next due date stays empty),
 * warned about before it falls due, and reported once missed, without the daily
 * reminder (nobody can record it as met yet).
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadJurisdictionCalendars } from "../../../lib/calendar/holiday-data";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import { getEscalation, resolveEscalation } from "../../../lib/escalations";
import { parsePolicyData, type Policy } from "../../../lib/policy";
import { PolicyRegistry } from "../../../lib/policy/registry";
import { deadlineItems } from "../../../lib/views/dispute";
import { TestClock, actorFor, policies, raiseTorbayDispute } from "../../support/escalations";
import { MailFolder, allNotices, runTick } from "../../support/notices";
import { withTestDatabase } from "../../support/test-database";

/** Torbay's policy with an obligation on resolution at stage 1 (no seed policy has one). */
function withObligation(policy: Policy): Policy {
  const { ref: _ref, file: _file, ...data } = structuredClone(policy);
  const stage = data.routes[0]!.stages.find((s) => s.key === "stage-1")!;
  stage.onResolution = [
    {
      id: "confirm-outcome",
      label: "Confirm the outcome in writing",
      unit: "working-days",
      amount: 2,
      from: "resolved",
      kind: "mandatory",
      party: { side: "responding" },
      note: "Send it to both practitioners.",
      cite: "Test: resolution",
    },
  ];
  const parsed = parsePolicyData(data, policy.file);
  if (!parsed.ok) throw new Error(parsed.messages.join("\n"));
  return parsed.policy;
}

describe("obligations after resolution", () => {
  let db: Database;
  const mail = new MailFolder();
  const registry = new PolicyRegistry({
    policies: policies()
      .all()
      .map((p) => (p.partnership.id === "torbay" ? withObligation(p) : p)),
    calendars: loadJurisdictionCalendars(path.resolve(import.meta.dirname, "../../../policies/calendars")),
  });

  withTestDatabase({ disputes: false }, (opened) => (db = opened));

  it("counts an obligation from the resolution, warns the side that must act, and reports it once it becomes overdue", async () => {
    const clock = new TestClock("2026-05-18T09:00:00Z"); // Monday 18 May 2026, 10am BST
    const deps = { policies: registry, now: clock.now };
    const raised = await raiseTorbayDispute(db, deps);
    const teacher = await actorFor(db, "teacher", "torbay");
    const social = await actorFor(db, "social-worker", "torbay");
    expect((await getEscalation(db, teacher, raised.id, deps)).record.stageKey).toBe("stage-1");

    // Resolved at 3pm on Friday 22 May: two working days skip the weekend and the Spring bank holiday.
    clock.set("2026-05-22T14:00:00Z");
    const open = await getEscalation(db, teacher, raised.id, deps);
    await resolveEscalation(
      db,
      teacher,
      raised.id,
      {
        expectedVersion: open.record.version,
        outcome: "Agreed at a phone call: an assessment will start next week.",
        confirmations: { raising: { method: "phone", confirmedBy: "Priya Shah" }, responding: { method: "phone", confirmedBy: "Sam Riley" } },
      },
      deps,
    );
    const view = await getEscalation(db, teacher, raised.id, deps);
    expect(view.record.status).toBe("resolved");
    expect(view.record.nextDueAt).toBeNull();
    expect(view.deadlines.map((d) => [d.deadlineId, d.status, d.dueAt?.toISOString()])).toEqual([["confirm-outcome", "due", "2026-05-27T16:00:00.000Z"]]);
    const [obligation] = view.deadlines;
    expect(obligation!.rule).toBe("2 working days from the dispute being resolved at stage 1");
    expect(obligation!.explanation).toBe(
      "2 working days from 3pm on Friday 22 May 2026 (resolved at stage 1): skipped Monday 25 May (Spring bank holiday) and the weekend; due by 5pm on Wednesday 27 May 2026.",
    );
    const timers = await asSystem(db, (tx) => tx.noticeTimer.findMany({ where: { escalationId: raised.id }, orderBy: { fireAt: "asc" } }));
    expect(timers.map((t) => t.kind)).toEqual(["deadline_warning", "deadline_missed"]);

    // The warning goes to the responding side, whom the policy gives it to, on the working day before.
    clock.set(timers[0]!.fireAt);
    await runTick(db, deps, mail);
    const warned = (await allNotices(db, { escalationId: raised.id })).filter((n) => n.trigger === "deadline_warning");
    expect(warned.map((n) => n.recipientEmail)).toEqual([social.email]);
    const warning = (await mail.to(social.email)).find((m) => m.subject?.includes("is due"));
    expect(warning?.subject).toBe(`${raised.reference}: Confirm the outcome in writing is due by 5pm on Wednesday 27 May 2026`);
    expect(warning?.text).toContain("The dispute was resolved at Stage 1: Practitioner to practitioner; the policy asks for this after resolution.");
    expect(warning?.text).toContain("Send it to both practitioners.");

    // Missed at 5pm on Wednesday 27 May: reported to both owners, once.
    clock.set("2026-05-27T16:00:01Z");
    await runTick(db, deps, mail);
    const missed = (await allNotices(db, { escalationId: raised.id })).filter((n) => n.trigger === "deadline_missed");
    expect(missed.map((n) => n.recipientEmail).sort()).toEqual([social.email, teacher.email].sort());
    expect(missed.every((n) => n.status === "sent")).toBe(true);
    const report = (await mail.to(teacher.email)).find((m) => m.subject?.includes("overdue"));
    expect(report?.subject).toBe(`${raised.reference}: overdue, Confirm the outcome in writing was due by 5pm on Wednesday 27 May 2026`);
    expect(await asSystem(db, (tx) => tx.noticeTimer.count({ where: { escalationId: raised.id } }))).toBe(0);

    // The page of the resolved dispute shows it as overdue; nothing more is sent later.
    const after = await getEscalation(db, teacher, raised.id, deps);
    expect(after.deadlines.map((d) => [d.deadlineId, d.overdue])).toEqual([["confirm-outcome", true]]);
    const torbay = registry.get("torbay")!;
    const [item] = deadlineItems({ view: after, policy: torbay, calendar: registry.calendarFor(torbay), now: clock.now() });
    expect(item).toMatchObject({
      label: "Confirm the outcome in writing",
      by: "by 5pm on Wednesday 27 May 2026",
      party: "The responding agency",
      note: "Send it to both practitioners.",
      met: false,
    });
    const before = mail.files().length;
    clock.advanceHours(48);
    await runTick(db, deps, mail);
    expect(mail.files().length).toBe(before);
  });
});
