import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import type { RequestContext } from "../../../lib/auth/audit";

export const browser = (ipAddress = "198.51.100.10"): RequestContext => ({ ipAddress, userAgent: "Mozilla/5.0 (test)" });

export const clock = (start = "2026-03-02T09:00:00Z") => {
  const t0 = new Date(start).getTime();
  return (minutes: number) => new Date(t0 + minutes * 60_000);
};

export async function userId(db: Database, email: string): Promise<string> {
  // Installation-level: test set-up.
  return asSystem(db, async (tx) => (await tx.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id);
}

export async function auditOf(db: Database, types?: string[]) {
  // Installation-level: sign-in events are installation-level, readable only here.
  return asSystem(db, (tx) =>
    tx.auditEvent.findMany({
      where: types ? { type: { in: types as never[] } } : {},
      orderBy: [{ at: "asc" }, { id: "asc" }],
    }),
  );
}
