/**
 * Populations against the database: Torbay's policy given a children's and an
 * adults' population (each with its own business manager, known by e-mail),
 * two disputes raised urgently straight into stage 3, the board stage. Each
 * stage-3 notice goes to its own population's business manager only, and each
 * population's register (counts, rows and CSV export) holds only its own
 * disputes, filtered in the database by route.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../lib/auth/actor";
import { loadJurisdictionCalendars } from "../../../lib/calendar/holiday-data";
import type { Database } from "../../../lib/db/connect";
import { asSystem, inPartnership } from "../../../lib/db/scope";
import { getEscalation } from "../../../lib/escalations";
import { partyRecipients } from "../../../lib/notices/recipients";
import { parsePolicyData, type Policy } from "../../../lib/policy";
import { PolicyRegistry } from "../../../lib/policy/registry";
import { startRegisterExport } from "../../../lib/register/export";
import { loadRegister } from "../../../lib/views/register-data";
import { TestClock, actorFor, agencyId, policies, raiseTorbayDispute } from "../../support/escalations";
import { allNotices } from "../../support/notices";
import { withTestDatabase } from "../../support/test-database";

const CHILDREN_BM = "business-manager@torbay.example"; // the demo business manager, Ruth Bennett
const ADULTS_BM = "adults.bm@torbay.example";

/** Torbay's policy for children and adults: its route for children, and a copy of it for adults with the adults' contacts. */
function withPopulations(policy: Policy): Policy {
  const { ref: _ref, file: _file, ...data } = structuredClone(policy);
  const [main] = data.routes;
  const adults = JSON.parse(
    JSON.stringify(main)
      .replaceAll('"contact":"business-manager"', '"contact":"adults-business-manager"')
      .replaceAll('"contact":"executive-chair"', '"contact":"adults-chair"'),
  ) as typeof main;
  const childrenContacts = (data.contacts ?? []).map((c) => (c.id === "business-manager" ? { ...c, email: CHILDREN_BM } : c));
  const changed = {
    ...data,
    covers: ["children", "adults"],
    contacts: undefined,
    populations: [
      { id: "children", title: "Children", covers: ["children"], board: "Torbay Safeguarding Children Partnership", contacts: childrenContacts, cite: "Test" },
      {
        id: "adults",
        title: "Adults at risk",
        covers: ["adults"],
        board: "Torbay Safeguarding Adults Board",
        registerTitle: "Adults' escalation register",
        contacts: [
          { id: "adults-business-manager", label: "TSAB Business Manager", level: "board-business-manager", email: ADULTS_BM, cite: "Test" },
          { id: "adults-chair", label: "Independent Chair of the TSAB", level: "board-chair", cite: "Test" },
        ],
        cite: "Test",
      },
    ],
    routes: [
      { ...main, population: "children" },
      { ...adults, id: "adults", title: "Escalation about an adult at risk", when: { about: ["adult"] }, population: "adults" },
    ],
  };
  const parsed = parsePolicyData(changed, policy.file);
  if (!parsed.ok) throw new Error(parsed.messages.join("\n"));
  return parsed.policy;
}

