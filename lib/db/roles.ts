import type { Database } from "./connect";
import { APP_ROLE, SYSTEM_ROLE } from "./scope";

/**
 * Whether the configured logins can take the roles every transaction runs as
 * (docs/deployment.md, "Database roles"). Checked at start-up, so that a
 * misconfigured login stops the start with what to fix instead of failing each
 * request with "permission denied to set role".
 */
export async function roleProblems(db: Database): Promise<string[]> {
  const problems: string[] = [];
  const check = async (client: Database["prisma"], variable: string, role: string) => {
    const [row] = await client.$queryRawUnsafe<{ login: string; superuser: boolean; bypass: boolean; member: boolean }[]>(
      `select r.rolname as login, r.rolsuper as superuser, r.rolbypassrls as bypass, pg_has_role(current_user, $1, 'MEMBER') as member
         from pg_roles r where r.rolname = current_user`,
      role,
    );
    if (!row) return;
    if (row.superuser || row.bypass) {
      problems.push(
        `${variable} connects as ${row.login}, which ${row.superuser ? "is a superuser" : "has BYPASSRLS"}: row-level security would not apply. Connect as an ordinary role.`,
      );
    } else if (!row.member) {
      problems.push(`${variable} connects as ${row.login}, which is not a member of ${role}. As a database administrator: GRANT ${role} TO "${row.login}";`);
    }
  };
  const systemVariable = db.systemPrisma ? "DATABASE_SYSTEM_URL" : "DATABASE_URL";
  await check(db.prisma, "DATABASE_URL", APP_ROLE);
  await check(db.systemPrisma ?? db.prisma, systemVariable, SYSTEM_ROLE);
  return problems;
}
