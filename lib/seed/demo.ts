import { appNow } from "../clock";
import type { Database } from "../db/connect";
import { asSystem } from "../db/scope";
import { hashPassword } from "../auth/password-hash";
import type { PolicyRegistry } from "../policy/registry";
import { policyRegistry } from "../server/policies";
import { DEMO_PARTNERSHIPS, DEMO_PASSWORD, DEMO_SHARED_USER, demoEmail } from "./demo-data";
import { seedDemoDisputes, type SeededDispute } from "./demo-disputes";

export type SeedResult = { seeded: boolean; summary: string; disputes?: SeededDispute[] };

export type SeedOptions = {
  /** Demo disputes too (the default). Tests that raise their own disputes and count them turn this off. */
  disputes?: boolean;
  /** The instant the disputes' histories lead up to (default: the application clock, appNow()). */
  now?: Date;
  /** The policies the disputes run under (default: the application's, from POLICIES_DIR). */
  policies?: PolicyRegistry;
};

/**
 * Loads the demo installation into an empty database: the partnerships,
 * agencies and users all or nothing, then demo disputes made through the
 * escalation use cases (lib/seed/demo-disputes.ts), each in its own transactions.
 * A database that already has a partnership is left alone.
 */
export async function seedDemoData(db: Database, options: SeedOptions = {}): Promise<SeedResult> {
  const people = await seedPeople(db);
  if (!people.seeded || options.disputes === false) return people;
  let disputes: SeededDispute[];
  try {
    disputes = await seedDemoDisputes(db, { now: options.now ?? appNow(), policies: options.policies ?? policyRegistry() });
  } catch (error) {
    throw new Error(
      `The demo partnerships and users were loaded, but the demo disputes could not be: ${error instanceof Error ? error.message : String(error)} ` +
        "Delete the database (for the embedded one, its folder under .data) and start again.",
      { cause: error },
    );
  }
  return { seeded: true, summary: people.summary.replace(/\.$/, `, ${disputes.length} disputes.`), disputes };
}

async function seedPeople(db: Database): Promise<SeedResult> {
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
                create: { partnershipId: p.id, agencyId: agencyIds.get(`${p.id}/${u.agency}`)!, roles: u.roles, jobTitle: u.jobTitle },
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
              jobTitle: DEMO_SHARED_USER.jobTitle,
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
