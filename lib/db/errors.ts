/** A database problem explained in one line: what is wrong and what to do. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseUnavailableError";
  }
}

type PgLikeError = { code?: string; message?: string; errno?: number };

/** Turns a driver error from connecting to PostgreSQL into advice a person can act on. */
export function explainPostgresError(url: string, error: unknown): DatabaseUnavailableError {
  const where = describeUrl(url);
  const e = (error ?? {}) as PgLikeError;
  const code = e.code ?? "";
  let reason: string;
  switch (code) {
    case "ECONNREFUSED":
      reason = `connection refused at ${where}. Is PostgreSQL running there? Check DATABASE_URL.`;
      break;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      reason = `cannot find the host in DATABASE_URL (${where}). Check the host name.`;
      break;
    case "ETIMEDOUT":
      reason = `timed out connecting to ${where}. Check the host, port and any firewall.`;
      break;
    case "28P01":
    case "28000":
      reason = `PostgreSQL at ${where} refused the user name or password in DATABASE_URL.`;
      break;
    case "3D000":
      reason = `the database named in DATABASE_URL does not exist on ${where}. Create it (createdb) first.`;
      break;
    default:
      reason = `cannot connect to ${where}: ${e.message ?? String(error)}. Check DATABASE_URL.`;
  }
  return new DatabaseUnavailableError(`PostgreSQL unavailable: ${reason}`, { cause: error });
}

/** The URL without its password, safe to print. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname || u.searchParams.get("host") || "localhost";
    return `${host}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
