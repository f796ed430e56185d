import { describe, expect, it } from "vitest";
import type { Database } from "../../lib/db/connect";
import { Role } from "../../lib/db/generated/enums";
import { asUser, inPartnership } from "../../lib/db/scope";
import { seedDemoData } from "../../lib/seed/demo";
import { withTestDatabase } from "../support/test-database";

describe("demo data", () => {
  let db: Database;
  withTestDatabase(false, (opened) => (db = opened));

  it("loads the five seed partnerships with a demo user for every role in each", async () => {
    const result = await seedDemoData(db);
    expect(result.seeded).toBe(true);

    const partnerships = await db.prisma.partnership.findMany({ orderBy: { id: "asc" } });
    expect(partnerships.map((p) => p.id)).toEqual(["cambridgeshire-peterborough", "eastmoor", "isle-of-man", "torbay", "westbridge"]);

    for (const p of partnerships) {
      // Read as the partnership itself: row-level security hides the others.
      await inPartnership(db, { partnershipId: p.id, userId: "" }, async (tx) => {
        const memberships = await tx.membership.findMany();
        expect(new Set(memberships.map((m) => m.partnershipId))).toEqual(new Set([p.id]));
        const roles = new Set(memberships.flatMap((m) => m.roles));
        expect([...roles].sort(), p.id).toEqual(Object.values(Role).sort());
        expect(await tx.agency.count()).toBeGreaterThanOrEqual(5);
      });
    }
  });

  it("leaves a database that already has data alone", async () => {
    const before = await db.prisma.user.count();
    expect((await seedDemoData(db)).seeded).toBe(false);
    expect(await db.prisma.user.count()).toBe(before);
  });

  it("gives one user memberships of two partnerships", async () => {
    const shared = await db.prisma.user.findUniqueOrThrow({ where: { email: "shared-police@parley.example" } });
    const memberships = await asUser(db, shared.id, (tx) => tx.membership.findMany());
    expect(memberships.map((m) => m.partnershipId).sort()).toEqual(["torbay", "westbridge"]);
  });
});
