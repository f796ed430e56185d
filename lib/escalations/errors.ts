/**
 * The application errors a use case may throw. The API maps each to its HTTP
 * status (`status`); messages are plain British English and say what to do.
 */
import type { z } from "zod";

export type ErrorStatus = 400 | 403 | 404 | 409 | 422;

export abstract class EscalationError extends Error {
  abstract readonly status: ErrorStatus;
}

/** 400: the input is malformed. `fields` maps each field path ("subjects.0.initials") to what is wrong. */
export class ValidationError extends EscalationError {
  override readonly name = "ValidationError";
  readonly status = 400;
  readonly fields: Readonly<Record<string, string>>;

  constructor(fields: Record<string, string>, message?: string) {
    const messages = Object.values(fields);
    super(message ?? (messages.length === 1 ? (messages[0] as string) : `${messages.length} answers need correcting: ${summarise(fields)}`));
    this.fields = fields;
  }

  static field(path: string, message: string): ValidationError {
    return new ValidationError({ [path]: message });
  }

  static fromIssues(issues: readonly z.core.$ZodIssue[]): ValidationError {
    const fields: Record<string, string> = {};
    for (const issue of issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) fields[pathOf([...issue.path, key])] ??= "This field is not expected here; remove it.";
        continue;
      }
      fields[pathOf(issue.path)] ??= issue.message;
    }
    return new ValidationError(fields);
  }
}

/** 422: the input is well formed but the policy (or the dispute's state) does not allow it now. */
export class PreconditionError extends EscalationError {
  override readonly name = "PreconditionError";
  readonly status = 422;
}

/** 403: the actor may see the dispute but may not do this. */
export class ForbiddenError extends EscalationError {
  override readonly name = "ForbiddenError";
  readonly status = 403;
}

/**
 * 404: no such dispute, or one the actor may not see. The two are deliberately
 * indistinguishable so that nobody can learn a dispute exists by probing ids.
 */
export class NotFoundError extends EscalationError {
  override readonly name = "NotFoundError";
  readonly status = 404;

  constructor(message = "We could not find that dispute. Check the link, or ask the person who shared it to check that you have access.") {
    super(message);
  }
}

/** 409: someone else changed the dispute since the actor loaded it; nothing was saved. */
export class ConflictError extends EscalationError {
  override readonly name = "ConflictError";
  readonly status = 409;

  constructor(
    message = "Someone else changed this dispute while you were working on it, so your change was not saved. Reload the page to see the latest version, then try again.",
  ) {
    super(message);
  }
}

export const isEscalationError = (error: unknown): error is EscalationError => error instanceof EscalationError;

export function pathOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "_" : path.map((p) => String(p)).join(".");
}

function summarise(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([path, message]) => (path === "_" ? message : `${path}: ${message}`))
    .join(" ");
}
