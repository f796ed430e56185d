/**
 * The errors Parley's use cases throw on purpose, one family for every module
 * (disputes, people, agencies' contacts, API tokens, notices), and the two ways
 * they are shown: `httpError` for the JSON API (lib/api/responses.ts) and
 * `formFailure` for a form posted to a server action. Messages are plain
 * British English and say what to do. Anything else that is thrown is a bug:
 * the API answers 500 with a reference, a page shows its error page.
 */
import type { z } from "zod";

export type ErrorStatus = 400 | 403 | 404 | 409 | 422;

export abstract class AppError extends Error {
  /** The HTTP status the API answers with. */
  abstract readonly status: ErrorStatus;
}

/** 400: the input is malformed. `fields` maps each field path ("subjects.0.initials") to what is wrong. */
export class ValidationError extends AppError {
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

/**
 * 400: what an administrator asked for (on the command line, or through a page
 * that shares its code) cannot be done, in one line without a full stop
 * ("no user with email …"). A form says "This could not be done: <it>."
 */
export class UserInputError extends AppError {
  override readonly name = "UserInputError";
  readonly status = 400;
}

/** 422: the input is well formed but the policy (or the dispute's state) does not allow it now. */
export class PreconditionError extends AppError {
  override readonly name = "PreconditionError";
  readonly status = 422;
}

/** 403: the actor may see the dispute but may not do this. */
export class ForbiddenError extends AppError {
  override readonly name = "ForbiddenError";
  readonly status = 403;
}

/**
 * 404: no such dispute, or one the actor may not see. The two are deliberately
 * indistinguishable so that nobody can learn a dispute exists by probing ids.
 */
export class NotFoundError extends AppError {
  override readonly name = "NotFoundError";
  readonly status = 404;

  constructor(message = "We could not find that dispute. Check the link, or ask the person who shared it to check that you have access.") {
    super(message);
  }
}

/** 409: someone else changed the dispute since the actor loaded it; nothing was saved. */
export class ConflictError extends AppError {
  override readonly name = "ConflictError";
  readonly status = 409;

  constructor(
    message = "Someone else changed this dispute while you were working on it, so your change was not saved. Reload the page to see the latest version, then try again.",
  ) {
    super(message);
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

export function pathOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "_" : path.map((p) => String(p)).join(".");
}

function summarise(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([path, message]) => (path === "_" ? message : `${path}: ${message}`))
    .join(" ");
}

// --- How each is shown --------------------------------------------------------

export type HttpErrorCode = "invalid_request" | "forbidden" | "not_found" | "conflict" | "precondition_failed";

const HTTP_CODES: Record<ErrorStatus, HttpErrorCode> = {
  400: "invalid_request",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  422: "precondition_failed",
};

/** The JSON API's answer to an application error: its status, code, message and the fields at fault. */
export function httpError(error: AppError): { status: ErrorStatus; code: HttpErrorCode; message: string; fields: Record<string, string> } {
  return { status: error.status, code: HTTP_CODES[error.status], message: error.message, fields: error instanceof ValidationError ? { ...error.fields } : {} };
}

/**
 * What a form does with an application error, or null for any other error (a
 * bug, to be thrown on): put messages beside the `fields` at fault; show
 * `message` above the form; for `not_found`, show the not-found page (a
 * dispute's forms) or the message (the administration pages); for `conflict`,
 * show what changed and let the form be sent again.
 */
export type FormFailure =
  | { kind: "fields"; fields: Readonly<Record<string, string>> }
  | { kind: "message"; message: string }
  | { kind: "not_found"; message: string }
  | { kind: "conflict"; message: string };

export function formFailure(error: unknown): FormFailure | null {
  if (error instanceof ValidationError) return { kind: "fields", fields: error.fields };
  if (error instanceof NotFoundError) return { kind: "not_found", message: error.message };
  if (error instanceof ConflictError) return { kind: "conflict", message: error.message };
  if (error instanceof UserInputError) return { kind: "message", message: `This could not be done: ${error.message}.` };
  if (error instanceof AppError) return { kind: "message", message: error.message };
  return null;
}
