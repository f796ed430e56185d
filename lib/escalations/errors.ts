/**
 * The application errors now live in lib/errors.ts, one family for every
 * module. This file only keeps the old names for the code that still imports
 * them from here (tests/support/escalations.ts, lib/notices/admin.ts); new code
 * imports lib/errors.ts.
 */
export * from "../errors";
export { AppError as EscalationError, isAppError as isEscalationError } from "../errors";
