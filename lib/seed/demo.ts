import type { Database } from "../db/connect";
import { asSystem } from "../db/scope";
import { hashPassword } from "../auth/password-hash";
import { DEMO_PARTNERSHIPS, DEMO_PASSWORD, DEMO_SHARED_USER, demoEmail } from "./demo-data";

export type SeedResult = { seeded: boolean; summary: string };

/**
 * Loads the demo installation into an empty database, all or nothing.
 * A database that already has a partnership is left alone.
 */
export async function seedDemoData(db: Database): Promise<SeedResult> {
  // One hash for every demo user (Argon2 is slow on purpose): hashed once per run, not once per user.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Installation-level: it creates the partnerships themselves.
  return asSystem(
    db,
    async (tx) => {
      if ((await tx.partnership.count()) > 0) return { seeded: false, summary: "not empty" };
      let agencyCount = 0;
      let userCount = 0;
      const agencyIds = new Map<string, string>();
      for (const p of DEMO_PARTNERSHIPS) {
        await tx.partnership.create({ data: { id: p.id, name: p.name, code: p.code } });
        for (const a of p.agencies) {
          const agency = await tx.agency.create({ data: { partnershipId: p.id, name: a.name, type: a.type } });
          agencyIds.set(`${p.id}/${a.key}`, agency.id);
          agencyCount++;
        }
        for (const u of p.users) {
          await tx.user.create({
            data: {
              email: demoEmail(u.key, p.id),
              name: u.name,
              passwordHash,
              memberships: {
                create: { partnershipId: p.id, agencyId: agencyIds.get(`${p.id}/${u.agency}`)!, roles: u.roles },
              },
            },
          });
          userCount++;
        }
      }
      await tx.user.create({
        data: {
          email: demoEmail(DEMO_SHARED_USER.key),
          name: DEMO_SHARED_USER.name,
          passwordHash,
          memberships: {
            create: DEMO_SHARED_USER.memberships.map((m) => ({
              partnershipId: m.partnership,
              agencyId: agencyIds.get(`${m.partnership}/${m.agency}`)!,
              roles: m.roles,
            })),
          },
        },
      });
      userCount++;
      return {
        seeded: true,
        summary: `loaded demo data: ${DEMO_PARTNERSHIPS.length} partnerships, ${agencyCount} agencies, ${userCount} users.`,
      };
    },
    { timeout: 60_000 },
  );
}
