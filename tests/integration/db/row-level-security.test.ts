import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../lib/db/connect";
import { asSystem, asUser, inPartnership } from "../../../lib/db/scope";
import { roleProblems } from "../../../lib/db/roles";
import { withTestDatabase } from "../../support/test-database";

const torbay = { partnershipId: "torbay", userId: "" };

describe("row-level security", () => {
  let db: Database;
  let manxAgencyId: string;

  withTestDatabase({}, (opened) => (db = opened));
  beforeAll(async () => {
    manxAgencyId = await asSystem(db, async (tx) => (await tx.agency.findFirstOrThrow({ where: { partnershipId: "isle-of-man" } })).id);
  });

  it("runs the application as a role that is neither superuser nor exempt from the policies", async () => {
    const [role] = await db.prisma.$queryRawUnsafe<{ rolsuper: boolean; rolbypassrls: boolean }[]>(
      "select rolsuper, rolbypassrls from pg_roles where rolname = current_user",
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it("returns no partnership-owned rows to a query without the setting", async () => {
    expect(await db.prisma.agency.findMany()).toEqual([]);
    expect(await db.prisma.membership.count()).toBe(0);
    expect(await db.prisma.auditEvent.count()).toBe(0);
    // Installation-level tables are not partnership-owned.
    expect(await db.prisma.partnership.count()).toBe(5);
  });

  it("shows a partnership only its own rows", async () => {
    const agencies = await inPartnership(db, torbay, (tx) => tx.agency.findMany());
    expect(agencies.length).toBeGreaterThan(0);
    expect(new Set(agencies.map((a) => a.partnershipId))).toEqual(new Set(["torbay"]));
    expect(await inPartnership(db, torbay, (tx) => tx.agency.findUnique({ where: { id: manxAgencyId } }))).toBeNull();
  });

  it("refuses to write a row into another partnership", async () => {
    await expect(
      inPartnership(db, torbay, (tx) => tx.agency.create({ data: { partnershipId: "isle-of-man", name: "Smuggled in", type: "other" } })),
    ).rejects.toThrow(/row-level security/);
    expect(await asSystem(db, (tx) => tx.agency.count({ where: { name: "Smuggled in" } }))).toBe(0);
  });

  it("cannot change or remove another partnership's row", async () => {
    const renamed = await inPartnership(db, torbay, (tx) => tx.agency.updateMany({ where: { id: manxAgencyId }, data: { name: "Renamed from Torbay" } }));
    expect(renamed.count).toBe(0);
    const removed = await inPartnership(db, torbay, (tx) => tx.agency.deleteMany({ where: { id: manxAgencyId } }));
    expect(removed.count).toBe(0);
    const still = await asSystem(db, (tx) => tx.agency.findUniqueOrThrow({ where: { id: manxAgencyId } }));
    expect(still.name).not.toBe("Renamed from Torbay");
  });

  it("lets a signed-in user read their own memberships in every partnership, and nobody else's", async () => {
    const shared = await db.prisma.user.findUniqueOrThrow({ where: { email: "shared-police@parley.example" } });
    const mine = await asUser(db, shared.id, (tx) => tx.membership.findMany({ include: { agency: true } }));
    expect(mine.map((m) => m.partnershipId).sort()).toEqual(["torbay", "westbridge"]);
    expect(mine.every((m) => m.userId === shared.id && m.agency !== null)).toBe(true);
  });

  it("in a partnership's scope, hides the signed-in user's memberships and agencies in other partnerships", async () => {
    const shared = await db.prisma.user.findUniqueOrThrow({ where: { email: "shared-police@parley.example" } });
    const scope = { partnershipId: "westbridge", userId: shared.id };
    // No partnership filter on purpose: the database alone must keep Torbay out.
    const agencies = await inPartnership(db, scope, (tx) => tx.agency.findMany());
    const memberships = await inPartnership(db, scope, (tx) => tx.membership.findMany());
    expect(new Set(agencies.map((a) => a.partnershipId))).toEqual(new Set(["westbridge"]));
    expect(new Set(memberships.map((m) => m.partnershipId))).toEqual(new Set(["westbridge"]));
  });

  it("keeps the audit trail append-only, and installation-level events out of partnership scope", async () => {
    // createMany: an INSERT ... RETURNING would have to read the row back, which only system scope may.
    await asUser(db, "00000000-0000-0000-0000-000000000000", (tx) =>
      tx.auditEvent.createMany({ data: [{ type: "sign_in_failed", details: { email: "nobody@example.org" } }] }),
    );
    expect(await inPartnership(db, torbay, (tx) => tx.auditEvent.count())).toBe(0);
    expect(await asSystem(db, (tx) => tx.auditEvent.count())).toBe(1);

    // Neither role may change history (and the append-only trigger stays behind the grants).
    await expect(asSystem(db, (tx) => tx.auditEvent.updateMany({ data: { type: "sign_in" } }))).rejects.toThrow(/permission denied/);
    await expect(asSystem(db, (tx) => tx.auditEvent.deleteMany())).rejects.toThrow(/permission denied/);
    expect(await asSystem(db, (tx) => tx.auditEvent.count())).toBe(1);
  });

  describe("the roles every transaction runs as", () => {
    /** A transaction as the given role, with the settings a hostile query would choose. */
    const as = <T>(role: "parley_app" | "parley_system", run: (tx: Parameters<Parameters<Database["prisma"]["$transaction"]>[0]>[0]) => Promise<T>) =>
      db.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`select set_config('role', '${role}', true)`);
        return run(tx);
      });

    it("are roles the configured login can take, as start-up checks", async () => {
      expect(await roleProblems(db)).toEqual([]);
    });

    it("own nothing and are neither superuser nor exempt from the policies", async () => {
      const roles = await db.prisma.$queryRawUnsafe<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean; owns: bigint }[]>(
        `select r.rolname, r.rolsuper, r.rolbypassrls,
                (select count(*) from pg_class c where c.relowner = r.oid and c.relnamespace = 'public'::regnamespace) as owns
           from pg_roles r where r.rolname in ('parley_app', 'parley_system') order by r.rolname`,
      );
      expect(roles.map((r) => ({ ...r, owns: Number(r.owns) }))).toEqual([
        { rolname: "parley_app", rolsuper: false, rolbypassrls: false, owns: 0 },
        { rolname: "parley_system", rolsuper: false, rolbypassrls: false, owns: 0 },
      ]);
    });

    it("see no partnership's rows without a scope, and the app role cannot switch itself into installation-wide mode", async () => {
      expect(await as("parley_app", (tx) => tx.$queryRawUnsafe<{ n: bigint }[]>(`select count(*) as n from "Escalation"`))).toEqual([{ n: 0n }]);
      const hostile = await as("parley_app", async (tx) => {
        await tx.$executeRawUnsafe("select set_config('parley.system', 'on', true)");
        return tx.$queryRawUnsafe<{ escalations: bigint; agencies: bigint; jobs: bigint }[]>(
          `select (select count(*) from "Escalation") as escalations, (select count(*) from "Agency") as agencies, (select count(*) from "Job") as jobs`,
        );
      });
      expect(hostile).toEqual([{ escalations: 0n, agencies: 0n, jobs: 0n }]);
      // The same request from the installation-level role does see every partnership.
      const system = await as("parley_system", async (tx) => {
        await tx.$executeRawUnsafe("select set_config('parley.system', 'on', true)");
        return tx.$queryRawUnsafe<{ n: bigint }[]>(`select count(distinct "partnershipId") as n from "Agency"`);
      });
      expect(Number(system[0]!.n)).toBe(5);
    });

    it("cannot disable the append-only triggers, alter a table, or delete an event or an audit row", async () => {
      for (const role of ["parley_app", "parley_system"] as const) {
        for (const statement of [
          `alter table "AuditEvent" disable trigger append_only`,
          `alter table "EscalationEvent" disable row level security`,
          `delete from "EscalationEvent"`,
          `delete from "AuditEvent"`,
          `truncate "AuditEvent"`,
          `update "EscalationEvent" set "type" = "type"`,
        ]) {
          await expect(
            as(role, (tx) => tx.$executeRawUnsafe(statement)),
            `${role}: ${statement}`,
          ).rejects.toThrow(/must be owner|permission denied/);
        }
      }
      expect(await asSystem(db, (tx) => tx.escalationEvent.count())).toBeGreaterThan(0);
    });
  });
});