describe("populations: notices and the register", () => {
  let db: Database;
  let childrensBm: Actor;
  let adultsBm: Actor;
  const clock = new TestClock("2026-03-02T09:00:00Z");
  const registry = new PolicyRegistry({
    policies: policies()
      .all()
      .map((p) => (p.partnership.id === "torbay" ? withPopulations(p) : p)),
    calendars: loadJurisdictionCalendars(path.resolve(import.meta.dirname, "../../../policies/calendars")),
  });
  const deps = { policies: registry, now: clock.now };
  const ids: { child?: string; adult?: string } = {};

  withTestDatabase({ disputes: false }, (opened) => (db = opened));
  beforeAll(async () => {
    const csc = await agencyId(db, "torbay", "csc");
    // Installation-level set-up: a second business manager, for the adults' board.
    await asSystem(db, async (tx) => {
      const user = await tx.user.create({ data: { email: ADULTS_BM, name: "Alex Morgan" } });
      await tx.membership.create({ data: { userId: user.id, partnershipId: "torbay", agencyId: csc, roles: ["board_business_manager"] } });
    });
    childrensBm = await actorFor(db, CHILDREN_BM, "torbay");
    adultsBm = await actorFor(db, ADULTS_BM, "torbay");
    const urgent = { grounds: "At risk of immediate harm.", startAtStageKey: "stage-3" };
    const child = await raiseTorbayDispute(db, deps, { urgent });
    clock.advanceHours(1);
    const adult = await raiseTorbayDispute(db, deps, {
      urgent,
      subjects: [{ kind: "adult", initials: "MW", yearOfBirth: 1941, caseReferences: [] }],
    });
    ids.child = child.id;
    ids.adult = adult.id;
  });

  it("chooses each dispute's route by whom it is about", async () => {
    const rows = await asSystem(db, (tx) =>
      tx.escalation.findMany({ select: { id: true, routeId: true, stageKey: true, onRegister: true }, orderBy: { id: "asc" } }),
    );
    expect(rows).toEqual([
      { id: ids.child, routeId: "main", stageKey: "stage-3", onRegister: true },
      { id: ids.adult, routeId: "adults", stageKey: "stage-3", onRegister: true },
    ]);
  });

  it("tells each population's business manager, and only them, that a dispute reached the board stage", async () => {
    const toBoard = async (id: string) =>
      (await allNotices(db, { escalationId: id }))
        .filter((n) => n.trigger === "stage_entered" && n.recipientReason.endsWith("Business Manager"))
        .map((n) => [n.recipientEmail, n.recipientReason]);
    expect(await toBoard(ids.child!)).toEqual([[CHILDREN_BM, "TSCP Business Manager"]]);
    expect(await toBoard(ids.adult!)).toEqual([[ADULTS_BM, "TSAB Business Manager"]]);
    // The record says whom the policy has told: the adults' board's business manager.
    const { history } = await getEscalation(db, adultsBm, ids.adult!, deps);
    expect(history.find((e) => e.type === "board_notified")?.payload).toMatchObject({
      notified: [{ label: "TSAB Business Manager", contactId: "adults-business-manager", email: ADULTS_BM }],
    });
    // Nobody else with the role hears of the other population's dispute.
    const all = (await allNotices(db)).filter((n) => n.recipientEmail === ADULTS_BM || n.recipientEmail === CHILDREN_BM);
    expect(all.filter((n) => n.recipientEmail === ADULTS_BM).every((n) => n.escalationId === ids.adult)).toBe(true);
    expect(all.filter((n) => n.recipientEmail === CHILDREN_BM).every((n) => n.escalationId === ids.child)).toBe(true);
  });

  it("sends a population's contact that nobody on Parley holds to its own address, and one with no address to every holder", async () => {
    const { record } = await getEscalation(db, adultsBm, ids.adult!, deps);
    const policy = registry.get("torbay")!;
    const mailbox = structuredClone(policy);
    mailbox.populations![1]!.contacts![0]!.email = "tsab@torbay.gov.example";
    const [toMailbox, toChairs] = await inPartnership(db, adultsBm, async (tx) => [
      await partyRecipients(tx, { level: "board-business-manager" }, record, mailbox),
      await partyRecipients(tx, { contact: "adults-chair" }, record, policy),
    ]);
    expect(toMailbox).toEqual([{ userId: null, email: "tsab@torbay.gov.example", name: "TSAB Business Manager", reason: "TSAB Business Manager" }]);
    expect(toChairs.map((r) => [r.email, r.reason])).toEqual([["chair@torbay.example", "Independent Chair of the TSAB"]]);
  });

  it("lists each population's register, with its counts, filtered by its routes", async () => {
    const adults = await loadRegister(db, adultsBm, deps, { population: "adults" });
    if (adults.policy === null) throw new Error("no policy");
    expect(adults.population).toMatchObject({ id: "adults", registerTitle: "Adults' escalation register", routeIds: ["adults"] });
    expect(adults.list.items.map((i) => i.id)).toEqual([ids.adult]);
    expect(adults.counts).toMatchObject({ total: 1, open: 1 });

    const children = await loadRegister(db, childrensBm, deps, { population: "children", status: "open" });
    if (children.policy === null) throw new Error("no policy");
    expect(children.population?.registerTitle).toBe("Torbay Safeguarding Children Partnership register");
    expect(children.list.items.map((i) => i.id)).toEqual([ids.child]);
    expect(children.counts.total).toBe(1);

    // Without a choice: every dispute on the register. The choice is what to see, not a permission.
    const every = await loadRegister(db, adultsBm, deps, {});
    if (every.policy === null) throw new Error("no policy");
    expect(every.population).toBeNull();
    expect(every.list.items.map((i) => i.id).sort()).toEqual([ids.child, ids.adult].sort());
    expect(every.counts.total).toBe(2);
  });

  it("exports a population's register only", async () => {
    const started = await startRegisterExport(db, adultsBm, { population: "adults" }, deps, { ipAddress: "198.51.100.41", userAgent: "test" });
    const text = await new Response(started.stream).text();
    const lines = text.trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("TSCP-2026-0002");
  });
});
