import type { Actor } from "../auth/actor";
import type { Database } from "./connect";
import type { Prisma } from "./generated/client";

/**
 * The one path to partnership-owned data. Every read and write runs in a
 * transaction that tells the database whose request it is; the row-level
 * security policies (prisma/migrations/*_row_level_security) then show and
 * accept only that partnership's rows. Domain code receives a scoped client
 * (a distinct type), so a query that skips the scope does not compile.
 */

type Tx = Prisma.TransactionClient;
declare const partnershipScope: unique symbol;
declare const userScope: unique symbol;
declare const systemScope: unique symbol;

/** Partnership-owned data of the actor's partnership. */
export type PartnershipTx = Tx & { readonly [partnershipScope]: true };
/** The signed-in user's own memberships and their agencies, across partnerships. */
export type UserTx = Tx & { readonly [userScope]: true };
/** Installation-level work: seeding, the administrator command line, sign-in bookkeeping. */
export type SystemTx = Tx & { readonly [systemScope]: true };

export type TransactionOptions = {
  timeout?: number;
  maxWait?: number;
  /** Turn bitmap scans off for the whole transaction, in its first statement (see indexWalksOnly). */
  indexWalks?: boolean;
};

// PGlite runs one transaction at a time, so a request may wait its turn.
const DEFAULTS = { timeout: 20_000, maxWait: 15_000 };

/**
 * The database role each kind of work runs as (prisma/migrations/*_database_roles):
 * neither owns a table; only parley_system's installation-wide mode is honoured.
 */
export const APP_ROLE = "parley_app";
export const SYSTEM_ROLE = "parley_system";

async function scoped<T, S>(
  db: Database,
  settings: { partnershipId?: string; userId?: string; system?: boolean },
  run: (tx: S) => Promise<T>,
  options?: TransactionOptions,
): Promise<T> {
  // Installation-level work has its own connection when one is configured (DATABASE_SYSTEM_URL).
  const client = settings.system ? (db.systemPrisma ?? db.prisma) : db.prisma;
  const { indexWalks, ...timing } = options ?? {};
  return client.$transaction(
    async (tx) => {
      // jit off: compiling a short request's query costs more than it saves (about
      // 170 ms of a 344 ms list query at a million disputes). PGlite accepts it too.
      await tx.$queryRaw`select
        set_config('role', ${settings.system ? SYSTEM_ROLE : APP_ROLE}, true),
        set_config('parley.partnership_id', ${settings.partnershipId ?? ""}, true),
        set_config('parley.user_id', ${settings.userId ?? ""}, true),
        set_config('parley.system', ${settings.system ? "on" : ""}, true),
        set_config('jit', 'off', true),
        set_config('enable_bitmapscan', CASE WHEN ${indexWalks === true} THEN 'off' ELSE current_setting('enable_bitmapscan') END, true)`;
      if (indexWalks) bitmapScansOff.add(tx);
      return run(tx as S);
    },
    { ...DEFAULTS, ...timing },
  );
}

// Transactions that have already turned bitmap scans off.
const bitmapScansOff = new WeakSet<object>();

/**
 * Bitmap scans off for the rest of this transaction: the lists' index walks
 * need it (lib/escalations/list-escalations.ts says why). A transaction opened
 * with `indexWalks` did it in its first statement and pays no round trip here;
 * one that reads several lists pays it once.
 */
export async function indexWalksOnly(tx: PartnershipTx): Promise<void> {
  if (bitmapScansOff.has(tx)) return;
  await tx.$queryRaw`SELECT set_config('enable_bitmapscan', 'off', true)`;
  bitmapScansOff.add(tx);
}

export function inPartnership<T>(
  db: Database,
  actor: Pick<Actor, "partnershipId" | "userId">,
  run: (tx: PartnershipTx) => Promise<T>,
  options?: TransactionOptions,
): Promise<T> {
  return scoped(db, { partnershipId: actor.partnershipId, userId: actor.userId }, run, options);
}

/**
 * Installation-level work on one partnership's data, with no user behind it
 * (recomputing stored deadlines after a calendar changes). Same row-level scope
 * as a request from that partnership.
 */
export function asPartnershipSystem<T>(db: Database, partnershipId: string, run: (tx: PartnershipTx) => Promise<T>, options?: TransactionOptions): Promise<T> {
  return scoped(db, { partnershipId }, run, options);
}

export function asUser<T>(db: Database, userId: string, run: (tx: UserTx) => Promise<T>, options?: TransactionOptions): Promise<T> {
  return scoped(db, { userId }, run, options);
}

/**
 * The installation-level connection for one statement outside any transaction:
 * only for a database function that scopes itself (parley_session, the session
 * lookup every signed-in request makes; a transaction would add three round
 * trips to each). Everything else goes through the scoped transactions here.
 */
export function selfScopedStatements(db: Database): Pick<Database["prisma"], "$queryRaw"> {
  return db.systemPrisma ?? db.prisma;
}

/** Use sparingly and say why at the call site: this sees every partnership. */
export function asSystem<T>(db: Database, run: (tx: SystemTx) => Promise<T>, options?: TransactionOptions): Promise<T> {
  return scoped(db, { system: true }, run, options);
}
